import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { recordAuditEvent } from "../audit/record-audit-event";
import { encryptSecret, randomToken } from "../crypto";
import { smtpUrl } from "../env";
import { AppError } from "../errors";
import { assertWebhookUrl } from "../finops/assert-webhook-url";
import { newId } from "../ids";
import { armTriggers } from "../scheduler/arm";
import { reportScheduleView } from "./report-schedule-view";
import type { TCreateReportScheduleRequest, TReportScheduleConfig } from "./schemas";

/** A new signing secret for a report schedule's webhook deliveries. */
export const newReportSecret = () => `whsec_${randomToken(24)}`;

/**
 * Checks what only the server knows about a schedule's delivery: the webhook URL is not a
 * private, loopback or link-local address the deployment keeps workspaces away from (422 on
 * `deliver.webhook.url`). Returns warnings that do not stop a save (no SMTP for e-mail).
 */
export async function checkReportDelivery(deliver: TReportScheduleConfig["deliver"]): Promise<string[]> {
  if (deliver.webhook) {
    try {
      await assertWebhookUrl(deliver.webhook.url);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const message = err.issues?.[0]?.message ?? err.message;
      throw new AppError("validation_failed", `deliver.webhook.url: ${message}`, [{ path: "deliver.webhook.url", message }]);
    }
  }
  return deliver.email && !smtpUrl() ? ["SMTP_URL is not set: e-mail deliveries will fail until the deployment can send e-mail."] : [];
}

/** 409 when another report schedule of the workspace already has this name. */
export async function assertReportNameFree(ctx: WorkspaceContext, name: string, exceptId?: string) {
  const taken = await ctx.db.trigger.findFirst({ where: { type: "report", name, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (taken) throw new AppError("conflict", `name: another report schedule is called "${name}" — choose another name`, [{ path: "name", message: "is already used by another report schedule" }]);
}

/**
 * Creates a scheduled cost report: a Trigger row of type `report` (no graph) holding its cron
 * pattern, time zone, report and delivery, armed on the scheduler. When it delivers to a
 * webhook, the signing secret is made here and returned once (`signingSecret`).
 *
 * @example
 * await createReportSchedule(ctx, { name: "Month-end by customer", cron: "0 6 1 * *", timezone: "UTC",
 *   report: { groupBy: "customer", period: "previous_month", format: "csv" }, deliver: { email: ["finance@example.com"] } });
 */
export async function createReportSchedule(ctx: WorkspaceContext, input: TCreateReportScheduleRequest) {
  const warnings = await checkReportDelivery(input.deliver);
  await assertReportNameFree(ctx, input.name);
  const config: TReportScheduleConfig = { cron: input.cron, timezone: input.timezone, report: input.report, deliver: input.deliver };
  const secret = input.deliver.webhook ? newReportSecret() : null;
  const row = await ctx.db.trigger.create({
    data: {
      id: newId("trigger"),
      graphId: null,
      type: "report",
      name: input.name,
      config: config as never,
      secretEnc: secret ? encryptSecret(secret) : null,
      secretCreatedAt: secret ? new Date() : null,
      createdById: ctx.actor.userId ?? null,
    } as never,
  });
  await armTriggers(ctx, [row.id]);
  await recordAuditEvent(ctx.actor, { workspaceId: ctx.workspace.id, action: "report_schedule.created", targetType: "trigger", targetId: row.id, data: { name: input.name } });
  const fresh = await ctx.db.trigger.findFirstOrThrow({ where: { id: row.id } });
  return { ...reportScheduleView(fresh), ...(secret ? { signingSecret: secret } : {}), warnings };
}
