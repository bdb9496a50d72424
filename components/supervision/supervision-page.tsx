"use client";

import { useQuery } from "@tanstack/react-query";
import { Fragment, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, EmptyState, PageHeader, Skeleton } from "@/components/ui/card";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useLiveConnected } from "@/components/shell/live-updates";
import { api } from "@/lib/client/api";
import { graphBreakerKey, modelBreakerKey } from "@/lib/breakers/keys";
import { BreakerHistory } from "./breaker-history";
import { BreakerStateBadge, timeUntil } from "./breaker-state";
import { ForceBreakerForm } from "./force-breaker-form";
import { breakerKeys, type Breaker } from "./types";
import { CopyIdButton } from "@/components/ui/copy-id";

const GROUPS = [
  { kind: "graph", title: "Graphs (kill switches)", description: "A graph forced open refuses new runs; its running runs pause at their next node until it is closed.", empty: "No graph has been switched off." },
  { kind: "agent", title: "Sub-agents", description: "One breaker per supervisor sub-agent: while it is open the supervisor is told the agent is unavailable and uses its fallback.", empty: "No sub-agent has failed or been forced yet." },
  { kind: "model", title: "Models", description: "One breaker per model: while it is open a routed agent moves to its fallback models, and a named model fails the node (onError.fallback stands in).", empty: "No model call has been recorded yet." },
] as const;

