import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { emailDomain } from "../env";
import { fullAddress } from "./email/address";
import { nextFireTimes as cronFireTimes } from "./schedule/cron-schedule";
import { hookUrl } from "./webhook/hook-url";
import { notFound } from "../errors";
import type { FireOutcome } from "./outcomes";
import { describeTrigger, isTimedKind, reportSchedule, type TriggerSource } from "./describe-trigger";
import { setTriggerRowPaused } from "./list-triggers";
import type { TListScheduleFiresQuery, TListSchedulesQuery } from "./schedules-query";
import { pageTriggerFires, type ScheduleFireView } from "./fire-page";

export type { ScheduleFireView } from "./fire-page";

/** Lateness is measured over each trigger's most recent fires, at most this many. */
export const LATENESS_WINDOW = 200;
/** Fires counted by outcome: the last day. */
const RECENT_MS = 24 * 3600_000;
/** A timed trigger whose armed tick is this far in the past has stopped ticking. */
const OVERDUE_MS = 2 * 60_000;

/** How a long-lived trigger is doing, in one word (the page shows it with text and colour). */
export type TriggerHealth = "healthy" | "failing" | "overdue" | "unarmed" | "paused";

/** One trigger on the Schedules page (`GET /api/v1/schedules`). */
export interface ScheduleView {
  id: string;
  name: string;
  type: string;
  /** null for a scheduled cost report */
  graphId: string | null;
  graphName: string | null;
  graphVersion: number;
  description: string | null;
  /** what it listens to: a sentence, and the URL, address, pattern or name to copy */
  source: TriggerSource;
  config: unknown;
  paused: boolean;
  pausedAt: Date | null;
  /** the next times it fires (schedules and reports from their cron, a watch its next poll); empty when paused */
  nextFireTimes: Date[];
  health: { status: TriggerHealth; lastCheckedAt: Date | null; lastError: string | null; lastErrorAt: Date | null };
  lastFire: { id: string; firedAt: Date; intendedAt: Date; outcome: string; runId: string | null; reason: string | null } | null;
  /** fires of the last day by outcome */
  lastDay: Partial<Record<FireOutcome, number>>;
  /** actual − intended over the last fires (at most {@link LATENESS_WINDOW}, missed slots left out), in ms */
  lateness: { p50Ms: number | null; p99Ms: number | null; samples: number };
}

/** The next `count` cron slots strictly after `after`, in the pattern's zone (default UTC); [] for a pattern that does not parse. */
export function nextCronTimes(cron: string, timezone: string | undefined, count: number, after: Date): Date[] {
  try {
    return cronFireTimes({ cron, timezone: timezone || "UTC" }, count, after);
  } catch {
    return [];
  }
}

type TriggerRowLike = {
  id: string;
  type: string;
  name: string;
  config: unknown;
  hookPath: string | null;
  inboundAddress: string | null;
  nextFireAt: Date | null;
};

/** A trigger's next fire times: cron slots for schedules and reports, the armed tick for a watch. */
function nextFireTimes(row: TriggerRowLike, count: number, now: Date): Date[] {
  const c = (row.config ?? {}) as { cron?: unknown; timezone?: unknown };
  if (row.type === "schedule" && typeof c.cron === "string") return nextCronTimes(c.cron, typeof c.timezone === "string" ? c.timezone : undefined, count, now);
  if (row.type === "report") {
    const s = reportSchedule(row.config);
    return s ? nextCronTimes(s.cron, s.timezone, count, now) : [];
  }
  if (row.type === "watch" && row.nextFireAt) return [row.nextFireAt];
  return [];
}

/** The public URL a webhook trigger receives deliveries on (its hook path; before the row has one, what it will be). */
export function webhookUrl(workspaceSlug: string, row: Pick<TriggerRowLike, "id" | "hookPath" | "config">): string {
  const declared = (row.config as { path?: unknown } | null)?.path;
  return hookUrl(workspaceSlug, row.hookPath ?? (typeof declared === "string" ? declared : row.id));
}

/** The address an e-mail trigger receives mail on, once the trigger has one. */
export function emailAddress(row: Pick<TriggerRowLike, "inboundAddress">): string | null {
  if (!row.inboundAddress) return null;
  return row.inboundAddress.includes("@") ? row.inboundAddress : fullAddress(row.inboundAddress, emailDomain());
}

