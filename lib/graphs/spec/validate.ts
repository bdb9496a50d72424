/**
 * `validateGraphSpec`: the one entry point for checking a spec, used by the REST API, the
 * builder and the template catalog.
 *
 * It combines the zod schema (shape) with graph checks (structure and references) and
 * reports every problem it can find in one pass, each naming the node and field and saying
 * how to fix it. A node that fails the schema still takes part in the structural checks by
 * id and needs, so a typo in one node does not hide a broken edge elsewhere.
 */
import { GraphDag } from "./dag";
import { issueAt, type TSpecIssue } from "./issues";
import { isPlainObject, MAX_SPEC_DEPTH, tooDeepAt } from "./json";
import { checkModelAvailability, checkReferences, type TValidateOptions } from "./reference-checks";
import { checkSchemas } from "./schema-checks";
import { ZGraphSpec, ZNodeSpec, type TGraphSpec } from "./schema";
import { checkGraphSettings, checkStructure, type TCheckNode } from "./structure-checks";
import { fieldNamesOf, translateZodIssues } from "./zod-issues";

export type { TValidateOptions } from "./reference-checks";

/**
 * Outcome of {@link validateGraphSpec}. `warnings` do not stop a save (e.g. a model whose
 * provider has no key yet) but say what will fail when the graph runs.
 */
export type TValidationResult = { ok: true; spec: TGraphSpec; warnings: TSpecIssue[] } | { ok: false; issues: TSpecIssue[]; warnings: TSpecIssue[] };

const FIELD_NAMES = fieldNamesOf(ZGraphSpec);

/**
 * Validates a graph spec received as JSON (already parsed).
 *
 * @example
 * const result = validateGraphSpec(JSON.parse(body), { knownTools: ["web_search"] });
 * if (!result.ok) {
 *   // result.issues[0].message:
 *   // 'nodes[3] (pricing).needs: unknown node "vendr" — did you mean "vendor"?'
 * }
 */
export function validateGraphSpec(json: unknown, options: TValidateOptions = {}): TValidationResult {
  if (!isPlainObject(json)) {
    return { ok: false, issues: [issueAt(json, [], "a graph spec must be a JSON object with a name and nodes")], warnings: [] };
  }
  // Every check below walks the spec recursively; bound the depth before any of them runs.
  const deep = tooDeepAt(json, MAX_SPEC_DEPTH);
  if (deep) {
    const field = deep.slice(0, deep[0] === "nodes" ? 3 : 1);
    return { ok: false, issues: [issueAt(json, field, `is nested more than ${MAX_SPEC_DEPTH} levels deep (objects and arrays inside each other) — flatten it`)], warnings: [] };
  }
  const parsed = ZGraphSpec.safeParse(json);
  const issues = parsed.success ? [] : translateZodIssues(parsed.error.issues, json, FIELD_NAMES);

  issues.push(...checkSchemas(json));
  const nodes = checkNodes(json.nodes);
  const warnings = nodes ? checkModelAvailability(nodes, json, options) : [];
  if (nodes) {
    const dag = GraphDag.of({ nodes });
    const graph: Partial<TGraphSpec> = parsed.success ? parsed.data : salvageGraph(json);
    issues.push(...checkStructure(nodes, dag, json, parsed.success ? parsed.data : undefined));
    if (parsed.success) issues.push(...checkGraphSettings(parsed.data, json));
    issues.push(...checkReferences(nodes, dag, graph, json, options));
  }
  return issues.length === 0 && parsed.success ? { ok: true, spec: parsed.data, warnings } : { ok: false, issues: inSpecOrder(issues), warnings };
}

/** Graph-level issues first, then node by node, keeping the order of checks within each. */
function inSpecOrder(issues: TSpecIssue[]): TSpecIssue[] {
  const rank = (issue: TSpecIssue) => Number(/^nodes\[(\d+)\]/.exec(issue.path)?.[1] ?? -1);
  return issues.map((issue, i) => ({ issue, i })).sort((a, b) => rank(a.issue) - rank(b.issue) || a.i - b.i).map(({ issue }) => issue);
}

/**
 * The nodes as the graph checks see them, or `undefined` when even ids and needs are
 * unusable (then only the schema issues are reported).
 */
function checkNodes(raw: unknown): TCheckNode[] | undefined {
  if (!Array.isArray(raw) || raw.length === 0) return undefined;
  const nodes: TCheckNode[] = [];
  for (const [index, item] of raw.entries()) {
    if (!isPlainObject(item) || typeof item.id !== "string") return undefined;
    const needs = item.needs === undefined ? [] : item.needs;
    if (!Array.isArray(needs) || !needs.every((need) => typeof need === "string")) return undefined;
    const parsed = ZNodeSpec.safeParse(item);
    // the DAG links a fallback to the node it protects, so a fallback needs no needs of its own
    const onError = parsed.success ? parsed.data.onError : undefined;
    nodes.push({ index, id: item.id, needs, ...(onError ? { onError } : {}), ...(parsed.success ? { spec: parsed.data } : {}) });
  }
  return nodes;
}

/** Graph-level fields the reference checks need, taken from an invalid spec where usable. */
function salvageGraph(json: Record<string, unknown>): Partial<TGraphSpec> {
  const graph: Partial<TGraphSpec> = {};
  if (typeof json.name === "string") graph.name = json.name;
  if (isPlainObject(json.input)) graph.input = json.input as TGraphSpec["input"];
  return graph;
}
