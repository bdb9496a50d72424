import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { notFound } from "../errors";
import { reportScheduleView } from "./report-schedule-view";

/** The workspace's report schedules, by name. */
export async function listReportSchedules(ctx: WorkspaceContext) {
  const rows = await ctx.db.trigger.findMany({ where: { type: "report" }, orderBy: { name: "asc" } });
  return { data: rows.map((r) => reportScheduleView(r)) };
}

/** One report schedule's row, or 404 (another workspace's is the same 404). */
export async function getReportScheduleRowOrThrow(ctx: WorkspaceContext, id: string) {
  const row = await ctx.db.trigger.findFirst({ where: { id, type: "report" } });
  if (!row) throw notFound("Report schedule");
  return row;
}

/** One report schedule. */
export async function getReportSchedule(ctx: WorkspaceContext, id: string) {
  return reportScheduleView(await getReportScheduleRowOrThrow(ctx, id));
}
