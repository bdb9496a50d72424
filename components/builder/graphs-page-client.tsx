"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { EmptyState, PageHeader, Skeleton } from "@/components/ui/card";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/client/api";
import { useWorkspaceMutation } from "@/components/shell/use-workspace-query";
import { GRAPH_TEMPLATES } from "@/lib/graphs/templates";
import { Dialog } from "./dialog";
import { ImportErrorDialog } from "./import-error-dialog";
import { readGraphFile, type TImportResult } from "./import-file";
import { graphKeys, useArchivedGraphs, useGraphs, useSetArchived, type TGraphSummary } from "./queries";
import { Time } from "@/components/ui/time";
import { formatCount } from "@/lib/format";

/** The graphs of the workspace, with creation from blank, a template, or a file; archived graphs on their own tab. */
export function GraphsPageClient() {
  const { workspace, can } = useWorkspace();
  const canWrite = can("graphs:write");
  const [showArchived, setShowArchived] = useState(false);
  const inUse = useGraphs();
  const archived = useArchivedGraphs(showArchived);
  const graphs = showArchived ? archived : inUse;
  const setArchived = useSetArchived();
  const [choosing, setChoosing] = useState(false);
  const [importError, setImportError] = useState<Extract<TImportResult, { ok: false }> | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const router = useRouter();
  const toast = useToast();
  const create = useWorkspaceMutation<{ spec: unknown; message: string }, { id: string; version: number }>((body) => ({ path: "/api/v1/graphs", body }), [graphKeys.all]);
  const base = `/w/${workspace.slug}/graphs`;

  const toggleArchived = (g: TGraphSummary) => {
    const archive = !g.archivedAt;
    setArchived.mutate(
      { id: g.id, archive },
      {
        onSuccess: () =>
          toast("success", archive ? `Archived ${g.name}. Its runs and costs are kept; find it under Archived.` : `${g.name} is back in use.`),
        onError: (err) => toast("error", `${err.message}`),
      },
    );
  };

  const onFile = async (f: File) => {
    const result = await readGraphFile(f);
    if (!result.ok) return setImportError(result);
    create.mutate(
      { spec: result.spec, message: `Imported from ${f.name}` },
      {
        onSuccess: (res) => {
          toast("success", `Imported ${result.spec.name} as a new graph.`);
          router.push(`${base}/${res.id}`);
        },
        onError: (err) =>
          setImportError({
            ok: false,
            reason: `The server refused ${f.name}: ${err.message}`,
            problems: err instanceof ApiError ? err.issues.map((i) => ({ path: i.path, message: i.message })) : [],
          }),
      },
    );
  };

  return (
    <div className="max-w-6xl">
      <PageHeader
        title="Graphs"
        description="Agent graphs: versioned specs of agents, tools, routers and approvals."
        actions={
          canWrite && (
            <>
              <Button variant="secondary" onClick={() => file.current?.click()} disabled={create.isPending}>
                {create.isPending ? "Importing…" : "Import JSON/YAML"}
              </Button>
              <Button onClick={() => setChoosing(true)}>New graph</Button>
            </>
          )
        }
      />
      <div role="tablist" aria-label="Which graphs" className="mb-3 flex gap-1 text-sm">
        {([false, true] as const).map((tab) => (
          <button
            key={String(tab)}
            type="button"
            role="tab"
            aria-selected={showArchived === tab}
            onClick={() => setShowArchived(tab)}
            className={`rounded-md px-3 py-1 ${showArchived === tab ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100"}`}
          >
            {tab ? "Archived" : "In use"}
          </button>
        ))}
      </div>
      <input
        ref={file}
        type="file"
        className="hidden"
        accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
        data-testid="import-graph-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = "";
          if (f) void onFile(f);
        }}
      />
      {graphs.isPending ? (
        <div className="space-y-2" aria-busy="true" aria-label="Loading graphs">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-12 w-full" />
          ))}
        </div>
      ) : graphs.error ? (
        <EmptyState title="The graphs could not be loaded" action={<Button onClick={() => void graphs.refetch()}>Try again</Button>}>
          {graphs.error.message} Check your connection and try again.
        </EmptyState>
      ) : graphs.data.graphs.length === 0 && showArchived ? (
        <EmptyState title="No archived graphs">Archived graphs keep their versions, runs and costs. Archive a graph from this list or from the builder.</EmptyState>
      ) : graphs.data.graphs.length === 0 ? (
        <EmptyState title="No graphs yet" action={canWrite ? <Button onClick={() => setChoosing(true)}>New graph</Button> : undefined}>
          {canWrite
            ? "Start from a blank canvas or a template (procurement approvals, support triage, research report), or import a JSON or YAML spec."
            : "Someone with the Editor role can create graphs here; programs can also create them with POST /api/v1/graphs."}
        </EmptyState>
      ) : (
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">Name</th>
                <th className="px-4 py-2 font-medium">Version</th>
                <th className="px-4 py-2 font-medium">Last changed</th>
                <th className="px-4 py-2 text-right font-medium">Runs</th>
                {canWrite && (
                  <th className="px-4 py-2 text-right font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {graphs.data.graphs.map((g) => (
                <tr key={g.id} className="hover:bg-slate-50">
                  <td className="px-4 py-2.5">
                    <Link href={`${base}/${g.id}`} className="font-medium text-brand-700 hover:underline">
                      {g.name}
                    </Link>
                    {g.description && <p className="max-w-xl truncate text-xs text-slate-500">{g.description}</p>}
                  </td>
                  <td className="px-4 py-2.5 text-slate-700">v{g.version}</td>
                  <td className="px-4 py-2.5 text-slate-700">
                    <Time value={g.updatedAt} />
                  </td>
                  <td className="px-4 py-2.5 text-right tabular-nums text-slate-700">{formatCount(g.runs)}</td>
                  {canWrite && (
                    <td className="px-4 py-2.5 text-right">
                      <Button
                        variant="secondary"
                        size="sm"
                        disabled={setArchived.isPending && setArchived.variables?.id === g.id}
                        onClick={() => toggleArchived(g)}
                        aria-label={`${g.archivedAt ? "Unarchive" : "Archive"} ${g.name}`}
                        title={g.archivedAt ? "Bring it back: listed, editable and runnable" : "Hide it from this list and stop new runs; its runs and costs are kept"}
                      >
                        {g.archivedAt ? "Unarchive" : "Archive"}
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {choosing && (
        <Dialog title="New graph" description="Start from a blank canvas or a ready-made template. Nothing is saved until you save." onClose={() => setChoosing(false)} size="lg" testid="new-graph">
          <ul className="grid grid-cols-2 gap-3">
            <li>
              <Link href={`${base}/new`} className="block h-full rounded-lg border border-slate-200 p-4 hover:border-brand-500 hover:bg-brand-50">
                <p className="font-medium text-slate-900">Blank graph</p>
                <p className="mt-1 text-sm text-slate-600">An empty canvas with a text input.</p>
              </Link>
            </li>
            {GRAPH_TEMPLATES.map((t) => (
              <li key={t.slug}>
                <Link href={`${base}/new?template=${t.slug}`} className="block h-full rounded-lg border border-slate-200 p-4 hover:border-brand-500 hover:bg-brand-50">
                  <p className="font-medium text-slate-900">{t.title}</p>
                  <p className="mt-1 text-sm text-slate-600">{t.summary}</p>
                </Link>
              </li>
            ))}
          </ul>
        </Dialog>
      )}
      {importError && <ImportErrorDialog result={importError} onClose={() => setImportError(null)} />}
    </div>
  );
}
