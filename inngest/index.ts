import { runGraph } from "./functions/run-graph";

/** Every function the app serves at /api/inngest. */
export const functions = [runGraph];
export { inngest } from "./client";
