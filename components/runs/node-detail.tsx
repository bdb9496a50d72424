"use client";

import { Badge } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { useWorkspace } from "@/components/shell/workspace-context";
import { durationBetween, formatClock, formatDuration, formatTokens, formatUsd } from "@/lib/format";
import { JsonViewer } from "./json-viewer";
import { ProvenancePanel } from "./provenance-panel";
import { StatusBadge } from "./status-badge";
import type { NodeRun, SpecNode, TraceEvent } from "./types";
import { useRerunRun } from "./use-run-actions";
import { useRouter } from "next/navigation";
import { Time } from "@/components/ui/time";

const LEVEL_TONE: Record<string, string> = { error: "text-red-700", warn: "text-amber-700", info: "text-slate-700", debug: "text-slate-500" };

/** Everything about one node run: model, tokens, cost, attempts, errors, input/output, its trace. */
export function NodeDetail({ runId, spec, nodeRun, events, now, onClose, onSelectNode, names }: { runId: string; spec: SpecNode | undefined; nodeRun: NodeRun | undefined; events: TraceEvent[]; now: number; onClose: () => void; onSelectNode?: (nodeId: string) => void; names?: Record<string, string> }) {
  const { can, workspace } = useWorkspace();
  const rerun = useRerunRun();
  const router = useRouter();
  const nodeId = nodeRun?.nodeId ?? spec?.id ?? "";
  const simulated = nodeRun?.provenance?.simulated === true || nodeRun?.provider === "sim";
  return (
    <section aria-label={`Node ${nodeId}`} className="flex h-full flex-col" data-testid="node-detail">
      <header className="flex items-start justify-between gap-2 border-b border-slate-100 px-4 py-3">
        <div className="min-w-0">
          <h2 className="truncate text-sm font-semibold text-slate-900">{nodeId}</h2>
          <p className="text-xs text-slate-500">
            {nodeRun?.type ?? spec?.type} node{spec?.description ? ` · ${spec.description}` : ""}
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-2">
          <StatusBadge status={nodeRun?.status ?? "queued"} />
          <button type="button" onClick={onClose} className="rounded px-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800" aria-label="Close node detail">
            ✕
          </button>
        </div>
      </header>
      <div className="flex-1 space-y-4 overflow-y-auto px-4 py-3 text-sm">
        {!nodeRun ? (
          <p className="text-slate-500">This node has not run yet. It starts when the nodes it needs ({spec?.needs?.join(", ") || "none"}) have finished.</p>
        ) : (
          <>
            <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-xs">
              <Item label="Model">
                {nodeRun.model ? (
                  <span className="flex flex-wrap items-center gap-1">
                    <span className="font-mono">{nodeRun.model}</span>
                    {simulated && <Badge tone="amber">simulated</Badge>}
                  </span>
                ) : (
                  "—"
                )}
              </Item>
              <Item label="Tokens in / out">
                {formatTokens(nodeRun.inputTokens)} / {formatTokens(nodeRun.outputTokens)}
              </Item>
              <Item label="Cost">{formatUsd(nodeRun.costUsd)}</Item>
              <Item label="Attempts">{nodeRun.attempts}</Item>
              <Item label="Started">
                <Time value={nodeRun.startedAt} mode="absolute" />
              </Item>
              <Item label="Duration">{formatDuration(durationBetween(nodeRun.startedAt, nodeRun.endedAt, now))}</Item>
            </dl>
            {nodeRun.error != null && (
              <div>
                <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-red-700">Error{nodeRun.attempts > 1 ? ` (after ${nodeRun.attempts} attempts)` : ""}</h3>
                <ErrorBox error={nodeRun.error} />
              </div>
            )}
            <div>
              <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Input</h3>
              {nodeRun.input == null ? <p className="text-xs text-slate-500">No input recorded.</p> : <JsonViewer value={nodeRun.input} label="Input" />}
            </div>
            <div>
              <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Output</h3>
              {nodeRun.output == null ? <p className="text-xs text-slate-500">No output yet.</p> : <JsonViewer value={nodeRun.output} label="Output" names={names} />}
            </div>
            {nodeRun.status === "succeeded" && (
              <div>
                <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Provenance</h3>
                <ProvenancePanel runId={runId} nodeId={nodeId} onSelectNode={onSelectNode} />
              </div>
            )}
          </>
        )}
        <div>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Trace ({events.length})</h3>
          {events.length === 0 ? (
            <p className="text-xs text-slate-500">No events for this node.</p>
          ) : (
            <ol className="space-y-1 text-xs" data-testid="node-trace">
              {events.map((e) => (
                <li key={e.id} className="rounded border border-slate-100 px-2 py-1">
                  <div className="flex justify-between gap-2">
                    <span className={`font-mono ${LEVEL_TONE[e.level] ?? "text-slate-700"}`}>{e.type}</span>
                    <time className="shrink-0 tabular-nums text-slate-500" dateTime={e.createdAt}>
                      {formatClock(e.createdAt)}
                    </time>
                  </div>
                  {e.message && <p className="text-slate-600">{e.message}</p>}
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
      {can("runs:start") && (
        <footer className="border-t border-slate-100 px-4 py-3">
          <Button
            variant="secondary"
            size="sm"
            className="w-full"
            disabled={rerun.isPending}
            onClick={() => rerun.mutate({ runId, fromNode: nodeId }, { onSuccess: ({ runId: next }) => router.push(`/w/${workspace.slug}/runs/${next}`) })}
          >
            {rerun.isPending ? "Starting…" : `Rerun from ${nodeId}`}
          </Button>
          <p className="mt-1 text-[11px] text-slate-500">A new run on the same version; outputs of nodes upstream of {nodeId} are reused.</p>
        </footer>
      )}
    </section>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-slate-500">{label}</dt>
      <dd className="truncate font-medium text-slate-800">{children}</dd>
    </div>
  );
}

/** An error as its message, with the structured details folded below. */
export function ErrorBox({ error }: { error: unknown }) {
  const message = typeof error === "string" ? error : typeof error === "object" && error && "message" in error ? String((error as { message: unknown }).message) : null;
  return (
    <div className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-xs text-red-800">
      {message && <p className="font-medium">{message}</p>}
      {typeof error === "object" && error !== null && Object.keys(error).some((k) => k !== "message") && (
        <details className="mt-1">
          <summary className="cursor-pointer text-red-700">Details</summary>
          <div className="mt-1">
            <JsonViewer value={Object.fromEntries(Object.entries(error).filter(([k]) => k !== "message" && k !== "stack"))} openDepth={1} />
          </div>
        </details>
      )}
    </div>
  );
}