/** A ticking clock for the time to the next probe. */
function useNow(everyMs = 1000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

export function SupervisionPage() {
  const { workspace, can } = useWorkspace();
  const pushed = useLiveConnected();
  const q = useQuery({
    queryKey: breakerKeys.all(workspace.slug),
    queryFn: () => api<{ breakers: Breaker[] }>("/api/v1/breakers", { workspace: workspace.slug }),
    // pushed (components/shell/live-updates.tsx) while the live stream is up; polled otherwise
    refetchInterval: pushed ? false : 5000,
  });
  const breakers = q.data?.breakers ?? [];
  const admin = can("breakers:manage");
  return (
    <div className="max-w-6xl space-y-6">
      <PageHeader
        title="Supervision"
        description="Circuit breakers shared by every run: they open after repeated failures, let one probe call through after a cool-down, and close when it succeeds. Admins can force any of them open or closed."
      />
      {admin && <SwitchOffCard existing={breakers} />}
      {GROUPS.map((g) => (
        <Card key={g.kind} title={g.title} description={g.description}>
          {q.isLoading ? <Skeleton className="h-20 w-full" /> : <BreakerTable breakers={breakers.filter((b) => b.kind === g.kind)} empty={g.empty} admin={admin} />}
        </Card>
      ))}
      <Card title="Recent changes" description="Every transition, automatic or forced, newest first.">
        <BreakerHistory limit={20} showKey />
      </Card>
    </div>
  );
}

function BreakerTable({ breakers, empty, admin }: { breakers: Breaker[]; empty: string; admin: boolean }) {
  const now = useNow();
  const [open, setOpen] = useState<{ key: string; panel: "history" | "open" | "close" } | null>(null);
  if (!breakers.length) return <p className="text-sm text-slate-500">{empty}</p>;
  const toggle = (key: string, panel: "history" | "open" | "close") => setOpen((o) => (o?.key === key && o.panel === panel ? null : { key, panel }));
  return (
    <table className="w-full table-fixed text-sm">
      <colgroup>
        <col className="w-36" />
        <col />
        <col className="w-24" />
        <col className="w-28" />
        <col className="w-64" />
        <col className="w-48" />
      </colgroup>
      <thead className="text-left text-xs uppercase text-slate-500">
        <tr>
          <th className="py-2 pr-3">State</th>
          <th className="py-2 pr-3">Breaker</th>
          <th className="py-2 pr-3">Failures</th>
          <th className="py-2 pr-3">Next probe</th>
          <th className="py-2 pr-3">Why</th>
          <th className="py-2">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {breakers.map((b) => {
          const why = b.forced ? `${b.forcedByName ?? "An admin"}: ${b.forcedReason ?? "no reason given"}` : (b.lastError ?? "");
          return (
            <Fragment key={b.key}>
              <tr>
                <td className="py-2 pr-3 align-top">
                  <BreakerStateBadge breaker={b} />
                </td>
                <td className="py-2 pr-3 align-top">
                  <div className="flex items-start gap-1">
                    <span className="min-w-0 flex-1 break-words font-medium text-slate-900" title={b.label}>
                      {b.label}
                    </span>
                    <CopyIdButton id={b.key} />
                  </div>
                </td>
                <td className="py-2 pr-3 align-top tabular-nums">
                  {b.failures}
                  <span className="text-slate-500"> / {b.calls} calls</span>
                </td>
                <td className="py-2 pr-3 align-top">{b.state === "open" && !b.forced ? timeUntil(b.nextProbeAt, now) : b.state === "half_open" ? "probing" : "—"}</td>
                <td className="truncate py-2 pr-3 align-top text-slate-600" title={why}>
                  {b.forced && <span className="font-medium text-slate-800">Forced by </span>}
                  {why || "—"}
                </td>
                <td className="py-2 align-top">
                  <div className="flex justify-end gap-1.5">
                    <Button size="sm" variant="ghost" aria-expanded={open?.key === b.key && open.panel === "history"} onClick={() => toggle(b.key, "history")}>
                      History
                    </Button>
                    {admin &&
                      (b.state === "closed" && b.forced !== "closed" ? (
                        <Button size="sm" variant="secondary" onClick={() => toggle(b.key, "open")}>
                          Force open
                        </Button>
                      ) : (
                        <Button size="sm" variant="secondary" onClick={() => toggle(b.key, "close")}>
                          Close
                        </Button>
                      ))}
                  </div>
                </td>
              </tr>
              {open?.key === b.key && (
                <tr>
                  <td colSpan={6} className="pb-3">
                    {open.panel === "history" ? (
                      <div className="rounded-md border border-slate-200 bg-slate-50 p-3">
                        <BreakerHistory breakerKey={b.key} />
                      </div>
                    ) : (
                      <ForceBreakerForm breakerKey={b.key} action={open.panel} label={b.label} onDone={() => setOpen(null)} />
                    )}
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}

/** An admin switches off a graph (or forces a model's breaker open) before anything failed. */
function SwitchOffCard({ existing }: { existing: Breaker[] }) {
  const { workspace } = useWorkspace();
  const graphs = useQuery({
    queryKey: [workspace.slug, "graphs", "list"],
    queryFn: () => api<{ graphs: { id: string; name: string }[] }>("/api/v1/graphs", { workspace: workspace.slug }),
  });
  const [target, setTarget] = useState("");
  const [model, setModel] = useState("");
  const [form, setForm] = useState<{ key: string; label: string } | null>(null);
  const forcedOpen = new Set(existing.filter((b) => b.forced === "open").map((b) => b.key));
  const choices = (graphs.data?.graphs ?? []).filter((g) => !forcedOpen.has(graphBreakerKey(g.id)));
  return (
    <Card title="Kill switch" description="Force a whole graph, or a model, open. Everything you do here is audited.">
      {graphs.isLoading ? (
        <Skeleton className="h-10 w-full" />
      ) : (
        <div className="flex flex-wrap items-end gap-6">
          <div className="flex items-end gap-2">
            <label className="text-sm">
              <span className="block text-xs font-medium text-slate-700">Graph</span>
              <select className="mt-1 w-64 rounded-md border border-slate-300 px-2 py-1.5" value={target} onChange={(e) => setTarget(e.target.value)}>
                <option value="">Choose a graph…</option>
                {choices.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </select>
            </label>
            <Button variant="secondary" disabled={!target} onClick={() => setForm({ key: graphBreakerKey(target), label: choices.find((g) => g.id === target)?.name ?? target })}>
              Switch off graph…
            </Button>
          </div>
          <div className="flex items-end gap-2">
            <label className="text-sm">
              <span className="block text-xs font-medium text-slate-700">Model</span>
              <input className="mt-1 w-64 rounded-md border border-slate-300 px-2 py-1.5 font-mono text-xs" placeholder="openai:gpt-4o-mini" value={model} onChange={(e) => setModel(e.target.value.trim())} />
            </label>
            <Button variant="secondary" disabled={!model.includes(":")} onClick={() => setForm({ key: modelBreakerKey(model), label: model })}>
              Force model open…
            </Button>
          </div>
        </div>
      )}
      {!graphs.isLoading && !choices.length && !existing.length && (
        <div className="mt-3">
          <EmptyState title="No graphs yet">Create a graph to be able to switch it off here.</EmptyState>
        </div>
      )}
      {form && (
        <div className="mt-3">
          <p className="text-sm text-slate-700">
            Force <span className="font-medium">{form.label}</span> open (<span className="font-mono text-xs">{form.key}</span>)
          </p>
          <ForceBreakerForm
            breakerKey={form.key}
            action="open"
            label={form.label}
            onDone={() => {
              setForm(null);
              setTarget("");
              setModel("");
            }}
          />
        </div>
      )}
    </Card>
  );
}
