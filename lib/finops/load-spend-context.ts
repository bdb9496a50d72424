import "server-only";
import type { WorkspaceContext } from "../auth/context";
import type { TGraphSpec } from "../graphs/spec/schema";
import { notFound } from "../errors";
import type { AncestorRun, SpendContext } from "./attribution";
import { ensureSpecBudgets } from "./ensure-spec-budgets";

/** Delegation trees deeper than this are cut (and spend still counts for the levels loaded). */
const MAX_DEPTH = 32;

/**
 * Full attribution of spend by a node of a run: the run's graph, version, tags, customer key,
 * trigger and API key, and the chain of ancestor runs (each with the node that delegated).
 * Also materialises the spec budgets of every version involved, so they can be reserved in.
 *
 * @example
 * const spend = await loadSpendContext(ctx, { runId: plan.runId, nodeId: "draft", attempt: 1 });
 */
export async function loadSpendContext(ctx: WorkspaceContext, args: { runId: string; nodeId?: string | null; attempt?: number; tags?: string[] }): Promise<SpendContext> {
  const run = await ctx.db.run.findFirst({
    where: { id: args.runId },
    select: { id: true, graphId: true, graphVersionId: true, version: true, tags: true, customerKey: true, triggerId: true, startedBy: true, parentRunId: true, parentNodeId: true, rootRunId: true },
  });
  if (!run) throw notFound("Run");
  const ancestors: AncestorRun[] = [];
  let parentId = run.parentRunId;
  let delegatingNodeId = run.parentNodeId;
  const versions = new Set<string>([run.graphVersionId]);
  for (let depth = 0; parentId && depth < MAX_DEPTH; depth++) {
    const parent = await ctx.db.run.findFirst({
      where: { id: parentId },
      select: { id: true, graphId: true, graphVersionId: true, tags: true, customerKey: true, parentRunId: true, parentNodeId: true },
    });
    if (!parent) break;
    ancestors.push({ runId: parent.id, graphId: parent.graphId, graphVersionId: parent.graphVersionId, tags: parent.tags, customerKey: parent.customerKey, delegatingNodeId });
    versions.add(parent.graphVersionId);
    parentId = parent.parentRunId;
    delegatingNodeId = parent.parentNodeId;
  }
  const specs = await ctx.db.graphVersion.findMany({ where: { id: { in: [...versions] } }, select: { id: true, graphId: true, spec: true } });
  for (const v of specs) await ensureSpecBudgets(ctx, v.id, v.graphId, v.spec as unknown as TGraphSpec);
  const apiKeyId = run.startedBy?.startsWith("apikey:") ? run.startedBy.slice("apikey:".length) : null;
  return {
    runId: run.id,
    rootRunId: run.rootRunId ?? run.id,
    graphId: run.graphId,
    graphVersionId: run.graphVersionId,
    graphVersion: run.version,
    nodeId: args.nodeId ?? null,
    agent: args.nodeId ?? null,
    attempt: args.attempt ?? 1,
    tags: [...new Set([...run.tags, ...(args.tags ?? [])])],
    customerKey: run.customerKey,
    triggerId: run.triggerId,
    apiKeyId,
    ancestors,
  };
}
