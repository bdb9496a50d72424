"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { api, ApiError } from "@/lib/client/api";
import type { TTestAgentConnectionResult } from "@/lib/agents/schemas";

/**
 * "Test connection" for an external sub-agent: the server fetches the A2A agent card (or
 * checks that the HTTP agent answers) through the outbound guard, with `{{secrets.X}}` in the
 * headers resolved there, and says what it found.
 */
export function TestConnection({ kind, url, headers, testid, disabled }: { kind: "a2a" | "http"; url?: string; headers?: Record<string, string>; testid?: string; disabled?: boolean }) {
  const { workspace } = useWorkspace();
  const test = useMutation({
    mutationFn: () => api<TTestAgentConnectionResult>("/api/v1/agents/test-connection", { method: "POST", body: { kind, url, ...(headers ? { headers } : {}) }, workspace: workspace.slug }),
  });
  // a result is about the address it was run for: editing the address or headers hides it
  const target = JSON.stringify([kind, url, headers]);
  const { reset } = test;
  useEffect(() => reset(), [target, reset]);
  const result = test.data;
  const error = test.error instanceof ApiError ? test.error.message : (test.error as Error | null)?.message;
  return (
    <div className="space-y-1" data-testid={testid}>
      <button
        type="button"
        disabled={disabled || !url?.trim() || test.isPending}
        onClick={() => test.mutate()}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:border-brand-500 hover:bg-brand-50 disabled:cursor-not-allowed disabled:opacity-50"
      >
        {test.isPending ? "Testing…" : "Test connection"}
      </button>
      <div aria-live="polite" className="text-[11px]">
        {test.isError && (
          <p className="text-red-700" data-testid={testid ? `${testid}-result` : undefined} data-ok="false">
            ✕ {error}
          </p>
        )}
        {test.isSuccess && result && !result.ok && (
          <p className="text-red-700" data-testid={testid ? `${testid}-result` : undefined} data-ok="false">
            ✕ {result.reason}
          </p>
        )}
        {test.isSuccess && result?.ok && (
          <div className="rounded border border-emerald-200 bg-emerald-50 px-2 py-1 text-emerald-900" data-testid={testid ? `${testid}-result` : undefined} data-ok="true">
            <p className="font-medium">
              ✓ {result.name ? `${result.name}` : "Reachable"}
              {result.status !== undefined ? ` · HTTP ${result.status}` : ""}
            </p>
            {result.description && <p className="text-emerald-800">{result.description}</p>}
            {result.skills && result.skills.length > 0 && (
              <p>
                Skills: <span className="font-mono">{result.skills.map((s) => s.name || s.id).join(", ")}</span>
              </p>
            )}
            {result.message && <p className="text-emerald-800">{result.message}</p>}
          </div>
        )}
      </div>
    </div>
  );
}
