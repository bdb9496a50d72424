"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { EmptyState, PageHeader, Skeleton } from "@/components/ui/card";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useLiveConnected } from "@/components/shell/live-updates";
import { api } from "@/lib/client/api";
import { useWorkspaceQuery } from "@/components/shell/use-workspace-query";
import { ROLE_LABEL, type RoleName } from "@/lib/auth/permissions";
import { ApprovalCard } from "./approval-card";
import { DecidedHistory } from "./decided-history";
import { approvalKeys, type Approval, type ApprovalScope, type ApprovalsPage, type Decision, type Member } from "./types";
import { useDecide } from "./use-decide";

const SCOPES: { value: ApprovalScope; label: string; hint: string }[] = [
  { value: "all", label: "All", hint: "Everything in this workspace" },
  { value: "mine", label: "Mine", hint: "Assigned to me by name" },
  { value: "role", label: "My role", hint: "Assigned to my role" },
];
const DECIDED_STATUSES = [
  { value: "", label: "All outcomes" },
  { value: "approved", label: "Approved" },
  { value: "rejected", label: "Rejected" },
  { value: "expired", label: "Timed out" },
  { value: "cancelled", label: "Cancelled" },
];

/** Everything that waits on a person, and the history of what was decided. */
export function ApprovalsInbox() {
  const { workspace, can } = useWorkspace();
  const pushed = useLiveConnected();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const tab = params.get("tab") === "decided" ? "decided" : "pending";
  const scope = (SCOPES.find((s) => s.value === params.get("scope"))?.value ?? "all") as ApprovalScope;
  const outcome = tab === "decided" ? (params.get("status") ?? "") : "";
  const runId = params.get("runId") ?? "";
  const sort = tab === "pending" && params.get("sort") === "due" ? "due" : "newest";
  const [cursor, setCursor] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkComment, setBulkComment] = useState("");
  const now = useTicker();
  const decide = useDecide();
  const [decidingIds, setDecidingIds] = useState<Set<string>>(new Set());

  const query = useMemo(() => {
    const q = new URLSearchParams({ scope, limit: "50" });
    if (tab === "pending") q.set("status", "pending");
    else q.set("status", outcome || "decided");
    if (runId) q.set("runId", runId);
    if (sort === "due") q.set("sort", "due");
    if (cursor) q.set("cursor", cursor);
    return q.toString();
  }, [scope, tab, outcome, runId, sort, cursor]);
  useEffect(() => {
    setCursor(null);
    setSelected(new Set());
  }, [scope, tab, outcome, runId, sort]);

  const list = useQuery<ApprovalsPage>({
    queryKey: approvalKeys.list(workspace.slug, query),
    queryFn: () => api<ApprovalsPage>(`/api/v1/approvals?${query}`, { workspace: workspace.slug }),
    placeholderData: keepPreviousData,
    // pushed by the live stream; polled while it is down
    refetchInterval: tab === "pending" && !pushed ? 5000 : false,
  });
  const members = useWorkspaceQuery<{ members: Member[] }>(["members"], "/api/v1/members");
  const memberName = useMemo(() => new Map((members.data?.members ?? []).map((m) => [m.user.id, m.user.name ?? m.user.email])), [members.data]);
  const nameOf = (userId: string) => memberName.get(userId) ?? "a former member";

  const items = useMemo(() => (list.data?.approvals ?? []).filter((a) => (tab === "pending" ? a.status === "pending" : a.status !== "pending")), [list.data, tab]);
  const decidable = items.filter((a) => a.canDecide && can("approvals:decide") && !decidingIds.has(a.id));
  const visible = items.filter((a) => !decidingIds.has(a.id));
  const selectedIds = decidable.filter((a) => selected.has(a.id)).map((a) => a.id);

  const setParam = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(patch)) (v ? next.set(k, v) : next.delete(k));
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  };
  const run = (ids: string[], d: Decision) => {
    setDecidingIds((s) => new Set([...s, ...ids]));
    decide.mutate(
      { ids, ...d },
      {
        onSettled: () => {
          setDecidingIds((s) => new Set([...s].filter((id) => !ids.includes(id))));
          setSelected((s) => new Set([...s].filter((id) => !ids.includes(id))));
        },
      },
    );
  };
  const assigneesOf = (a: Approval) => {
    const parts = [...a.assigneeUserIds.map((id) => memberName.get(id) ?? "a member"), ...a.assigneeRoles.map((r) => `${ROLE_LABEL[r as RoleName] ?? r} role`)];
    return parts.length ? parts.join(", ") : "workspace admins";
  };
  const who = (userId: string | null, a: Approval) => {
    if (userId) return memberName.get(userId) ?? "A former member";
    if (a.status === "expired") return "Timeout rule";
    if (a.status === "cancelled") return "Run cancelled";
    return a.decision ? "An API key" : "—";
  };

  return (
    <div className="max-w-6xl">
      <PageHeader title="Approvals" description="Everything waiting on a person: approval steps, budget pauses, runs whose cost forecast is over their graph's threshold, and escalations. A decision resumes the run." />

      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div role="tablist" aria-label="Inbox" className="flex gap-1 rounded-lg bg-slate-100 p-1">
          {(["pending", "decided"] as const).map((t) => (
            <button
              key={t}
              role="tab"
              type="button"
              aria-selected={tab === t}
              onClick={() => setParam({ tab: t === "decided" ? "decided" : "", status: "" })}
              className={`rounded-md px-3 py-1.5 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40 ${tab === t ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
            >
              {t === "pending" ? "Pending" : "Decided"}
            </button>
          ))}
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <fieldset className="flex items-center gap-2">
            <legend className="sr-only">Whose items</legend>
            <span aria-hidden className="text-xs font-medium text-slate-500">
              Show
            </span>
            <div className="flex gap-1 rounded-lg bg-slate-100 p-1">
              {SCOPES.map((s) => (
                <button
                  key={s.value}
                  type="button"
                  title={s.hint}
                  aria-pressed={scope === s.value}
                  onClick={() => setParam({ scope: s.value === "all" ? "" : s.value })}
                  className={`rounded-md px-3 py-1.5 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40 ${scope === s.value ? "bg-white text-brand-700 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
                >
                  {s.label}
                </button>
              ))}
            </div>
          </fieldset>
          {tab === "pending" && (
            <label className="text-sm">
              <span className="sr-only">Order</span>
              <select
                value={sort}
                onChange={(e) => setParam({ sort: e.target.value === "due" ? "due" : "" })}
                className="h-10 rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30"
              >
                <option value="newest">Newest first</option>
                <option value="due">Due soonest first</option>
              </select>
            </label>
          )}
          {tab === "decided" && (
            <label className="text-sm">
              <span className="sr-only">Outcome</span>
              <select
                value={outcome}
                onChange={(e) => setParam({ status: e.target.value })}
                className="h-10 rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30"
              >
                {DECIDED_STATUSES.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.label}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
      </div>

      {runId && (
        <p className="mb-3 flex items-center gap-2 text-sm text-slate-600">
          Only items of run{" "}
          <Link href={`/w/${workspace.slug}/runs/${runId}`} className="font-mono text-brand-700 hover:underline">
            …{runId.slice(-8)}
          </Link>
          <Button variant="ghost" size="sm" onClick={() => setParam({ runId: "" })}>
            Show all
          </Button>
        </p>
      )}

      {tab === "pending" && decidable.length > 0 && (
        <div className="sticky top-0 z-10 mb-3 flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white px-4 py-2.5 shadow-sm" data-testid="bulk-bar">
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              className="h-4 w-4 accent-brand-600"
              checked={selectedIds.length === decidable.length}
              ref={(el) => {
                if (el) el.indeterminate = selectedIds.length > 0 && selectedIds.length < decidable.length;
              }}
              onChange={(e) => setSelected(e.target.checked ? new Set(decidable.map((a) => a.id)) : new Set())}
            />
            {selectedIds.length ? `${selectedIds.length} selected` : "Select all"}
          </label>
          {selectedIds.length > 0 && (
            <>
              <input
                value={bulkComment}
                onChange={(e) => setBulkComment(e.target.value)}
                placeholder="Comment for all selected (optional)"
                aria-label="Comment for all selected"
                className="min-w-48 flex-1 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30"
              />
              <Button size="sm" className="!bg-emerald-700 hover:!bg-emerald-800" disabled={decide.isPending} onClick={() => run(selectedIds, { decision: "approve", comment: bulkComment.trim() || undefined })}>
                Approve selected ({selectedIds.length})
              </Button>
              <Button size="sm" variant="danger" disabled={decide.isPending} onClick={() => run(selectedIds, { decision: "reject", comment: bulkComment.trim() || undefined })}>
                Reject selected ({selectedIds.length})
              </Button>
            </>
          )}
        </div>
      )}

      {list.isError ? (
        <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          Could not load the inbox: {list.error.message}{" "}
          <button type="button" className="font-medium underline" onClick={() => list.refetch()}>
            Try again
          </button>
        </div>
      ) : list.isPending ? (
        <div className="space-y-3" aria-busy="true" aria-label="Loading inbox">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-40 w-full" />
          ))}
        </div>
      ) : (tab === "pending" ? visible : items).length === 0 ? (
        tab === "pending" ? (
          <EmptyState title={scope === "all" ? "Nothing is waiting on a person" : scope === "mine" ? "Nothing assigned to you by name" : "Nothing assigned to your role"}>
            When a run reaches an approval step or a budget pause it waits here for a decision.{" "}
            {scope !== "all" ? "Try “All” to see items assigned to others." : "Add an approval node to a graph to ask for sign-off."}
          </EmptyState>
        ) : (
          <EmptyState title="No decisions yet">Approved, rejected and timed-out items are listed here with who decided and when.</EmptyState>
        )
      ) : tab === "pending" ? (
        <div className={`space-y-3 ${list.isPlaceholderData ? "opacity-60" : ""}`}>
          {items.map((a) => (
            <ApprovalCard
              key={a.id}
              approval={a}
              now={now}
              selected={selected.has(a.id)}
              onSelect={(checked) =>
                setSelected((s) => {
                  const next = new Set(s);
                  if (checked) next.add(a.id);
                  else next.delete(a.id);
                  return next;
                })
              }
              onDecide={(d) => run([a.id], d)}
              deciding={decidingIds.has(a.id)}
              hidden={decidingIds.has(a.id)}
              assignees={assigneesOf(a)}
              members={members.data?.members ?? []}
              nameOf={nameOf}
            />
          ))}
        </div>
      ) : (
        <DecidedHistory approvals={items} who={who} />
      )}

      {list.data && (cursor || list.data.nextCursor) && (
        <nav aria-label="Pages" className="mt-3 flex justify-end gap-2">
          <Button variant="secondary" size="sm" disabled={!cursor} onClick={() => setCursor(null)}>
            ← Newest
          </Button>
          <Button variant="secondary" size="sm" disabled={!list.data.nextCursor} onClick={() => setCursor(list.data.nextCursor)}>
            Older →
          </Button>
        </nav>
      )}
    </div>
  );
}

/** Re-render every 30 s so "time left" stays true. */
function useTicker() {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  return now;
}
