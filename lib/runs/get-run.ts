import "server-only";
import { notFound } from "../errors";
import type { WorkspaceContext } from "../auth/context";
import { actorLabels } from "../breakers/actor-label";

const money = (d: { toString(): string } | null | undefined) => (d == null ? 0 : Number(d.toString()));

const ACTOR_REF = /^(user|apikey):[A-Za-z0-9_-]+$/;

/** The actor refs (`user:<id>`, `apikey:<id>`) a JSON value holds as strings, such as an approval's `decidedBy`. */
function actorRefsIn(value: unknown, out: Set<string>, depth = 0): Set<string> {
  if (depth > 20) return out;
  if (typeof value === "string") {
    if (ACTOR_REF.test(value)) out.add(value);
  } else if (Array.isArray(value)) for (const v of value) actorRefsIn(v, out, depth + 1);
  else if (value && typeof value === "object") for (const v of Object.values(value)) actorRefsIn(v, out, depth + 1);
  return out;
}

/**
 * A run with its node runs, in the REST API's shape. Outputs stay as stored (machine-readable);
 * `names` maps the actor refs found in them (`"user:usr_…"`, `"apikey:key_…"`) and in
 * `startedBy` to whom they name, for screens to show people rather than ids; `graphName` is the
 * graph's current name.
 */
export async function getRunOrThrow(ctx: WorkspaceContext, id: string) {
  const run = await ctx.db.run.findFirst({ where: { id }, include: { nodeRuns: true, graph: { select: { name: true } } } });
  if (!run) throw notFound("Run");
  const refs = actorRefsIn([run.output, run.startedBy, ...run.nodeRuns.map((n) => n.output)], new Set());
  const labels = refs.size ? await actorLabels(ctx, refs) : new Map<string, string>();
  const names = Object.fromEntries([...labels].filter(([ref, label]) => label !== ref));
  const version = await ctx.db.graphVersion.findFirst({ where: { id: run.graphVersionId }, select: { spec: true } });
  const order = new Map(((version?.spec as { nodes?: { id: string }[] })?.nodes ?? []).map((n, i) => [n.id, i]));
  return {
    id: run.id,
    status: run.status,
    graphId: run.graphId,
    graphName: run.graph.name,
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
    names,
  };
}

/** Trace events of a run after `afterId` (for live views that poll). */
export async function listRunTrace(ctx: WorkspaceContext, runId: string, afterId = 0n, limit = 500) {
  const run = await ctx.db.run.findFirst({ where: { id: runId }, select: { id: true } });
  if (!run) throw notFound("Run");
  const rows = await ctx.db.traceEvent.findMany({ where: { runId, id: { gt: afterId } }, orderBy: { id: "asc" }, take: limit });
  return rows.map((r) => ({ ...r, id: r.id.toString() }));
}
