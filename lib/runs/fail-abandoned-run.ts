import "server-only";
import { systemContext } from "../runtime/system-context";
import { announceSlotFreed } from "../runtime/acquire-run-slot";
import { exportNodeSpan, exportRunSpan } from "../telemetry";

/**
 * A run the engine gave up on (its function failed for good, e.g. after repeated crashes)
 * ends `failed` with the engine's reason, unless it already ended; either way runs waiting
 * for its concurrency slot are woken.
 */
export async function failAbandonedRun(workspaceId: string, runId: string, reason: string) {
  const ctx = await systemContext(workspaceId);
  const now = new Date();
  const { count } = await ctx.db.run.updateMany({
    where: { id: runId, status: { notIn: ["succeeded", "failed", "cancelled"] } },
    data: { status: "failed", endedAt: now, pausedReason: null, error: { reason: "engine_failed", message: `The run stopped: ${reason}` } as never },
  });
  if (count) {
    const nodes = await ctx.db.nodeRun.updateManyAndReturn({ where: { runId, status: { in: ["queued", "running", "waiting", "paused"] } }, data: { status: "failed", endedAt: now }, select: { nodeId: true, startedAt: true } });
    await ctx.db.traceEvent.create({ data: { runId, nodeId: null, type: "run.failed", message: `Run failed: ${reason}` } as never });
    exportRunSpan(ctx, runId);
    for (const node of nodes) if (node.startedAt) exportNodeSpan(ctx, runId, node.nodeId);
  }
  await announceSlotFreed(ctx, runId);
}
