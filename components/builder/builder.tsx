"use client";

import { useReactFlow, type Connection, type EdgeChange, type NodeChange, type OnDelete } from "@xyflow/react";
import { useRouter } from "next/navigation";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/client/api";
import { useWorkspaceMutation } from "@/components/shell/use-workspace-query";
import { exportGraphYaml, validateGraphSpec, type TGraphSpec, type TNodeType, type TValidateOptions } from "@/lib/graphs/spec";
import { Canvas } from "./canvas";
import { CanvasMarksContext } from "./canvas-context";
import { addNode, connect, copySelection, layoutAll, paste, removeElements, renameNode, updateMeta, updateNode, type TClipboard } from "./edits";
import { HistoryDialog } from "./history-dialog";
import { downloadText, readGraphFile, type TImportResult } from "./import-file";
import { ImportErrorDialog } from "./import-error-dialog";
import { GraphInspector } from "./inspector/graph-inspector";
import { NodeInspector, type TInspectorContext } from "./inspector/node-inspector";
import { LeaveGuard } from "./leave-guard";
import { Palette } from "./palette";
import { ProblemsPanel } from "./problems-panel";
import { graphKeys, useGraphs, useMembers, useModels, useSetArchived, type TGraphDetail } from "./queries";
import { RunDialog } from "./run-dialog";
import { SaveDialog } from "./save-dialog";
import { draftFromSpec, edgesOf, specFromDraft, wouldCycle } from "./spec-draft";
import { BuilderToolbar } from "./toolbar";
import type { TBuilderEdge, TBuilderNode, TDraft, TDraftNode, TGraphMeta, TProblem } from "./types";
import { useDraft } from "./use-draft";
import { countByNode, useNodeSpecs, useValidation } from "./use-validation";

/** Survives navigation between graphs, so nodes can be copied from one graph to another. */
let clipboard: TClipboard | null = null;

type TDialog = "save" | "history" | "run" | null;

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || !!target.closest("dialog"));

/**
 * The graph builder: palette, canvas, inspector, problems; save, history, import/export, run.
 * `graph` is null for a graph not saved yet. Must be inside a ReactFlowProvider.
 */
