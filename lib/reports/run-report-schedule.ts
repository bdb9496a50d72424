import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { sha256 } from "../crypto";
import type { Tick } from "../scheduler/types";
import { recordFire } from "../triggers/record-fire";
import type { FireOutcome } from "../triggers/outcomes";
import { buildCostReport } from "./build-cost-report";
import { deliverCostReport, type ReportDeliveryResult } from "./deliver-cost-report";
import { ZReportScheduleConfig } from "./schemas";
import { nextReportTime } from "./next-report-time";
import { isPlainObject } from "../graphs/spec/json";
import { WEBHOOK_MAX_ATTEMPTS, webhookRetryDelayMs } from "../finops/attempt-webhook-delivery";

/** One delivery of a report schedule, as its fire records it. */
export interface ReportFireResult {
  fireId: string;
  outcome: FireOutcome;
  reason: string | null;
  /** `{ period: { period, from, to, label }, groupBy, rows, totalUsd, filename, delivered }` */
  payload: Record<string, unknown>;
  /** when a channel that failed for a reason that may pass is tried again (the scheduler's next tick) */
  retryAt?: Date | null;
}

type Channel = "email" | "webhook";

/** A slot's delivery waiting to be tried again, kept in the schedule's `Trigger.state`. */
interface PendingRetry {
  /** the slot (ISO) whose report is delivered */
  slot: string;
  /** the attempt this retry is (2…{@link WEBHOOK_MAX_ATTEMPTS}) */
  attempt: number;
  /** the channels still to deliver */
  channels: Channel[];
  /** when (ISO): the tick armed for it */
  at: string;
}

function pendingRetry(state: unknown): PendingRetry | null {
  const retry = isPlainObject(state) ? (state as { retry?: PendingRetry }).retry : undefined;
  return retry && typeof retry.slot === "string" && typeof retry.at === "string" && Array.isArray(retry.channels) ? retry : null;
}

/**
 * Runs a report schedule once: builds its CSV for the period before `intendedAt` (in its time
 * zone), delivers it by e-mail and/or webhook, and records a TriggerFire — outcome `started`
 * when every channel delivered, `error` naming what failed otherwise — with the period, the
 * row count, the total and each channel's result in its payload. Health goes on the row
 * (`lastCheckedAt`, and `lastError`/`lastErrorAt` until a delivery succeeds again).
 *
 * A scheduled slot is delivered once: a repeated tick for a slot that already delivered
 * records nothing more and returns null. A channel that failed for a reason that may pass (the
 * receiver answered 5xx, 408 or 429 or could not be reached; the SMTP server failed) is tried
 * again — only that channel, with the same delivery id — after `SWITCHYARD_WEBHOOK_RETRY_MS`
 * ×3 each time, up to {@link WEBHOOK_MAX_ATTEMPTS} attempts and never past the next slot: the
 * retry is kept in the schedule's state and returned as `retryAt`, which the scheduler arms as
 * the next tick (durable: it survives restarts like any tick). Each attempt is a fire.
 * `manual` (run now) always delivers, even paused, and is not retried.
 * Returns null when the schedule does not exist (deleted meanwhile) or is paused.
 */
