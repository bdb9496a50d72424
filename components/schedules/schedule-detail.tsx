"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Card, EmptyState, Skeleton } from "@/components/ui/card";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useLiveConnected } from "@/components/shell/live-updates";
import { useWorkspaceQuery } from "@/components/shell/use-workspace-query";
import { formatDateTime, formatOffset, formatSlot, shortId } from "@/lib/format";
import { StatusBadge } from "@/components/runs/status-badge";
import { api } from "@/lib/client/api";
import { FIRE_OUTCOMES } from "@/lib/triggers/outcomes";
import { NOT_STARTED } from "@/lib/triggers/schedules-query";
import { KIND_LABELS, type TriggerKind } from "@/lib/triggers/describe-trigger";
import { FiredCounts } from "./fired-counts";
import { HealthBadge, OutcomeBadge, outcomeWords } from "./badges";
import { triggerZone } from "./zone";
import { PauseButton } from "./schedules-page";
import { scheduleKeys, type FiresPage, type Schedule } from "./types";
import { Time } from "@/components/ui/time";

const PAGE_SIZE = 50;

/** One trigger: what it listens to, when it fires next, its health, and every fire with the run it started or why not. */
export function ScheduleDetail({ triggerId }: { triggerId: string }) {
  const { workspace } = useWorkspace();
  const pushed = useLiveConnected();
  const q = useWorkspaceQuery<Schedule>(scheduleKeys.one(triggerId), `/api/v1/schedules/${triggerId}`, { refetchInterval: pushed ? false : 10_000 });
  if (q.isError) {
    return (
      <div className="max-w-6xl">
        <EmptyState title="Trigger not found" action={<Link href={`/w/${workspace.slug}/schedules`} className="text-sm font-medium text-brand-700 hover:underline">Back to Schedules</Link>}>
          {q.error.message}
        </EmptyState>
      </div>
    );
  }
  if (q.isPending) return <Skeleton className="h-40 w-full max-w-6xl" />;
  const s = q.data;
  const zone = triggerZone(s);
  return (
    <div className="max-w-6xl space-y-6">
      <div className="flex items-start justify-between gap-4">
        <div>
          <Link href={`/w/${workspace.slug}/schedules`} className="text-xs text-slate-500 hover:underline">
            ← Schedules
          </Link>
          <h1 className="mt-1 text-xl font-semibold text-slate-900">
            {s.name} <span className="text-sm font-normal text-slate-500">{KIND_LABELS[s.type as TriggerKind] ?? s.type}</span>
          </h1>
          <p className="mt-1 text-sm text-slate-500">
            {s.graphId ? (
              <>
                Starts{" "}
                <Link href={`/w/${workspace.slug}/graphs/${s.graphId}`} className="font-medium text-brand-700 hover:underline">
                  {s.graphName ?? s.graphId}
                </Link>{" "}
                (declared by v{s.graphVersion}).
              </>
            ) : (
              "A scheduled cost report of the workspace."
            )}
            {s.description ? ` ${s.description}` : ""}
          </p>
        </div>
        <div className="flex items-center gap-2">
          <HealthBadge status={s.health.status} />
          <PauseButton schedule={s} />
        </div>
      </div>

      <div className="grid gap-4 md:grid-cols-3">
        <Card title="Listens to">
          <p className="text-sm text-slate-800">{s.source.summary}</p>
          {s.source.value && (
            <input readOnly aria-label="Listens to" value={s.source.value} data-testid="source-value" className="mt-2 w-full rounded-md border border-slate-200 bg-slate-50 px-2 py-1 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
          )}
        </Card>
        <Card title="Next fires" description={zone ? `In ${zone}` : undefined}>
          {s.nextFireTimes.length ? (
            <ol className="space-y-0.5 text-sm tabular-nums text-slate-800" data-testid="next-fires">
              {s.nextFireTimes.map((t) => (
                <li key={t} title={`${formatDateTime(t)} your time`}>
                  {formatSlot(t, zone)}
                </li>
              ))}
            </ol>
          ) : (
            <p className="text-sm text-slate-500">{s.paused ? "Paused: it fires again once resumed." : "It fires when something arrives."}</p>
          )}
        </Card>
        <Card title="Health">
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-slate-500">Late p50 / p99</dt>
            <dd className="tabular-nums">{s.lateness.samples ? `${formatOffset(s.lateness.p50Ms)} / ${formatOffset(s.lateness.p99Ms)}` : "—"}</dd>
            <dt className="text-slate-500">Last check</dt>
            <dd>
              <Time value={s.health.lastCheckedAt} />
            </dd>
            <dt className="text-slate-500">Last 24 h</dt>
            <dd>
              <FiredCounts counts={s.lastDay} />
            </dd>
          </dl>
          {s.health.lastError && (
            <p className="mt-2 rounded bg-red-50 px-2 py-1 text-xs text-red-800" role="note">
              {s.health.lastErrorAt ? (
                <>
                  <Time value={s.health.lastErrorAt} />:{" "}
                </>
              ) : (
                ""
              )}
              {s.health.lastError}
            </p>
          )}
        </Card>
      </div>

      <FiresCard triggerId={triggerId} />
    </div>
  );
}

