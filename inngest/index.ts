import { runGraph } from "./functions/run-graph";
import { deliverWebhook } from "./functions/deliver-webhook";
import { chainRuns } from "./functions/chain-finished-run";
import { deliverApprovalNoticeFn } from "./functions/deliver-approval-notice";

/** Every function the app serves at /api/inngest. */
export const functions = [runGraph, deliverWebhook, chainRuns, deliverApprovalNoticeFn];
export { inngest } from "../lib/events/client";
