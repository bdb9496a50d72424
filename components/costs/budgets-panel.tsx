"use client";

import Link from "next/link";
import { CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Badge, Card, Skeleton } from "@/components/ui/card";
import { useWorkspace } from "@/components/shell/workspace-context";
import { ApiError } from "@/lib/client/api";
import { useWorkspaceQuery } from "@/components/shell/use-workspace-query";
import { BudgetBurn } from "./budget-burn";
import { CHART_MARGIN } from "./charts";
import { formatMoneyTick, formatPeriod, formatUsd, toNumber } from "@/lib/format";
import { useCostReport } from "./query";
import { PERIOD_LABEL, SCOPE_LABEL } from "./schemas";
import type { BudgetStatus } from "./types";
import { Time } from "@/components/ui/time";

/** Budgets with their current burn; calendar budgets of the workspace or one graph also get a burn-down chart. */
export function BudgetsPanel() {
  const { workspace, can } = useWorkspace();
  const list = useWorkspaceQuery<{ budgets: BudgetStatus[] }>(["budgets"], "/api/v1/budgets", { refetchInterval: 30_000 });
  const manage = can("budgets:manage");
  return (
    <Card
      title="Budgets"
      description="Burn in the current period, with the spend projected at the period's end at today's pace."
      actions={
        manage && (
          <Link href={`/w/${workspace.slug}/settings?tab=budgets`} className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40">
            Manage budgets
          </Link>
        )
      }
    >
      {list.isPending ? (
        <div className="grid gap-4 md:grid-cols-2">
          <Skeleton className="h-40" />
          <Skeleton className="h-40" />
        </div>
      ) : list.error instanceof ApiError && list.error.status === 404 ? (
        <p className="text-sm text-slate-500">Budgets are not available on this server yet (the budget API answered 404).</p>
      ) : list.isError ? (
        <p role="alert" className="text-sm text-red-700">
          Could not load the budgets: {list.error.message} Reload the page to try again.
        </p>
      ) : list.data.budgets.length === 0 ? (
        <p className="text-sm text-slate-500" data-testid="budgets-empty">
          No budgets yet.{" "}
          {manage ? (
            <>
              <Link className="font-medium text-brand-700 underline" href={`/w/${workspace.slug}/settings?tab=budgets`}>
                Create one
              </Link>{" "}
              to cap spend per month, day or run — calls that would exceed it pause the run instead of spending.
            </>
          ) : (
            "Finance, admins and owners can create them."
          )}
        </p>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" data-testid="cost-budgets">
          {list.data.budgets.map((b) => (
            <li key={b.id} className="rounded-md border border-slate-200 p-3">
              <div className="mb-2 flex flex-wrap items-center gap-2">
                <h3 className="text-sm font-semibold text-slate-900">{b.name}</h3>
                <Badge>{PERIOD_LABEL[b.period as keyof typeof PERIOD_LABEL] ?? b.period}</Badge>
                {!b.enabled && <Badge tone="amber">not enforced</Badge>}
                <span className="text-xs text-slate-500">
                  {SCOPE_LABEL[b.scope as keyof typeof SCOPE_LABEL] ?? b.scope}
                  {b.scopeRef ? `: ${b.scopeRef}` : ""} · on exceed: {b.onExceed}
                </span>
              </div>
              {b.current.length === 0 ? (
                <p className="text-xs text-slate-500">No spend against it in the current period yet.</p>
              ) : (
                <div className="space-y-2">
                  {b.current.slice(0, 3).map((w) => (
                    <BudgetBurn key={w.windowKey} budget={b} window={w} />
                  ))}
                </div>
              )}
              {(b.period === "month" || b.period === "day") && (b.scope === "workspace" || (b.scope === "graph" && b.scopeRef)) && b.current.length === 1 && <BurnDown budget={b} />}
            </li>
          ))}
        </ul>
      )}
      <BudgetAlerts />
    </Card>
  );
}

type Notification = { id: string; kind: string; title: string; body: string | null; readAt: string | null; createdAt: string };

