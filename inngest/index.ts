import { runGraph } from "./functions/run-graph";
import { deliverWebhook } from "./functions/deliver-webhook";
import { chainRuns } from "./functions/chain-finished-run";

/** Every function the app serves at /api/inngest. */
export const functions = [runGraph, deliverWebhook, chainRuns];
export { inngest } from "../lib/events/client";
