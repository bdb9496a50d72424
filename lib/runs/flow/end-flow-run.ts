import "server-only";
import type { WorkspaceContext } from "../../auth/context";
import { inngest } from "../../events/client";
import { EVENTS } from "../../events/names";
import { announceRunFinished } from "../../events/announce-run-finished";
import { announceSlotFreed } from "../../runtime/acquire-run-slot";
import type { FireOutcome } from "../../triggers/outcomes";

/** Fire outcomes that name a run that was to start (the ones a flow ending rewrites). */
const RUN_OUTCOMES: FireOutcome[] = ["started", "debounced", "coalesced"];

/**
 * The rest of ending a run that flow control ended before it began (its row is already
 * `cancelled` with the reason in `error`): its node runs cancelled, a trace event, the fires that
 * started it (or were coalesced into it) rewritten in place to `outcome` with the reason — the
 * scheduler's view shows a fire that did not become a run as such —, the engine told (a run
 * still sleeping in its gate ends at once), and graph_completed chaining and slot waiters told.
 */
export async function settleFlowEndedRun(ctx: WorkspaceContext, runId: string, end: { outcome: FireOutcome; reason: string; traceType: string }) {
  const now = new Date();
  // one transaction: whoever sees the nodes cancelled sees the fire's outcome and the trace too
  await ctx.db.$transaction(async (tx) => {
    await tx.nodeRun.updateMany({ where: { runId, status: { in: ["queued", "running", "waiting", "paused"] } }, data: { status: "cancelled", endedAt: now } });
    await tx.traceEvent.create({ data: { runId, nodeId: null, type: end.traceType, message: end.reason } as never });
    await tx.triggerFire.updateMany({ where: { runId, outcome: { in: RUN_OUTCOMES } }, data: { outcome: end.outcome, reason: end.reason } });
  });
  await inngest.send({ name: EVENTS.runCancelled, data: { runId, workspaceId: ctx.workspace.id } }).catch(() => {
    // the row is already cancelled: the run's gate sees it at its next look
  });
  await announceSlotFreed(ctx, runId);
  await announceRunFinished(ctx, runId, "cancelled");
}
