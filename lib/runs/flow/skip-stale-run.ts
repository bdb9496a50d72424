import "server-only";
import type { WorkspaceContext } from "../../auth/context";
import { formatDuration, parseDuration } from "../../graphs/spec/duration";
import { settleFlowEndedRun } from "./end-flow-run";

/**
 * Graph `flow.maxAge`, as a run is about to begin: a run whose request (`requestedAt`, a
 * trigger's payload time; else when the run was created) is older than `maxAge` is not executed.
 * It ends `cancelled` with `error.code` `stale` and a message saying how old it was and the limit,
 * and its fire is rewritten to outcome `stale`. The check and the end are one conditional UPDATE
 * (a payload coalesced into the run meanwhile makes it fresh again). Returns whether it was stale.
 */
export async function skipIfStale(ctx: WorkspaceContext, run: { id: string; requestedAt: Date | null; createdAt: Date }, maxAge: string): Promise<boolean> {
  const now = Date.now();
  const cutoff = new Date(now - parseDuration(maxAge));
  const requested = run.requestedAt ?? run.createdAt;
  if (requested >= cutoff) return false;
  const reason = `Not started: its request was ${formatDuration(now - requested.getTime())} old when it would have begun, older than the graph's flow.maxAge (${maxAge}).`;
  const ended = await ctx.db.run.updateMany({
    where: { id: run.id, status: "queued", OR: [{ requestedAt: { lt: cutoff } }, { requestedAt: null, createdAt: { lt: cutoff } }] },
    data: { status: "cancelled", endedAt: new Date(now), pausedReason: null, error: { code: "stale", message: reason } as never },
  });
  if (!ended.count) return false;
  await settleFlowEndedRun(ctx, run.id, { outcome: "stale", reason, traceType: "run.stale" });
  return true;
}
