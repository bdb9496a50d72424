import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { recordAuditEvent } from "../audit/record-audit-event";
import { encryptSecret } from "../crypto";
import { AppError } from "../errors";
import { armTriggers } from "../scheduler/arm";
import { assertReportNameFree, checkReportDelivery, newReportSecret } from "./create-report-schedule";
import { getReportScheduleRowOrThrow } from "./list-report-schedules";
import { reportScheduleView } from "./report-schedule-view";
import { reportCronProblem, type TReportScheduleConfig, type TUpdateReportScheduleRequest, ZReportScheduleConfig } from "./schemas";

/**
 * Changes a report schedule (`report` and `deliver` are replaced whole) and re-arms it. Adding a
 * webhook to a schedule that had none makes its signing secret, returned once (`signingSecret`).
 */
export async function updateReportSchedule(ctx: WorkspaceContext, id: string, input: TUpdateReportScheduleRequest) {
  const row = await getReportScheduleRowOrThrow(ctx, id);
  const stored = ZReportScheduleConfig.safeParse(row.config);
  const current: Partial<TReportScheduleConfig> = stored.success ? stored.data : {};
  const merged = {
    cron: input.cron ?? current.cron,
    timezone: input.timezone ?? current.timezone,
    report: input.report ?? current.report,
    deliver: input.deliver ?? current.deliver,
  };
  const missing = Object.entries(merged).flatMap(([field, value]) => (value === undefined ? [field] : []));
  if (missing.length) {
    throw new AppError(
      "validation_failed",
      `The schedule's stored settings are incomplete: send ${missing.join(", ")} as well.`,
      missing.map((path) => ({ path, message: "is required: the stored settings do not have it" })),
    );
  }
  const config = merged as TReportScheduleConfig;
  const problem = reportCronProblem(config.cron, config.timezone);
  if (problem) throw new AppError("validation_failed", `cron: ${problem}`, [{ path: "cron", message: problem }]);
  const warnings = await checkReportDelivery(config.deliver);
  if (input.name !== undefined) await assertReportNameFree(ctx, input.name, row.id);
  const secret = config.deliver.webhook && !row.secretEnc ? newReportSecret() : null;
  await ctx.db.trigger.updateMany({
    where: { id: row.id, type: "report" },
    data: { ...(input.name !== undefined ? { name: input.name } : {}), config: config as never, ...(secret ? { secretEnc: encryptSecret(secret), secretCreatedAt: new Date() } : {}) },
  });
  await armTriggers(ctx, [row.id]);
  await recordAuditEvent(ctx.actor, { workspaceId: ctx.workspace.id, action: "report_schedule.updated", targetType: "trigger", targetId: row.id, data: { fields: Object.keys(input) } });
  const fresh = await getReportScheduleRowOrThrow(ctx, row.id);
  return { ...reportScheduleView(fresh), ...(secret ? { signingSecret: secret } : {}), warnings };
}
