import { runGraph } from "./functions/run-graph";
import { deliverWebhook } from "./functions/deliver-webhook";

/** Every function the app serves at /api/inngest. */
export const functions = [runGraph, deliverWebhook];
export { inngest } from "../lib/events/client";
