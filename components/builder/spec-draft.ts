import { isPlainObject } from "@/lib/graphs/spec/json";
import { autoLayout } from "./layout";
import { isNodeType } from "./registry";
import { flowType, type TBuilderEdge, type TBuilderNode, type TDraft, type TDraftNode, type TGraphMeta } from "./types";

/**
 * Conversions between a graph spec (JSON, as the API stores it) and the builder's draft.
 * Edges are not stored: they are the nodes' `needs`, drawn by {@link edgesOf}.
 */

/** Whether `json` has the shape the builder can open (an object whose nodes have ids and types). */
export function isOpenableSpec(json: unknown): json is { nodes: Array<{ id: string; type: string }> } & Record<string, unknown> {
  if (!isPlainObject(json)) return false;
  const nodes = json.nodes ?? [];
  return Array.isArray(nodes) && nodes.every((n) => isPlainObject(n) && typeof n.id === "string" && isNodeType(n.type));
}

/** Opens a spec in the builder; nodes without a saved position are laid out with dagre. */
export function draftFromSpec(json: unknown): TDraft {
  if (!isOpenableSpec(json)) throw new Error("This is not a graph spec the builder can open: it needs a nodes list whose entries have an id and a known type.");
  const { nodes: rawNodes = [], ...meta } = json as { nodes?: Array<Record<string, unknown>> } & TGraphMeta;
  let missing = false;
  const nodes: TBuilderNode[] = rawNodes.map((raw) => {
    const { position, ...spec } = raw;
    const pos = isPlainObject(position) && typeof position.x === "number" && typeof position.y === "number" ? { x: position.x, y: position.y } : null;
    if (!pos) missing = true;
    const draft = spec as TDraftNode;
    return { id: draft.id, type: flowType(draft.type), position: pos ?? { x: 0, y: 0 }, data: { spec: draft } };
  });
  return { meta, nodes: missing ? autoLayout(nodes) : nodes };
}

/** The spec as JSON, positions included (rounded), in node order. */
export function specFromDraft(draft: TDraft): Record<string, unknown> {
  return {
    ...draft.meta,
    nodes: draft.nodes.map((n) => ({ ...n.data.spec, position: { x: Math.round(n.position.x), y: Math.round(n.position.y) } })),
  };
}

/** The spec without positions: what validation looks at (positions never make a spec invalid). */
export function specForValidation(meta: TGraphMeta, specs: readonly TDraftNode[]): Record<string, unknown> {
  return { ...meta, nodes: specs };
}

/** One edge per `needs` entry whose node exists. */
export function edgesOf(specs: readonly TDraftNode[]): TBuilderEdge[] {
  const ids = new Set(specs.map((s) => s.id));
  const edges: TBuilderEdge[] = [];
  for (const spec of specs) {
    for (const need of spec.needs ?? []) {
      if (ids.has(need)) edges.push({ id: edgeId(need, spec.id), source: need, target: spec.id });
    }
  }
  return edges;
}

export const edgeId = (source: string, target: string) => `${source}->${target}`;

/** Whether `from` is reachable from `to` along needs (so an edge from→to would close a cycle). */
export function wouldCycle(specs: readonly TDraftNode[], from: string, to: string): boolean {
  if (from === to) return true;
  const needsOf = new Map(specs.map((s) => [s.id, s.needs ?? []]));
  const stack = [from];
  const seen = new Set<string>();
  while (stack.length) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(needsOf.get(id) ?? []));
  }
  return false;
}

/** Ids of every node `id` transitively needs: what its templates may read. */
export function upstreamOf(specs: readonly TDraftNode[], id: string): string[] {
  const needsOf = new Map(specs.map((s) => [s.id, s.needs ?? []]));
  const out: string[] = [];
  const seen = new Set<string>([id]);
  const stack = [...(needsOf.get(id) ?? [])];
  while (stack.length) {
    const next = stack.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    out.push(next);
    stack.push(...(needsOf.get(next) ?? []));
  }
  return out;
}

/** An empty graph to start from. */
export function blankSpec(): Record<string, unknown> {
  return {
    name: "untitled-graph",
    input: { type: "object", properties: { text: { type: "string", description: "What the graph works on" } }, required: ["text"] },
    nodes: [],
  };
}
