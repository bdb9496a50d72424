import "server-only";
import { notFound } from "../errors";
import type { WorkspaceContext } from "../auth/context";
import { actorLabels } from "../breakers/actor-label";
import type { TGraphSpec } from "./spec/schema";

/**
 * A graph with its latest spec and the list of its versions (archived graphs too: `archivedAt`
 * says so), each with who saved it by name (`createdByName`).
 */
export async function getGraphOrThrow(ctx: WorkspaceContext, id: string) {
  const graph = await ctx.db.graph.findFirst({ where: { id } });
  if (!graph) throw notFound("Graph");
  const versions = await ctx.db.graphVersion.findMany({
    where: { graphId: id },
    orderBy: { version: "desc" },
    select: { id: true, version: true, specHash: true, message: true, createdById: true, createdAt: true },
  });
  const latest = await ctx.db.graphVersion.findFirstOrThrow({ where: { graphId: id, version: graph.latestVersion } });
  const authors = await actorLabels(ctx, versions.map((v) => (v.createdById ? `user:${v.createdById}` : null)));
  const authorOf = (userId: string | null) => {
    const label = userId ? authors.get(`user:${userId}`) : undefined;
    return label && label !== `user:${userId}` ? label : null;
  };
  return {
    id: graph.id,
    name: graph.name,
    description: graph.description,
    version: graph.latestVersion,
    spec: latest.spec as TGraphSpec,
    createdAt: graph.createdAt,
    updatedAt: graph.updatedAt,
    archivedAt: graph.archivedAt,
    versions: versions.map((v) => ({ ...v, createdByName: authorOf(v.createdById) })),
  };
}

/**
 * One version of a graph (latest when `version` is omitted). Archived graphs' versions stay
 * readable; starting a run checks `graph.archivedAt`.
 */
export async function getGraphVersionOrThrow(ctx: WorkspaceContext, graphId: string, version?: number) {
  const graph = await ctx.db.graph.findFirst({ where: { id: graphId } });
  if (!graph) throw notFound("Graph");
  const row = await ctx.db.graphVersion.findFirst({ where: { graphId, version: version ?? graph.latestVersion } });
  if (!row) throw notFound(`Version ${version} of this graph`);
  return { ...row, spec: row.spec as TGraphSpec, graph };
}

/** Graphs of the workspace, most recently changed first, with their run counts. Archived graphs only with `archived: true`. */
export async function listGraphs(ctx: WorkspaceContext, opts: { archived?: boolean } = {}) {
  const graphs = await ctx.db.graph.findMany({ where: { archivedAt: opts.archived ? { not: null } : null }, orderBy: { updatedAt: "desc" } });
  const ids = graphs.map((g) => g.id);
  const counts = ids.length ? await ctx.db.run.groupBy({ by: ["graphId"], where: { graphId: { in: ids } }, _count: { _all: true }, _max: { createdAt: true } }) : [];
  const byGraph = new Map(counts.map((c) => [c.graphId, c]));
  return graphs.map((g) => ({
    id: g.id,
    name: g.name,
    description: g.description,
    version: g.latestVersion,
    updatedAt: g.updatedAt,
    archivedAt: g.archivedAt,
    runs: byGraph.get(g.id)?._count._all ?? 0,
    lastRunAt: byGraph.get(g.id)?._max.createdAt ?? null,
  }));
}
