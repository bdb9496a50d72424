/** `npm run db:seed` — ensures the demo workspace and login exist. */
import { DEMO_USER, seedDemo } from "../lib/seed/seed-demo";
import { getPrisma } from "../lib/db/client";

const result = await seedDemo();
console.log(result.created ? "Seeded the demo workspace." : "The demo workspace already exists.");
console.log(`Demo login: ${DEMO_USER.email} / ${DEMO_USER.password}`);
await getPrisma().$disconnect();
