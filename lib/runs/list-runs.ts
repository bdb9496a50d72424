import "server-only";
import { z } from "zod";
import type { WorkspaceContext } from "../auth/context";

export const RUN_STATUSES = ["queued", "running", "waiting", "paused", "succeeded", "failed", "cancelled"] as const;

export const ZListRunsQuerySchema = z.object({
  graphId: z.string().max(60).optional(),
  status: z.enum(RUN_STATUSES).optional(),
  version: z.coerce.number().int().positive().optional(),
  tag: z.string().max(60).optional(),
  customerKey: z.string().max(200).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  cursor: z.string().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TListRunsQuery = z.infer<typeof ZListRunsQuerySchema>;

/**
 * Runs newest first with cursor pagination (the cursor is the last run id:
 * ids are time-sortable, so `id < cursor` pages without offsets).
 */
export async function listRuns(ctx: WorkspaceContext, q: TListRunsQuery) {
  const rows = await ctx.db.run.findMany({
    where: {
      ...(q.graphId ? { graphId: q.graphId } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.version ? { version: q.version } : {}),
      ...(q.tag ? { tags: { has: q.tag } } : {}),
      ...(q.customerKey ? { customerKey: q.customerKey } : {}),
      ...(q.from || q.to ? { createdAt: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lte: q.to } : {}) } } : {}),
      ...(q.cursor ? { id: { lt: q.cursor } } : {}),
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
