import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { recordAuditEvent } from "../audit/record-audit-event";
import { encryptSecret } from "../crypto";
import { newReportSecret } from "./create-report-schedule";
import { getReportScheduleRowOrThrow } from "./list-report-schedules";

/** Replaces a report schedule's webhook signing secret; the new one is returned once. */
export async function rotateReportSecret(ctx: WorkspaceContext, id: string) {
  const row = await getReportScheduleRowOrThrow(ctx, id);
  const secret = newReportSecret();
  const createdAt = new Date();
  await ctx.db.trigger.updateMany({ where: { id: row.id, type: "report" }, data: { secretEnc: encryptSecret(secret), secretCreatedAt: createdAt } });
  await recordAuditEvent(ctx.actor, { workspaceId: ctx.workspace.id, action: "report_schedule.secret_rotated", targetType: "trigger", targetId: row.id });
  return { id: row.id, signingSecret: secret, createdAt };
}
