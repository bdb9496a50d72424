"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Card, EmptyState, PageHeader, Skeleton } from "@/components/ui/card";
import { useToast } from "@/components/ui/toast";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useWorkspaceQuery } from "@/components/shell/use-workspace-query";
import { BudgetsPanel } from "./budgets-panel";
import { BreakdownChart, SERIES_COLORS, SpendOverTimeChart, type TimePoint } from "./charts";
import { CostTable } from "./cost-table";
import { daysIn, eachDay, eachMonth, presetRange, type DateRange } from "./range";
import { formatCompact, formatCount, formatPercent, formatUsd, toNumber } from "@/lib/format";
import { downloadCostsCsv, isSimulatedModel, rangeToQuery, rowLabel, runsHref, useCostReport, type CostQuery } from "./query";
import { ForecastPanel } from "./forecast-panel";
import { RangePicker } from "./range-picker";
import { splitTimeSeries, type SplitSeries } from "./split-series";
import { GROUP_BYS, GROUP_LABEL, type GroupBy } from "./types";

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
/** Keys stacked in the spend-over-time chart; the rest form one "other" series. */
const TOP_STACKED = 5;
const PLURAL: Record<GroupBy, string> = { agent: "agents", model: "models", graph: "graphs", version: "graph versions", tag: "tags", customer: "customer keys" };

/** The state of the screen lives in the URL, so a view can be shared and the back button works. */
function useCostsState() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const def = presetRange("this-month");
  const from = params.get("from");
  const to = params.get("to");
  const range: DateRange = from && to && DAY_RE.test(from) && DAY_RE.test(to) && from <= to ? { from, to } : def;
  const g = params.get("groupBy");
  const groupBy: GroupBy = (GROUP_BYS as readonly string[]).includes(g ?? "") ? (g as GroupBy) : "agent";
  const graphId = params.get("graphId") || null;
  const set = useCallback(
    (next: Partial<{ from: string; to: string; groupBy: string; graphId: string | null }>) => {
      const p = new URLSearchParams(params.toString());
      for (const [k, v] of Object.entries(next)) {
        if (v) p.set(k, v);
        else p.delete(k);
      }
      router.replace(`${pathname}?${p.toString()}`, { scroll: false });
    },
    [params, pathname, router],
  );
  return { range, groupBy, graphId, set };
}

