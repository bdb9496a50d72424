import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { forecastRun, type NodeForecast } from "./forecast-run";
import { formatUsd, usd } from "./money";

/** What a run was forecast to cost when it started; plain JSON (it is memoized by a durable step). */
export interface StartForecast {
  p50Usd: string;
  p90Usd: string;
  basis: "history" | "estimate";
  /** Past runs of the version the figures come from (0 for an estimate). */
  runs: number;
  simulated: boolean;
  perNode: NodeForecast[];
}

export interface StartForecastResult {
  /** Null when the forecast could not be made (`error` says why). */
  forecast: StartForecast | null;
  error: string | null;
  /** The graph's `budget.requireApprovalAboveUsd`, as a decimal string (null: none). */
  thresholdUsd: string | null;
  /**
   * True when the run must wait for a person before any node runs: the p90 exceeds the
   * threshold, or there is a threshold and no forecast could be made (spend nobody can
   * estimate is not waved through).
   */
  needsApproval: boolean;
}

/**
 * Forecasts a run as it starts — before any node runs — with the same method as
 * `POST /api/v1/graphs/:id/forecast` (the version's history, else counted prompts and output
 * limits; the run itself is not history yet), stores it as the run's `RunForecast` (the
 * forecast-vs-actual report reads it), and says whether the graph's
 * `budget.requireApprovalAboveUsd` asks for an approval first.
 *
 * @example
 * const gate = await forecastRunStart(ctx, { runId, graphId, version: 3, input }, { thresholdUsd: 0.5 });
 * // { forecast: { p50Usd: "0.21", p90Usd: "0.74", basis: "history", … }, thresholdUsd: "0.5", needsApproval: true }
 */
export async function forecastRunStart(
  ctx: WorkspaceContext,
  run: { runId: string; graphId: string; version: number; input: Record<string, unknown> },
  opts: { thresholdUsd?: number | null } = {},
): Promise<StartForecastResult> {
  const thresholdUsd = opts.thresholdUsd == null ? null : formatUsd(usd(opts.thresholdUsd));
  let forecast: StartForecast | null = null;
  let error: string | null = null;
  try {
    const f = await forecastRun(ctx, run.graphId, { input: run.input, version: run.version });
    forecast = { p50Usd: f.p50Usd, p90Usd: f.p90Usd, basis: f.basis, runs: f.runs, simulated: f.simulated, perNode: f.perNode };
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  if (forecast) {
    // kept with the run for the forecast-vs-actual report; an upsert, so a retried step writes it once
    const row = {
      graphId: run.graphId,
      graphVersion: run.version,
      p50Usd: usd(forecast.p50Usd),
      p90Usd: usd(forecast.p90Usd),
      basis: forecast.basis,
      historyRuns: forecast.runs,
      simulated: forecast.simulated,
      perNode: forecast.perNode as never,
      thresholdUsd: thresholdUsd === null ? null : usd(thresholdUsd),
    };
    await ctx.db.runForecast.upsert({ where: { runId: run.runId }, create: { runId: run.runId, ...row } as never, update: row });
  }
  const needsApproval = thresholdUsd !== null && (forecast ? usd(forecast.p90Usd).greaterThan(usd(thresholdUsd)) : true);
  return { forecast, error, thresholdUsd, needsApproval };
}