export async function runReportSchedule(ctx: WorkspaceContext, triggerId: string, tick: Tick, opts: { manual?: boolean } = {}): Promise<ReportFireResult | null> {
  const row = await ctx.db.trigger.findFirst({ where: { id: triggerId, type: "report" } });
  if (!row) return null;
  if (!opts.manual && (!row.enabled || row.pausedAt)) return null;
  // this tick is the one armed for a pending retry, or a slot of the cron pattern
  const pending = opts.manual ? null : pendingRetry(row.state);
  const retry = pending && Date.parse(pending.at) === tick.intendedAt.getTime() ? pending : null;
  const slotAt = opts.manual ? tick.now : retry ? new Date(retry.slot) : tick.intendedAt;
  const attempt = retry?.attempt ?? 1;
  const dedupeKey = opts.manual ? `manual:${tick.now.toISOString()}` : slotAt.toISOString();
  if (!opts.manual) {
    const done = await ctx.db.triggerFire.findFirst({ where: { triggerId: row.id, dedupeKey, outcome: "started" }, select: { id: true } });
    if (done) return null;
  }
  const record = async (outcome: FireOutcome, reason: string | null, payload: Record<string, unknown>, next: PendingRetry | null = null): Promise<ReportFireResult> => {
    const fireId = await recordFire(ctx, { trigger: row, intendedAt: opts.manual ? tick.now : tick.intendedAt, dedupeKey, outcome, reason, payload });
    await ctx.db.trigger.updateMany({
      where: { id: row.id },
      data: {
        lastCheckedAt: tick.now,
        ...(outcome === "started" ? { lastError: null } : { lastError: (reason ?? "failed").slice(0, 1000), lastErrorAt: tick.now }),
        // a scheduled delivery settles the pending retry: the next one, or none
        ...(opts.manual ? {} : { state: { ...(isPlainObject(row.state) ? row.state : {}), retry: next } as never }),
      },
    });
    return { fireId, outcome, reason, payload, retryAt: next ? new Date(next.at) : null };
  };

  const parsed = ZReportScheduleConfig.safeParse(row.config);
  if (!parsed.success) return record("error", `The schedule's settings are not valid: ${parsed.error.issues[0]?.message ?? "invalid"}`, {});
  const config = parsed.data;
  let built: Awaited<ReturnType<typeof buildCostReport>>;
  try {
    built = await buildCostReport(ctx, config, slotAt);
  } catch (err) {
    return record("error", `Building the report failed: ${(err as Error).message.slice(0, 300)}`, {});
  }
  // the same for every delivery of one slot: receivers drop repeats by it
  const deliveryId = `rpt_${sha256(`${row.id}:${dedupeKey}`).slice(0, 24)}`;
  // a retry delivers only the channels still owed
  const deliver = retry ? { ...(retry.channels.includes("email") ? { email: config.deliver.email } : {}), ...(retry.channels.includes("webhook") ? { webhook: config.deliver.webhook } : {}) } : config.deliver;
  const delivered: ReportDeliveryResult = await deliverCostReport(row, { ...config, deliver }, built, deliveryId);
  const payload = {
    period: { period: built.period.period, from: built.period.from.toISOString(), to: built.period.to.toISOString(), label: built.period.label },
    groupBy: built.groupBy,
    rows: built.rows,
    totalUsd: built.total.costUsd,
    filename: built.filename,
    deliveryId,
    delivered,
  };
  const onRetry = attempt > 1 ? ` (attempt ${attempt} of ${WEBHOOK_MAX_ATTEMPTS})` : "";
  const failed = (["email", "webhook"] as const).flatMap((channel) => {
    const c = delivered[channel];
    return c && !c.ok ? [{ channel, error: c.error, retryable: c.retryable }] : [];
  });
  if (!failed.length) return record("started", `Delivered ${built.rows} row(s) for ${built.period.label}${onRetry}.`, payload);
  const notDelivered = `Not delivered${onRetry}: ${failed.map((f) => f.error).join("; ")}.`;
  const again = failed.filter((f) => f.retryable).map((f) => f.channel);
  if (opts.manual || !again.length) return record("error", notDelivered, payload);
  if (attempt >= WEBHOOK_MAX_ATTEMPTS) return record("error", `${notDelivered} Gave up after ${attempt} attempts.`, payload);
  const at = new Date(tick.now.getTime() + webhookRetryDelayMs(attempt + 1));
  const nextSlot = nextReportTime(row.config, slotAt);
  if (nextSlot && at >= nextSlot) return record("error", `${notDelivered} Not tried again: the next slot (${nextSlot.toISOString()}) comes first.`, payload);
  return record("error", `${notDelivered} Trying ${again.join(" and ")} again at ${at.toISOString()}.`, payload, { slot: slotAt.toISOString(), attempt: attempt + 1, channels: again, at: at.toISOString() });
}
