/**
 * YAML import and export of graph specs. JSON stays canonical: import turns YAML into the
 * same JSON the API accepts and validates it; export writes a spec for people to read and
 * edit, with a fixed key order so exporting the same spec always gives the same text.
 */
import { isMap, isScalar, LineCounter, parseDocument, stringify, type Document } from "yaml";
import { pathSegments, type TSpecIssue } from "./issues";
import type { TGraphSpec } from "./schema";
import { validateGraphSpec, type TValidateOptions, type TValidationResult } from "./validate";

/**
 * Parses and validates a YAML (or JSON) graph spec. Syntax errors and validation issues carry
 * the 1-based `line` they refer to.
 *
 * @example
 * const result = importGraphYaml("name: demo\nnodes:\n  - id: done\n    type: output\n    value: 42\n");
 * // { ok: true, spec: { name: "demo", nodes: [{ id: "done", type: "output", value: 42 }] } }
 */
export function importGraphYaml(text: string, options?: TValidateOptions): TValidationResult {
  const lines = new LineCounter();
  // YAML 1.2 core schema: `yes`/`no`/`on` stay strings and dates are not parsed, so what the
  // author typed is what the spec holds. Aliases are capped by the library against blow-ups.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((error) => {
        const line = error.linePos?.[0].line;
        const summary = error.message.split("\n")[0]!.replace(/:$/, "");
        return { path: line === undefined ? "" : `line ${line}`, message: summary, ...(line === undefined ? {} : { line }) };
      }),
      warnings: [],
    };
  }
  const result = validateGraphSpec(doc.toJS({ maxAliasCount: 100 }), options);
  if (result.ok) return result;
  return { ok: false, issues: result.issues.map((issue) => withLine(issue, doc, lines)), warnings: result.warnings };
}

function withLine(issue: TSpecIssue, doc: Document, lines: LineCounter): TSpecIssue {
  // Walk down as far as the path exists: a missing field is reported at its parent's line.
  let segments = pathSegments(issue);
  while (segments.length > 0 && !doc.hasIn(segments)) segments = segments.slice(0, -1);
  const start = startOf(doc, segments);
  return start === undefined ? issue : { ...issue, line: lines.linePos(start).line };
}

/** Where the value at `path` starts; for a map entry, where its key starts. */
function startOf(doc: Document, path: Array<string | number>): number | undefined {
  if (path.length === 0) return rangeStart(doc.contents);
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
    return rangeStart(pair?.key);
  }
  return rangeStart(doc.getIn(path, true));
}

function rangeStart(node: unknown): number | undefined {
  return (node as { range?: [number, number, number] } | null | undefined)?.range?.[0];
}

/** Key order for graphs and nodes: what a reader wants first. Unlisted keys follow, sorted. */
const GRAPH_KEYS = ["name", "description", "tags", "input", "output", "customerKey", "triggers", "budget", "concurrency", "retries", "timeouts", "nodes"];
const NODE_KEYS = [
  "id", "type", "description", "needs",
  // agent, supervisor
  "model", "instructions", "prompt", "task", "tools", "agents", "maxDelegations", "output", "maxTurns", "temperature",
  // tool, router, approval, subgraph, wait, output
  "tool", "routes", "default", "title", "assignees", "context", "minApprovals", "graph", "version", "input", "sleep", "event", "value",
  // policies
  "timeout", "onTimeout", "escalateTo", "retries", "onError", "budgetUsd", "tags", "position",
];

/**
 * Writes a spec as YAML: fixed key order, block literals for multi-line text, no line folding
 * (templates stay on one line and grep-able).
 *
 * @example
 * exportGraphYaml({ name: "demo", nodes: [{ id: "done", type: "output", value: 42 }] });
 * // "name: demo\nnodes:\n  - id: done\n    type: output\n    value: 42\n"
 */
export function exportGraphYaml(spec: TGraphSpec): string {
  const ordered = {
    ...orderKeys(spec, GRAPH_KEYS),
    nodes: spec.nodes.map((node) => orderKeys(node, NODE_KEYS)),
  };
  return stringify(ordered, { lineWidth: 0, blockQuote: "literal", aliasDuplicateObjects: false });
}

function orderKeys<T extends object>(value: T, order: readonly string[]): Record<string, unknown> {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  entries.sort(([a], [b]) => rank(a) - rank(b) || (rank(a) === order.length ? a.localeCompare(b) : 0));
  return Object.fromEntries(entries);
}
