"use client";

import { createContext, useContext, useEffect, useRef, useState } from "react";
import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import type { LiveChange } from "@/lib/live/events";
import { runKeys } from "@/components/runs/query-keys";
import { approvalKeys } from "@/components/approvals/types";
import { breakerKeys } from "@/components/supervision/types";
import { scheduleKeys } from "@/components/schedules/types";
import { QueryRefresher } from "./query-refresher";
import { SIGNING_OUT_EVENT } from "@/lib/client/api";

const LiveCtx = createContext(false);

/** Whether live updates are arriving now; screens poll (their fallback) while this is false. */
export function useLiveConnected(): boolean {
  return useContext(LiveCtx);
}

/** Reconnect delays after the server refused or closed the stream for good (a dropped connection is retried by the browser). */
const BACKOFF_MS = [2_000, 5_000, 15_000, 30_000];


/**
 * Keeps one server-sent events stream (`/api/v1/live`) open for the workspace and turns what it
 * says changed into re-reads of the screens' queries that show it: a run's detail, trace and
 * the runs lists; its delegations; the inbox and its badge; the breakers and their history;
 * the schedules and their fires. `reset` re-reads all of them. A
 * re-read never overlaps another of its key, and always starts after the change was announced
 * (./query-refresher.ts).
 * While the stream is down or the server says it is not hearing changes (`paused`),
 * `useLiveConnected()` is false and the screens poll instead; the browser reconnects with the
 * last event id and the server sends what was missed.
 */
export function LiveUpdates({ workspace, children }: { workspace: string; children: React.ReactNode }) {
  const qc = useQueryClient();
  const [connected, setConnected] = useState(false);
  const refresher = useRef<QueryRefresher | null>(null);
  refresher.current ??= new QueryRefresher(qc);

  useEffect(() => {
    const r = refresher.current!;
    let es: EventSource | null = null;
    let lastId = "";
    let failures = 0;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;

    const open = () => {
      const qs = new URLSearchParams({ workspace });
      if (lastId) qs.set("lastEventId", lastId);
      const source = new EventSource(`/api/v1/live?${qs}`);
      es = source;
      source.onopen = () => {
        failures = 0;
      };
      // pushed updates count from the server's first word: it speaks only while it hears every change
      source.addEventListener("changes", (e) => {
        setConnected(true);
        lastId = (e as MessageEvent).lastEventId || lastId;
        let changes: LiveChange[];
        try {
          changes = JSON.parse((e as MessageEvent).data);
        } catch {
          return;
        }
        for (const c of changes) for (const key of keysFor(workspace, c)) void r.refresh(key);
      });
      source.addEventListener("paused", () => setConnected(false));
      source.addEventListener("reset", (e) => {
        setConnected(true);
        lastId = (e as MessageEvent).lastEventId || lastId;
        for (const key of everyLiveKey(workspace)) void r.refresh(key);
      });
      source.onerror = () => {
        setConnected(false);
        if (source.readyState !== EventSource.CLOSED || stopped) return;
        // refused (signed out, server restarting behind a proxy, …): try again later ourselves
        const delay = BACKOFF_MS[Math.min(failures++, BACKOFF_MS.length - 1)]!;
        retry = setTimeout(open, delay);
      };
    };
    open();
    // signing out: no more changes to act on (their re-reads would be refused)
    const signOut = () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      es?.close();
    };
    window.addEventListener(SIGNING_OUT_EVENT, signOut);
    return () => {
      window.removeEventListener(SIGNING_OUT_EVENT, signOut);
      stopped = true;
      if (retry) clearTimeout(retry);
      es?.close();
      setConnected(false);
    };
  }, [workspace]);

  return <LiveCtx.Provider value={connected}>{children}</LiveCtx.Provider>;
}

/** The queries that show what `c` changed. */
export function keysFor(ws: string, c: LiveChange): QueryKey[] {
  switch (c.kind) {
    case "run":
      return c.runId ? [runKeys.detail(ws, c.runId), runKeys.trace(ws, c.runId), runKeys.lists(ws)] : [runKeys.lists(ws)];
    case "node":
      return c.runId ? [runKeys.detail(ws, c.runId), runKeys.trace(ws, c.runId)] : [];
    case "delegation":
      return c.runId ? [runKeys.delegations(ws, c.runId)] : [];
    case "inbox":
      return [approvalKeys.all(ws)];
    case "breaker":
      return [breakerKeys.all(ws)];
    case "schedule":
      return [[ws, ...scheduleKeys.all]];
  }
}

/** Every query live updates keep fresh (all runs queries, the inbox, the breakers, the schedules). */
export function everyLiveKey(ws: string): QueryKey[] {
  return [runKeys.all(ws), approvalKeys.all(ws), breakerKeys.all(ws), [ws, ...scheduleKeys.all]];
}
