/** `npm start` — the whole product from the production build (`npm run build`). */
import { launch } from "./lib/launch";

await launch("start");
