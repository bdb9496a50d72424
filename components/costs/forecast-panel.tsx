"use client";

import Link from "next/link";
import { Bar, CartesianGrid, ComposedChart, ErrorBar, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Badge, Card, Skeleton } from "@/components/ui/card";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useWorkspaceQuery } from "@/components/shell/use-workspace-query";
import { CHART_MARGIN, legendText } from "./charts";
import { formatMoneyTick, formatPercent, formatUsd, toNumber } from "@/lib/format";
import type { ForecastAccuracyReport } from "./types";

const SAMPLE = 12;

/**
 * Forecast vs actual (`GET /api/v1/costs/forecast-accuracy`): the forecast each finished run
 * got when it started — before any node ran, from history that did not include it — beside
 * what it cost. The summary covers every run in the range; the chart the latest few.
 */
export function ForecastPanel({ from, to, graphId }: { from: string; to: string; graphId: string | null }) {
  const { workspace } = useWorkspace();
  const qs = new URLSearchParams({ from, to, limit: String(SAMPLE) });
  if (graphId) qs.set("graphId", graphId);
  const report = useWorkspaceQuery<ForecastAccuracyReport>(["costs", "forecast-accuracy", from, to, graphId ?? ""], `/api/v1/costs/forecast-accuracy?${qs}`, { refetchInterval: 30_000 });
  const summary = report.data?.summary;
  const data = (report.data?.runs ?? [])
    .map((r) => {
      const p50 = toNumber(r.p50Usd);
      const p90 = toNumber(r.p90Usd);
      const name = r.graphName ?? "run";
      // the run's id suffix tells apart runs of one graph, so a long name is shortened, not the suffix
      return { id: r.runId, label: `${name.length > 11 ? `${name.slice(0, 10)}…` : name} …${r.runId.slice(-4)}`, name, actual: toNumber(r.actualUsd), forecast: p50, spread: [0, Math.max(0, p90 - p50)] as [number, number], p90, basis: r.basis, simulated: r.simulated };
    })
    .reverse();

  return (
    <Card title="Forecast vs actual" description="Each finished run's forecast, taken when it started (median, whisker to p90), beside what it cost.">
      {report.isPending ? (
        <Skeleton className="h-56" />
      ) : report.isError ? (
        <p role="alert" className="text-sm text-red-700" data-testid="forecast-unavailable">
          Could not load forecast vs actual: {report.error.message}
        </p>
      ) : !summary || summary.runs === 0 ? (
        <p className="text-sm text-slate-500" data-testid="forecast-unavailable">
          {summary && summary.unforecastRuns > 0
            ? `${summary.unforecastRuns} finished run${summary.unforecastRuns === 1 ? "" : "s"} in this range started before forecasts were kept; runs from now on are compared here.`
            : "No finished runs in this range to compare. Every run is forecast as it starts; once runs finish, they are compared here."}
        </p>
      ) : (
        <>
          <div className="mb-3 flex flex-wrap items-center gap-x-6 gap-y-1 text-sm text-slate-600" data-testid="forecast-summary">
            {summary.medianAbsErrorPct != null && (
              <span>
                Median error (p50) <strong className="text-slate-900">{formatPercent(summary.medianAbsErrorPct, 0)}</strong>
              </span>
            )}
            <span>
              At or under p90: <strong className="text-slate-900">{summary.withinP90}</strong> of {summary.runs}
            </span>
            <span>
              Forecast {formatUsd(summary.forecastP50Usd)} · actual <strong className="text-slate-900">{formatUsd(summary.actualUsd)}</strong>
            </span>
            {data.some((d) => d.simulated) && <Badge tone="amber">simulated models</Badge>}
            {report.data.byBasis.length > 1 && (
              <span className="text-xs text-slate-500">
                {report.data.byBasis.map((b) => `${b.basis === "history" ? "from history" : "estimates"}: ${b.runs} run${b.runs === 1 ? "" : "s"}${b.medianAbsErrorPct != null ? `, median error ${formatPercent(b.medianAbsErrorPct, 0)}` : ""}`).join(" · ")}
              </span>
            )}
            {report.data.byBasis.length === 1 && report.data.byBasis[0]!.basis === "estimate" && <span className="text-xs text-slate-500">All estimates (fewer than 3 earlier runs of each version).</span>}
          </div>
          <div className="h-80" data-testid="forecast-chart" aria-hidden>
            <ResponsiveContainer width="100%" height="100%">
              <ComposedChart data={data} margin={CHART_MARGIN} accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
                {/* one label per run, slanted so a dozen fit side by side without touching */}
                <XAxis dataKey="label" tick={{ fontSize: 10, fill: "#64748b" }} tickLine={false} interval={0} angle={-40} textAnchor="end" height={84} />
                <YAxis tickFormatter={(v: number) => formatMoneyTick(v)} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={false} width="auto" />
                <Tooltip
                  isAnimationActive={false}
                  cursor={{ fill: "#f1f5f9" }}
                  formatter={(v, n, item) => {
                    if (n === "forecast") return [`${formatUsd(Number(v))} (p90 ${formatUsd((item?.payload as { p90: number } | undefined)?.p90 ?? 0)})`, "Forecast p50"];
                    return [formatUsd(Number(v)), "Actual"];
                  }}
                />
                <Legend verticalAlign="top" height={28} formatter={(k) => legendText(k === "forecast" ? "Forecast (p50, whisker to p90)" : "Actual")} wrapperStyle={{ fontSize: 12 }} />
                <Bar dataKey="forecast" fill="#cbd5e1" isAnimationActive={false} maxBarSize={28}>
                  <ErrorBar dataKey="spread" width={6} stroke="#475569" direction="y" />
                </Bar>
                <Bar dataKey="actual" fill="#2563eb" isAnimationActive={false} maxBarSize={28} />
              </ComposedChart>
            </ResponsiveContainer>
          </div>
          <table className="sr-only" data-testid="forecast-table">
            <caption>Forecast and actual cost of the latest {data.length} finished runs</caption>
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Forecast (p50)</th>
                <th scope="col">Forecast (p90)</th>
                <th scope="col">Actual</th>
              </tr>
            </thead>
            <tbody>
              {data.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    {d.name} …{d.id.slice(-4)}
                  </th>
                  <td>{formatUsd(d.forecast)}</td>
                  <td>{formatUsd(d.p90)}</td>
                  <td>{formatUsd(d.actual)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-2 text-xs text-slate-500">
            The latest {data.length} of {summary.runs} runs. Open a run:{" "}
            {data.slice(-3).map((d, i) => (
              <span key={d.id}>
                {i > 0 && ", "}
                <Link className="text-brand-700 underline" href={`/w/${workspace.slug}/runs/${d.id}`}>
                  …{d.id.slice(-6)}
                </Link>
              </span>
            ))}
          </p>
        </>
      )}
    </Card>
  );
}
