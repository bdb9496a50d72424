"use client";

import { useEffect, useRef } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useLiveConnected } from "@/components/shell/live-updates";
import { api } from "@/lib/client/api";
import { runKeys } from "./query-keys";
import { isActiveRun, type GraphVersion, type RunDetail, type TraceEvent } from "./types";

/** How often an active run is re-read while live updates are down (the fallback); the brief is "within one second". */
export const LIVE_INTERVAL_MS = 800;
const TRACE_PAGE = 500;
const MAX_TRACE_PAGES = 20;

/**
 * A run, its pinned graph version and its trace, kept live while the run is
 * active: re-read when the live stream says the run or one of its nodes changed
 * (components/shell/live-updates.tsx), or, while the stream is down, by polling
 * the REST API (the run every LIVE_INTERVAL_MS). The trace is read with
 * `after=<last id>` so only new events travel. Polling stops when the run ends,
 * after one last read of the trace.
 */
export function useLiveRun(runId: string) {
  const { workspace } = useWorkspace();
  const ws = workspace.slug;
  const qc = useQueryClient();
  const pushed = useLiveConnected();

  const run = useQuery<RunDetail>({
    queryKey: runKeys.detail(ws, runId),
    queryFn: () => api<RunDetail>(`/api/v1/runs/${runId}`, { workspace: ws }),
    staleTime: 0,
    refetchInterval: (q) => (!pushed && isActiveRun(q.state.data?.status) ? LIVE_INTERVAL_MS : false),
    refetchIntervalInBackground: false,
  });
  const active = isActiveRun(run.data?.status);

  const version = useQuery<GraphVersion>({
    queryKey: runKeys.version(ws, run.data?.graphId ?? "", run.data?.graphVersion ?? 0),
    queryFn: () => api<GraphVersion>(`/api/v1/graphs/${run.data!.graphId}/versions/${run.data!.graphVersion}`, { workspace: ws }),
    enabled: !!run.data,
    staleTime: Infinity, // versions are immutable
  });

  const traceKey = runKeys.trace(ws, runId);
  const trace = useQuery<TraceEvent[]>({
    queryKey: traceKey,
    queryFn: async () => {
      const known = qc.getQueryData<TraceEvent[]>(traceKey) ?? [];
      const events = [...known];
      for (let page = 0; page < MAX_TRACE_PAGES; page++) {
        const after = events.at(-1)?.id ?? "0";
        const res = await api<{ events: TraceEvent[] }>(`/api/v1/runs/${runId}/trace?after=${after}`, { workspace: ws });
        events.push(...res.events);
        if (res.events.length < TRACE_PAGE) break;
      }
      return events.length === known.length ? known : events;
    },
    staleTime: 0,
    // the drawing needs the run and its version first; the trace only adds detail, so it
    // does not compete with them on the first load
    enabled: !!run.data && !version.isPending,
    refetchInterval: active && !pushed ? LIVE_INTERVAL_MS : false,
  });

  // one last trace read when the run ends, so the final events are never missed
  const wasActive = useRef(active);
  useEffect(() => {
    if (wasActive.current && !active && run.data) void qc.invalidateQueries({ queryKey: traceKey });
    wasActive.current = active;
  }, [active, run.data, qc, traceKey]);

  return { run, version, trace, active };
}
