"use client";

import { useQuery } from "@tanstack/react-query";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useLiveConnected } from "@/components/shell/live-updates";
import { api } from "@/lib/client/api";
import { approvalKeys, type ApprovalsPage } from "./types";

/**
 * Pending inbox items for the navigation badge: those the user may decide,
 * or, for roles that decide nothing, every pending item. Refreshed when the live
 * stream says the inbox changed (every 20 s while it is down) and after each decision. Counts up to 200 (shown as "99+" past 99).
 */
export function usePendingApprovalsCount(): number | undefined {
  const { workspace, can } = useWorkspace();
  const decides = can("approvals:decide");
  const pushed = useLiveConnected();
  const q = useQuery<number>({
    queryKey: approvalKeys.pendingCount(workspace.slug),
    queryFn: async () => {
      const page = await api<ApprovalsPage>("/api/v1/approvals?status=pending&scope=all&limit=200", { workspace: workspace.slug });
      return decides ? page.approvals.filter((a) => a.canDecide).length : page.approvals.length;
    },
    refetchInterval: pushed ? false : 20_000,
    staleTime: 5_000,
  });
  return q.data;
}

/** The badge next to "Approvals" in the navigation. */
export function PendingApprovalsBadge() {
  const n = usePendingApprovalsCount();
  if (!n) return null;
  return (
    <span className="ml-auto rounded-full bg-amber-500 px-1.5 py-0.5 text-[11px] font-semibold leading-none text-white" data-testid="approvals-badge" aria-label={`${n} pending`}>
      {n > 99 ? "99+" : n}
    </span>
  );
}
