import "server-only";
import type { z } from "zod";
import type { WorkspaceContext } from "../auth/context";
import { parseCursor } from "../api/cursor";
import type { ZListFiresQuery } from "../triggers/list-triggers-query";
import { getReportScheduleRowOrThrow } from "./list-report-schedules";

/** A report schedule's deliveries, newest first: meant vs actual time, outcome, reason, and the period, rows and channels in `payload`. */
export async function listReportFires(ctx: WorkspaceContext, id: string, q: z.infer<typeof ZListFiresQuery>) {
  const row = await getReportScheduleRowOrThrow(ctx, id);
  const after = parseCursor("triggerFire", q.cursor);
  const fires = await ctx.db.triggerFire.findMany({
    where: { triggerId: row.id, ...(q.outcome ? { outcome: q.outcome } : {}), ...(after ? { id: { lt: after } } : {}) },
    orderBy: { id: "desc" },
    take: q.limit + 1,
  });
  const page = fires.slice(0, q.limit);
  return {
    data: page.map((f) => ({
      id: f.id,
      intendedAt: f.intendedAt,
      firedAt: f.firedAt,
      lateMs: f.firedAt.getTime() - f.intendedAt.getTime(),
      dedupeKey: f.dedupeKey,
      outcome: f.outcome,
      reason: f.reason,
      payload: f.payload,
    })),
    nextCursor: fires.length > q.limit ? page[page.length - 1]!.id : null,
  };
}
