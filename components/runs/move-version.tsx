"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { useWorkspace } from "@/components/shell/workspace-context";
import { graphKeys } from "@/components/builder/queries";
import { useWorkspaceMutation, useWorkspaceQuery } from "@/components/shell/use-workspace-query";

/**
 * Offers to move a run that waits for a person to a newer version of its
 * graph. The API checks compatibility and answers with the reasons when the
 * move is not possible; those are shown as they come.
 */
export function MoveVersion({ runId, graphId, version }: { runId: string; graphId: string; version: number }) {
  const { can } = useWorkspace();
  const toast = useToast();
  const graph = useWorkspaceQuery<{ versions: { version: number; message: string | null }[] }>(graphKeys.one(graphId), `/api/v1/graphs/${graphId}`, { enabled: can("graphs:write") });
  const newer = (graph.data?.versions ?? []).filter((v) => v.version > version);
  const [target, setTarget] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const move = useWorkspaceMutation<{ version: number }, { version: number }>((body) => ({ path: `/api/v1/runs/${runId}/migrate`, body }), [["runs"]]);
  if (!can("graphs:write") || newer.length === 0) return null;
  const chosen = target ?? newer[0].version;
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2" data-testid="move-version">
      <label className="text-xs" htmlFor="move-version-select">
        Continue on a newer version:
      </label>
      <select id="move-version-select" className="rounded border border-amber-300 bg-white px-2 py-1 text-xs" value={chosen} onChange={(e) => setTarget(Number(e.target.value))}>
        {newer.map((v) => (
          <option key={v.version} value={v.version}>
            v{v.version}
            {v.message ? ` — ${v.message}` : ""}
          </option>
        ))}
      </select>
      <Button
        size="sm"
        variant="secondary"
        disabled={move.isPending}
        onClick={() => {
          setError(null);
          move.mutate(
            { version: chosen },
            {
              onSuccess: (res) => toast("success", `The run continues on version ${res.version}.`),
              onError: (err) => setError(err.message),
            },
          );
        }}
      >
        Move run
      </Button>
      {error && (
        <p role="alert" className="basis-full text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
