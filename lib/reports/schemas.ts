/**
 * Scheduled cost reports: what finance declares (`POST /api/v1/report-schedules`) and what the
 * `Trigger` row of type `report` keeps in its `config`.
 */
import { Cron } from "croner";
import { z } from "zod";
import { isTimeZone, REPORT_PERIODS } from "./report-period";

/** Dimensions a scheduled report groups spend by (the costs API's, less the time axes). */
export const REPORT_GROUPS = ["customer", "graph", "agent", "model", "tag"] as const;
/** Most e-mail recipients of one report. */
export const MAX_REPORT_RECIPIENTS = 20;
/** The shortest interval between two runs of a report schedule: at most hourly, so nobody's inbox floods. */
export const MIN_REPORT_INTERVAL_MS = 3_600_000;

/**
 * Why a cron pattern cannot schedule a report (in `timezone`), or null when it can: five fields
 * (minute hour day-of-month month day-of-week), firing at most once an hour.
 *
 * @example
 * reportCronProblem("0 6 1 * *"); // null — 06:00 on the first of each month
 * reportCronProblem("*\/5 * * * *"); // "fires every 5 minutes — a report can run at most once an hour"
 */
export function reportCronProblem(cron: string, timezone = "UTC"): string | null {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return `must have 5 fields (minute hour day-of-month month day-of-week), e.g. "0 6 1 * *" for 06:00 on the first of each month — it has ${fields.length}`;
  let runs: Date[];
  try {
    runs = new Cron(cron, { timezone: isTimeZone(timezone) ? timezone : "UTC", paused: true }).nextRuns(25, new Date("2026-01-01T00:00:00Z"));
  } catch (err) {
    return `is not a cron pattern: ${(err as Error).message}`;
  }
  if (!runs.length) return "never fires";
  for (let i = 1; i < runs.length; i++) {
    const gap = runs[i]!.getTime() - runs[i - 1]!.getTime();
    if (gap < MIN_REPORT_INTERVAL_MS) return `fires every ${Math.round(gap / 60_000)} minutes — a report can run at most once an hour`;
  }
  return null;
}

export const ZReportSpec = z.strictObject({
  groupBy: z.enum(REPORT_GROUPS),
  period: z.enum(REPORT_PERIODS),
  format: z.literal("csv", { error: 'must be "csv"' }).default("csv"),
});

export const ZReportDelivery = z
  .strictObject({
    email: z
      .array(z.email({ error: "must be an e-mail address" }).max(254))
      .min(1, { error: "needs at least one address (or leave email out)" })
      .max(MAX_REPORT_RECIPIENTS, { error: `must have at most ${MAX_REPORT_RECIPIENTS} addresses` })
      .optional(),
    webhook: z.strictObject({ url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000) }).optional(),
  })
  .refine((d) => d.email !== undefined || d.webhook !== undefined, { error: "needs email, webhook or both: where the report goes" });

const ZName = z.string().trim().min(1, { error: "must not be empty" }).max(120);
const ZCron = z.string().trim().min(1).max(100);
const ZTimezone = z.string().max(64).refine(isTimeZone, { error: 'is not an IANA time zone, e.g. "Europe/Paris" or "UTC"' });

/** Checks the cron pattern against the (possibly defaulted) time zone. */
function checkCron(value: { cron?: string; timezone?: string }, ctx: z.core.$RefinementCtx) {
  if (value.cron === undefined) return;
  const problem = reportCronProblem(value.cron, value.timezone);
  if (problem) ctx.addIssue({ code: "custom", path: ["cron"], message: problem });
}

/** Body of `POST /api/v1/report-schedules`. */
export const ZCreateReportScheduleRequestSchema = z
  .strictObject({ name: ZName, cron: ZCron, timezone: ZTimezone.default("UTC"), report: ZReportSpec, deliver: ZReportDelivery })
  .superRefine(checkCron);
export type TCreateReportScheduleRequest = z.infer<typeof ZCreateReportScheduleRequestSchema>;

/** Body of `PATCH /api/v1/report-schedules/:id`: the fields to change (`report` and `deliver` are replaced whole). */
export const ZUpdateReportScheduleRequestSchema = z
  .strictObject({ name: ZName.optional(), cron: ZCron.optional(), timezone: ZTimezone.optional(), report: ZReportSpec.optional(), deliver: ZReportDelivery.optional() })
  .refine((b) => Object.keys(b).length > 0, { error: "names no field to change (name, cron, timezone, report, deliver)" });
export type TUpdateReportScheduleRequest = z.infer<typeof ZUpdateReportScheduleRequestSchema>;

/** What a `report` Trigger row keeps in `config`. */
export const ZReportScheduleConfig = z.strictObject({ cron: ZCron, timezone: ZTimezone, report: ZReportSpec, deliver: ZReportDelivery });
export type TReportScheduleConfig = z.infer<typeof ZReportScheduleConfig>;

// ── answers (declared in the OpenAPI document, checked against real answers by the tests) ──

const ZWhen = z.iso.datetime({ offset: true });

/** A scheduled cost report, with its next fire time and health. */
export const ZReportSchedule = z.object({
  id: z.string(),
  name: z.string(),
  cron: z.string().nullable(),
  timezone: z.string().nullable(),
  report: z
    .object({
      groupBy: z.enum(["customer", "graph", "agent", "model", "tag"]),
      period: z.enum(["previous_month", "month_to_date", "previous_week", "previous_day"]),
      format: z.literal("csv"),
    })
    .nullable(),
  deliver: z.object({ email: z.array(z.string()).optional(), webhook: z.object({ url: z.string() }).optional() }).nullable(),
  paused: z.boolean(),
  pausedAt: ZWhen.nullable(),
  nextFireAt: ZWhen.nullable(),
  lastFiredAt: ZWhen.nullable(),
  lastCheckedAt: ZWhen.nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: ZWhen.nullable(),
  hasSigningSecret: z.boolean(),
  createdAt: ZWhen,
  updatedAt: ZWhen,
});
export const ZListReportSchedulesResponse = z.object({ data: z.array(ZReportSchedule) });
/** Create and update: the schedule, its warnings, and a webhook's signing secret when one was made (shown once). */
export const ZSavedReportSchedule = ZReportSchedule.extend({ warnings: z.array(z.string()), signingSecret: z.string().optional() });
export const ZRunReportResponse = z.object({
  fireId: z.string(),
  outcome: z.string(),
  reason: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  retryAt: ZWhen.nullable().optional(),
});
export const ZReportSecretResponse = z.object({ id: z.string(), signingSecret: z.string(), createdAt: ZWhen });