export function CostsPage() {
  const { workspace, can } = useWorkspace();
  const toast = useToast();
  const router = useRouter();
  const { range, groupBy, graphId, set } = useCostsState();
  const [exporting, setExporting] = useState(false);
  const span = useMemo(() => rangeToQuery(range), [range]);
  const bucket = daysIn(range) > 62 ? "month" : "day";
  const q: CostQuery = { groupBy, ...span, graphId };
  const main = useCostReport(q);
  // Spend over time, each period split by the dimension grouped by: its top keys and the rest.
  const series = useCostReport({ ...q, groupBy: bucket, splitBy: groupBy, splitLimit: TOP_STACKED });
  const byModel = useCostReport({ ...q, groupBy: "model" });
  const graphs = useWorkspaceQuery<{ graphs: { id: string; name: string }[] }>(["graphs", "list"], "/api/v1/graphs");

  const rows = main.data?.rows ?? [];
  const totalUsd = toNumber(series.data?.total.costUsd ?? (groupBy === "tag" ? undefined : main.data?.total.costUsd));
  const totalText = series.data?.total.costUsd ?? (groupBy === "tag" ? null : main.data?.total.costUsd) ?? null;
  const simulatedUsd = (byModel.data?.rows ?? []).filter((r) => isSimulatedModel(r.key)).reduce((s, r) => s + toNumber(r.costUsd), 0);
  const simulatedKeys = useMemo(() => new Set((byModel.data?.rows ?? []).filter((r) => isSimulatedModel(r.key)).map((r) => r.key)), [byModel.data]);
  const onlySimulated = !!byModel.data && byModel.data.rows.length > 0 && byModel.data.rows.every((r) => isSimulatedModel(r.key));
  const isSim = (key: string) => (groupBy === "model" ? simulatedKeys.has(key) : onlySimulated);

  // While another grouping loads, the previous report's split would be labelled wrongly: show its total alone.
  const splits = series.data?.splits?.by === groupBy ? series.data.splits : null;
  const timeData = useMemo<{ data: TimePoint[]; series: SplitSeries[] }>(() => {
    const periods = bucket === "day" ? eachDay(range) : eachMonth(range);
    if (splits) return splitTimeSeries(splits, periods, SERIES_COLORS);
    const m = new Map((series.data?.rows ?? []).map((x) => [x.key, toNumber(x.costUsd)]));
    return { data: periods.map((period) => ({ period, spend: m.get(period) ?? 0 })), series: [{ key: "spend", label: "Spend", color: SERIES_COLORS[0]!, splitKey: null }] };
  }, [bucket, range, series.data, splits]);
  const drillPeriod = (period: string, seriesKey: string) => {
    const splitKey = timeData.series.find((s) => s.key === seriesKey)?.splitKey;
    return runsHref(workspace.slug, { groupBy: bucket, key: period, range, graphId, split: splitKey != null ? { groupBy, key: splitKey } : undefined });
  };

  const breakdown = rows.slice(0, 10).map((r) => ({ key: r.key, label: rowLabel(groupBy, r), cost: toNumber(r.costUsd), simulated: isSim(r.key) }));
  const drill = (key: string, by: CostQuery["groupBy"] = groupBy) => runsHref(workspace.slug, { groupBy: by, key, range, graphId });
  const empty = main.data && series.data && series.data.rows.length === 0;

  async function exportCsv() {
    setExporting(true);
    try {
      const name = await downloadCostsCsv(workspace.slug, q);
      toast("success", `Exported ${rows.length} ${rows.length === 1 ? "row" : "rows"} to ${name}.`);
    } catch (err) {
      toast("error", `${(err as Error).message} Try again, or narrow the range.`);
    } finally {
      setExporting(false);
    }
  }

  return (
    <div className="max-w-7xl space-y-6" data-testid="costs-page">
      <PageHeader
        title="Costs"
        description="Every model and tool call is priced into the cost ledger. Click a bar or a row to see the runs behind it."
        actions={
          <Button variant="secondary" onClick={exportCsv} disabled={exporting || !main.data} aria-label={`Export CSV of spend by ${GROUP_LABEL[groupBy].toLowerCase()}`}>
            {exporting ? "Exporting…" : "Export CSV"}
          </Button>
        }
      />

      <div className="flex flex-wrap items-end justify-between gap-4 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
        <div className="flex flex-wrap items-end gap-3">
          <RangePicker value={range} onChange={(r) => set({ from: r.from, to: r.to })} />
          <div>
            <label htmlFor="costs-graph-filter" className="mb-1 block text-xs font-medium text-slate-600">
              Graph
            </label>
            <select
              id="costs-graph-filter"
              className="block h-9 w-48 rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30"
              value={graphId ?? ""}
              onChange={(e) => set({ graphId: e.target.value || null })}
            >
              <option value="">All graphs</option>
              {graphs.data?.graphs.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div>
          <span aria-hidden className="mb-1 block text-xs font-medium text-slate-600">
            Group by
          </span>
          <div role="radiogroup" aria-label="Group spend by" className="inline-flex h-9 flex-wrap items-center rounded-md border border-slate-300 bg-slate-50 p-0.5">
            {GROUP_BYS.map((g) => (
              <button
                type="button"
                key={g}
                role="radio"
                aria-checked={g === groupBy}
                onClick={() => set({ groupBy: g })}
                className={`rounded px-2.5 py-1 text-xs font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40 ${g === groupBy ? "bg-white text-brand-700 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
              >
                {GROUP_LABEL[g]}
              </button>
            ))}
          </div>
        </div>
      </div>

      {main.isError || series.isError ? (
        <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
          <p className="font-medium">Could not load the cost report.</p>
          <p className="mt-1">{(main.error ?? series.error)?.message} Check the date range, then reload the page; if it keeps failing the server log has the details.</p>
        </div>
      ) : (
        <>
          <section aria-label="Summary" className="grid grid-cols-2 gap-4 lg:grid-cols-4">
            <Stat label="Spend in range" loading={!series.data} testId="total-spend">
              {formatUsd(totalText ?? totalUsd)}
              {simulatedUsd > 0 && (
                <span className="mt-1 block text-xs font-normal text-amber-700">
                  {onlySimulated ? "all simulated models" : `incl. ${formatUsd(simulatedUsd)} simulated`}
                </span>
              )}
            </Stat>
            <Stat label="Model and tool calls" loading={!series.data}>
              {formatCount(series.data?.total.calls)}
            </Stat>
            <Stat label="Tokens in / out" loading={!series.data}>
              {series.data ? `${formatCompact(series.data.total.inputTokens)} / ${formatCompact(series.data.total.outputTokens)}` : ""}
            </Stat>
            <Stat label={`Top ${GROUP_LABEL[groupBy].toLowerCase()}`} loading={!main.data}>
              {rows[0] ? (
                <Link href={drill(rows[0].key)} className="block truncate hover:underline" title={rowLabel(groupBy, rows[0])}>
                  {rowLabel(groupBy, rows[0])}
                  <span className="mt-1 block text-xs font-normal text-slate-500">{formatUsd(rows[0].costUsd)}</span>
                </Link>
              ) : (
                "—"
              )}
            </Stat>
          </section>

          {empty ? (
            <EmptyState
              title="No spend in this range"
              action={
                <Link href={`/w/${workspace.slug}/graphs`} className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
                  Go to graphs
                </Link>
              }
            >
              Run a graph with an agent node and its model calls appear here within seconds. Or pick a wider range{graphId ? " or all graphs" : ""}.
            </EmptyState>
          ) : (
            <>
              <Card
                title={`Spend over time by ${GROUP_LABEL[groupBy].toLowerCase()}`}
                description={`Per ${bucket} (UTC), stacked by the ${TOP_STACKED} costliest ${PLURAL[groupBy]} of the range and the rest. Click a bar to see the runs behind it that ${bucket}.${groupBy === "tag" ? " A call with several tags counts under each." : ""}`}
              >
                {series.data ? (
                  <SpendOverTimeChart data={timeData.data} series={timeData.series} legend={!!splits} onSelect={(period, seriesKey) => router.push(drillPeriod(period, seriesKey))} />
                ) : (
                  <Skeleton className="h-72" />
                )}
              </Card>

              <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
                <Card title={`Spend by ${GROUP_LABEL[groupBy].toLowerCase()}`} description={rows.length > 10 ? `The 10 largest of ${rows.length}; the table below has them all.` : "Click a bar to see its runs."}>
                  {main.data ? breakdown.length ? <BreakdownChart data={breakdown} onSelect={(key) => router.push(drill(key))} /> : <p className="text-sm text-slate-500">Nothing to group.</p> : <Skeleton className="h-56" />}
                </Card>
                <Card title="Top spenders" description={`Share of the range's spend, by ${GROUP_LABEL[groupBy].toLowerCase()}.`}>
                  {main.data ? <TopSpenders rows={rows.slice(0, 6).map((r) => ({ key: r.key, label: rowLabel(groupBy, r), cost: toNumber(r.costUsd), href: drill(r.key), simulated: isSim(r.key) }))} total={groupBy === "tag" ? rows.reduce((s, r) => s + toNumber(r.costUsd), 0) : totalUsd} /> : <Skeleton className="h-56" />}
                </Card>
              </div>

              <Card
                title={`Cost by ${GROUP_LABEL[groupBy].toLowerCase()}`}
                description={groupBy === "tag" ? "A call with several tags counts under each, so these rows add up to more than the spend." : "Exactly the rows the CSV export contains."}
              >
                {main.data ? (
                  <>
                    <CostTable groupBy={groupBy} rows={rows} isSimulated={isSim} drill={(key) => drill(key)} />
                    {main.data.groups != null && main.data.groups > rows.length && (
                      <p className="mt-2 text-xs text-amber-700">
                        The {rows.length} largest of {main.data.groups} groups are listed (and exported); the totals above cover all of them.
                      </p>
                    )}
                  </>
                ) : (
                  <Skeleton className="h-40" />
                )}
              </Card>
            </>
          )}
          {groupBy !== "customer" && !empty && <PerRequestCosts q={{ ...q, groupBy: "customer" }} drill={(key) => drill(key, "customer")} onlySimulated={onlySimulated} />}
          <BudgetsPanel />
          <ForecastPanel from={span.from} to={span.to} graphId={graphId} />
        </>
      )}
      {!can("budgets:manage") && <p className="text-xs text-slate-500">Your role can read costs; finance, admins and owners manage budgets and prices.</p>}
    </div>
  );
}


function Stat({ label, loading, children, testId }: { label: string; loading: boolean; children: React.ReactNode; testId?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
      <div className="mt-1 text-xl font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {loading ? <Skeleton className="h-7 w-24" /> : children}
      </div>
    </div>
  );
}

function TopSpenders({ rows, total }: { rows: { key: string; label: string; cost: number; href: string; simulated: boolean }[]; total: number }) {
  if (!rows.length) return <p className="text-sm text-slate-500">No spend in this range.</p>;
  return (
    <ol className="space-y-3" data-testid="top-spenders">
      {rows.map((r, i) => {
        const share = total > 0 ? (r.cost / total) * 100 : 0;
        return (
          <li key={r.key}>
            <Link href={r.href} className="group block rounded focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40">
              <div className="flex items-baseline justify-between gap-2 text-sm">
                <span className="flex min-w-0 items-baseline gap-1.5">
                  <span className="text-xs text-slate-500">{i + 1}.</span>
                  <span className="min-w-0 truncate text-slate-800 group-hover:underline" title={r.label}>
                    {r.label}
                  </span>
                  {r.simulated && <Badge tone="amber">simulated</Badge>}
                </span>
                <span className="shrink-0 tabular-nums text-slate-900">
                  {formatUsd(r.cost)} <span className="text-xs text-slate-500">{formatPercent(share)}</span>
                </span>
              </div>
              <div className="mt-1 h-1.5 rounded-full bg-slate-100">
                <div className={`h-1.5 rounded-full ${r.simulated ? "bg-amber-500" : "bg-brand-600"}`} style={{ width: `${Math.min(100, share)}%` }} />
              </div>
            </Link>
          </li>
        );
      })}
    </ol>
  );
}

/** "What did each supplier request cost?" — spend per customer key, always shown, paged by the API (a month can hold 100k+ requests). */
function PerRequestCosts({ q, drill, onlySimulated }: { q: CostQuery; drill: (key: string) => string; onlySimulated: boolean }) {
  const PAGE = 10;
  const [offset, setOffset] = useState(0);
  const range = `${q.from}|${q.to}|${q.graphId ?? ""}`;
  const [rangeSeen, setRangeSeen] = useState(range);
  if (rangeSeen !== range) {
    setRangeSeen(range);
    setOffset(0);
  }
  const report = useCostReport({ ...q, limit: PAGE, offset });
  const groups = report.data?.groups ?? 0;
  return (
    <Card title="Cost per request" description="What each customer or supplier request cost in this range, by the run's customer key, costliest first.">
      {report.isError ? (
        <p role="alert" className="text-sm text-red-700">
          Could not load the per-request costs: {report.error.message}
        </p>
      ) : report.data ? (
        <>
          <CostTable groupBy="customer" rows={report.data.rows} isSimulated={() => onlySimulated} drill={drill} testId="per-request-table" pageSize={PAGE} totalUsd={toNumber(report.data.total.costUsd)} />
          {groups > PAGE && (
            <div className="mt-3 flex items-center gap-3 text-xs text-slate-500" data-testid="per-request-pager">
              <Button size="sm" variant="secondary" disabled={offset === 0} onClick={() => setOffset((o) => Math.max(0, o - PAGE))}>
                Previous
              </Button>
              <Button size="sm" variant="secondary" disabled={offset + PAGE >= groups} onClick={() => setOffset((o) => o + PAGE)}>
                Next
              </Button>
              <span className="tabular-nums">
                {formatCount(offset + 1)}–{formatCount(Math.min(offset + PAGE, groups))} of {formatCount(groups)} requests
              </span>
            </div>
          )}
        </>
      ) : (
        <Skeleton className="h-32" />
      )}
    </Card>
  );
}
