import { runGraph } from "./functions/run-graph";
import { deliverWebhook } from "./functions/deliver-webhook";
import { chainRuns } from "./functions/chain-finished-run";
import { deliverApprovalNoticeFn } from "./functions/deliver-approval-notice";
import { schedulerTick } from "./functions/scheduler-tick";
import { schedulerReconcile } from "./functions/scheduler-reconcile";
import { scheduleRunEnded, scheduleRunFinished } from "./functions/scheduler-run-finished";

/** Every function the app serves at /api/inngest. */
export const functions = [runGraph, deliverWebhook, chainRuns, deliverApprovalNoticeFn, schedulerTick, schedulerReconcile, scheduleRunFinished, scheduleRunEnded];
export { inngest } from "../lib/events/client";
