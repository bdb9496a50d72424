"use client";

import "@xyflow/react/dist/style.css";
import { Background, Controls, ReactFlow, ReactFlowProvider } from "@xyflow/react";
import { useMemo } from "react";
import { CanvasMarksContext } from "./canvas-context";
import { diffNodes } from "./json-diff";
import { NODE_TYPES_MAP } from "./node-types";
import { draftFromSpec, edgesOf } from "./spec-draft";
import type { TDraftNode } from "./types";

const PRO = { hideAttribution: true };

/**
 * Two versions on one read-only canvas: the newer graph, plus the nodes it no longer has (at
 * their old place), each marked added, removed or changed.
 */
export function DiffCanvas({ before, after }: { before: unknown; after: unknown }) {
  const { nodes, edges, marks } = useMemo(() => {
    const a = draftFromSpec(before);
    const b = draftFromSpec(after);
    const marks = diffNodes(
      a.nodes.map((n) => n.data.spec),
      b.nodes.map((n) => n.data.spec),
    );
    const removed = a.nodes.filter((n) => marks.get(n.id) === "removed");
    const nodes = [...b.nodes, ...removed].map((n) => ({ ...n, draggable: false, connectable: false, selectable: false }));
    const specs: TDraftNode[] = nodes.map((n) => n.data.spec);
    const edges = edgesOf(specs).map((e) => (marks.get(e.target) === "removed" || marks.get(e.source) === "removed" ? { ...e, style: { stroke: "#ef4444", strokeDasharray: "4 3" } } : e));
    return { nodes, edges, marks };
  }, [before, after]);
  const value = useMemo(() => ({ problems: new Map<string, number>(), diff: marks }), [marks]);
  return (
    <div className="h-full w-full" data-testid="diff-canvas">
      <ReactFlowProvider>
        <CanvasMarksContext.Provider value={value}>
          <ReactFlow nodes={nodes} edges={edges} nodeTypes={NODE_TYPES_MAP} nodesDraggable={false} nodesConnectable={false} elementsSelectable={false} fitView fitViewOptions={{ padding: 0.15 }} minZoom={0.1} proOptions={PRO}>
            <Background gap={16} />
            <Controls showInteractive={false} />
          </ReactFlow>
        </CanvasMarksContext.Provider>
      </ReactFlowProvider>
    </div>
  );
}

/** "2 added, 1 removed, 3 changed" */
export function diffSummary(before: unknown, after: unknown): { added: number; removed: number; changed: number } {
  const a = draftFromSpec(before).nodes.map((n) => n.data.spec);
  const b = draftFromSpec(after).nodes.map((n) => n.data.spec);
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const mark of diffNodes(a, b).values()) counts[mark]++;
  return counts;
}
