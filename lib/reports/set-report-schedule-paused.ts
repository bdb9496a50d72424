import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { recordAuditEvent } from "../audit/record-audit-event";
import { armTriggers } from "../scheduler/arm";
import { getReportScheduleRowOrThrow } from "./list-report-schedules";
import { reportScheduleView } from "./report-schedule-view";

/** Pauses (nothing is delivered until resumed; run-now still works) or resumes a report schedule; audited, idempotent. */
export async function setReportSchedulePaused(ctx: WorkspaceContext, id: string, paused: boolean) {
  const row = await getReportScheduleRowOrThrow(ctx, id);
  await ctx.db.trigger.updateMany({
    where: { id: row.id, type: "report" },
    data: paused ? { pausedAt: row.pausedAt ?? new Date(), pausedById: ctx.actor.userId ?? null } : { pausedAt: null, pausedById: null, enabled: true },
  });
  await armTriggers(ctx, [row.id]);
  await recordAuditEvent(ctx.actor, { workspaceId: ctx.workspace.id, action: paused ? "report_schedule.paused" : "report_schedule.resumed", targetType: "trigger", targetId: row.id });
  return reportScheduleView(await getReportScheduleRowOrThrow(ctx, row.id));
}
