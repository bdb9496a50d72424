import "server-only";
import { z } from "zod";
import type { WorkspaceContext } from "../auth/context";
import { Prisma } from "../generated/prisma/client";
import { formatUsd, usd } from "./money";
import { ZDate } from "./query-costs";

/** Query of `GET /api/v1/costs/forecast-accuracy`. */
export const ZForecastAccuracyQueryRequestSchema = z
  .strictObject({
    from: ZDate.optional(),
    to: ZDate.optional(),
    graphId: z.string().min(1).max(100).optional(),
    /** Most recent runs listed one by one; the summary always covers every run in the range. */
    limit: z.coerce.number().int().min(1).max(1_000).default(50),
  })
  .refine((q) => !q.from || !q.to || new Date(q.from) < new Date(q.to), { error: "must be after from", path: ["to"] });
export type TForecastAccuracyQueryRequest = z.infer<typeof ZForecastAccuracyQueryRequestSchema>;

export interface ForecastAccuracyStats {
  /** Finished runs in the range with a forecast taken at their start. */
  runs: number;
  /** Runs whose actual cost was at or under the forecast's p90. */
  withinP90: number;
  /** `withinP90 / runs` in percent (null without runs). */
  withinP90Pct: number | null;
  /** Median of |p50 − actual| / actual in percent, over runs that cost something (null: none did). */
  medianAbsErrorPct: number | null;
  /** Mean of the same. */
  meanAbsErrorPct: number | null;
  /** Sums over the runs, exact decimals: how far the forecasts were off in money. */
  forecastP50Usd: string;
  forecastP90Usd: string;
  actualUsd: string;
}

export interface ForecastAccuracyRun {
  runId: string;
  graphId: string;
  graphName: string | null;
  version: number;
  status: string;
  createdAt: Date;
  p50Usd: string;
  p90Usd: string;
  basis: "history" | "estimate";
  /** Past runs the forecast learnt from (0 for an estimate). */
  historyRuns: number;
  simulated: boolean;
  /** What the run cost, sub-runs included. */
  actualUsd: string;
  /** (p50 − actual) / actual in percent: positive when the forecast was too high; null when the run cost nothing. */
  errorPct: number | null;
  withinP90: boolean;
}

export interface ForecastAccuracyReport {
  from: Date;
  to: Date;
  graphId: string | null;
  summary: ForecastAccuracyStats & { /** Finished runs in the range without a stored forecast (started before forecasts were kept). */ unforecastRuns: number };
  byBasis: (ForecastAccuracyStats & { basis: "history" | "estimate" })[];
  /** The most recent `limit` runs, newest first. */
  runs: ForecastAccuracyRun[];
}

const pct = (v: number | null | undefined) => (v == null ? null : Math.round(v * 1000) / 10);

/**
 * Forecast vs actual: for every run that finished in a range (by start time; default this UTC
 * month), the forecast stored when it started (`RunForecast`, taken before any node ran, from
 * history that did not include the run) beside what it cost. Runs rejected at the forecast gate
 * never ran and are left out; cancelled runs too.
 *
 * @example
 * const r = await queryForecastAccuracy(ctx, { limit: 20 });
 * r.summary; // { runs: 42, withinP90: 39, withinP90Pct: 92.9, medianAbsErrorPct: 18.5, … }
 */
