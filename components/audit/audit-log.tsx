"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, EmptyState, PageHeader, Skeleton } from "@/components/ui/card";
import { useWorkspace } from "@/components/shell/workspace-context";
import { api } from "@/lib/client/api";
import { Time } from "@/components/ui/time";
import { Named } from "@/components/ui/copy-id";
import { shortId } from "@/lib/format";

type AuditEvent = {
  id: string;
  action: string;
  actorUserId: string | null;
  actorEmail: string | null;
  actorName: string | null;
  actorApiKeyId: string | null;
  actorApiKeyName: string | null;
  targetType: string | null;
  targetId: string | null;
  targetName: string | null;
  data: unknown;
  ip: string | null;
  createdAt: string;
};

/** Who did it, by name: a member (name, else e-mail), an API key (its name), or nobody (the system). */
function actorOf(e: AuditEvent): { label: string; id: string | null } {
  if (e.actorUserId) return { label: e.actorName ?? e.actorEmail ?? "a former member", id: e.actorUserId };
  if (e.actorApiKeyId) return { label: `API key “${e.actorApiKeyName ?? "deleted"}”`, id: e.actorApiKeyId };
  return { label: "—", id: null };
}

/** Filter groups: the prefix of the actions they show. */
const ACTION_GROUPS: [string, string][] = [
  ["", "everything"],
  ["auth.", "sign-ins"],
  ["member.", "members"],
  ["invitation.", "invitations"],
  ["api_key.", "API keys"],
  ["workspace.", "workspace"],
  ["graph.", "graphs"],
  ["run.", "runs"],
  ["budget.", "budgets"],
  ["model_price.", "model prices"],
  ["provider.", "providers"],
  ["secret.", "secrets"],
  ["webhook.", "webhooks"],
];

/** `key: value · key: value` for an event's data (objects as JSON). */
function describeData(data: unknown): string {
  if (data === null || data === undefined) return "";
  if (typeof data !== "object" || Array.isArray(data)) return JSON.stringify(data);
  return Object.entries(data as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" · ");
}

export function AuditLog() {
  const { workspace } = useWorkspace();
  const [action, setAction] = useState("");
  const query = useInfiniteQuery({
    queryKey: [workspace.slug, "audit", action],
    initialPageParam: "",
    queryFn: ({ pageParam }) =>
      api<{ events: AuditEvent[]; nextCursor: string | null }>(
        `/api/v1/audit?limit=50${action ? `&action=${encodeURIComponent(action)}` : ""}${pageParam ? `&cursor=${pageParam}` : ""}`,
        { workspace: workspace.slug },
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const events = query.data?.pages.flatMap((p) => p.events) ?? [];
  return (
    <div className="max-w-6xl">
      <PageHeader title="Audit log" description="Who did what, when and from where: sign-ins, members, keys, graphs, runs, budgets, prices, providers, secrets and webhooks." />
      <Card
        actions={
          <label className="flex items-center gap-2 text-sm">
            Show
            <select className="rounded-md border border-slate-300 px-2 py-1" value={action} onChange={(e) => setAction(e.target.value)} aria-label="Filter by action">
              {ACTION_GROUPS.map(([prefix, label]) => (
                <option key={prefix} value={prefix}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        }
        title="Events"
      >
        {query.isLoading ? (
          <Skeleton className="h-32 w-full" />
        ) : events.length === 0 ? (
          <EmptyState title="No events match">Events appear here as people sign in and change members, invitations and keys.</EmptyState>
        ) : (
          <table className="w-full table-fixed text-sm">
            <colgroup>
              <col className="w-44" />
              <col className="w-56" />
              <col className="w-44" />
              <col />
              <col className="w-32" />
            </colgroup>
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2 pr-3">When</th>
                <th className="py-2 pr-3">Who</th>
                <th className="py-2 pr-3">Action</th>
                <th className="py-2 pr-3">Details</th>
                <th className="py-2">From</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {events.map((e) => {
                const who = actorOf(e);
                const details = describeData(e.data);
                return (
                  <tr key={e.id}>
                    <td className="whitespace-nowrap py-2 pr-3 text-slate-500">
                      <Time value={e.createdAt} mode="absolute" />
                    </td>
                    <td className="truncate py-2 pr-3" title={e.actorName && e.actorEmail ? e.actorEmail : who.label}>
                      {who.id ? <Named id={who.id}>{who.label}</Named> : who.label}
                    </td>
                    <td className="truncate py-2 pr-3 text-xs" title={e.action}>
                      <span className="font-mono">{e.action}</span>
                      {e.targetId && (
                        <span className="block text-slate-600">
                          <Named id={e.targetId}>{e.targetName ?? `${e.targetType ?? "item"} ${shortId(e.targetId)}`}</Named>
                        </span>
                      )}
                    </td>
                    <td className="truncate py-2 pr-3 font-mono text-xs text-slate-600" title={details}>
                      {details}
                    </td>
                    <td className="truncate py-2 text-xs text-slate-500" title={e.ip ?? ""}>
                      {e.ip?.replace(/^::ffff:/, "") ?? ""}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {query.hasNextPage && (
          <div className="mt-4">
            <Button variant="secondary" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
              Load more
            </Button>
          </div>
        )}
      </Card>
    </div>
  );
}
