import "server-only";
import { parseCursor } from "../api/cursor";
import type { WorkspaceContext } from "../auth/context";
import type { TListRunsQuery } from "./list-runs-query";

export { RUN_STATUSES, ZListRunsQuerySchema, type TListRunsQuery } from "./list-runs-query";

/** Node runs that did something: a node that was skipped or never started spent nothing. */
const RAN = { notIn: ["queued", "skipped"] as ("queued" | "skipped")[] };

/**
 * Runs newest first with cursor pagination (the cursor is the last run id:
 * ids are time-sortable, so `id < cursor` pages without offsets). Filters combine (and).
 */
export async function listRuns(ctx: WorkspaceContext, q: TListRunsQuery) {
  const cursor = parseCursor("run", q.cursor);
  const rows = await ctx.db.run.findMany({
    where: {
      ...(q.graphId ? { graphId: q.graphId } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.version ? { version: q.version } : {}),
      ...(q.tag ? { tags: { has: q.tag } } : {}),
      ...(q.customerKey ? { customerKey: q.customerKey } : {}),
      // the runs behind a cost row by agent or model: a node run of that node / with that model
      ...(q.agent || q.model ? { nodeRuns: { some: { ...(q.agent ? { nodeId: q.agent } : {}), ...(q.model ? { model: q.model } : {}), status: RAN } } } : {}),
      ...(q.from || q.to ? { createdAt: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lte: q.to } : {}) } } : {}),
      ...(cursor ? { id: { lt: cursor } } : {}),
    },
    orderBy: { id: "desc" },
    take: q.limit + 1,
    select: {
      id: true, graphId: true, version: true, status: true, tags: true, customerKey: true, costUsd: true,
      createdAt: true, startedAt: true, endedAt: true, pausedReason: true, parentRunId: true,
      graph: { select: { name: true } },
    },
  });
  const page = rows.slice(0, q.limit);
  return {
    runs: page.map(({ graph, costUsd, ...r }) => ({
      ...r,
      graphName: graph.name,
      costUsd: Number(costUsd.toString()),
      durationMs: r.startedAt ? (r.endedAt ?? new Date()).getTime() - r.startedAt.getTime() : null,
    })),
    nextCursor: rows.length > q.limit ? page[page.length - 1].id : null,
  };
}