export async function queryForecastAccuracy(ctx: WorkspaceContext, q: TForecastAccuracyQueryRequest, opts: { now?: Date } = {}): Promise<ForecastAccuracyReport> {
  const now = opts.now ?? new Date();
  const to = q.to ? new Date(q.to) : now;
  const from = q.from ? new Date(q.from) : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const ws = ctx.workspace.id;
  const finished = Prisma.sql`r."workspaceId" = ${ws} and r."createdAt" >= ${from} and r."createdAt" < ${to} and r."status" in ('succeeded', 'failed')
    and coalesce(r."error"->>'reason', '') <> 'forecast_rejected' ${q.graphId ? Prisma.sql`and r."graphId" = ${q.graphId}` : Prisma.empty}`;
  const base = Prisma.sql`
    select r."id", r."graphId", r."version", r."status", r."createdAt", r."costUsd" as actual, f."p50Usd" as p50, f."p90Usd" as p90, f."basis", f."historyRuns", f."simulated"
      from "Run" r join "RunForecast" f on f."runId" = r."id" and f."workspaceId" = ${ws}
     where ${finished}`;

  type StatsRow = { basis: string | null; runs: bigint; within: bigint; median: number | null; mean: number | null; p50: Prisma.Decimal | null; p90: Prisma.Decimal | null; actual: Prisma.Decimal | null };
  const stats = await ctx.db.$queryRaw<StatsRow[]>`
    select b."basis", count(*)::bigint as runs, count(*) filter (where b.actual <= b.p90)::bigint as within,
           percentile_cont(0.5) within group (order by (abs(b.p50 - b.actual) / nullif(b.actual, 0))::float8) as median,
           avg((abs(b.p50 - b.actual) / nullif(b.actual, 0))::float8) as mean,
           sum(b.p50) as p50, sum(b.p90) as p90, sum(b.actual) as actual
      from (${base}) b
     group by grouping sets ((), (b."basis"))`;
  type RunRow = { id: string; graphId: string; version: number; status: string; createdAt: Date; actual: Prisma.Decimal; p50: Prisma.Decimal; p90: Prisma.Decimal; basis: string; historyRuns: number; simulated: boolean };
  const rows = await ctx.db.$queryRaw<RunRow[]>`${base} order by r."createdAt" desc, r."id" desc limit ${q.limit}`;
  const [{ unforecast }] = await ctx.db.$queryRaw<{ unforecast: bigint }[]>`
    select count(*)::bigint as unforecast from "Run" r where ${finished} and not exists (select 1 from "RunForecast" f where f."runId" = r."id")`;
  const graphIds = [...new Set(rows.map((r) => r.graphId))];
  const names = new Map((graphIds.length ? await ctx.db.graph.findMany({ where: { id: { in: graphIds } }, select: { id: true, name: true } }) : []).map((g) => [g.id, g.name]));

  const toStats = (s: StatsRow | undefined): ForecastAccuracyStats => {
    const runs = Number(s?.runs ?? 0);
    const within = Number(s?.within ?? 0);
    return {
      runs,
      withinP90: within,
      withinP90Pct: runs ? Math.round((within / runs) * 1000) / 10 : null,
      medianAbsErrorPct: pct(s?.median),
      meanAbsErrorPct: pct(s?.mean),
      forecastP50Usd: formatUsd(usd(s?.p50 ?? 0)),
      forecastP90Usd: formatUsd(usd(s?.p90 ?? 0)),
      actualUsd: formatUsd(usd(s?.actual ?? 0)),
    };
  };
  return {
    from,
    to,
    graphId: q.graphId ?? null,
    summary: { ...toStats(stats.find((s) => s.basis === null)), unforecastRuns: Number(unforecast) },
    byBasis: stats
      .filter((s): s is StatsRow & { basis: string } => s.basis !== null)
      .sort((a, b) => a.basis.localeCompare(b.basis))
      .map((s) => ({ basis: s.basis as "history" | "estimate", ...toStats(s) })),
    runs: rows.map((r) => {
      const actual = usd(r.actual);
      const p50 = usd(r.p50);
      return {
        runId: r.id,
        graphId: r.graphId,
        graphName: names.get(r.graphId) ?? null,
        version: r.version,
        status: r.status,
        createdAt: r.createdAt,
        p50Usd: formatUsd(p50),
        p90Usd: formatUsd(usd(r.p90)),
        basis: r.basis as "history" | "estimate",
        historyRuns: r.historyRuns,
        simulated: r.simulated,
        actualUsd: formatUsd(actual),
        errorPct: actual.isZero() ? null : Math.round(p50.minus(actual).div(actual).times(1000).toNumber()) / 10,
        withinP90: actual.lessThanOrEqualTo(usd(r.p90)),
      };
    }),
  };
}
