"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useToast } from "@/components/ui/toast";
import { api, ApiError } from "@/lib/client/api";
import { approvalKeys, type Decision } from "./types";

type Vars = { ids: string[] } & Decision;
type Result = { ok: string[]; failed: { id: string; message: string }[] };

/** What to tell the approver when a decision is refused. */
function explain(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 409) return `${err.message} The list is refreshed.`;
    if (err.status === 403) return `You may not decide this item: ${err.message}`;
    if (err.status === 422) return `The decision was refused: ${err.message}`;
    return err.message;
  }
  return "The server could not be reached. Check your connection and try again.";
}

/**
 * Decide one or several inbox items (bulk = one request per item, in
 * parallel). Each refusal is explained in a toast; the lists are refreshed
 * afterwards.
 */
export function useDecide() {
  const { workspace } = useWorkspace();
  const qc = useQueryClient();
  const toast = useToast();
  const ws = workspace.slug;
  return useMutation<Result, Error, Vars, { snapshot: [readonly unknown[], unknown][] }>({
    mutationFn: async ({ ids, ...decision }) => {
      const settled = await Promise.allSettled(ids.map((id) => api(`/api/v1/approvals/${id}/decision`, { method: "POST", body: decision, workspace: ws })));
      const result: Result = { ok: [], failed: [] };
      settled.forEach((s, i) => (s.status === "fulfilled" ? result.ok.push(ids[i]) : result.failed.push({ id: ids[i], message: explain(s.reason) })));
      if (!result.ok.length && result.failed.length) throw new Error(result.failed[0].message);
      return result;
    },
    // the inbox hides items while their decision is in flight (see ApprovalsInbox);
    // here only the navigation badge is adjusted ahead of the server
    onMutate: async ({ ids }) => {
      const snapshot = qc.getQueriesData({ queryKey: approvalKeys.pendingCount(ws) });
      qc.setQueryData<number>(approvalKeys.pendingCount(ws), (n) => (typeof n === "number" ? Math.max(0, n - ids.length) : n));
      return { snapshot };
    },
    onError: (err, _vars, context) => {
      context?.snapshot.forEach(([key, data]) => qc.setQueryData(key, data));
      toast("error", err.message);
    },
    onSuccess: ({ ok, failed }, { decision }) => {
      const verb = decision === "approve" ? "Approved" : "Rejected";
      toast("success", ok.length === 1 ? `${verb}. The run continues.` : `${verb} ${ok.length} items. Their runs continue.`);
      if (failed.length) toast("error", `${failed.length} item${failed.length === 1 ? "" : "s"} not decided: ${failed[0].message}`);
    },
    // awaited, so callers' onSettled runs once the lists show the server's truth
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: approvalKeys.all(ws) }), qc.invalidateQueries({ queryKey: [ws, "runs"] })]),
  });
}
