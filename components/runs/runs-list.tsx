"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { EmptyState, PageHeader, Skeleton } from "@/components/ui/card";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useLiveConnected } from "@/components/shell/live-updates";
import { api } from "@/lib/client/api";
import { graphKeys } from "@/components/builder/queries";
import { useWorkspaceQuery } from "@/components/shell/use-workspace-query";
import { formatDuration, formatUsd, shortId } from "@/lib/format";
import { runKeys } from "./query-keys";
import { RunActions } from "./run-row-actions";
import { FILTER_KEYS, readFilters, RunsFilters, type RunFilters } from "./runs-filters";
import { StatusBadge } from "./status-badge";
import { isActiveRun, type GraphListItem, type RunSummary, type RunsPage } from "./types";
import { KIND_LABELS, type TriggerKind } from "@/lib/triggers/describe-trigger";
import { Time } from "@/components/ui/time";

const PAGE_SIZE = 50;

/** Query string for GET /api/v1/runs from the URL's filters (dates are whole local days). */
function apiQuery(f: RunFilters, cursor: string | null): string {
  const q = new URLSearchParams();
  if (f.graphId) q.set("graphId", f.graphId);
  if (f.version && /^\d+$/.test(f.version)) q.set("version", f.version);
  if (f.status) q.set("status", f.status);
  if (f.tag) q.set("tag", f.tag);
  if (f.customerKey) q.set("customerKey", f.customerKey);
  if (f.agent) q.set("agent", f.agent);
  if (f.model) q.set("model", f.model);
  if (f.from) q.set("from", new Date(`${f.from}T00:00:00`).toISOString());
  if (f.to) q.set("to", new Date(`${f.to}T23:59:59.999`).toISOString());
  if (cursor) q.set("cursor", cursor);
  q.set("limit", String(PAGE_SIZE));
  return q.toString();
}

