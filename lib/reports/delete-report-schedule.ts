import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { recordAuditEvent } from "../audit/record-audit-event";
import { notFound } from "../errors";
import { armTriggers } from "../scheduler/arm";

/** Deletes a report schedule (its armed tick finds nothing and stops); its fires stay in the log. */
export async function deleteReportSchedule(ctx: WorkspaceContext, id: string) {
  const { count } = await ctx.db.trigger.deleteMany({ where: { id, type: "report" } });
  if (!count) throw notFound("Report schedule");
  await armTriggers(ctx, [id]);
  await recordAuditEvent(ctx.actor, { workspaceId: ctx.workspace.id, action: "report_schedule.deleted", targetType: "trigger", targetId: id });
}