/** The latest budget threshold alerts (the in-app side of the alerts webhooks also receive). */
function BudgetAlerts() {
  const list = useWorkspaceQuery<{ notifications: Notification[] }>(["notifications", "budget"], "/api/v1/notifications?limit=20", { refetchInterval: 30_000 });
  const alerts = (list.data?.notifications ?? []).filter((n) => n.kind.startsWith("budget")).slice(0, 5);
  if (!alerts.length) return null;
  return (
    <div className="mt-4 border-t border-slate-100 pt-3" data-testid="budget-alerts">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Recent alerts</h3>
      <ul className="mt-2 space-y-1.5">
        {alerts.map((n) => (
          <li key={n.id} className="flex items-start gap-2 text-sm">
            <span aria-hidden className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${n.readAt ? "bg-slate-300" : "bg-amber-500"}`} />
            <span className="min-w-0">
              <span className="font-medium text-slate-800">{n.title}</span>
              {n.body && <span className="text-slate-500"> — {n.body}</span>}
              <Time value={n.createdAt} className="ml-2 text-xs text-slate-500" />
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function periodOf(period: string, now = new Date()): { from: Date; to: Date } {
  if (period === "day") {
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    return { from, to: new Date(from.getTime() + 86_400_000) };
  }
  return { from: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), to: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)) };
}

/** Remaining budget day by day this month: actual so far, then the projection to the period's end. */
function BurnDown({ budget }: { budget: BudgetStatus }) {
  const w = budget.current[0]!;
  const { from, to } = periodOf(budget.period);
  const daily = budget.period === "month";
  const report = useCostReport({ groupBy: "day", from: from.toISOString(), to: to.toISOString(), graphId: budget.scope === "graph" ? budget.scopeRef : null }, { enabled: daily });
  if (!daily) return null;
  if (!report.data) return <Skeleton className="mt-3 h-32" />;
  const limit = toNumber(w.limitUsd);
  const byDay = new Map(report.data.rows.map((r) => [r.key, toNumber(r.costUsd)]));
  const today = new Date().toISOString().slice(0, 10);
  const days: string[] = [];
  for (let t = from.getTime(); t < to.getTime(); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  let cumulative = 0;
  const todayIndex = Math.max(0, days.indexOf(today));
  const projectedEnd = w.projectedUsd == null ? null : toNumber(w.projectedUsd);
  const data = days.map((day, i) => {
    if (i <= todayIndex) cumulative += byDay.get(day) ?? 0;
    const projected = projectedEnd == null || i < todayIndex ? null : cumulative + ((projectedEnd - cumulative) * (i - todayIndex)) / Math.max(1, days.length - 1 - todayIndex);
    return {
      day,
      remaining: i <= todayIndex ? Number((limit - cumulative).toFixed(6)) : null,
      projected: projected == null ? null : Number((limit - projected).toFixed(6)),
    };
  });
  const min = Math.min(0, ...data.map((d) => d.projected ?? d.remaining ?? 0));
  return (
    <div className="mt-3 h-36" data-testid="burn-down" role="img" aria-label={burnDownSummary(budget.name, limit, limit - cumulative, projectedEnd)}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={CHART_MARGIN} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="day" tickFormatter={(p: string) => formatPeriod(p)} tick={{ fontSize: 10, fill: "#64748b" }} tickLine={false} minTickGap={16} />
          <YAxis tickFormatter={(v: number) => formatMoneyTick(v)} tick={{ fontSize: 10, fill: "#64748b" }} tickLine={false} axisLine={false} width="auto" domain={[min, Math.max(limit, 0)]} />
          <Tooltip isAnimationActive={false} labelFormatter={(l) => formatPeriod(String(l))} formatter={(v, n) => [formatUsd(Number(v)), n === "remaining" ? "Remaining" : "Projected remaining"]} />
          <ReferenceLine y={0} stroke="#dc2626" strokeDasharray="4 2" />
          <Line type="monotone" dataKey="remaining" stroke="#2563eb" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
          <Line type="linear" dataKey="projected" stroke="#94a3b8" strokeWidth={2} strokeDasharray="5 4" dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

/** The burn-down chart in words, for those who do not see it. */
function burnDownSummary(name: string, limit: number, remaining: number, projectedEnd: number | null): string {
  const projected = projectedEnd == null ? "" : ` At this pace, ${formatUsd(Math.max(0, limit - projectedEnd))} is left at the end of the period${projectedEnd > limit ? ` (${formatUsd(projectedEnd - limit)} over)` : ""}.`;
  return `Burn-down of ${name}: ${formatUsd(Math.max(0, remaining))} of ${formatUsd(limit)} left today.${projected}`;
}
