"use client";

import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoneyTick, formatPeriod, formatUsd } from "@/lib/format";

export const SERIES_COLORS = ["#2563eb", "#0891b2", "#7c3aed", "#db2777", "#ea580c", "#65a30d", "#94a3b8"];

/**
 * Margins of the cartesian charts: room above for the top tick's label (half of it sits above the
 * plot) and a little on the left. The y-axes measure their own labels (`width="auto"`), so
 * "$1,234.56" or "$0.000026" are never cut off at the chart's left edge.
 */
export const CHART_MARGIN = { top: 12, right: 12, bottom: 0, left: 4 } as const;

/** Legend entries in readable text whatever their series colour (a pale bar made a pale label). */
export const legendText = (text: string) => <span className="text-xs text-slate-700">{text}</span>;

export interface TimePoint {
  period: string;
  [seriesKey: string]: number | string;
}

/**
 * Spend per day or month; stacked when several series are given (with a legend, also for a split
 * series of one key). Clicking a bar drills down: `onSelect` gets the period and the series clicked.
 */
export function SpendOverTimeChart({
  data,
  series,
  onSelect,
  legend,
}: {
  data: TimePoint[];
  series: { key: string; label: string; color: string }[];
  onSelect?: (period: string, seriesKey: string) => void;
  legend?: boolean;
}) {
  // legend and tooltip in the series' order (largest first, "other" last), not by data key
  const order = (dataKey: unknown) => series.findIndex((s) => s.key === dataKey);
  return (
    <figure className="h-72 w-full" data-testid="spend-over-time">
      <figcaption className="sr-only">{spendOverTimeSummary(data, series)}</figcaption>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={CHART_MARGIN}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="period" tickFormatter={(p: string) => formatPeriod(p)} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} minTickGap={12} />
          <YAxis tickFormatter={(v: number) => formatMoneyTick(v)} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={false} width="auto" />
          <Tooltip
            isAnimationActive={false}
            cursor={{ fill: "#f1f5f9" }}
            labelFormatter={(l) => formatPeriod(String(l))}
            formatter={(v, name) => [formatUsd(Number(v)), series.find((s) => s.key === name)?.label ?? String(name)]}
            itemSorter={(item) => order(item.dataKey)}
          />
          {(legend || series.length > 1) && (
            <Legend formatter={(key) => legendText(series.find((s) => s.key === key)?.label ?? String(key))} itemSorter={(item) => order(item.dataKey)} wrapperStyle={{ fontSize: 12 }} />
          )}
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              stackId="spend"
              fill={s.color}
              isAnimationActive={false}
              maxBarSize={40}
              cursor={onSelect ? "pointer" : undefined}
              onClick={(d: { payload?: TimePoint }) => d.payload && onSelect?.(d.payload.period, s.key)}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** The spend-over-time chart in words: the total, the costliest period, and where the numbers are listed. */
function spendOverTimeSummary(data: TimePoint[], series: { key: string }[]): string {
  const totals = data.map((d) => ({ period: d.period, total: series.reduce((sum, s) => sum + (Number(d[s.key]) || 0), 0) }));
  if (!totals.length) return "Spend over time: nothing in this range.";
  const all = totals.reduce((sum, t) => sum + t.total, 0);
  const peak = totals.reduce((a, b) => (b.total > a.total ? b : a));
  return `Spend over time, ${formatPeriod(totals[0]!.period)} to ${formatPeriod(totals.at(-1)!.period)}: ${formatUsd(all)} in all, the most (${formatUsd(peak.total)}) in ${formatPeriod(peak.period)}. The cost table on this page lists the same spend.`;
}

export interface BreakdownPoint {
  key: string;
  label: string;
  cost: number;
  simulated: boolean;
}

/** Horizontal bars of the biggest groups; clicking one drills down to its runs. */
export function BreakdownChart({ data, onSelect }: { data: BreakdownPoint[]; onSelect?: (key: string) => void }) {
  const height = Math.max(120, data.length * 30 + 30);
  return (
    <figure className="w-full" style={{ height }} data-testid="breakdown-chart">
      <figcaption className="sr-only">
        {`Spend by group: ${data.map((d) => `${d.label} ${formatUsd(d.cost)}${d.simulated ? " (simulated)" : ""}`).join(", ")}.`}
      </figcaption>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: 24, bottom: 0, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e2e8f0" />
          <XAxis type="number" tickFormatter={(v: number) => formatMoneyTick(v)} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} />
          <YAxis
            type="category"
            dataKey="label"
            width="auto"
            tick={{ fontSize: 11, fill: "#334155" }}
            tickLine={false}
            axisLine={false}
            tickFormatter={(l: string) => (l.length > 26 ? `${l.slice(0, 25)}…` : l)}
          />
          <Tooltip
            isAnimationActive={false}
            cursor={{ fill: "#f1f5f9" }}
            formatter={(v, _n, item) => [`${formatUsd(Number(v))}${(item?.payload as BreakdownPoint | undefined)?.simulated ? " (simulated)" : ""}`, "Spend"]}
          />
          <Bar dataKey="cost" isAnimationActive={false} maxBarSize={22} cursor={onSelect ? "pointer" : undefined} onClick={(d: { payload?: BreakdownPoint }) => d.payload && onSelect?.(d.payload.key)}>
            {data.map((d) => (
              <Cell key={d.key} fill={d.simulated ? "#f59e0b" : "#2563eb"} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