type FireStats = {
  id: string;
  lastFireId: string | null;
  lastFiredAt: Date | null;
  lastIntendedAt: Date | null;
  lastOutcome: string | null;
  lastRunId: string | null;
  lastReason: string | null;
  p50: number | null;
  p99: number | null;
  samples: number | null;
};

/**
 * Per trigger, in one statement: its last fire, and lateness p50/p99 over its latest fires
 * (each trigger reads at most LATENESS_WINDOW rows through the (workspaceId, triggerId, firedAt)
 * index, however busy it is).
 */
async function fireStats(ctx: WorkspaceContext, ids: string[]): Promise<Map<string, FireStats>> {
  if (!ids.length) return new Map();
  const ws = ctx.workspace.id;
  const rows = await ctx.db.$queryRaw<FireStats[]>`
    select t.id,
           lf.id as "lastFireId", lf."firedAt" as "lastFiredAt", lf."intendedAt" as "lastIntendedAt", lf.outcome as "lastOutcome", lf."runId" as "lastRunId", lf.reason as "lastReason",
           lat.p50, lat.p99, lat.samples
      from unnest(${ids}::text[]) as t(id)
      left join lateral (
        select f.id, f."firedAt", f."intendedAt", f.outcome, f."runId", f.reason
          from "TriggerFire" f
         where f."workspaceId" = ${ws} and f."triggerId" = t.id
         order by f."firedAt" desc
         limit 1
      ) lf on true
      left join lateral (
        select percentile_cont(0.5) within group (order by x.late) as p50,
               percentile_cont(0.99) within group (order by x.late) as p99,
               count(*)::int as samples
          from (
            select extract(epoch from (f."firedAt" - f."intendedAt")) * 1000 as late
              from "TriggerFire" f
             where f."workspaceId" = ${ws} and f."triggerId" = t.id and f.outcome <> 'missed'
             order by f."firedAt" desc
             limit ${LATENESS_WINDOW}
          ) x
      ) lat on true`;
  return new Map(rows.map((r) => [r.id, r]));
}

function healthOf(row: { type: string; paused: boolean; nextFireAt: Date | null; lastCheckedAt: Date | null; lastError: string | null; lastErrorAt: Date | null }, lastOutcome: string | null, now: Date): TriggerHealth {
  if (row.paused) return "paused";
  if (row.lastErrorAt && (!row.lastCheckedAt || row.lastErrorAt >= row.lastCheckedAt)) return "failing";
  if (lastOutcome === "error") return "failing";
  if (isTimedKind(row.type)) {
    if (!row.nextFireAt) return "unarmed";
    if (now.getTime() - row.nextFireAt.getTime() > OVERDUE_MS) return "overdue";
  }
  return "healthy";
}

