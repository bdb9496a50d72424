import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { trace } from "./run-state";

/**
 * `onError: { fallback }`: once the fallback succeeds, its output stands in for the failed
 * nodes it protects. Their rows stay `failed` (with their error) and carry the fallback's
 * output, so the run view shows what downstream nodes received; templates read it as the
 * failed node's output, with `nodes.<id>.status` = `"fallback"`.
 */
export async function standInForFailed(ctx: WorkspaceContext, runId: string, fallbackId: string, failedIds: string[], output: unknown) {
  await ctx.db.nodeRun.updateMany({ where: { runId, nodeId: { in: failedIds }, status: "failed" }, data: { output: (output ?? null) as never } });
  for (const id of failedIds) await trace(ctx, runId, id, "node.fallback", `The output of fallback ${fallbackId} stands in for this node's`, { fallback: fallbackId });
}