export function Builder({ graph, initialSpec }: { graph: TGraphDetail | null; initialSpec: unknown }) {
  const { workspace, can } = useWorkspace();
  const archived = !!graph?.archivedAt;
  const readOnly = !can("graphs:write") || archived;
  const toast = useToast();
  const router = useRouter();
  const flow = useReactFlow<TBuilderNode, TBuilderEdge>();
  const [initial] = useState(() => draftFromSpec(initialSpec));
  const store = useDraft(initial);
  const { draft, commit, read } = store;

  const specs = useNodeSpecs(draft.nodes);
  const validateOptions = useValidateOptions(graph?.id);
  const validation = useValidation(draft.meta, specs, validateOptions);
  const [serverProblems, setServerProblems] = useState<TProblem[] | null>(null);
  useEffect(() => setServerProblems(null), [specs, draft.meta]);
  const problems = serverProblems ?? validation.problems;
  const marks = useMemo(() => ({ problems: serverProblems ? countByNode(serverProblems) : validation.byNode, diff: null }), [serverProblems, validation.byNode]);

  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(new Set());
  const baseEdges = useMemo(() => edgesOf(specs), [specs]);
  const edges = useMemo(() => (selectedEdges.size ? baseEdges.map((e) => (selectedEdges.has(e.id) ? { ...e, selected: true } : e)) : baseEdges), [baseEdges, selectedEdges]);

  const [dialog, setDialog] = useState<TDialog>(null);
  const [importError, setImportError] = useState<Extract<TImportResult, { ok: false }> | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);

  // ---- canvas events ------------------------------------------------------------------------
  const onEdgesChange = useCallback((changes: EdgeChange<TBuilderEdge>[]) => {
    const selects = changes.filter((c) => c.type === "select");
    if (selects.length === 0) return;
    setSelectedEdges((prev) => {
      const next = new Set(prev);
      for (const c of selects) if (c.type === "select") (c.selected ? next.add(c.id) : next.delete(c.id));
      return next;
    });
  }, []);
  const onConnect = useCallback((c: Connection) => commit((d) => connect(d, c.source, c.target)), [commit]);
  const isValidConnection = useCallback(
    (c: Connection | TBuilderEdge) => !wouldCycle(read().nodes.map((n) => n.data.spec), c.source, c.target),
    [read],
  );
  const onDelete: OnDelete<TBuilderNode, TBuilderEdge> = useCallback(
    ({ nodes, edges: gone }) => {
      commit((d) => removeElements(d, nodes.map((n) => n.id), gone));
      setSelectedEdges(new Set());
    },
    [commit],
  );
  const onDropNode = useCallback((type: TNodeType, position: { x: number; y: number }) => commit((d) => addNode(d, type, position)), [commit]);
  const onAdd = useCallback(
    (type: TNodeType) => {
      const rect = document.querySelector("[data-testid=canvas]")?.getBoundingClientRect();
      const centre = rect ? flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }) : { x: 0, y: 0 };
      const n = read().nodes.length;
      commit((d) => addNode(d, type, { x: Math.round(centre.x - 110 + (n % 5) * 24), y: Math.round(centre.y - 36 + (n % 5) * 24) }));
    },
    [commit, flow, read],
  );

  const select = useCallback(
    (id: string | null) => {
      const changes: NodeChange<TBuilderNode>[] = read()
        .nodes.filter((n) => !!n.selected !== (n.id === id))
        .map((n) => ({ type: "select", id: n.id, selected: n.id === id }));
      store.onNodesChange(changes);
    },
    [read, store],
  );

  const pickProblem = useCallback(
    (p: TProblem) => {
      const node = p.nodeId ? read().nodes.find((n) => n.id === p.nodeId) : undefined;
      select(node?.id ?? null);
      if (node) void flow.fitView({ nodes: [{ id: node.id }], duration: 300, maxZoom: 1.2 });
      // then move focus to the first field with a problem
      setTimeout(() => {
        const field = document.querySelector<HTMLElement>("[data-testid=inspector] [data-invalid] :is(input,textarea,select)");
        field?.focus();
      }, 350);
    },
    [flow, read, select],
  );

  // ---- commands -----------------------------------------------------------------------------
  const doLayout = useCallback(() => {
    commit(layoutAll);
    requestAnimationFrame(() => void flow.fitView({ padding: 0.2, duration: 300, maxZoom: 1.2 }));
  }, [commit, flow]);
  const doFit = useCallback(() => void flow.fitView({ padding: 0.2, duration: 300, maxZoom: 1.2 }), [flow]);
  const doCopy = useCallback(() => {
    const clip = copySelection(read());
    if (clip) {
      clipboard = clip;
      toast("success", `Copied ${clip.nodes.length} node${clip.nodes.length === 1 ? "" : "s"}.`);
    }
  }, [read, toast]);
  const doPaste = useCallback(() => {
    if (clipboard) commit((d) => paste(d, clipboard!));
  }, [commit]);
  const exportAs = useCallback(
    (format: "json" | "yaml") => {
      const spec = specFromDraft(read());
      const base = String(spec.name || "graph").replace(/[^A-Za-z0-9._-]+/g, "-");
      if (format === "json") downloadText(`${base}.json`, `${JSON.stringify(spec, null, 2)}\n`, "application/json");
      else downloadText(`${base}.yaml`, exportGraphYaml(spec as TGraphSpec), "application/yaml");
    },
    [read],
  );
  const fileInput = useRef<HTMLInputElement>(null);
  const openImport = useCallback(() => fileInput.current?.click(), []);
  const openHistory = useCallback(() => setDialog("history"), []);
  const openRun = useCallback(() => setDialog("run"), []);
  const onImportFile = useCallback(
    async (file: File) => {
      const result = await readGraphFile(file);
      if (!result.ok) return setImportError(result);
      store.replace(draftFromSpec(result.spec));
      toast("success", `Imported ${file.name}. Save to keep it as a new version.`);
      requestAnimationFrame(doFit);
    },
    [doFit, store, toast],
  );

  const validNow = useCallback(() => {
    const check = validateGraphSpec({ ...read().meta, nodes: read().nodes.map((n) => n.data.spec) }, validateOptions);
    return check.ok;
  }, [read, validateOptions]);
  const openSave = useCallback(() => {
    if (readOnly) return;
    if (!validNow()) {
      toast("error", "Fix the problems listed under the canvas before saving.");
      return;
    }
    setDialog("save");
  }, [readOnly, toast, validNow]);

  // ---- save ---------------------------------------------------------------------------------
  const save = useWorkspaceMutation<{ spec: unknown; message?: string }, { id: string; version: number; unchanged?: boolean; warnings?: Array<{ message: string }> }>(
    (body) => (graph ? { path: `/api/v1/graphs/${graph.id}`, method: "PUT", body } : { path: "/api/v1/graphs", method: "POST", body }),
    // a save makes its triggers effective: their URLs, addresses and next fires change
    [graphKeys.all, ["schedules"]],
  );
  const doSave = useCallback(
    (message: string) => {
      const spec = specFromDraft(read());
      save.mutate(
        { spec, message: message || undefined },
        {
          onSuccess: (res) => {
            setDialog(null);
            store.markSaved();
            const warned = res.warnings?.length ? ` Runs will fail until this is fixed: ${res.warnings.map((w) => w.message).join("; ")}` : "";
            if (res.unchanged) toast(warned ? "error" : "success", `Nothing changed since version ${res.version}; no new version was made.${warned}`);
            else toast(warned ? "error" : "success", `Saved version ${res.version}.${warned}`);
            if (!graph) router.replace(`/w/${workspace.slug}/graphs/${res.id}`);
          },
          onError: (err) => {
            setDialog(null);
            if (err instanceof ApiError && err.issues.length) {
              setServerProblems(err.issues.map((i) => ({ ...(i as TProblem) })));
              toast("error", "The server refused to save: see the problems under the canvas.");
            } else toast("error", `${err.message} Your changes are still here; try again.`);
          },
        },
      );
    },
    [graph, read, router, save, store, toast, workspace.slug],
  );

  // ---- keyboard -----------------------------------------------------------------------------
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target)) return;
      const mod = e.metaKey || e.ctrlKey;
      const key = e.key.toLowerCase();
      if (mod && key === "s") {
        e.preventDefault();
        openSave();
      } else if (readOnly) {
        if (!mod && key === "f") doFit();
        else if (e.key === "?") setHelpOpen((o) => !o);
      } else if (mod && key === "z") {
        e.preventDefault();
        if (e.shiftKey) store.redo();
        else store.undo();
      } else if (mod && key === "y") {
        e.preventDefault();
        store.redo();
      } else if (mod && key === "c") doCopy();
      else if (mod && key === "v") {
        e.preventDefault();
        doPaste();
      } else if (mod && key === "a") {
        e.preventDefault();
        store.onNodesChange(read().nodes.filter((n) => !n.selected).map((n) => ({ type: "select", id: n.id, selected: true })));
      } else if (!mod && !e.altKey && key === "l") doLayout();
      else if (!mod && !e.altKey && key === "f") doFit();
      else if (e.key === "?") setHelpOpen((o) => !o);
      else if (e.key === "Escape") select(null);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [doCopy, doFit, doLayout, doPaste, openSave, read, readOnly, select, store]);

  const restored = useCallback(
    (spec: unknown) => {
      store.replace(draftFromSpec(spec), { fresh: true });
      setDialog(null);
      requestAnimationFrame(doFit);
    },
    [doFit, store],
  );

  // ---- archive ------------------------------------------------------------------------------
  const setArchived = useSetArchived();
  const doArchive = useCallback(
    (archive: boolean) => {
      if (!graph) return;
      setArchived.mutate(
        { id: graph.id, archive },
        {
          onSuccess: () => toast("success", archive ? `Archived ${graph.name}. Its runs and costs are kept.` : `${graph.name} is back in use.`),
          onError: (err) => toast("error", err.message),
        },
      );
    },
    [graph, setArchived, toast],
  );

  const selectedNodes = draft.nodes.filter((n) => n.selected);
  const saveBlocked = validation.problems.length > 0 ? `Fix ${validation.problems.length} problem${validation.problems.length === 1 ? "" : "s"} to save` : undefined;

  return (
    <div className="flex h-full flex-col">
      <BuilderToolbar
        name={String(draft.meta.name ?? "")}
        version={graph?.version ?? null}
        dirty={store.dirty}
        readOnly={readOnly}
        canRun={can("runs:start") && !archived}
        canArchive={!!graph && !archived && can("graphs:write")}
        archiveBlocked={store.dirty ? "Save or undo your changes first" : undefined}
        archiving={setArchived.isPending}
        onArchive={() => doArchive(true)}
        saved={!!graph}
        canUndo={store.canUndo}
        canRedo={store.canRedo}
        saveBlocked={saveBlocked}
        saving={save.isPending}
        helpOpen={helpOpen}
        onHelp={setHelpOpen}
        onUndo={store.undo}
        onRedo={store.redo}
        onLayout={doLayout}
        onFit={doFit}
        onSave={openSave}
        onHistory={openHistory}
        onRun={openRun}
        onExport={exportAs}
        onImport={openImport}
      />
      <input
        ref={fileInput}
        type="file"
        accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
        className="hidden"
        data-testid="import-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (file) void onImportFile(file);
        }}
      />
      {archived ? (
        <div className="flex items-center gap-3 border-b border-amber-200 bg-amber-50 px-4 py-1.5 text-xs text-amber-900" data-testid="archived">
          <p>Archived: this graph is hidden from the graph list and cannot be changed or run. Its versions, runs and costs are kept.</p>
          {can("graphs:write") && (
            <Button size="sm" variant="secondary" onClick={() => doArchive(false)} disabled={setArchived.isPending}>
              Unarchive
            </Button>
          )}
        </div>
      ) : readOnly && (
        <p className="border-b border-amber-200 bg-amber-50 px-4 py-1.5 text-xs text-amber-900" data-testid="read-only">
          Read-only: your role ({workspace.role}) can look at graphs but not change them. Ask an admin for the Editor role to build.
        </p>
      )}
      <div className="flex min-h-0 flex-1">
        {!readOnly && <Palette onAdd={onAdd} />}
        <div className="flex min-w-0 flex-1 flex-col">
          <CanvasMarksContext.Provider value={marks}>
            <Canvas
              nodes={draft.nodes}
              edges={edges}
              readOnly={readOnly}
              onNodesChange={store.onNodesChange}
              onEdgesChange={onEdgesChange}
              onConnect={onConnect}
              isValidConnection={isValidConnection}
              onDelete={onDelete}
              onDragStart={store.checkpoint}
              onDropNode={onDropNode}
            >
              {draft.nodes.length === 0 && (
                <div className="pointer-events-none absolute inset-0 z-10 grid place-items-center">
                  <div className="rounded-lg border border-dashed border-slate-300 bg-white/90 px-6 py-4 text-center text-sm text-slate-600">
                    <p className="font-medium text-slate-900">An empty graph</p>
                    <p>{readOnly ? "This graph has no nodes." : "Drag a node from the palette on the left, or import a JSON or YAML file."}</p>
                  </div>
                </div>
              )}
            </Canvas>
          </CanvasMarksContext.Provider>
          <ProblemsPanel problems={problems} source={serverProblems ? "server" : "client"} checking={validation.checking} onPick={pickProblem} />
        </div>
        <aside aria-label="Inspector" data-testid="inspector" className="w-72 shrink-0 overflow-y-auto border-l border-slate-200 bg-white p-4">
          <InspectorPanel
            selected={selectedNodes.length === 1 ? selectedNodes[0]!.data.spec : null}
            selectedCount={selectedNodes.length}
            meta={draft.meta}
            specs={specs}
            problems={problems}
            readOnly={readOnly}
            commit={commit}
            graphId={graph?.id ?? null}
          />
        </aside>
      </div>

      <LeaveGuard dirty={store.dirty && !readOnly} />
      {dialog === "save" && <SaveDialog isNew={!graph} version={graph?.version ?? 0} pending={save.isPending} onSave={doSave} onClose={() => setDialog(null)} />}
      {dialog === "history" && graph && <HistoryDialog graph={graph} dirty={store.dirty} readOnly={readOnly} onRestored={restored} onClose={() => setDialog(null)} />}
      {dialog === "run" && graph && <RunDialog graph={graph} dirty={store.dirty} onClose={() => setDialog(null)} />}
      {importError && (
        <ImportErrorDialog
          result={importError}
          onClose={() => setImportError(null)}
          onOpenAnyway={
            importError.openable && !readOnly
              ? () => {
                  store.replace(draftFromSpec(importError.openable));
                  setImportError(null);
                  requestAnimationFrame(doFit);
                }
              : undefined
          }
        />
      )}
    </div>
  );
}