async function buildViews(ctx: WorkspaceContext, rows: Awaited<ReturnType<WorkspaceContext["db"]["trigger"]["findMany"]>>, count: number, now: Date): Promise<ScheduleView[]> {
  const ids = rows.map((r) => r.id);
  const graphIds = [...new Set(rows.flatMap((r) => (r.graphId ? [r.graphId] : [])))];
  const sourceIds = rows.flatMap((r) => {
    const src = (r.config as { sourceGraphId?: unknown } | null)?.sourceGraphId;
    return typeof src === "string" ? [src] : [];
  });
  const since = new Date(now.getTime() - RECENT_MS);
  const [graphs, stats, counts] = await Promise.all([
    graphIds.length || sourceIds.length ? ctx.db.graph.findMany({ where: { id: { in: [...new Set([...graphIds, ...sourceIds])] } }, select: { id: true, name: true } }) : [],
    fireStats(ctx, ids),
    ids.length ? ctx.db.triggerFire.groupBy({ by: ["triggerId", "outcome"], where: { triggerId: { in: ids }, firedAt: { gte: since } }, _count: { _all: true } }) : [],
  ]);
  const graphName = new Map(graphs.map((g) => [g.id, g.name]));
  const lastDay = new Map<string, Partial<Record<FireOutcome, number>>>();
  for (const c of counts) lastDay.set(c.triggerId, { ...lastDay.get(c.triggerId), [c.outcome]: c._count._all });
  return rows.map((r): ScheduleView => {
    const s = stats.get(r.id);
    const paused = !r.enabled || r.pausedAt !== null;
    const config = r.config as { description?: unknown } | null;
    const hookUrl = r.type === "webhook" ? webhookUrl(ctx.workspace.slug, r) : null;
    const address = r.type === "email" ? emailAddress(r) : null;
    const round = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(Number(v)));
    return {
      id: r.id,
      name: r.name,
      type: r.type,
      graphId: r.graphId,
      graphName: r.graphId ? (graphName.get(r.graphId) ?? null) : null,
      graphVersion: r.graphVersion,
      description: typeof config?.description === "string" ? config.description : null,
      source: describeTrigger(r.type, r.config, { hookUrl, emailAddress: address, graphName: (id) => graphName.get(id) }),
      config: r.config,
      paused,
      pausedAt: r.pausedAt,
      nextFireTimes: paused ? [] : nextFireTimes(r, count, now),
      health: {
        status: healthOf({ ...r, paused }, s?.lastOutcome ?? null, now),
        lastCheckedAt: r.lastCheckedAt,
        lastError: r.lastError ?? (s?.lastOutcome === "error" ? s.lastReason : null),
        lastErrorAt: r.lastErrorAt ?? (s?.lastOutcome === "error" ? s.lastFiredAt : null),
      },
      lastFire:
        s?.lastFireId && s.lastFiredAt && s.lastIntendedAt && s.lastOutcome
          ? { id: s.lastFireId, firedAt: s.lastFiredAt, intendedAt: s.lastIntendedAt, outcome: s.lastOutcome, runId: s.lastRunId, reason: s.lastReason }
          : null,
      lastDay: lastDay.get(r.id) ?? {},
      lateness: { p50Ms: round(s?.p50), p99Ms: round(s?.p99), samples: Number(s?.samples ?? 0) },
    };
  });
}

/**
 * Every trigger of the workspace (every graph, every kind, scheduled cost reports too), with
 * what it listens to, its next fire times, health, last fire, the last day's fires by outcome
 * and its lateness (actual − intended) at p50 and p99.
 *
 * @example
 * const { schedules } = await listSchedules(ctx, { count: 3 });
 * schedules[0].lateness; // { p50Ms: 120, p99Ms: 840, samples: 200 }
 */
export async function listSchedules(ctx: WorkspaceContext, q: TListSchedulesQuery, opts: { now?: Date } = {}): Promise<{ schedules: ScheduleView[] }> {
  const where = {
    ...(q.graphId ? { graphId: q.graphId } : {}),
    ...(q.follows ? { type: "graph_completed" as const, config: { path: ["sourceGraphId"], equals: q.follows } } : {}),
  };
  const rows = await ctx.db.trigger.findMany({ where, orderBy: [{ graphId: "asc" }, { createdAt: "asc" }, { id: "asc" }] });
  return { schedules: await buildViews(ctx, rows, q.count, opts.now ?? new Date()) };
}

async function triggerRowOrThrow(ctx: WorkspaceContext, triggerId: string) {
  const row = await ctx.db.trigger.findFirst({ where: { id: triggerId } });
  if (!row) throw notFound("Trigger");
  return row;
}

/** One trigger as the Schedules page shows it (404 when it is not this workspace's). */
export async function getSchedule(ctx: WorkspaceContext, triggerId: string, opts: { now?: Date; count?: number } = {}): Promise<ScheduleView> {
  const row = await triggerRowOrThrow(ctx, triggerId);
  const [view] = await buildViews(ctx, [row], opts.count ?? 5, opts.now ?? new Date());
  return view!;
}

/**
 * A trigger's fires, newest first, cursor-paged: what was meant, what happened, the run. The
 * outcome filter takes `not_started` for every fire that did not become a run; `at` starts the
 * page at one fire.
 */
export async function listScheduleFires(ctx: WorkspaceContext, triggerId: string, q: TListScheduleFiresQuery): Promise<{ data: ScheduleFireView[]; nextCursor: string | null }> {
  const row = await triggerRowOrThrow(ctx, triggerId);
  return pageTriggerFires(ctx, row.id, q);
}

/** Pauses or resumes a trigger by its id (a report too); audited. Idempotent. */
export async function setSchedulePaused(ctx: WorkspaceContext, triggerId: string, paused: boolean): Promise<{ id: string; name: string; paused: boolean }> {
  const row = await triggerRowOrThrow(ctx, triggerId);
  await setTriggerRowPaused(ctx, row, paused);
  return { id: row.id, name: row.name, paused };
}
