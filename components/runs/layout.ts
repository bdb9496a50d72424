import type { SpecNode } from "./types";

export const NODE_W = 176;
export const NODE_H = 56;
const GAP_X = 64;
const GAP_Y = 22;

/**
 * Positions for a read-only drawing of a graph: a node's own `position` when
 * the spec has one, else a layered layout where each node sits one column to
 * the right of the deepest node it needs (longest path from a root), stacked
 * in spec order within its column. O(nodes + edges).
 */
export function layoutNodes(nodes: SpecNode[]): Map<string, { x: number; y: number }> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0; // a cycle cannot be saved, but never loop forever
    visiting.add(id);
    const needs = (byId.get(id)?.needs ?? []).filter((n) => byId.has(n));
    const d = needs.length ? Math.max(...needs.map(depthOf)) + 1 : 0;
    visiting.delete(id);
    depth.set(id, d);
    return d;
  };
  const rows = new Map<number, number>();
  const out = new Map<string, { x: number; y: number }>();
  const allPositioned = nodes.every((n) => n.position);
  for (const n of nodes) {
    if (allPositioned && n.position) {
      out.set(n.id, n.position);
      continue;
    }
    const d = depthOf(n.id);
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    out.set(n.id, { x: d * (NODE_W + GAP_X), y: row * (NODE_H + GAP_Y) });
  }
  // centre each column vertically around the tallest one
  if (!allPositioned) {
    const tallest = Math.max(0, ...rows.values());
    for (const n of nodes) {
      const p = out.get(n.id)!;
      const count = rows.get(depthOf(n.id)) ?? 1;
      p.y += ((tallest - count) * (NODE_H + GAP_Y)) / 2;
    }
  }
  return out;
}
