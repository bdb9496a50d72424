"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, EmptyState, PageHeader, Skeleton } from "@/components/ui/card";
import { useWorkspace } from "@/components/shell/workspace-context";
import { api } from "@/lib/client/api";

type AuditEvent = { id: string; action: string; actorEmail: string | null; actorApiKeyId: string | null; targetType: string | null; targetId: string | null; data: unknown; ip: string | null; createdAt: string };

const ACTION_GROUPS = ["", "auth.", "member.", "invitation.", "api_key.", "workspace."];

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
      <PageHeader title="Audit log" description="Sign-ins, membership, role and key changes: who, what, when and from where." />
      <Card
        actions={
          <label className="flex items-center gap-2 text-sm">
            Show
            <select className="rounded-md border border-slate-300 px-2 py-1" value={action} onChange={(e) => setAction(e.target.value)} aria-label="Filter by action">
              {ACTION_GROUPS.map((g) => (
                <option key={g} value={g}>
                  {g ? g.replace(".", "") : "everything"}
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
          <table className="w-full text-sm">
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2">When</th>
                <th className="py-2">Who</th>
                <th className="py-2">Action</th>
                <th className="py-2">Details</th>
                <th className="py-2">From</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {events.map((e) => (
                <tr key={e.id}>
                  <td className="whitespace-nowrap py-2 text-slate-500">{new Date(e.createdAt).toLocaleString()}</td>
                  <td className="py-2">{e.actorEmail ?? (e.actorApiKeyId ? `API key ${e.actorApiKeyId.slice(0, 12)}…` : "—")}</td>
                  <td className="py-2 font-mono text-xs">{e.action}</td>
                  <td className="max-w-sm truncate py-2 font-mono text-xs text-slate-600">{e.data ? JSON.stringify(e.data) : ""}</td>
                  <td className="py-2 text-xs text-slate-500">{e.ip ?? ""}</td>
                </tr>
              ))}
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
