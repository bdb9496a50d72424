/** `npm run dev` — the whole product with hot reload. */
import { launch } from "./lib/launch";

await launch("dev");
