"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useToast } from "@/components/ui/toast";
import { api } from "@/lib/client/api";
import { runKeys } from "./query-keys";
import type { RunDetail, RunsPage } from "./types";

/** Cancel a run: optimistic status in the cached run and lists, rolled back on error. */
export function useCancelRun() {
  const { workspace } = useWorkspace();
  const qc = useQueryClient();
  const toast = useToast();
  return useMutation<unknown, Error, string, { snapshot: [readonly unknown[], unknown][] }>({
    mutationFn: (runId) => api(`/api/v1/runs/${runId}/cancel`, { method: "POST", workspace: workspace.slug }),
    onMutate: async (runId) => {
      const all = runKeys.all(workspace.slug);
      await qc.cancelQueries({ queryKey: all });
      const snapshot = qc.getQueriesData({ queryKey: all });
      qc.setQueriesData<RunsPage>({ queryKey: runKeys.lists(workspace.slug) }, (page) =>
        page?.runs ? { ...page, runs: page.runs.map((r) => (r.id === runId ? { ...r, status: "cancelled" } : r)) } : page,
      );
      qc.setQueryData<RunDetail>(runKeys.detail(workspace.slug, runId), (run) => (run ? { ...run, status: "cancelled" } : run));
      return { snapshot };
    },
    onError: (err, _runId, context) => {
      context?.snapshot.forEach(([key, data]) => qc.setQueryData(key, data));
      toast("error", `Could not cancel the run: ${err.message}`);
    },
    onSuccess: () => toast("success", "Run cancelled."),
    onSettled: () => qc.invalidateQueries({ queryKey: runKeys.all(workspace.slug) }),
  });
}

/** Start a new run of the same pinned version, optionally reusing outputs upstream of `fromNode`. */
export function useRerunRun() {
  const { workspace } = useWorkspace();
  const qc = useQueryClient();
  const toast = useToast();
  return useMutation<{ runId: string }, Error, { runId: string; fromNode?: string }>({
    mutationFn: ({ runId, fromNode }) =>
      api(`/api/v1/runs/${runId}/rerun`, { method: "POST", body: fromNode ? { fromNode } : {}, workspace: workspace.slug }),
    onError: (err) => toast("error", `Could not start the rerun: ${err.message}`),
    onSuccess: (_res, { fromNode }) => toast("success", fromNode ? `Rerun from ${fromNode} started.` : "Rerun started."),
    onSettled: () => qc.invalidateQueries({ queryKey: runKeys.lists(workspace.slug) }),
  });
}