function FiresCard({ triggerId }: { triggerId: string }) {
  const { workspace } = useWorkspace();
  const pushed = useLiveConnected();
  const params = useSearchParams();
  const focus = params.get("fire");
  const [outcome, setOutcome] = useState(params.get("outcome") ?? "");
  // the page starts at the linked fire; "Newer" goes back to the newest
  const [at, setAt] = useState(focus);
  const [cursor, setCursor] = useState<string | null>(null);
  const [history, setHistory] = useState<(string | null)[]>([]);
  const query = new URLSearchParams({ limit: String(PAGE_SIZE), ...(outcome ? { outcome } : {}), ...(cursor ? { cursor } : at ? { at } : {}) }).toString();
  const fires = useQuery<FiresPage>({
    queryKey: [workspace.slug, ...scheduleKeys.fires(triggerId, query)],
    queryFn: () => api<FiresPage>(`/api/v1/schedules/${triggerId}/fires?${query}`, { workspace: workspace.slug }),
    placeholderData: keepPreviousData,
    refetchInterval: pushed ? false : 10_000,
  });
  const reset = () => {
    setCursor(null);
    setHistory([]);
    setAt(null);
  };
  return (
    <Card
      title="Fires"
      description="Newest first: when each was meant to fire, when it did, and the run it started — or why it did not."
      actions={
        <label className="flex items-center gap-2 text-xs text-slate-600">
          Show
          <select
            className="rounded-md border border-slate-300 px-2 py-1 text-sm"
            value={outcome}
            data-testid="fires-filter"
            onChange={(e) => {
              setOutcome(e.target.value);
              reset();
            }}
          >
            <option value="">All fires</option>
            <option value={NOT_STARTED}>Did not become a run</option>
            {FIRE_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                Only {outcomeWords(o)}
              </option>
            ))}
          </select>
        </label>
      }
    >
      {fires.isError ? (
        <p role="alert" className="text-sm text-red-700">
          Could not load the fires: {fires.error.message}
        </p>
      ) : fires.isPending ? (
        <Skeleton className="h-24 w-full" />
      ) : fires.data.data.length === 0 ? (
        <p className="text-sm text-slate-500">{outcome ? "No fires with this outcome." : "It has not fired yet."}</p>
      ) : (
        <>
          {at && !cursor && (
            <p className="mb-2 text-xs text-slate-600">
              Starting at the fire you followed.{" "}
              <button type="button" className="font-medium text-brand-700 underline" onClick={reset}>
                Show the newest
              </button>
            </p>
          )}
          <div className={`overflow-x-auto transition-opacity ${fires.isPlaceholderData ? "opacity-60" : ""}`}>
            <table className="w-full min-w-[860px] text-sm" data-testid="fires-table">
              <thead className="text-left text-xs uppercase text-slate-500">
                <tr>
                  <th scope="col" className="py-2 pr-3">Intended</th>
                  <th scope="col" className="py-2 pr-3">Actual</th>
                  <th scope="col" className="py-2 pr-3 text-right">Late by</th>
                  <th scope="col" className="py-2 pr-3">Dedupe key</th>
                  <th scope="col" className="py-2 pr-3">Outcome · reason</th>
                  <th scope="col" className="py-2">Run</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {fires.data.data.map((f) => (
                  <tr key={f.id} className={`align-top ${f.id === focus ? "bg-brand-50" : ""}`} data-testid={`fire-row-${f.id}`} aria-current={f.id === focus ? "true" : undefined}>
                    <td className="whitespace-nowrap py-2 pr-3 tabular-nums">
                      <Time value={f.intendedAt} mode="absolute" />
                    </td>
                    <td className="whitespace-nowrap py-2 pr-3 tabular-nums">
                      <Time value={f.firedAt} mode="absolute" />
                    </td>
                    <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums">{formatOffset(f.lateMs)}</td>
                    <td className="max-w-48 truncate py-2 pr-3 font-mono text-xs text-slate-600" title={f.dedupeKey ?? ""}>
                      {f.dedupeKey ?? "—"}
                    </td>
                    <td className="max-w-80 py-2 pr-3">
                      <OutcomeBadge outcome={f.outcome} />
                      {f.reason && (
                        <span className="mt-0.5 block text-xs text-slate-600" title={f.reason}>
                          {f.reason}
                        </span>
                      )}
                    </td>
                    <td className="whitespace-nowrap py-2">
                      {f.runId ? (
                        <span className="flex items-center gap-2">
                          <Link href={`/w/${workspace.slug}/runs/${f.runId}`} className="font-mono text-xs font-medium text-brand-700 hover:underline" title={f.runId}>
                            {shortId(f.runId)}
                          </Link>
                          {f.runStatus && <StatusBadge status={f.runStatus} />}
                        </span>
                      ) : (
                        <span className="text-xs text-slate-500">no run</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav aria-label="Pages of fires" className="mt-3 flex justify-end gap-2">
            <Button
              variant="secondary"
              size="sm"
              disabled={!cursor && !at}
              onClick={() => {
                if (!cursor) return reset();
                setCursor(history.at(-1) ?? null);
                setHistory((h) => h.slice(0, -1));
              }}
            >
              ← Newer
            </Button>
            <Button
              variant="secondary"
              size="sm"
              disabled={!fires.data.nextCursor}
              onClick={() => {
                setHistory((h) => [...h, cursor]);
                setCursor(fires.data.nextCursor);
              }}
            >
              Older →
            </Button>
          </nav>
        </>
      )}
    </Card>
  );
}
