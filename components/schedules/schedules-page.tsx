"use client";

import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState, PageHeader, Skeleton } from "@/components/ui/card";
import { useToast } from "@/components/ui/toast";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useLiveConnected } from "@/components/shell/live-updates";
import { useWorkspaceMutation, useWorkspaceQuery } from "@/components/shell/use-workspace-query";
import { formatDateTime, formatOffset, formatSlot } from "@/lib/format";
import { triggerZone } from "./zone";
import { KIND_LABELS, type TriggerKind } from "@/lib/triggers/describe-trigger";
import { FiredCounts } from "./fired-counts";
import { HealthBadge, OutcomeBadge } from "./badges";
import { scheduleKeys, type Schedule } from "./types";
import { Time } from "@/components/ui/time";

/** Every trigger of the workspace: what it listens to, when it fires next, how its fires went. */
export function SchedulesPage() {
  const pushed = useLiveConnected();
  const q = useWorkspaceQuery<{ schedules: Schedule[] }>(scheduleKeys.all, "/api/v1/schedules?count=3", { refetchInterval: pushed ? false : 10_000 });
  const schedules = q.data?.schedules ?? [];
  return (
    <div className="max-w-7xl">
      <PageHeader
        title="Schedules"
        description="Everything that starts your graphs — schedules, webhooks, e-mail, events, other graphs finishing, watches — and finance's cost reports. What was meant to fire against what ran: every fire that did not become a run says why."
      />
      {q.isError ? (
        <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          Could not load the schedules: {q.error.message}{" "}
          <button type="button" className="font-medium underline" onClick={() => q.refetch()}>
            Try again
          </button>
        </div>
      ) : q.isPending ? (
        <div className="rounded-lg border border-slate-200 bg-white p-4" role="status" aria-busy="true" aria-label="Loading schedules">
          <Skeleton className="h-40 w-full" />
        </div>
      ) : schedules.length === 0 ? (
        <EmptyState title="Nothing starts your graphs on its own yet">
          Add a trigger in the builder (graph settings → Triggers): a cron schedule, a webhook, an e-mail address, an event, another graph finishing or a watched URL. It appears here once the graph is saved.
        </EmptyState>
      ) : (
        <SchedulesTable schedules={schedules} />
      )}
    </div>
  );
}

function SchedulesTable({ schedules }: { schedules: Schedule[] }) {
  const { workspace } = useWorkspace();
  const ws = workspace.slug;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full min-w-[960px] text-sm" data-testid="schedules-table">
        <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2.5">Trigger · graph</th>
            <th scope="col" className="px-3 py-2.5">Listens to</th>
            <th scope="col" className="px-3 py-2.5">Next fires</th>
            <th scope="col" className="px-3 py-2.5">Last fire · last 24 h</th>
            <th scope="col" className="whitespace-nowrap px-3 py-2.5 text-right" title="How late fires ran (actual − intended) over the latest 200">
              Late p50 / p99
            </th>
            <th scope="col" className="px-3 py-2.5">Health</th>
            <th scope="col" className="px-3 py-2.5">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {schedules.map((s) => (
            <tr key={s.id} className="align-top hover:bg-slate-50" data-testid={`schedule-row-${s.name}`}>
              <td className="max-w-48 px-3 py-2.5">
                <Link href={`/w/${ws}/schedules/${s.id}`} className="block truncate font-medium text-brand-700 hover:underline" title={s.name}>
                  {s.name}
                </Link>
                <span className="text-xs text-slate-500">{KIND_LABELS[s.type as TriggerKind] ?? s.type}</span>
                {s.graphId ? (
                  <Link href={`/w/${ws}/graphs/${s.graphId}`} className="block truncate text-xs text-slate-600 hover:underline" title={`${s.graphName ?? s.graphId}, v${s.graphVersion}`}>
                    {s.graphName ?? s.graphId} <span className="text-slate-500">v{s.graphVersion}</span>
                  </Link>
                ) : (
                  <span className="block text-xs text-slate-500">Workspace report</span>
                )}
              </td>
              <td className="max-w-56 px-3 py-2.5">
                <span className="block text-slate-800">{s.source.summary}</span>
                {s.source.value && (
                  <code className="mt-0.5 block truncate rounded bg-slate-50 px-1 font-mono text-[11px] text-slate-600" title={s.source.value}>
                    {s.source.value}
                  </code>
                )}
              </td>
              <td className="whitespace-nowrap px-3 py-2.5 text-xs text-slate-700">
                {s.nextFireTimes.length ? (
                  <ul>
                    {s.nextFireTimes.map((t, i) => (
                      <li key={t} className={i ? "text-slate-500" : "font-medium text-slate-800"} title={`${formatDateTime(t)} your time`}>
                        {formatSlot(t, triggerZone(s))}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="text-slate-500">{s.paused ? "paused" : s.type === "schedule" || s.type === "watch" || s.type === "report" ? "—" : "on delivery"}</span>
                )}
              </td>
              <td className="px-3 py-2.5 text-xs">
                {s.lastFire ? (
                  <div className="flex items-center gap-1.5 whitespace-nowrap">
                    <Link href={`/w/${ws}/schedules/${s.id}?fire=${s.lastFire.id}`} className="text-slate-700 hover:underline">
                      <Time value={s.lastFire.firedAt} />
                    </Link>
                    <OutcomeBadge outcome={s.lastFire.outcome} />
                  </div>
                ) : (
                  <span className="text-slate-500">never fired</span>
                )}
                <FiredCounts counts={s.lastDay} />
              </td>
              <td className="whitespace-nowrap px-3 py-2.5 text-right text-xs tabular-nums text-slate-700" title={`${s.lateness.samples} fires measured`}>
                {s.lateness.samples ? `${formatOffset(s.lateness.p50Ms)} / ${formatOffset(s.lateness.p99Ms)}` : "—"}
              </td>
              <td className="max-w-44 px-3 py-2.5">
                <HealthBadge status={s.health.status} />
                {s.health.lastError && (
                  <span className="mt-0.5 block truncate text-xs text-red-700" title={s.health.lastError}>
                    {s.health.lastError}
                  </span>
                )}
                {s.health.lastCheckedAt && <span className="block text-[11px] text-slate-500">checked <Time value={s.health.lastCheckedAt} /></span>}
              </td>
              <td className="whitespace-nowrap px-3 py-2.5 text-right">
                <PauseButton schedule={s} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Pause or resume one trigger; api triggers are the run API itself and cannot be paused. */
export function PauseButton({ schedule }: { schedule: Pick<Schedule, "id" | "name" | "type" | "paused"> }) {
  const { can } = useWorkspace();
  const toast = useToast();
  const m = useWorkspaceMutation<boolean, { paused: boolean }>((pause) => ({ path: `/api/v1/schedules/${schedule.id}/${pause ? "pause" : "resume"}`, method: "POST" }), [scheduleKeys.all]);
  if (!can("triggers:write") || schedule.type === "api") return null;
  return (
    <Button
      size="sm"
      variant="secondary"
      disabled={m.isPending}
      onClick={() =>
        m.mutate(!schedule.paused, {
          onSuccess: (r) => toast("success", `${schedule.name} ${r.paused ? "paused" : "resumed"}.`),
          onError: (e) => toast("error", `Could not ${schedule.paused ? "resume" : "pause"} ${schedule.name}: ${e.message}`),
        })
      }
    >
      {schedule.paused ? "Resume" : "Pause"}
    </Button>
  );
}
