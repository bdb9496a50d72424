import { sameJson } from "@/lib/graphs/spec";
import type { TDiffMark } from "./types";

export type TDiffLine = { kind: "same" | "add" | "del"; text: string; a?: number; b?: number };

/** Above this many cells the middle of a diff is shown as one replaced block. */
const MAX_CELLS = 4_000_000;

/**
 * A line diff (longest common subsequence after trimming the common head and tail), enough for
 * two versions of a spec.
 */
export function diffLines(a: readonly string[], b: readonly string[]): TDiffLine[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const out: TDiffLine[] = [];
  for (let i = 0; i < head; i++) out.push({ kind: "same", text: a[i]!, a: i + 1, b: i + 1 });
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  if (am.length * bm.length > MAX_CELLS) {
    am.forEach((text, i) => out.push({ kind: "del", text, a: head + i + 1 }));
    bm.forEach((text, i) => out.push({ kind: "add", text, b: head + i + 1 }));
  } else {
    const n = am.length;
    const m = bm.length;
    const lcs = new Uint32Array((n + 1) * (m + 1));
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        lcs[i * (m + 1) + j] = am[i] === bm[j] ? lcs[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && am[i] === bm[j]) {
        out.push({ kind: "same", text: am[i]!, a: head + i + 1, b: head + j + 1 });
        i++;
        j++;
      } else if (i < n && (j === m || lcs[(i + 1) * (m + 1) + j]! >= lcs[i * (m + 1) + j + 1]!)) {
        // removals before additions, as people read a change
        out.push({ kind: "del", text: am[i]!, a: head + i + 1 });
        i++;
      } else {
        out.push({ kind: "add", text: bm[j]!, b: head + j + 1 });
        j++;
      }
    }
  }
  for (let k = tail; k > 0; k--) out.push({ kind: "same", text: a[a.length - k]!, a: a.length - k + 1, b: b.length - k + 1 });
  return out;
}

/** Changed lines with `context` lines around them; runs of hidden lines become one `null`. */
export function withContext(lines: readonly TDiffLine[], context = 3): Array<TDiffLine | null> {
  const keep = new Array<boolean>(lines.length).fill(false);
  lines.forEach((l, i) => {
    if (l.kind !== "same") for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep[k] = true;
  });
  const out: Array<TDiffLine | null> = [];
  lines.forEach((l, i) => {
    if (keep[i]) out.push(l);
    else if (out[out.length - 1] !== null) out.push(null);
  });
  return out;
}

type TNodeLike = { id: string } & Record<string, unknown>;

const withoutPosition = ({ position: _position, ...rest }: TNodeLike) => rest;

/** Which nodes were added, removed or changed from `before` to `after` (positions ignored). */
export function diffNodes(before: readonly TNodeLike[], after: readonly TNodeLike[]): Map<string, TDiffMark> {
  const marks = new Map<string, TDiffMark>();
  const old = new Map(before.map((n) => [n.id, n]));
  const now = new Set(after.map((n) => n.id));
  for (const node of after) {
    const prev = old.get(node.id);
    if (!prev) marks.set(node.id, "added");
    else if (!sameJson(withoutPosition(prev), withoutPosition(node))) marks.set(node.id, "changed");
  }
  for (const node of before) if (!now.has(node.id)) marks.set(node.id, "removed");
  return marks;
}

/** A spec as the JSON diff shows it: pretty-printed, optionally without canvas positions. */
export function specLines(spec: unknown, ignorePositions: boolean): string[] {
  const value = ignorePositions && spec && typeof spec === "object" && Array.isArray((spec as { nodes?: unknown }).nodes)
    ? { ...(spec as object), nodes: ((spec as { nodes: TNodeLike[] }).nodes).map(withoutPosition) }
    : spec;
  return JSON.stringify(value, null, 2).split("\n");
}
