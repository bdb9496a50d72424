"use client";

import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/card";
import { useToast } from "@/components/ui/toast";
import { useWorkspaceMutation } from "@/components/shell/use-workspace-query";
import { Dialog } from "./dialog";
import { DiffCanvas, diffSummary } from "./diff-canvas";
import { diffLines, specLines, withContext } from "./json-diff";
import { graphKeys, useGraphVersion, type TGraphDetail } from "./queries";
import { Time } from "@/components/ui/time";


/** Versions of a graph: compare any two (canvas or JSON), restore an old one as a new version. */
export function HistoryDialog({ graph, dirty, readOnly, onRestored, onClose }: { graph: TGraphDetail; dirty: boolean; readOnly: boolean; onRestored(spec: unknown): void; onClose(): void }) {
  const versions = graph.versions;
  const latest = versions[0]?.version ?? graph.version;
  const [to, setTo] = useState(latest);
  const [from, setFrom] = useState(versions[1]?.version ?? latest);
  const [view, setView] = useState<"canvas" | "json">("canvas");
  const [ignorePositions, setIgnorePositions] = useState(true);
  const a = useGraphVersion(graph.id, from);
  const b = useGraphVersion(graph.id, to);
  const toast = useToast();
  const restore = useWorkspaceMutation<{ version: number; spec: unknown }, { version: number; unchanged?: boolean }>(
    ({ version, spec }) => ({ path: `/api/v1/graphs/${graph.id}`, method: "PUT", body: { spec, message: `Restore version ${version}` } }),
    [graphKeys.all],
  );
  const ready = a.data && b.data;
  const summary = useMemo(() => (ready ? diffSummary(a.data!.spec, b.data!.spec) : null), [ready, a.data, b.data]);
  const lines = useMemo(() => (ready ? withContext(diffLines(specLines(a.data!.spec, ignorePositions), specLines(b.data!.spec, ignorePositions))) : []), [ready, a.data, b.data, ignorePositions]);
  const doRestore = (version: number, spec: unknown) =>
    restore.mutate(
      { version, spec },
      {
        onSuccess: (res) => {
          toast("success", res.unchanged ? `Version ${version} is already the latest content.` : `Restored version ${version} as version ${res.version}.`);
          onRestored(spec);
        },
        onError: (err) => toast("error", `Could not restore version ${version}: ${err.message}`),
      },
    );

  return (
    <Dialog title="Version history" description={`${versions.length} version${versions.length === 1 ? "" : "s"}. Pick two to compare.`} onClose={onClose} size="xl" testid="history">
      <div className="grid grid-cols-[260px_1fr] gap-4">
        <ol className="max-h-[62vh] space-y-1 overflow-y-auto pr-1" aria-label="Versions">
          {versions.map((v) => (
            <li key={v.id} className={`rounded-md border p-2 text-sm ${v.version === to ? "border-brand-500 bg-brand-50" : v.version === from ? "border-slate-400 bg-slate-50" : "border-slate-200"}`}>
              <div className="flex items-center justify-between gap-2">
                <span className="font-semibold text-slate-900">v{v.version}</span>
                <Time value={v.createdAt} mode="absolute" options={{ seconds: false }} className="text-[11px] text-slate-500" />
              </div>
              <p className="truncate text-xs text-slate-600" title={v.message ?? ""}>
                {v.message || <span className="italic text-slate-500">no message</span>}
              </p>
              {v.createdByName && <p className="truncate text-[11px] text-slate-500">by {v.createdByName}</p>}
              <div className="mt-1 flex flex-wrap gap-1">
                <Button size="sm" variant={v.version === from ? "primary" : "secondary"} onClick={() => setFrom(v.version)} aria-pressed={v.version === from}>
                  From
                </Button>
                <Button size="sm" variant={v.version === to ? "primary" : "secondary"} onClick={() => setTo(v.version)} aria-pressed={v.version === to}>
                  To
                </Button>
                {!readOnly && v.version !== latest && (
                  <RestoreButton version={v.version} graphId={graph.id} dirty={dirty} pending={restore.isPending} onRestore={doRestore} />
                )}
              </div>
            </li>
          ))}
        </ol>
        <div className="min-w-0">
          <div className="mb-2 flex flex-wrap items-center gap-3">
            <div role="tablist" aria-label="Diff view" className="inline-flex rounded-md border border-slate-300 p-0.5">
              {(["canvas", "json"] as const).map((t) => (
                <button key={t} role="tab" aria-selected={view === t} type="button" onClick={() => setView(t)} className={`rounded px-2.5 py-1 text-xs font-medium ${view === t ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-100"}`}>
                  {t === "canvas" ? "On the canvas" : "JSON"}
                </button>
              ))}
            </div>
            <span className="text-sm text-slate-700" data-testid="diff-summary">
              v{from} → v{to}
              {summary && (
                <>
                  : <span className="text-emerald-700">{summary.added} added</span>, <span className="text-red-700">{summary.removed} removed</span>, <span className="text-amber-700">{summary.changed} changed</span>
                </>
              )}
            </span>
            {view === "json" && (
              <label className="ml-auto flex items-center gap-1 text-xs text-slate-600">
                <input type="checkbox" checked={ignorePositions} onChange={(e) => setIgnorePositions(e.target.checked)} /> Ignore canvas positions
              </label>
            )}
          </div>
          {a.error || b.error ? (
            <p className="text-sm text-red-700">Could not load the versions: {(a.error ?? b.error)!.message}</p>
          ) : !ready ? (
            <Skeleton className="h-[56vh] w-full" />
          ) : view === "canvas" ? (
            <div className="h-[56vh] rounded-md border border-slate-200">
              <DiffCanvas before={a.data!.spec} after={b.data!.spec} />
            </div>
          ) : (
            <pre className="h-[56vh] overflow-auto rounded-md border border-slate-200 bg-slate-50 py-1 font-mono text-[11px] leading-4" data-testid="json-diff">
              {lines.length === 0 || lines.every((l) => l === null || l.kind === "same") ? (
                <span className="block px-3 py-2 text-slate-500">These versions are identical{ignorePositions ? " (apart from canvas positions, perhaps)" : ""}.</span>
              ) : (
                lines.map((l, i) =>
                  l === null ? (
                    <span key={i} className="block bg-slate-100 px-3 text-slate-600">
                      ⋯
                    </span>
                  ) : (
                    <span key={i} className={`block whitespace-pre px-3 ${l.kind === "add" ? "bg-emerald-50 text-emerald-900" : l.kind === "del" ? "bg-red-50 text-red-900" : "text-slate-600"}`}>
                      <span className="inline-block w-4 select-none text-slate-500">{l.kind === "add" ? "+" : l.kind === "del" ? "−" : " "}</span>
                      {l.text}
                    </span>
                  ),
                )
              )}
            </pre>
          )}
        </div>
      </div>
    </Dialog>
  );
}

function RestoreButton({ version, graphId, dirty, pending, onRestore }: { version: number; graphId: string; dirty: boolean; pending: boolean; onRestore(version: number, spec: unknown): void }) {
  const [confirming, setConfirming] = useState(false);
  const data = useGraphVersion(graphId, confirming ? version : null);
  if (!confirming)
    return (
      <Button size="sm" variant="ghost" onClick={() => setConfirming(true)}>
        Restore…
      </Button>
    );
  return (
    <div className="mt-1 w-full rounded bg-amber-50 p-1.5 text-xs text-amber-900">
      <p>Save v{version}&apos;s content as a new version{dirty ? "; your unsaved changes will be replaced" : ""}.</p>
      <div className="mt-1 flex gap-1">
        <Button size="sm" disabled={!data.data || pending} onClick={() => data.data && onRestore(version, data.data.spec)}>
          {pending ? "Restoring…" : `Restore v${version}`}
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
