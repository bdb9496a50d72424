"use client";

import { useQuery } from "@tanstack/react-query";
import { useWorkspace } from "@/components/shell/workspace-context";
import { api, ApiError } from "@/lib/client/api";
import { useWorkspaceMutation, useWorkspaceQuery } from "@/components/shell/use-workspace-query";
import type { TGraphSpec } from "@/lib/graphs/spec";
import type { TMember } from "./inspector/assignees-input";
import { SIM_MODELS, type TModelOption } from "./inspector/model-picker";

/** Cache keys (after the workspace slug, which useWorkspaceQuery prepends). */
export const graphKeys = {
  all: ["graphs"] as const,
  one: (id: string) => ["graphs", id] as const,
  version: (id: string, version: number) => ["graphs", id, "versions", version] as const,
};

export interface TGraphSummary {
  id: string;
  name: string;
  description: string | null;
  version: number;
  updatedAt: string;
  /** Set while the graph is archived. */
  archivedAt: string | null;
  runs: number;
  lastRunAt: string | null;
}

export interface TVersionSummary {
  id: string;
  version: number;
  specHash: string;
  message: string | null;
  createdById: string | null;
  /** who saved it, by name (null: an API key, or a former member) */
  createdByName?: string | null;
  createdAt: string;
}

export interface TGraphDetail {
  id: string;
  name: string;
  description: string | null;
  version: number;
  spec: TGraphSpec;
  createdAt: string;
  updatedAt: string;
  /** Set while the graph is archived: read-only, cannot start runs. */
  archivedAt: string | null;
  versions: TVersionSummary[];
}

export interface TGraphVersion {
  graphId: string;
  version: number;
  spec: TGraphSpec;
  message: string | null;
  createdAt: string;
}

export const useGraphs = () => useWorkspaceQuery<{ graphs: TGraphSummary[] }>(graphKeys.all, "/api/v1/graphs");
export const useArchivedGraphs = (enabled: boolean) =>
  useWorkspaceQuery<{ graphs: TGraphSummary[] }>([...graphKeys.all, "?archived"], "/api/v1/graphs?archived=true", { enabled });

/** Archives or unarchives a graph; every graph query (lists and details) is refreshed. */
export function useSetArchived() {
  return useWorkspaceMutation<{ id: string; archive: boolean }, { id: string; name: string; archivedAt: string | null }>(
    ({ id, archive }) => ({ path: `/api/v1/graphs/${id}/${archive ? "archive" : "unarchive"}`, method: "POST" }),
    [graphKeys.all],
  );
}
export const useGraph = (id: string | null) => useWorkspaceQuery<TGraphDetail>(graphKeys.one(id ?? "-"), `/api/v1/graphs/${id}`, { enabled: !!id });
export const useGraphVersion = (id: string, version: number | null) =>
  useWorkspaceQuery<TGraphVersion>(graphKeys.version(id, version ?? 0), `/api/v1/graphs/${id}/versions/${version}`, { enabled: version !== null && version > 0 });

export function useMembers(enabled: boolean) {
  return useWorkspaceQuery<{ members: TMember[] }>(["members"], "/api/v1/members", { enabled });
}

/**
 * Models with prices from `GET /api/v1/models` when the server has it; otherwise (404, or no
 * prices yet) the simulated models, so the picker always offers something that runs.
 */
export function useModels(): TModelOption[] {
  const { workspace } = useWorkspace();
  const query = useQuery({
    queryKey: [workspace.slug, "models"],
    retry: false,
    staleTime: 5 * 60_000,
    queryFn: async () => {
      try {
        return normaliseModels(await api<unknown>("/api/v1/models", { workspace: workspace.slug }));
      } catch (err) {
        if (err instanceof ApiError) return [];
        throw err;
      }
    },
  });
  const listed = query.data ?? [];
  const ids = new Set(listed.map((m) => m.id));
  return [...listed, ...SIM_MODELS.filter((m) => !ids.has(m.id))];
}

/** Accepts `{ models: [...] }` or a bare list; ids as `modelId`, `id` or `provider` + `model`; prices as numbers or decimal strings. */
function normaliseModels(body: unknown): TModelOption[] {
  const list = Array.isArray(body) ? body : Array.isArray((body as { models?: unknown })?.models) ? (body as { models: unknown[] }).models : [];
  const num = (v: unknown) => (typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : undefined);
  const out: TModelOption[] = [];
  for (const raw of list) {
    if (!raw || typeof raw !== "object") continue;
    const m = raw as Record<string, unknown>;
    const named = [m.modelId, m.id].find((v): v is string => typeof v === "string" && v.includes(":"));
    const id = named ?? (typeof m.provider === "string" && typeof m.model === "string" ? `${m.provider}:${m.model}` : undefined);
    if (!id || out.some((o) => o.id === id)) continue;
    out.push({
      id,
      inputUsdPerMTok: num(m.inputUsdPerMTok),
      outputUsdPerMTok: num(m.outputUsdPerMTok),
      tier: typeof m.tier === "string" ? m.tier : undefined,
      available: typeof m.available === "boolean" ? m.available : undefined,
    });
  }
  return out;
}
