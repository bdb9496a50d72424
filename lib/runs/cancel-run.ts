import "server-only";
import { AppError, notFound } from "../errors";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { WorkspaceContext } from "../auth/context";
import { inngest } from "../events/client";
import { EVENTS } from "../events/names";
import { announceSlotFreed } from "../runtime/acquire-run-slot";
import { announceRunFinished } from "../events/announce-run-finished";
import { exportHumanWaitSpan, exportNodeSpan, exportRunSpan } from "../telemetry";

const ACTIVE = ["queued", "running", "waiting", "paused"] as const;

/**
 * Cancels a run: the row is marked at once (so the UI and API agree
 * immediately) and the engine is told through the run function's `cancelOn`
 * event, which works the same on the embedded engine and on Inngest.
 */
export async function cancelRun(ctx: WorkspaceContext, runId: string) {
  const run = await ctx.db.run.findFirst({ where: { id: runId }, select: { id: true, status: true } });
  if (!run) throw notFound("Run");
  if (!(ACTIVE as readonly string[]).includes(run.status)) throw new AppError("conflict", `The run already ended (${run.status}).`);
  const now = new Date();
  await ctx.db.run.updateMany({ where: { id: runId, status: { in: [...ACTIVE] } }, data: { status: "cancelled", endedAt: now } });
  const nodes = await ctx.db.nodeRun.updateManyAndReturn({ where: { runId, status: { in: ["queued", "running", "waiting", "paused"] } }, data: { status: "cancelled", endedAt: now }, select: { nodeId: true, startedAt: true } });
  const items = await ctx.db.approval.updateManyAndReturn({ where: { runId, status: "pending" }, data: { status: "cancelled" }, select: { id: true } });
  // sub-runs started by this run stop with it
  const children = await ctx.db.run.findMany({ where: { parentRunId: runId, status: { in: [...ACTIVE] } }, select: { id: true } });
  for (const child of children) await cancelRun(ctx, child.id).catch(() => {});
  await inngest.send({ name: EVENTS.runCancelled, data: { runId, workspaceId: ctx.workspace.id } }).catch(() => {
    // the row is already cancelled; a run the engine still holds ends at its next step (see run-graph)
  });
  await announceSlotFreed(ctx, runId);
  await announceRunFinished(ctx, runId, "cancelled");
  // the spans of what the cancellation ended: the run, its nodes under way, its open inbox items
  exportRunSpan(ctx, runId);
  for (const node of nodes) if (node.startedAt) exportNodeSpan(ctx, runId, node.nodeId);
  for (const item of items) exportHumanWaitSpan(ctx, item.id);
  await recordAuditEvent(ctx.actor, { workspaceId: ctx.workspace.id, action: "run.cancel", targetType: "run", targetId: runId });
  return { id: runId, status: "cancelled" as const };
}