/**
 * What the API checks a spec against in this workspace (lib/graphs/validation-options.ts):
 * subgraphs must name another saved graph, by id or name, at an existing version.
 */
function useValidateOptions(selfId: string | undefined): TValidateOptions | undefined {
  const graphs = useGraphs();
  return useMemo(() => {
    const list = graphs.data?.graphs;
    if (!list) return undefined;
    return {
      knownGraphs: ({ graph, version }: { graph: string; version?: number }) => {
        const found = list.find((g) => g.id === graph || g.name === graph);
        if (!found || found.id === selfId) return false;
        return version === undefined || version <= found.version;
      },
    };
  }, [graphs.data, selfId]);
}

/** The right-hand panel: the selected node's inspector, or the graph settings. Memoised so drags do not re-render it. */
const InspectorPanel = memo(function InspectorPanel({ selected, selectedCount, meta, specs, problems, readOnly, commit, graphId }: {
  selected: TDraftNode | null;
  selectedCount: number;
  meta: TGraphMeta;
  specs: readonly TDraftNode[];
  problems: readonly TProblem[];
  readOnly: boolean;
  commit(edit: (d: TDraft) => TDraft, opts?: { coalesce?: string }): void;
  graphId: string | null;
}) {
  const models = useModels();
  const members = useMembers(!readOnly);
  const graphs = useGraphs();
  const selectedId = selected?.id;
  const ctx: TInspectorContext = useMemo(
    () => ({
      specs,
      input: meta.input,
      models,
      members: members.data?.members ?? [],
      graphs: (graphs.data?.graphs ?? []).filter((g) => g.name !== meta.name),
      readOnly,
    }),
    [specs, meta.input, meta.name, models, members.data, graphs.data, readOnly],
  );
  const nodeProblems = useMemo(() => problems.filter((p) => selectedId !== undefined && p.nodeId === selectedId), [problems, selectedId]);
  const onEdit = useCallback(
    (edit: (spec: TDraftNode) => TDraftNode, field: string) => {
      if (selectedId) commit((d) => updateNode(d, selectedId, edit), { coalesce: `${selectedId}.${field}` });
    },
    [commit, selectedId],
  );
  const onRename = useCallback(
    (to: string) => {
      if (!selectedId) return undefined;
      if (specs.some((s) => s.id === to)) return `Another node is already called "${to}".`;
      commit((d) => renameNode(d, selectedId, to));
      return undefined;
    },
    [commit, selectedId, specs],
  );
  const onMeta = useCallback((edit: (m: TGraphMeta) => TGraphMeta, field: string) => commit((d) => updateMeta(d, edit), { coalesce: `graph.${field}` }), [commit]);

  if (selectedCount > 1) {
    return (
      <div className="text-sm text-slate-600">
        <h2 className="mb-1 text-sm font-semibold text-slate-900">{selectedCount} nodes selected</h2>
        <p>
          Move them together, copy them (<kbd className="font-mono">Ctrl+C</kbd>) or delete them (<kbd className="font-mono">Delete</kbd>). Select one node to edit it.
        </p>
      </div>
    );
  }
  if (selected) {
    return (
      <>
        <NodeInspector key={selected.id} spec={selected} problems={nodeProblems} ctx={ctx} onEdit={onEdit} onRename={onRename} />
      </>
    );
  }
  return <GraphInspector meta={meta} problems={problems} onEdit={onMeta} readOnly={readOnly} graphId={graphId} />;
});
