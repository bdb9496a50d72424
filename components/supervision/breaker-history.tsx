"use client";

import { useQuery } from "@tanstack/react-query";
import { Skeleton } from "@/components/ui/card";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useLiveConnected } from "@/components/shell/live-updates";
import { api } from "@/lib/client/api";
import { stateWords } from "./breaker-state";
import { breakerKeys, type BreakerEvent } from "./types";
import { Time } from "@/components/ui/time";

/** A breaker's transitions (or every breaker's, without `breakerKey`), newest first. */
export function BreakerHistory({ breakerKey, limit = 50, showKey = false }: { breakerKey?: string; limit?: number; showKey?: boolean }) {
  const { workspace } = useWorkspace();
  const pushed = useLiveConnected();
  const q = useQuery({
    queryKey: [...breakerKeys.events(workspace.slug, breakerKey), limit],
    queryFn: () =>
      api<{ events: BreakerEvent[] }>(`/api/v1/breakers/events?limit=${limit}${breakerKey ? `&key=${encodeURIComponent(breakerKey)}` : ""}`, { workspace: workspace.slug }),
    refetchInterval: pushed ? false : 10_000,
  });
  if (q.isLoading) return <Skeleton className="h-16 w-full" />;
  const events = q.data?.events ?? [];
  if (!events.length) return <p className="text-sm text-slate-500">No changes yet.</p>;
  return (
    <ol className="space-y-1 text-sm" aria-label={breakerKey ? `History of ${breakerKey}` : "Recent breaker changes"}>
      {events.map((e) => (
        <li key={e.id} className="flex flex-wrap gap-x-3 gap-y-0.5">
          <Time value={e.at} mode="absolute" className="whitespace-nowrap text-slate-500" />
          {showKey && <span className="font-mono text-xs leading-5 text-slate-600">{e.key}</span>}
          <span className="whitespace-nowrap font-medium text-slate-800">
            {stateWords(e.from)} → {stateWords(e.to)}
          </span>
          <span className="text-slate-600">
            {e.reason}
            {e.actorName ? ` — ${e.actorName}` : ""}
          </span>
        </li>
      ))}
    </ol>
  );
}
