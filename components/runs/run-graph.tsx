"use client";

import "@xyflow/react/dist/style.css";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Background, Controls, Handle, MarkerType, Position, ReactFlow, useReactFlow, useStore, type Edge, type FitViewOptions, type Node, type NodeProps, type OnSelectionChangeParams } from "@xyflow/react";
import { layoutNodes, NODE_H, NODE_W } from "./layout";
import { statusStyle } from "./status";
import type { NodeRun, SpecNode } from "./types";

type RunNodeData = { nodeId: string; type: string; status: string; attempts: number; selected: boolean };
type RunFlowNode = Node<RunNodeData, "run">;

/** One node of the run graph: id, type, status colour, attempts. */
const RunNode = memo(function RunNode({ data }: NodeProps<RunFlowNode>) {
  const s = statusStyle(data.status);
  return (
    <div
      className={`flex flex-col justify-center rounded-md border-2 px-2.5 text-left shadow-sm ${data.selected ? "ring-2 ring-brand-500 ring-offset-1" : ""}`}
      style={{ width: NODE_W, height: NODE_H, background: s.fill, borderColor: s.border }}
      data-testid={`graph-node-${data.nodeId}`}
      data-status={data.status}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} className="!h-1.5 !w-1.5 !border-0 !bg-slate-400" />
      <div className="flex items-center justify-between gap-1">
        <span className="truncate text-xs font-semibold text-slate-900" title={data.nodeId}>
          {data.nodeId}
        </span>
        {data.attempts > 1 && <span className="shrink-0 rounded bg-white/70 px-1 text-[10px] font-medium text-slate-600">×{data.attempts}</span>}
      </div>
      <div className="flex items-center justify-between gap-1 text-[11px] text-slate-600">
        <span className="truncate">{data.type}</span>
        <span className="flex items-center gap-1 font-medium" style={{ color: s.text }}>
          <span aria-hidden className={`h-1.5 w-1.5 rounded-full ${data.status === "running" ? "animate-pulse" : ""}`} style={{ background: s.bar }} />
          {s.label}
        </span>
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} className="!h-1.5 !w-1.5 !border-0 !bg-slate-400" />
    </div>
  );
});

const nodeTypes = { run: RunNode };

/** Fits the view again when the canvas changes width (e.g. the node panel opens or closes). */
function RefitOnResize({ options }: { options: FitViewOptions }) {
  const width = useStore((s) => s.width);
  const { fitView } = useReactFlow();
  const last = useRef(width);
  useEffect(() => {
    if (!width || Math.abs(width - last.current) < 40) return;
    const first = last.current === 0; // the initial fit is React Flow's own
    last.current = width;
    if (first) return;
    void fitView({ ...options, duration: 150 });
  }, [width, fitView, options]);
  return null;
}

/** Above this many nodes the view opens on a neighbourhood instead of the whole graph (see pickFocus). */
export const LARGE_GRAPH = 120;
const FOCUS_SIZE = 36;

/**
 * The nodes a large graph opens on: those nearest the first failed node, else
 * the first active one, else the first node. Drawing only what is on screen
 * keeps a 500-node run as quick to open as a small one; "fit view" shows all.
 */
export function pickFocus(spec: SpecNode[], status: Map<string, string>, positions: Map<string, { x: number; y: number }>): string[] {
  const anchor =
    spec.find((n) => status.get(n.id) === "failed") ??
    spec.find((n) => ["running", "waiting", "paused"].includes(status.get(n.id) ?? "")) ??
    spec[0];
  const a = positions.get(anchor.id) ?? { x: 0, y: 0 };
  return spec
    .map((n) => {
      const p = positions.get(n.id) ?? { x: 0, y: 0 };
      return { id: n.id, d: Math.hypot((p.x - a.x) * 0.6, p.y - a.y) };
    })
    .sort((x, y) => x.d - y.d)
    .slice(0, FOCUS_SIZE)
    .map((n) => n.id);
}

/**
 * The run's pinned graph, read-only, each node coloured by the status of its
 * node run (nodes not reached yet show as queued). Click a node to inspect it.
 */
export function RunGraph({ spec, nodeRuns, selected, onSelect }: { spec: SpecNode[]; nodeRuns: NodeRun[]; selected: string | null; onSelect: (nodeId: string) => void }) {
  const positions = useMemo(() => layoutNodes(spec), [spec]);
  const runsById = useMemo(() => new Map(nodeRuns.map((n) => [n.nodeId, n])), [nodeRuns]);
  const large = spec.length > LARGE_GRAPH;
  // chosen once per mount: the view must not jump while the run progresses
  const [focus] = useState(() => (large && spec.length ? pickFocus(spec, new Map(nodeRuns.map((n) => [n.nodeId, n.status])), positions) : null));
  // keyboard: Tab to a node, Enter selects it (React Flow), which opens its detail
  const onSelectionChange = useCallback(({ nodes: picked }: OnSelectionChangeParams) => {
    if (picked[0]) onSelect(picked[0].id);
  }, [onSelect]);
  const fitOptions = useMemo<FitViewOptions>(() => ({ padding: 0.15, maxZoom: 1.2, ...(focus ? { nodes: focus.map((id) => ({ id })) } : {}) }), [focus]);
  const nodes = useMemo<RunFlowNode[]>(
    () =>
      spec.map((n) => {
        const r = runsById.get(n.id);
        return {
          id: n.id,
          type: "run",
          position: positions.get(n.id) ?? { x: 0, y: 0 },
          width: NODE_W,
          height: NODE_H,
          data: { nodeId: n.id, type: n.type, status: r?.status ?? "queued", attempts: r?.attempts ?? 0, selected: n.id === selected },
          draggable: false,
          connectable: false,
        };
      }),
    [spec, runsById, positions, selected],
  );
  const edges = useMemo<Edge[]>(
    () =>
      spec.flatMap((n) =>
        (n.needs ?? []).map((from) => {
          const done = runsById.get(from)?.status === "succeeded";
          return {
            id: `${from}->${n.id}`,
            source: from,
            target: n.id,
            animated: runsById.get(n.id)?.status === "running",
            style: { stroke: done ? "#10b981" : "#94a3b8", strokeWidth: 1.5 },
            markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, color: done ? "#10b981" : "#94a3b8" },
          };
        }),
      ),
    [spec, runsById],
  );
  return (
    <div className="relative h-full w-full" data-testid="run-graph">
      {focus && (
        <p className="pointer-events-none absolute right-3 top-2 z-10 rounded bg-white/90 px-2 py-1 text-[11px] text-slate-600 shadow-sm">
          {spec.length} nodes · showing {focus.length >= FOCUS_SIZE ? "a part" : "all"} — the fit-view button (bottom left) shows the whole graph
        </p>
      )}
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        elementsSelectable
        onlyRenderVisibleElements={large}
        onNodeClick={(_e, n) => onSelect(n.id)}
        onSelectionChange={onSelectionChange}
        fitView
        fitViewOptions={fitOptions}
        minZoom={0.05}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={16} color="#e2e8f0" />
        <Controls showInteractive={false} />
        <RefitOnResize options={fitOptions} />
      </ReactFlow>
    </div>
  );
}
