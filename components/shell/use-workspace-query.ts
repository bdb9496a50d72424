"use client";

import { useMutation, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useWorkspace } from "./workspace-context";
import { api } from "@/lib/client/api";

/** A GET against /api/v1 in the current workspace; cache keys start with the workspace slug. */
export function useWorkspaceQuery<T>(key: QueryKey, path: string, opts: { enabled?: boolean; refetchInterval?: number | false } = {}) {
  const { workspace } = useWorkspace();
  return useQuery<T>({
    queryKey: [workspace.slug, ...key],
    queryFn: () => api<T>(path, { workspace: workspace.slug }),
    enabled: opts.enabled,
    refetchInterval: opts.refetchInterval,
  });
}

/** A mutation in the current workspace that invalidates `invalidate` (workspace-prefixed) on success. */
export function useWorkspaceMutation<TBody, TResult>(
  request: (body: TBody) => { path: string; method?: string; body?: unknown },
  invalidate: QueryKey[] = [],
) {
  const { workspace } = useWorkspace();
  const qc = useQueryClient();
  return useMutation<TResult, Error, TBody>({
    mutationFn: (body) => {
      const r = request(body);
      return api<TResult>(r.path, { method: r.method, body: r.body, workspace: workspace.slug });
    },
    onSuccess: () => Promise.all(invalidate.map((k) => qc.invalidateQueries({ queryKey: [workspace.slug, ...k] }))),
  });
}
