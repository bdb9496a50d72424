"use client";

import { memo, useMemo } from "react";
import { durationBetween, formatDuration } from "@/lib/format";
import { statusStyle } from "./status";
import type { NodeRun, TraceEvent } from "./types";

/**
 * A waterfall of node runs: one row per node, a bar from its start to its end
 * (or now, while it runs) on a shared time axis from the run's start, with a
 * tick at the start of every attempt after the first.
 */
export const RunTimeline = memo(function RunTimeline({
  nodeRuns,
  trace,
  runStartedAt,
  runEndedAt,
  now,
  selected,
  onSelect,
}: {
  nodeRuns: NodeRun[];
  trace: TraceEvent[];
  runStartedAt: string | null;
  runEndedAt: string | null;
  now: number;
  selected: string | null;
  onSelect: (nodeId: string) => void;
}) {
  const attemptStarts = useMemo(() => {
    const m = new Map<string, number[]>();
    for (const e of trace) {
      if (e.type !== "node.started" || !e.nodeId) continue;
      const attempt = (e.data as { attempt?: number } | null)?.attempt ?? 1;
      if (attempt > 1) m.set(e.nodeId, [...(m.get(e.nodeId) ?? []), new Date(e.createdAt).getTime()]);
    }
    return m;
  }, [trace]);

  const started = nodeRuns.filter((n) => n.startedAt);
  const t0 = runStartedAt ? new Date(runStartedAt).getTime() : Math.min(...started.map((n) => new Date(n.startedAt!).getTime()));
  const ends = started.map((n) => (n.endedAt ? new Date(n.endedAt).getTime() : now));
  const t1 = Math.max(runEndedAt ? new Date(runEndedAt).getTime() : now, ...ends, t0 + 1);
  const span = t1 - t0;
  const pct = (t: number) => `${Math.min(100, Math.max(0, ((t - t0) / span) * 100))}%`;

  if (!started.length) return <p className="px-4 py-6 text-sm text-slate-500">No node has started yet.</p>;
  const ordered = [...started].sort((a, b) => new Date(a.startedAt!).getTime() - new Date(b.startedAt!).getTime());
  return (
    <div data-testid="run-timeline">
      <div className="sticky top-0 z-10 flex border-b border-slate-200 bg-white px-3 py-1.5 text-[11px] text-slate-500">
        <span className="w-40 shrink-0">Node</span>
        <div className="relative flex-1">
          {[0, 0.25, 0.5, 0.75, 1].map((f) => (
            <span key={f} className="absolute -translate-x-1/2 whitespace-nowrap tabular-nums first:translate-x-0 last:-translate-x-full" style={{ left: `${f * 100}%` }}>
              {formatDuration(span * f)}
            </span>
          ))}
        </div>
        <span className="w-16 shrink-0" />
      </div>
      <ul>
        {ordered.map((n) => {
          const s = statusStyle(n.status);
          const start = new Date(n.startedAt!).getTime();
          const end = n.endedAt ? new Date(n.endedAt).getTime() : now;
          const width = `max(3px, ${((end - start) / span) * 100}%)`;
          return (
            <li key={n.nodeId}>
              <button
                type="button"
                onClick={() => onSelect(n.nodeId)}
                aria-pressed={selected === n.nodeId}
                className={`flex w-full items-center px-3 py-1 text-left text-xs hover:bg-slate-50 ${selected === n.nodeId ? "bg-brand-50" : ""}`}
              >
                <span className="w-40 shrink-0 truncate pr-2 font-medium text-slate-800" title={n.nodeId}>
                  {n.nodeId}
                  {n.attempts > 1 && <span className="ml-1 font-normal text-amber-700">×{n.attempts}</span>}
                </span>
                <span className="relative h-4 flex-1 rounded-sm bg-slate-50">
                  <span
                    className={`absolute top-0.5 h-3 rounded-sm ${n.endedAt ? "" : "animate-pulse"}`}
                    style={{ left: pct(start), width, background: s.bar }}
                    title={`${n.nodeId}: ${s.label}, ${formatDuration(end - start)}${n.attempts > 1 ? `, ${n.attempts} attempts` : ""}`}
                  />
                  {(attemptStarts.get(n.nodeId) ?? []).map((t) => (
                    <span key={t} aria-hidden className="absolute top-0 h-4 w-0.5 bg-slate-900/70" style={{ left: pct(t) }} title="retry" />
                  ))}
                </span>
                <span className="w-16 shrink-0 text-right tabular-nums text-slate-500">{formatDuration(durationBetween(n.startedAt, n.endedAt, now))}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
});
