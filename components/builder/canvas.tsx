"use client";

import "@xyflow/react/dist/style.css";
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnDelete,
} from "@xyflow/react";
import { useCallback, useRef } from "react";
import type { TNodeType } from "@/lib/graphs/spec";
import { NODE_TYPES_MAP } from "./node-types";
import { DRAG_MIME } from "./palette";
import { isNodeType } from "./registry";
import { NODE_HEIGHT, NODE_WIDTH } from "./layout";
import { openingViewport } from "./opening-viewport";
import type { TBuilderEdge, TBuilderNode } from "./types";

const MINIMAP_COLORS: Record<TNodeType, string> = {
  agent: "#8b5cf6",
  tool: "#f59e0b",
  router: "#0ea5e9",
  approval: "#10b981",
  supervisor: "#d946ef",
  map: "#14b8a6",
  subgraph: "#64748b",
  wait: "#f97316",
  output: "#2f6fec",
};
const minimapColor = (n: TBuilderNode) => MINIMAP_COLORS[n.data.spec.type] ?? "#94a3b8";
const PRO = { hideAttribution: true };
const MINIMAP_SIZE = { width: 150, height: 100 };
const FIT = { padding: 0.2, maxZoom: 1.2 };
const DEFAULT_VIEWPORT = { x: 0, y: 0, zoom: 1 };
// props React Flow compares by reference: defined once so a re-render (every drag frame) changes nothing
const DELETE_KEYS = ["Delete", "Backspace"];
const MULTI_SELECT_KEYS = ["Meta", "Control", "Shift"];
const EDGE_OPTIONS = { style: { strokeWidth: 1.5 } };
/**
 * A node being dragged gets its own compositing layer, so each frame moves a picture instead of
 * repainting the dots and edges it passes over.
 */
const CANVAS_CSS = ".sy-canvas .react-flow__node.dragging { will-change: transform; }";

export interface TCanvasProps {
  nodes: TBuilderNode[];
  edges: TBuilderEdge[];
  readOnly: boolean;
  onNodesChange(changes: NodeChange<TBuilderNode>[]): void;
  onEdgesChange?(changes: EdgeChange<TBuilderEdge>[]): void;
  onConnect?(connection: Connection): void;
  isValidConnection?(connection: Connection | TBuilderEdge): boolean;
  onDelete?: OnDelete<TBuilderNode, TBuilderEdge>;
  onDragStart?(): void;
  onDropNode?(type: TNodeType, position: { x: number; y: number }): void;
  children?: React.ReactNode;
}

/** The React Flow canvas: nodes, needs as edges, minimap, zoom controls, drop target for the palette. */
export function Canvas({ nodes, edges, readOnly, onNodesChange, onEdgesChange, onConnect, isValidConnection, onDelete, onDragStart, onDropNode, children }: TCanvasProps) {
  const flow = useReactFlow();
  const box = useRef<HTMLDivElement>(null);
  // opens readable: the whole graph if it fits at ≥ 70 %, else its start (an empty graph at 100 %)
  const onInit = useCallback(() => {
    const el = box.current;
    if (el && nodes.length > 0) void flow.setViewport(openingViewport(nodes, { width: el.clientWidth, height: el.clientHeight }));
    // only the first layout counts: later edits keep the user's viewport
  }, []);
  const onDragOver = useCallback((e: React.DragEvent) => {
    if (!e.dataTransfer.types.includes(DRAG_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "move";
  }, []);
  const onDrop = useCallback(
    (e: React.DragEvent) => {
      const type = e.dataTransfer.getData(DRAG_MIME);
      if (!isNodeType(type) || !onDropNode) return;
      e.preventDefault();
      const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      onDropNode(type, { x: Math.round(at.x - NODE_WIDTH / 2), y: Math.round(at.y - NODE_HEIGHT / 2) });
    },
    [flow, onDropNode],
  );
  return (
    <div ref={box} className="sy-canvas relative h-full min-w-0 flex-1" data-testid="canvas">
      <style>{CANVAS_CSS}</style>
      <ReactFlow<TBuilderNode, TBuilderEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES_MAP}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={readOnly ? undefined : onConnect}
        isValidConnection={isValidConnection}
        onDelete={readOnly ? undefined : onDelete}
        onNodeDragStart={readOnly ? undefined : onDragStart}
        onDragOver={readOnly ? undefined : onDragOver}
        onDrop={readOnly ? undefined : onDrop}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesFocusable={!readOnly}
        deleteKeyCode={readOnly ? null : DELETE_KEYS}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        selectionKeyCode="Shift"
        defaultEdgeOptions={EDGE_OPTIONS}
        onInit={onInit}
        defaultViewport={DEFAULT_VIEWPORT}
        minZoom={0.1}
        // big graphs: off-screen nodes and edges are not rendered while zoomed in
        onlyRenderVisibleElements={nodes.length > 100}
        proOptions={PRO}
      >
        <Background gap={16} />
        <MiniMap pannable zoomable nodeColor={minimapColor} style={MINIMAP_SIZE} ariaLabel="Minimap" />
        <Controls showInteractive={false} fitViewOptions={FIT} />
        {children}
      </ReactFlow>
    </div>
  );
}
