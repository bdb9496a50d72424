import "server-only";
import { notFound } from "../errors";
import type { WorkspaceContext } from "../auth/context";

const money = (d: { toString(): string } | null | undefined) => (d == null ? 0 : Number(d.toString()));

/** A run with its node runs, in the REST API's shape. */
export async function getRunOrThrow(ctx: WorkspaceContext, id: string) {
  const run = await ctx.db.run.findFirst({ where: { id }, include: { nodeRuns: true } });
  if (!run) throw notFound("Run");
  const version = await ctx.db.graphVersion.findFirst({ where: { id: run.graphVersionId }, select: { spec: true } });
  const order = new Map(((version?.spec as { nodes?: { id: string }[] })?.nodes ?? []).map((n, i) => [n.id, i]));
  return {
    id: run.id,
    status: run.status,
    graphId: run.graphId,
    graphVersion: run.version,
    graphVersionId: run.graphVersionId,
    input: run.input,
    output: run.output,
    error: run.error,
    tags: run.tags,
    customerKey: run.customerKey,
    pausedReason: run.pausedReason,
    parentRunId: run.parentRunId,
    rerunOfId: run.rerunOfId,
    rerunFromNode: run.rerunFromNode,
    startedBy: run.startedBy,
    costUsd: money(run.costUsd),
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    nodes: run.nodeRuns
      .sort((a, b) => (order.get(a.nodeId) ?? 0) - (order.get(b.nodeId) ?? 0))
      .map((n) => ({
        nodeId: n.nodeId,
        type: n.nodeType,
        status: n.status,
        attempts: n.attempts,
        model: n.model,
        provider: n.provider,
        inputTokens: n.inputTokens,
        outputTokens: n.outputTokens,
        costUsd: money(n.costUsd),
        input: n.input,
        output: n.output,
        error: n.error,
        provenance: n.provenance,
        startedAt: n.startedAt,
        endedAt: n.endedAt,
      })),
  };
}

/** Trace events of a run after `afterId` (for live views that poll). */
export async function listRunTrace(ctx: WorkspaceContext, runId: string, afterId = 0n, limit = 500) {
  const run = await ctx.db.run.findFirst({ where: { id: runId }, select: { id: true } });
  if (!run) throw notFound("Run");
  const rows = await ctx.db.traceEvent.findMany({ where: { runId, id: { gt: afterId } }, orderBy: { id: "asc" }, take: limit });
  return rows.map((r) => ({ ...r, id: r.id.toString() }));
}