/** Every run of the workspace, newest first, filtered by the URL. */
export function RunsList() {
  const { workspace } = useWorkspace();
  const pushed = useLiveConnected();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = useMemo(() => readFilters(new URLSearchParams(params.toString())), [params]);
  const cursor = params.get("cursor");
  /** cursors of the pages before this one, for "Newer" */
  const [history, setHistory] = useState<string[]>([]);

  const graphs = useWorkspaceQuery<{ graphs: GraphListItem[] }>(graphKeys.all, "/api/v1/graphs");
  const query = apiQuery(filters, cursor);
  const runs = useQuery<RunsPage>({
    queryKey: runKeys.list(workspace.slug, query),
    queryFn: () => api<RunsPage>(`/api/v1/runs?${query}`, { workspace: workspace.slug }),
    placeholderData: keepPreviousData,
    // pushed by the live stream; polled while it is down, faster while anything on the page can still change
    refetchInterval: (q) => (pushed ? false : q.state.data?.runs.some((r) => isActiveRun(r.status)) ? 2000 : 15_000),
  });

  const setUrl = (next: URLSearchParams) => router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  const onFilter = (patch: Partial<RunFilters>) => {
    const next = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(patch)) (v ? next.set(k, v) : next.delete(k));
    next.delete("cursor");
    setHistory([]);
    setUrl(next);
  };
  const goTo = (c: string | null) => {
    const next = new URLSearchParams(params.toString());
    if (c) next.set("cursor", c);
    else next.delete("cursor");
    setUrl(next);
  };
  const filtered = FILTER_KEYS.some((k) => filters[k]);
  const graphName = (id: string) => graphs.data?.graphs.find((g) => g.id === id)?.name;

  return (
    <div className="max-w-7xl">
      <PageHeader title="Runs" description="Every execution of a graph, durable and resumable. Click a run to watch it live." />
      <RunsFilters value={filters} graphs={graphs.data?.graphs ?? []} onChange={onFilter} />

      {runs.isError ? (
        <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          Could not load runs: {runs.error.message}{" "}
          <button type="button" className="font-medium underline" onClick={() => runs.refetch()}>
            Try again
          </button>
        </div>
      ) : runs.isPending ? (
        <RunsTableSkeleton />
      ) : runs.data.runs.length === 0 ? (
        filtered || cursor ? (
          <EmptyState title="No runs match these filters" action={<Button variant="secondary" onClick={() => onFilter(Object.fromEntries(FILTER_KEYS.map((k) => [k, ""])))}>Clear filters</Button>}>
            {filters.graphId && graphName(filters.graphId) ? `Nothing for ${graphName(filters.graphId)} with these settings. ` : ""}
            Widen the date range or remove a filter.
          </EmptyState>
        ) : (
          <EmptyState title="No runs yet" action={<Link href={`/w/${workspace.slug}/graphs`} className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">Go to graphs</Link>}>
            Start a graph from the builder, the API (<code className="rounded bg-slate-100 px-1">POST /api/v1/graphs/:id/runs</code>) or a trigger; its runs appear here live.
          </EmptyState>
        )
      ) : (
        <>
          <div className={`relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm transition-opacity ${runs.isPlaceholderData ? "opacity-60" : ""}`}>
            <table className="w-full min-w-[940px] text-sm" data-testid="runs-table">
              <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-3 py-2.5">Run · started</th>
                  <th scope="col" className="px-3 py-2.5">Graph</th>
                  <th scope="col" className="px-3 py-2.5">Status</th>
                  <th scope="col" className="px-3 py-2.5">Started by</th>
                  <th scope="col" className="px-3 py-2.5">Tags · customer</th>
                  <th scope="col" className="px-3 py-2.5 text-right">Duration</th>
                  <th scope="col" className="px-3 py-2.5 text-right">Cost</th>
                  <th scope="col" className="px-3 py-2.5 text-right"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {runs.data.runs.map((r) => (
                  <tr key={r.id} className="hover:bg-slate-50" data-testid={`run-row-${r.id}`}>
                    <td className="whitespace-nowrap px-3 py-2.5 font-mono text-xs">
                      <Link href={`/w/${workspace.slug}/runs/${r.id}`} className="font-medium text-brand-700 hover:underline" title={r.id}>
                        {shortId(r.id)}
                      </Link>
                      {r.parentRunId && <span className="ml-1 text-[11px] text-slate-500">child</span>}
                      <Time value={r.startedAt ?? r.createdAt} className="block font-sans text-xs text-slate-500" />
                    </td>
                    <td className="max-w-48 px-3 py-2.5">
                      <span className="block truncate text-slate-900">{r.graphName}</span>
                      <span className="text-xs text-slate-500">v{r.version}</span>
                    </td>
                    <td className="px-3 py-2.5">
                      <StatusBadge status={r.status} />
                      {r.pausedReason && <span className="mt-0.5 block max-w-40 truncate text-xs text-slate-500" title={r.pausedReason}>{r.pausedReason}</span>}
                    </td>
                    <td className="max-w-48 px-3 py-2.5 text-xs" data-testid="run-origin">
                      <RunOrigin run={r} />
                    </td>
                    <td className="max-w-44 px-3 py-2.5 text-xs">
                      <div className="flex flex-wrap gap-1">
                        {r.tags.slice(0, 2).map((t) => (
                          <button key={t} type="button" className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-700 hover:bg-slate-200" onClick={() => onFilter({ tag: t })} title={`Only runs tagged ${t}`}>
                            {t}
                          </button>
                        ))}
                        {r.tags.length > 2 && <span className="px-1 py-0.5 text-slate-500" title={r.tags.join(", ")}>+{r.tags.length - 2}</span>}
                      </div>
                      {r.customerKey && <span className="mt-0.5 block truncate text-slate-500" title={r.customerKey}>{r.customerKey}</span>}
                      {!r.tags.length && !r.customerKey && <span className="text-slate-500">—</span>}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2.5 text-right tabular-nums text-slate-700">{formatDuration(r.durationMs)}</td>
                    <td className="whitespace-nowrap px-3 py-2.5 text-right tabular-nums text-slate-700">{formatUsd(r.costUsd)}</td>
                    <td className="px-3 py-2">
                      <RunActions runId={r.id} status={r.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav aria-label="Pages" className="mt-3 flex items-center justify-between text-sm text-slate-600">
            <span>
              {runs.data.runs.length} run{runs.data.runs.length === 1 ? "" : "s"} on this page{cursor ? "" : " · newest first"}
            </span>
            <div className="flex gap-2">
              <Button
                variant="secondary"
                size="sm"
                disabled={!cursor}
                onClick={() => {
                  const prev = history.at(-1) ?? null;
                  setHistory((h) => h.slice(0, -1));
                  goTo(prev);
                }}
              >
                ← Newer
              </Button>
              <Button
                variant="secondary"
                size="sm"
                disabled={!runs.data.nextCursor}
                onClick={() => {
                  setHistory((h) => [...h, cursor ?? ""]);
                  goTo(runs.data.nextCursor);
                }}
              >
                Older →
              </Button>
            </div>
          </nav>
        </>
      )}
    </div>
  );
}

/** What started a run: the trigger (linked to its fire on the Schedules page) or the person, key or parent run. */
function RunOrigin({ run }: { run: RunSummary }) {
  const { workspace } = useWorkspace();
  if (run.trigger) {
    const href = `/w/${workspace.slug}/schedules/${run.trigger.id}${run.trigger.fireId ? `?fire=${run.trigger.fireId}` : ""}`;
    return (
      <>
        <Link href={href} className="block truncate font-medium text-brand-700 hover:underline" title={`The fire of ${run.trigger.name} that started this run`}>
          {run.trigger.name}
        </Link>
        <span className="text-slate-500">{KIND_LABELS[run.trigger.type as TriggerKind] ?? run.trigger.type} trigger</span>
      </>
    );
  }
  if (!run.startedBy) return <span className="text-slate-500">—</span>;
  const kind = { user: "Person", apiKey: "API", run: "Parent run", trigger: "Trigger", other: "" }[run.startedBy.kind];
  return (
    <>
      <span className="block truncate text-slate-800" title={run.startedBy.label}>
        {run.startedBy.label}
      </span>
      {kind && <span className="text-slate-500">{kind}</span>}
    </>
  );
}

function RunsTableSkeleton() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-busy="true" aria-label="Loading runs">
      {Array.from({ length: 8 }, (_, i) => (
        <div key={i} className="flex items-center gap-4 border-b border-slate-100 py-3 last:border-0">
          <Skeleton className="h-4 w-24" />
          <Skeleton className="h-4 w-40" />
          <Skeleton className="h-5 w-20" />
          <Skeleton className="h-4 w-28" />
          <Skeleton className="ml-auto h-4 w-16" />
          <Skeleton className="h-4 w-14" />
        </div>
      ))}
    </div>
  );
}
