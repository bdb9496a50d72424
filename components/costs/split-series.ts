/**
 * The spend-over-time chart's stacked series from a split report (`GET /api/v1/costs?groupBy=day&splitBy=…`).
 * Pure functions: the amounts stay decimal strings until drawn.
 */
import type { TimePoint } from "./charts";
import { toNumber } from "@/lib/format";
import type { CostSplitsWire, GroupBy } from "./types";

/** Legend entry of the keys summed into "other". */
export const OTHER_LABEL: Record<GroupBy, string> = {
  agent: "Other agents",
  model: "Other models",
  graph: "Other graphs",
  version: "Other versions",
  tag: "Other tags",
  customer: "Other customer keys",
};

/**
 * What a split key is called in the legend: graphs by name, versions as "name vN", the empty key
 * (no agent, model, graph or customer key on the calls) as "not attributed".
 *
 * @example
 * splitKeyLabel("version", { key: "gr_1@2", label: "Support triage" }); // "Support triage v2"
 */
export function splitKeyLabel(by: GroupBy, k: { key: string; label: string | null }): string {
  if (by === "version") {
    const at = k.key.lastIndexOf("@");
    const graphId = at < 0 ? k.key : k.key.slice(0, at);
    if (!graphId) return "not attributed";
    return `${k.label ?? graphId} v${at < 0 ? "?" : k.key.slice(at + 1)}`;
  }
  if (k.key === "") return "not attributed";
  return by === "graph" ? (k.label ?? k.key) : k.key;
}

export interface SplitSeries {
  /** the chart's data key (`s0`…, `other`): keys such as `openai:gpt-4.1` are not safe as chart data keys */
  key: string;
  label: string;
  color: string;
  /** the split key behind the series (`null` for other) */
  splitKey: string | null;
}

/**
 * One point per period (every period of the range, zero where nothing was spent), one series per
 * named key and one for the rest when anything was spent there.
 *
 * @example
 * splitTimeSeries(report.splits, ["2026-11-01", "2026-11-02"], SERIES_COLORS);
 * // { data: [{ period: "2026-11-01", s0: 0.4, other: 0 }, …], series: [{ key: "s0", label: "sim:fast", … }] }
 */
export function splitTimeSeries(splits: CostSplitsWire, periods: string[], colors: readonly string[]): { data: TimePoint[]; series: SplitSeries[] } {
  const by = splits.by as GroupBy;
  const series: SplitSeries[] = splits.keys.map((k, i) => ({ key: `s${i}`, label: splitKeyLabel(by, k), color: colors[i % (colors.length - 1)]!, splitKey: k.key }));
  const rows = new Map(splits.rows.map((r) => [r.period, r]));
  let other = false;
  const data = periods.map((period) => {
    const r = rows.get(period);
    const point: TimePoint = { period };
    splits.keys.forEach((k, i) => (point[`s${i}`] = toNumber(r?.values[k.key])));
    point.other = toNumber(r?.otherUsd);
    if (point.other > 0) other = true;
    return point;
  });
  if (other) series.push({ key: "other", label: OTHER_LABEL[by], color: colors.at(-1)!, splitKey: null });
  return { data, series };
}
