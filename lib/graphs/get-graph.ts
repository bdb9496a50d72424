import "server-only";
import { notFound } from "../errors";
import type { WorkspaceContext } from "../auth/context";
import type { TGraphSpec } from "./spec/schema";

/** A graph with its latest spec and the list of its versions. */
export async function getGraphOrThrow(ctx: WorkspaceContext, id: string) {
  const graph = await ctx.db.graph.findFirst({ where: { id, archivedAt: null } });
  if (!graph) throw notFound("Graph");
  const versions = await ctx.db.graphVersion.findMany({
    where: { graphId: id },
    orderBy: { version: "desc" },
    select: { id: true, version: true, specHash: true, message: true, createdById: true, createdAt: true },
  });
  const latest = await ctx.db.graphVersion.findFirstOrThrow({ where: { graphId: id, version: graph.latestVersion } });
  return {
    id: graph.id,
    name: graph.name,
    description: graph.description,
    version: graph.latestVersion,
    spec: latest.spec as TGraphSpec,
    createdAt: graph.createdAt,
    updatedAt: graph.updatedAt,
    versions,
  };
}

/** One version of a graph (latest when `version` is omitted). */
export async function getGraphVersionOrThrow(ctx: WorkspaceContext, graphId: string, version?: number) {
  const graph = await ctx.db.graph.findFirst({ where: { id: graphId, archivedAt: null } });
  if (!graph) throw notFound("Graph");
  const row = await ctx.db.graphVersion.findFirst({ where: { graphId, version: version ?? graph.latestVersion } });
  if (!row) throw notFound(`Version ${version} of this graph`);
  return { ...row, spec: row.spec as TGraphSpec, graph };
}

/** Graphs of the workspace, most recently changed first, with their run counts. */
export async function listGraphs(ctx: WorkspaceContext) {
  const graphs = await ctx.db.graph.findMany({ where: { archivedAt: null }, orderBy: { updatedAt: "desc" } });
  const counts = await ctx.db.run.groupBy({ by: ["graphId"], _count: { _all: true }, _max: { createdAt: true } });
  const byGraph = new Map(counts.map((c) => [c.graphId, c]));
  return graphs.map((g) => ({
    id: g.id,
    name: g.name,
    description: g.description,
    version: g.latestVersion,
    updatedAt: g.updatedAt,
    runs: byGraph.get(g.id)?._count._all ?? 0,
    lastRunAt: byGraph.get(g.id)?._max.createdAt ?? null,
  }));
}
