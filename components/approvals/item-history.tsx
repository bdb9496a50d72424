"use client";

import { useWorkspaceQuery } from "@/components/shell/use-workspace-query";
import { useLiveConnected } from "@/components/shell/live-updates";
import { ROLE_LABEL, type RoleName } from "@/lib/auth/permissions";
import type { ApprovalEvent } from "./types";
import { Time } from "@/components/ui/time";

type Assigned = { roles?: string[]; userIds?: string[] } | undefined;

/** The item's history, oldest first: opened, told, moved, escalated, voted, decided. Loaded when shown. */
export function ItemHistory({ approvalId, now, nameOf }: { approvalId: string; now: number; nameOf: (userId: string) => string }) {
  // an item's new events are pushed as inbox changes (components/shell/live-updates.tsx); polled while the stream is down
  const pushed = useLiveConnected();
  const q = useWorkspaceQuery<{ events: ApprovalEvent[] }>(["approvals", "detail", approvalId], `/api/v1/approvals/${approvalId}`, { refetchInterval: pushed ? false : 10_000 });
  if (q.isPending) return <p className="text-xs text-slate-500">Loading the history…</p>;
  if (q.isError) return <p className="text-xs text-red-700">Could not load the history: {q.error.message}</p>;
  const assigned = (a: Assigned) => [...(a?.userIds ?? []).map(nameOf), ...(a?.roles ?? []).map((r) => `${ROLE_LABEL[r as RoleName] ?? r} role`)].join(", ") || "nobody";
  const actor = (e: ApprovalEvent) => (e.actor === "system" ? "Switchyard" : e.actor.startsWith("user:") ? nameOf(e.actor.slice(5)) : "An API key");
  const line = (e: ApprovalEvent): string => {
    const d = (e.data ?? {}) as Record<string, unknown>;
    switch (e.kind) {
      case "opened":
        return `Opened for ${assigned(d.to as Assigned)}${d.note ? ` (${d.note})` : ""}`;
      case "notified": {
        if (d.channel === "webhook") {
          const n = Array.isArray(d.endpoints) ? d.endpoints.length : 0;
          return `Sent to the workspace's webhooks (${n} endpoint${n === 1 ? "" : "s"})`;
        }
        const n = Array.isArray(d.users) ? d.users.length : 0;
        const channel = d.channel === "email" ? "by e-mail" : "in the app";
        return n ? `Told ${channel}: ${(d.users as string[]).map(nameOf).join(", ")}` : `Nobody to tell ${channel}: no member holds the assigned role yet`;
      }
      case "reassigned":
        return `${actor(e)} reassigned it to ${assigned(d.to as Assigned)}${d.comment ? `: “${d.comment}”` : ""}`;
      case "escalated":
        return `Escalated to level ${e.level}: ${assigned(d.to as Assigned)} — ${d.reason ?? ""}`;
      case "voted":
        return `${actor(e)} voted ${d.decision}${d.comment ? `: “${d.comment}”` : ""}`;
      case "decided":
        return `${actor(e)} ${d.decision === "approve" ? "approved" : "rejected"} it${d.editedOutput ? " with an edited output" : ""}${d.comment ? `: “${d.comment}”` : ""}`;
      case "expired":
        return `Nobody decided in time (${d.decision ?? "expired"})`;
      default:
        return e.kind;
    }
  };
  return (
    <ol className="space-y-1 border-l border-slate-200 pl-3 text-xs" aria-label="History" data-testid="item-history">
      {q.data.events.map((e) => (
        <li key={e.id} className="relative">
          <span aria-hidden className={`absolute -left-[17px] top-1.5 h-2 w-2 rounded-full ${e.kind === "escalated" ? "bg-red-500" : e.kind === "decided" ? "bg-emerald-500" : "bg-slate-300"}`} />
          <span className="text-slate-800">{line(e)}</span> <span className="text-slate-500">
            · <Time value={e.createdAt} now={now} />
          </span>
        </li>
      ))}
    </ol>
  );
}
