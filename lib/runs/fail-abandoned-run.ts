import "server-only";
import { systemContext } from "../runtime/system-context";
import { announceSlotFreed } from "../runtime/acquire-run-slot";

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
    await ctx.db.nodeRun.updateMany({ where: { runId, status: { in: ["queued", "running", "waiting", "paused"] } }, data: { status: "failed", endedAt: now } });
    await ctx.db.traceEvent.create({ data: { runId, nodeId: null, type: "run.failed", message: `Run failed: ${reason}` } as never });
  }
  await announceSlotFreed(ctx, runId);
}
