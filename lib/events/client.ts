import { Inngest } from "inngest";

/**
 * The app's Inngest client. With INNGEST_DEV=1 and INNGEST_BASE_URL pointing at
 * the embedded engine (what `npm run dev` sets), functions run on the embedded
 * engine; with Inngest's standard variables they run on Inngest Cloud or a
 * self-hosted Inngest, unchanged.
 */
export const inngest = new Inngest({ id: "switchyard" });
