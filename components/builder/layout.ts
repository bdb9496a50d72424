import dagre from "@dagrejs/dagre";
import type { TBuilderNode } from "./types";

/** Size of a node card on the canvas (see `node-card.tsx`); used before React Flow measures it. */
export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 72;

/**
 * Lays nodes out left to right along their `needs` with dagre. Returns new positions by id;
 * nodes keep every other field.
 */
export function layoutPositions(nodes: readonly TBuilderNode[]): Map<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: 30, ranksep: 50, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(nodes.map((n) => n.id));
  for (const node of nodes) {
    g.setNode(node.id, { width: node.measured?.width ?? NODE_WIDTH, height: node.measured?.height ?? NODE_HEIGHT });
  }
  for (const node of nodes) {
    for (const need of node.data.spec.needs ?? []) if (ids.has(need) && need !== node.id) g.setEdge(need, node.id);
  }
  dagre.layout(g);
  const out = new Map<string, { x: number; y: number }>();
  for (const node of nodes) {
    const laid = g.node(node.id);
    const width = node.measured?.width ?? NODE_WIDTH;
    const height = node.measured?.height ?? NODE_HEIGHT;
    // dagre gives centres; React Flow positions are top-left corners
    if (laid) out.set(node.id, { x: Math.round(laid.x - width / 2), y: Math.round(laid.y - height / 2) });
  }
  return out;
}

/** The nodes with dagre positions applied. */
export function autoLayout(nodes: readonly TBuilderNode[]): TBuilderNode[] {
  const positions = layoutPositions(nodes);
  return nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position }));
}
