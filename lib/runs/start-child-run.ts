import "server-only";
import { notFound } from "../errors";
import type { WorkspaceContext } from "../auth/context";
import { startRun } from "./start-run";

/**
 * Creates the run of a subgraph node, pinned to the requested (or latest)
 * version of the child graph. The parent's step.invoke starts it, so no event
 * is sent here; its spend rolls up to the parent through rootRunId.
 */
export async function startChildRun(
  ctx: WorkspaceContext,
  args: { parentRunId: string; parentNodeId: string; graph: string; version?: number; input: Record<string, unknown>; tags: string[]; customerKey: string | null; /** one child run per key (default: one per parent node) */ idempotencyKey?: string },
) {
  const graph = await ctx.db.graph.findFirst({ where: { archivedAt: null, OR: [{ id: args.graph }, { name: args.graph }] }, select: { id: true } });
  if (!graph) throw notFound(`Graph "${args.graph}"`);
  const parent = await ctx.db.run.findFirstOrThrow({ where: { id: args.parentRunId }, select: { rootRunId: true } });
  return startRun(
    ctx,
    graph.id,
    { input: args.input, version: args.version, tags: args.tags, ...(args.customerKey ? { customerKey: args.customerKey } : {}), idempotencyKey: args.idempotencyKey ?? `subgraph:${args.parentRunId}:${args.parentNodeId}` },
    { parentRunId: args.parentRunId, parentNodeId: args.parentNodeId, rootRunId: parent.rootRunId ?? args.parentRunId, startedBy: `run:${args.parentRunId}`, send: false },
  );
}
