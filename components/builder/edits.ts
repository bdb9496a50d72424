import { autoLayout } from "./layout";
import { freshNodeId, NODE_REGISTRY } from "./registry";
import { flowType, type TBuilderNode, type TDraft, type TDraftNode, type TGraphMeta } from "./types";
import type { TNodeType } from "@/lib/graphs/spec";

/** Pure edits of a draft, each one undo step when passed to `commit`. */

const ids = (draft: TDraft) => new Set(draft.nodes.map((n) => n.id));

export function addNode(draft: TDraft, type: TNodeType, position: { x: number; y: number }): TDraft {
  const id = freshNodeId(type, ids(draft));
  const node: TBuilderNode = { id, type: flowType(type), position, selected: true, data: { spec: NODE_REGISTRY[type].defaults(id) } };
  return { ...draft, nodes: [...draft.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node] };
}

/** Removes nodes (and every `needs` entry naming them) and edges (`needs` entries). */
export function removeElements(draft: TDraft, nodeIds: readonly string[], edges: ReadonlyArray<{ source: string; target: string }>): TDraft {
  if (nodeIds.length === 0 && edges.length === 0) return draft;
  const gone = new Set(nodeIds);
  const cut = new Map<string, Set<string>>();
  for (const e of edges) cut.set(e.target, (cut.get(e.target) ?? new Set()).add(e.source));
  const nodes = draft.nodes
    .filter((n) => !gone.has(n.id))
    .map((n) => {
      const needs = n.data.spec.needs;
      if (!needs) return n;
      const kept = needs.filter((need) => !gone.has(need) && !cut.get(n.id)?.has(need));
      return kept.length === needs.length ? n : withSpec(n, { ...n.data.spec, needs: kept.length ? kept : undefined });
    });
  return { ...draft, nodes };
}

/** Adds `source` to `target`'s needs. */
export function connect(draft: TDraft, source: string, target: string): TDraft {
  return updateNode(draft, target, (spec) => (spec.needs?.includes(source) ? spec : { ...spec, needs: [...(spec.needs ?? []), source] }));
}

/** Replaces one node's spec (an inspector edit). */
export function updateNode(draft: TDraft, id: string, edit: (spec: TDraftNode) => TDraftNode): TDraft {
  let changed = false;
  const nodes = draft.nodes.map((n) => {
    if (n.id !== id) return n;
    const next = edit(n.data.spec);
    if (next === n.data.spec) return n;
    changed = true;
    return withSpec(n, clean(next));
  });
  return changed ? { ...draft, nodes } : draft;
}

/** Renames a node and every `needs` entry and router target naming it. */
export function renameNode(draft: TDraft, from: string, to: string): TDraft {
  if (from === to || ids(draft).has(to)) return draft;
  const swap = (v: unknown): unknown => (v === from ? to : Array.isArray(v) ? v.map(swap) : v);
  const nodes = draft.nodes.map((n) => {
    let spec = n.data.spec;
    if (n.id === from) spec = { ...spec, id: to };
    if (spec.needs?.includes(from)) spec = { ...spec, needs: spec.needs.map((x) => (x === from ? to : x)) };
    if (spec.type === "router") {
      const routes = Array.isArray(spec.routes) ? spec.routes.map((r: { to?: unknown }) => ({ ...r, to: swap(r.to) })) : spec.routes;
      spec = { ...spec, routes, ...(spec.default !== undefined ? { default: swap(spec.default) } : {}) };
    }
    if (spec === n.data.spec) return n;
    const next = withSpec(n, spec);
    return n.id === from ? { ...next, id: to } : next;
  });
  return { ...draft, nodes };
}

export function updateMeta(draft: TDraft, edit: (meta: TGraphMeta) => TGraphMeta): TDraft {
  const meta = edit(draft.meta);
  return meta === draft.meta ? draft : { ...draft, meta: clean(meta) };
}

export function layoutAll(draft: TDraft): TDraft {
  return draft.nodes.length ? { ...draft, nodes: autoLayout(draft.nodes) } : draft;
}

export function selectOnly(draft: TDraft, id: string | null): TDraft {
  return { ...draft, nodes: draft.nodes.map((n) => (n.selected === (n.id === id) ? n : { ...n, selected: n.id === id })) };
}

/** What copy puts on the clipboard: node specs with positions. */
export interface TClipboard {
  kind: "switchyard/nodes";
  nodes: Array<{ spec: TDraftNode; position: { x: number; y: number } }>;
}

export function copySelection(draft: TDraft): TClipboard | null {
  const selected = draft.nodes.filter((n) => n.selected);
  if (selected.length === 0) return null;
  return { kind: "switchyard/nodes", nodes: selected.map((n) => ({ spec: structuredClone(n.data.spec), position: n.position })) };
}

/**
 * Pastes copied nodes with fresh ids, 40px down and right; `needs` between pasted nodes follow
 * the new ids, `needs` to nodes outside the copy are kept when those nodes exist.
 */
export function paste(draft: TDraft, clip: TClipboard): TDraft {
  const taken = ids(draft);
  const rename = new Map<string, string>();
  for (const { spec } of clip.nodes) {
    const id = freshNodeId(spec.id, taken);
    taken.add(id);
    rename.set(spec.id, id);
  }
  const existing = ids(draft);
  const pasted: TBuilderNode[] = clip.nodes.map(({ spec, position }) => {
    const id = rename.get(spec.id)!;
    const needs = (spec.needs ?? []).map((need) => rename.get(need) ?? need).filter((need) => rename.has(need) || existing.has(need) || [...rename.values()].includes(need));
    return { id, type: flowType(spec.type), selected: true, position: { x: position.x + 40, y: position.y + 40 }, data: { spec: clean({ ...spec, id, needs: needs.length ? needs : undefined }) } };
  });
  return { ...draft, nodes: [...draft.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...pasted] };
}

function withSpec(node: TBuilderNode, spec: TDraftNode): TBuilderNode {
  return { ...node, data: { spec } };
}

/** Drops keys set to `undefined` so specs stay plain JSON and diffs stay quiet. */
function clean<T extends Record<string, unknown>>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}
