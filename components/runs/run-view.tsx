"use client";

import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import { Badge, Card, EmptyState, Skeleton } from "@/components/ui/card";
import { useWorkspace } from "@/components/shell/workspace-context";
import { ApiError } from "@/lib/client/api";
import { useWorkspaceQuery } from "@/components/shell/use-workspace-query";
import { durationBetween, formatClock, formatDue, formatDuration, formatUsd, shortId } from "@/lib/format";
import { JsonViewer } from "./json-viewer";
import { DelegationTree } from "./delegation-tree";
import { ErrorBox, NodeDetail } from "./node-detail";
import { RunGraph } from "./run-graph";
import { RunProgress } from "./run-progress";
import { RunActions } from "./run-row-actions";
import { RunTimeline } from "./run-timeline";
import { StatusBadge } from "./status-badge";
import type { SpecNode } from "./types";
import { useLiveRun } from "./use-live-run";
import { MoveVersion } from "./move-version";
import { isSimulatedRun, SimulatedBadge, SimulatedNote } from "./simulated";
import { Time } from "@/components/ui/time";
import { Named } from "@/components/ui/copy-id";

interface PendingApproval {
  id: string;
  title: string;
  nodeId: string | null;
  dueAt: string | null;
}

/** The live view of one run: graph, progress, waterfall, node detail, actions. */
export function RunView({ runId }: { runId: string }) {
  const { workspace } = useWorkspace();
  const base = `/w/${workspace.slug}`;
  const { run, version, trace, active } = useLiveRun(runId);
  const [selected, setSelected] = useState<string | null>(null);
  const now = useNow(active);

  const waiting = run.data?.status === "waiting" || run.data?.status === "paused";
  const approvals = useWorkspaceQuery<{ approvals: PendingApproval[] }>(["approvals", "run", runId, run.data?.status], `/api/v1/approvals?status=pending&runId=${runId}`, {
    enabled: waiting,
  });

  const spec: SpecNode[] = useMemo(() => {
    const specNodes = version.data?.spec.nodes ?? [];
    if (specNodes.length) return specNodes;
    return (run.data?.nodes ?? []).map((n) => ({ id: n.nodeId, type: n.type }));
  }, [version.data, run.data?.nodes]);
  const nodeRun = run.data?.nodes.find((n) => n.nodeId === selected);
  /** Supervisor and map nodes by id: the run has a delegation tree when there are any. */
  const delegating = useMemo(() => new Map(spec.filter((n) => n.type === "supervisor" || n.type === "map").map((n) => [n.id, n.type])), [spec]);
  const nodeEvents = useMemo(() => (trace.data ?? []).filter((e) => e.nodeId === selected), [trace.data, selected]);
  const runEvents = useMemo(() => (trace.data ?? []).filter((e) => !e.nodeId), [trace.data]);
  // the pinned version's name, else the graph's current one: never an id
  const title = version.data?.spec.name ?? run.data?.graphName;
  useEffect(() => {
    if (title) document.title = `${title} · Run · Switchyard`;
  }, [title]);

  if (run.isError) {
    const status = run.error instanceof ApiError ? run.error.status : 0;
    return (
      <EmptyState
        title={status === 404 ? "Run not found" : "Could not load this run"}
        action={
          <Link href={`${base}/runs`} className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
            Back to runs
          </Link>
        }
      >
        {status === 404 ? "It does not exist in this workspace, or it was deleted with its graph." : `${run.error.message} Reload the page to try again.`}
      </EmptyState>
    );
  }
  if (run.isPending) return <RunViewSkeleton />;
  const r = run.data;
  const simulated = isSimulatedRun(r.nodes);

  return (
    <div className="max-w-7xl space-y-4" data-testid="run-view" data-run-status={r.status}>
      <nav aria-label="Breadcrumb" className="text-xs text-slate-500">
        <Link href={`${base}/runs`} className="hover:underline">
          Runs
        </Link>{" "}
        /{" "}
        <Named id={r.id}>
          <span className="font-mono">{shortId(r.id)}</span>
        </Named>
      </nav>
      <header className="flex items-start justify-between gap-4">
        <div className="min-w-0 flex-1">
          <div className="flex items-center gap-3">
            {version.isPending && !title ? (
              <Skeleton className="h-7 w-64" />
            ) : (
              <h1 className="truncate text-xl font-semibold text-slate-900" title={r.graphId}>
                {title ?? "Run of a graph that could not be loaded"}
              </h1>
            )}
            <StatusBadge status={r.status} />
            {simulated && <SimulatedBadge />}
            {active && (
              <span className="flex items-center gap-1 text-xs text-slate-500" aria-live="polite">
                <span aria-hidden className="h-1.5 w-1.5 animate-pulse rounded-full bg-emerald-500" /> live
              </span>
            )}
          </div>
          <dl className="mt-1.5 flex flex-wrap gap-x-5 gap-y-1 text-xs text-slate-600">
            <Meta label="Version">
              <Badge tone="blue">v{r.graphVersion} pinned</Badge>
            </Meta>
            {r.startedBy && r.names?.[r.startedBy] && <Meta label="Started by">{r.names[r.startedBy]}</Meta>}
            <Meta label="Started">
              <Time value={r.startedAt ?? r.createdAt} mode="absolute" />
            </Meta>
            <Meta label="Duration">{formatDuration(durationBetween(r.startedAt, r.endedAt, now))}</Meta>
            <Meta label="Cost">
              <span data-testid="run-cost">{formatUsd(r.costUsd)}</span>
            </Meta>
            {r.customerKey && <Meta label="Customer">{r.customerKey}</Meta>}
            {r.tags.length > 0 && <Meta label="Tags">{r.tags.join(", ")}</Meta>}
            {r.rerunOfId && (
              <Meta label="Rerun of">
                <Link className="font-mono text-brand-700 hover:underline" href={`${base}/runs/${r.rerunOfId}`}>
                  …{r.rerunOfId.slice(-8)}
                </Link>
                {r.rerunFromNode ? ` from ${r.rerunFromNode}` : ""}
              </Meta>
            )}
            {r.parentRunId && (
              <Meta label="Parent run">
                <Link className="font-mono text-brand-700 hover:underline" href={`${base}/runs/${r.parentRunId}`}>
                  …{r.parentRunId.slice(-8)}
                </Link>
              </Meta>
            )}
          </dl>
        </div>
        <RunActions runId={r.id} status={r.status} size="md" />
      </header>

      {waiting && (
        <div role="status" className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="waiting-banner">
          {r.pausedReason ? <p className="font-medium">Paused: {r.pausedReason}</p> : <p className="font-medium">This run is waiting for a person.</p>}
          {approvals.data?.approvals.length ? (
            <ul className="mt-1 space-y-0.5">
              {approvals.data.approvals.map((a) => {
                const left = a.dueAt ? formatDue(a.dueAt, now) : null;
                return (
                  <li key={a.id}>
                    <Link href={`${base}/approvals?runId=${r.id}`} className="font-medium text-amber-900 underline">
                      {a.title}
                    </Link>
                    {a.nodeId ? ` · node ${a.nodeId}` : ""}
                    {left ? ` · ${left}` : ""}
                  </li>
                );
              })}
            </ul>
          ) : approvals.isFetched ? (
            <p className="mt-1">No open inbox item; it resumes when its wait ends.</p>
          ) : null}
          <MoveVersion runId={r.id} graphId={r.graphId} version={r.graphVersion} />
        </div>
      )}
      {r.error != null && <ErrorBox error={r.error} />}

      <Card className="overflow-hidden [&>div]:p-0">
        <div className="border-b border-slate-100 px-4 py-3">
          <RunProgress spec={spec} nodeRuns={r.nodes} />
        </div>
        <div className="flex h-[440px]">
          <div className="min-w-0 flex-1">
            {version.isPending ? <Skeleton className="m-4 h-[400px]" /> : <RunGraph key={version.isSuccess ? "pinned" : "fallback"} spec={spec} nodeRuns={r.nodes} selected={selected} onSelect={setSelected} />}
          </div>
          {selected && (
            <aside className="w-[360px] shrink-0 border-l border-slate-200 bg-white">
              <NodeDetail key={selected} runId={r.id} spec={spec.find((n) => n.id === selected)} nodeRun={nodeRun} events={nodeEvents} now={now} onClose={() => setSelected(null)} onSelectNode={setSelected} names={r.names} />
            </aside>
          )}
        </div>
      </Card>
      {!selected && <p className="-mt-2 text-xs text-slate-500">Select a node in the graph or the timeline to see its input, output, model, cost and trace.</p>}

      {delegating.size > 0 && (
        <Card title="Delegations" description="What each supervisor delegated and each map ran per item: the envelope sent, the result, confidence and cost, and the runs nested inside. Open a row for its envelope.">
          <DelegationTree runId={r.id} live={active} nodeTypes={delegating} />
        </Card>
      )}

      <Card title="Timeline" description="When each node ran, on one time axis from the start of the run. Dark ticks mark retries.">
        <div className="-mx-5 -my-4 max-h-96 overflow-y-auto">
          <RunTimeline nodeRuns={r.nodes} trace={trace.data ?? []} runStartedAt={r.startedAt} runEndedAt={r.endedAt} now={now} selected={selected} onSelect={setSelected} />
        </div>
      </Card>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Input">
          <JsonViewer value={r.input} label="Run input" />
        </Card>
        <Card title="Output">
          {r.output == null ? (
            <p className="text-sm text-slate-500">{active ? "Not finished yet." : "This run produced no output."}</p>
          ) : (
            <>
              {simulated && <SimulatedNote />}
              <JsonViewer value={r.output} label="Run output" names={r.names} />
            </>
          )}
        </Card>
      </div>
      <Card title="Run events" description="Events of the run itself; node events are in each node's detail.">
        {runEvents.length === 0 ? (
          <p className="text-sm text-slate-500">{trace.isPending ? "Loading…" : "No events yet."}</p>
        ) : (
          <ol className="space-y-1 text-xs" data-testid="run-events">
            {runEvents.map((e) => (
              <li key={e.id} className="flex gap-3">
                <time className="w-20 shrink-0 tabular-nums text-slate-500" dateTime={e.createdAt}>
                  {formatClock(e.createdAt)}
                </time>
                <span className="w-40 shrink-0 font-mono text-slate-700">{e.type}</span>
                <span className="text-slate-600">{e.message}</span>
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}

function Meta({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex items-center gap-1">
      <dt className="text-slate-500">{label}:</dt>
      <dd className="font-medium text-slate-800">{children}</dd>
    </div>
  );
}

/** The current time, ticking every second while the run is active (for running bars and durations). */
function useNow(active: boolean) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    if (!active) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [active]);
  return now;
}

/** The run page before the run has loaded (also the route's loading state). */
export function RunViewSkeleton() {
  return (
    <div className="max-w-7xl space-y-4" aria-busy="true" aria-label="Loading run" data-testid="run-loading">
      <p className="text-xs text-slate-500">Loading run…</p>
      <Skeleton className="h-8 w-96" />
      <Skeleton className="h-[480px] w-full" />
      <Skeleton className="h-48 w-full" />
    </div>
  );
}
