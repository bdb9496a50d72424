/** `npm run db:seed` — ensures the demo workspace and login exist. */
import { DEMO_USER, seedDemo } from "../lib/seed/seed-demo";
import { getPrisma } from "../lib/db/client";

const result = await seedDemo({ vendorApiUrl: `http://127.0.0.1:${process.env.VENDOR_REGISTRY_PORT ?? 8390}` });
console.log(result.created ? "Seeded the demo workspace." : "The demo workspace already exists.");
console.log(`Demo login: ${DEMO_USER.email} / ${DEMO_USER.password}`);
await getPrisma().$disconnect();
