import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { sha256 } from "../crypto";
import type { Tick } from "../scheduler/types";
import { recordFire } from "../triggers/record-fire";
import type { FireOutcome } from "../triggers/outcomes";
import { buildCostReport } from "./build-cost-report";
import { deliverCostReport, type ReportDeliveryResult } from "./deliver-cost-report";
import { ZReportScheduleConfig } from "./schemas";

/** One delivery of a report schedule, as its fire records it. */
export interface ReportFireResult {
  fireId: string;
  outcome: FireOutcome;
  reason: string | null;
  /** `{ period: { period, from, to, label }, groupBy, rows, totalUsd, filename, delivered }` */
  payload: Record<string, unknown>;
}

/**
 * Runs a report schedule once: builds its CSV for the period before `intendedAt` (in its time
 * zone), delivers it by e-mail and/or webhook, and records a TriggerFire — outcome `started`
 * when every channel delivered, `error` naming what failed otherwise — with the period, the
 * row count, the total and each channel's result in its payload. Health goes on the row
 * (`lastCheckedAt`, and `lastError`/`lastErrorAt` until a delivery succeeds again).
 *
 * A scheduled slot is delivered once: a repeated tick for a slot that already delivered
 * records nothing more and returns null. `manual` (run now) always delivers, even paused.
 * Returns null when the schedule does not exist (deleted meanwhile) or is paused.
 */
export async function runReportSchedule(ctx: WorkspaceContext, triggerId: string, tick: Tick, opts: { manual?: boolean } = {}): Promise<ReportFireResult | null> {
  const row = await ctx.db.trigger.findFirst({ where: { id: triggerId, type: "report" } });
  if (!row) return null;
  if (!opts.manual && (!row.enabled || row.pausedAt)) return null;
  const dedupeKey = opts.manual ? `manual:${tick.now.toISOString()}` : tick.intendedAt.toISOString();
  if (!opts.manual) {
    const done = await ctx.db.triggerFire.findFirst({ where: { triggerId: row.id, dedupeKey, outcome: "started" }, select: { id: true } });
    if (done) return null;
  }
  const record = async (outcome: FireOutcome, reason: string | null, payload: Record<string, unknown>): Promise<ReportFireResult> => {
    const fireId = await recordFire(ctx, { trigger: row, intendedAt: opts.manual ? tick.now : tick.intendedAt, dedupeKey, outcome, reason, payload });
    await ctx.db.trigger.updateMany({
      where: { id: row.id },
      data: { lastCheckedAt: tick.now, ...(outcome === "started" ? { lastError: null } : { lastError: (reason ?? "failed").slice(0, 1000), lastErrorAt: tick.now }) },
    });
    return { fireId, outcome, reason, payload };
  };

  const parsed = ZReportScheduleConfig.safeParse(row.config);
  if (!parsed.success) return record("error", `The schedule's settings are not valid: ${parsed.error.issues[0]?.message ?? "invalid"}`, {});
  const config = parsed.data;
  let built: Awaited<ReturnType<typeof buildCostReport>>;
  try {
    built = await buildCostReport(ctx, config, opts.manual ? tick.now : tick.intendedAt);
  } catch (err) {
    return record("error", `Building the report failed: ${(err as Error).message.slice(0, 300)}`, {});
  }
  // the same for every delivery of one slot: receivers drop repeats by it
  const deliveryId = `rpt_${sha256(`${row.id}:${dedupeKey}`).slice(0, 24)}`;
  const delivered: ReportDeliveryResult = await deliverCostReport(row, config, built, deliveryId);
  const payload = {
    period: { period: built.period.period, from: built.period.from.toISOString(), to: built.period.to.toISOString(), label: built.period.label },
    groupBy: built.groupBy,
    rows: built.rows,
    totalUsd: built.total.costUsd,
    filename: built.filename,
    deliveryId,
    delivered,
  };
  const failures = [delivered.email, delivered.webhook].flatMap((c) => (c && !c.ok ? [c.error] : []));
  if (failures.length) return record("error", `Not delivered: ${failures.join("; ")}.`, payload);
  return record("started", `Delivered ${built.rows} row(s) for ${built.period.label}.`, payload);
}
