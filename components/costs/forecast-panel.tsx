"use client";

import Link from "next/link";
import { useQueries } from "@tanstack/react-query";
import { Bar, CartesianGrid, ComposedChart, ErrorBar, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Badge, Card, Skeleton } from "@/components/ui/card";
import { useWorkspace } from "@/components/shell/workspace-context";
import { api, ApiError } from "@/lib/client/api";
import { useWorkspaceQuery } from "@/lib/client/use-workspace-query";
import { toNumber, usd, usdTick } from "./format";

const SAMPLE = 8;

type RunItem = { id: string; graphId: string; version: number; graphName?: string; costUsd: number | string | null; createdAt: string };
type RunDetail = { id: string; graphId: string; graphVersion: number; input: Record<string, unknown> | null };
type Forecast = { p50Usd: string; p90Usd: string; basis: "history" | "estimate"; runs: number; simulated: boolean };

/**
 * Forecast vs actual for the latest finished runs in the range: each run's input is forecast
 * again for its own version (`POST /api/v1/graphs/:id/forecast`) and set beside what the run
 * cost. The forecast learns from history that includes the run itself, so this shows how well
 * the model fits, not a blind test.
 */
export function ForecastPanel({ from, to, graphId }: { from: string; to: string; graphId: string | null }) {
  const { workspace } = useWorkspace();
  const qs = new URLSearchParams({ status: "succeeded", from, to, limit: String(SAMPLE) });
  if (graphId) qs.set("graphId", graphId);
  const runs = useWorkspaceQuery<{ runs: RunItem[] }>(["runs", "forecast-sample", from, to, graphId ?? ""], `/api/v1/runs?${qs}`);
  const sample = (runs.data?.runs ?? []).slice(0, SAMPLE);
  const forecasts = useQueries({
    queries: sample.map((r) => ({
      queryKey: [workspace.slug, "forecast-vs-actual", r.id],
      staleTime: 5 * 60_000,
      retry: false,
      queryFn: async () => {
        const run = await api<RunDetail>(`/api/v1/runs/${r.id}`, { workspace: workspace.slug });
        return api<Forecast>(`/api/v1/graphs/${run.graphId}/forecast`, { body: { input: run.input ?? {}, version: run.graphVersion }, workspace: workspace.slug });
      },
    })),
  });
  const missing = forecasts.some((f) => f.error instanceof ApiError && f.error.status === 404 && /forecast|not found/i.test(f.error.message) && f.error.code === "not_found");
  const ready = forecasts.every((f) => !f.isPending);
  const data = sample
    .map((r, i) => {
      const f = forecasts[i]?.data;
      if (!f) return null;
      const p50 = toNumber(f.p50Usd);
      const p90 = toNumber(f.p90Usd);
      return { id: r.id, label: `${r.graphName ?? "run"} …${r.id.slice(-4)}`, actual: toNumber(r.costUsd), forecast: p50, spread: [0, Math.max(0, p90 - p50)] as [number, number], p90, basis: f.basis, simulated: f.simulated };
    })
    .filter((d): d is NonNullable<typeof d> => d !== null)
    .reverse();
  const errors = data.filter((d) => d.actual > 0).map((d) => Math.abs(d.forecast - d.actual) / d.actual);
  const medianError = errors.length ? errors.sort((a, b) => a - b)[Math.floor(errors.length / 2)]! : null;
  const within = data.filter((d) => d.actual <= d.p90).length;

  return (
    <Card title="Forecast vs actual" description={`The latest ${SAMPLE} finished runs in the range: the forecast (median, whisker to p90) for each run's input and version beside what it cost.`}>
      {runs.isPending || (sample.length > 0 && !ready && data.length === 0) ? (
        <Skeleton className="h-56" />
      ) : runs.isError ? (
        <p role="alert" className="text-sm text-red-700">
          Could not load the runs to compare: {runs.error.message}
        </p>
      ) : sample.length === 0 ? (
        <p className="text-sm text-slate-500">No finished runs in this range to compare. Forecasts appear before each manual run; once runs finish, they are compared here.</p>
      ) : data.length === 0 ? (
        <p className="text-sm text-slate-500" data-testid="forecast-unavailable">
          {missing ? "Forecasts are not available on this server yet (the forecast API answered 404)." : `No forecast could be made for these runs: ${forecasts.find((f) => f.error)?.error?.message ?? "unknown reason"}`}
        </p>
      ) : (
        <>
          <div className="mb-3 flex flex-wrap items-center gap-x-6 gap-y-1 text-sm text-slate-600" data-testid="forecast-summary">
            {medianError != null && (
              <span>
                Median error <strong className="text-slate-900">{(medianError * 100).toFixed(0)}%</strong>
              </span>
            )}
            <span>
              At or under p90: <strong className="text-slate-900">{within}</strong> of {data.length}
            </span>
            {data.some((d) => d.simulated) && <Badge tone="amber">simulated models</Badge>}
            {data.some((d) => d.basis === "estimate") && <span className="text-xs text-slate-500">Some forecasts are estimates (fewer than 3 runs of that version).</span>}
          </div>
          <div className="h-64" data-testid="forecast-chart">
            <ResponsiveContainer width="100%" height="100%">
              <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
                <XAxis dataKey="label" tick={{ fontSize: 10, fill: "#64748b" }} tickLine={false} interval={0} tickFormatter={(l: string) => (l.length > 18 ? `${l.slice(0, 17)}…` : l)} />
                <YAxis tickFormatter={usdTick} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={false} width={56} />
                <Tooltip
                  isAnimationActive={false}
                  cursor={{ fill: "#f1f5f9" }}
                  formatter={(v, n, item) => {
                    if (n === "forecast") return [`${usd(Number(v))} (p90 ${usd((item?.payload as { p90: number }).p90)})`, "Forecast p50"];
                    return [usd(Number(v)), "Actual"];
                  }}
                />
                <Legend formatter={(k) => (k === "forecast" ? "Forecast (p50, whisker to p90)" : "Actual")} wrapperStyle={{ fontSize: 12 }} />
                <Bar dataKey="forecast" fill="#cbd5e1" isAnimationActive={false} maxBarSize={28}>
                  <ErrorBar dataKey="spread" width={6} stroke="#475569" direction="y" />
                </Bar>
                <Bar dataKey="actual" fill="#2563eb" isAnimationActive={false} maxBarSize={28} />
              </ComposedChart>
            </ResponsiveContainer>
          </div>
          <p className="mt-2 text-xs text-slate-500">
            Forecasts are made now from the version&apos;s history, which includes these runs. Open a run:{" "}
            {data.slice(-3).map((d, i) => (
              <span key={d.id}>
                {i > 0 && ", "}
                <Link className="text-brand-700 hover:underline" href={`/w/${workspace.slug}/runs/${d.id}`}>
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
