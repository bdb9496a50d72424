/**
 * Validation issues and how their paths are written.
 *
 * Paths use the node's index *and* id, `nodes[3] (pricing).needs`, because either alone is
 * ambiguous while a spec is being edited: ids can be duplicated or missing, and indexes are
 * hard to map back to a node by eye.
 */

/** One problem found in a spec. `message` is self-contained: it starts with `path`. */
export interface TSpecIssue {
  /** Where, e.g. `nodes[3] (pricing).needs` or `budget.onExceed`; empty for the whole spec. */
  path: string;
  /** The node's id when the issue is inside a node that has one. */
  nodeId?: string;
  /** The field inside the node (or the graph) that is wrong, e.g. `routes[0].when`. */
  field?: string;
  message: string;
  /** 1-based line in the source text, when the spec was imported from text (YAML). */
  line?: number;
}

/** A location as a list of keys and indexes from the spec root. */
export type TIssuePath = ReadonlyArray<string | number>;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Builds an issue at `path` in `raw` (the spec as received, so node ids can be looked up even
 * when the spec is invalid).
 *
 * @example
 * issueAt({ nodes: [{ id: "a" }, { id: "pricing" }] }, ["nodes", 1, "needs"], 'unknown node "vendr"');
 * // { path: "nodes[1] (pricing).needs", nodeId: "pricing", field: "needs",
 * //   message: 'nodes[1] (pricing).needs: unknown node "vendr"' }
 */
export function issueAt(raw: unknown, path: TIssuePath, detail: string): TSpecIssue {
  const issue: TSpecIssue = { path: "", message: "" };
  if (path[0] === "nodes" && typeof path[1] === "number") {
    const id = nodeIdAt(raw, path[1]);
    const rest = path.slice(2);
    issue.path = `nodes[${path[1]}]${id === undefined ? "" : ` (${id})`}${rest.length ? `.${formatPath(rest)}` : ""}`;
    if (id !== undefined) issue.nodeId = id;
    if (rest.length) issue.field = formatPath(rest);
  } else {
    issue.path = formatPath(path);
    if (path.length) issue.field = issue.path;
  }
  issue.message = issue.path ? `${issue.path}: ${detail}` : detail;
  return issue;
}

/**
 * Writes a path the way it would be written in JavaScript.
 *
 * @example
 * formatPath(["routes", 0, "when"]); // "routes[0].when"
 * formatPath(["headers", "content-type"]); // 'headers["content-type"]'
 */
export function formatPath(path: TIssuePath): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (IDENTIFIER.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/**
 * One issue per line, for logs and CLI output.
 *
 * @example
 * formatIssues([{ path: "name", message: "name: must not be empty" }]); // "- name: must not be empty"
 */
export function formatIssues(issues: readonly TSpecIssue[]): string {
  return issues.map((issue) => `- ${issue.message}`).join("\n");
}

function nodeIdAt(raw: unknown, index: number): string | undefined {
  const nodes = (raw as { nodes?: unknown } | null)?.nodes;
  const id = Array.isArray(nodes) ? (nodes[index] as { id?: unknown } | undefined)?.id : undefined;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/**
 * The value at `path` in `raw`, or `undefined`.
 *
 * @example
 * valueAt({ nodes: [{ id: "a" }] }, ["nodes", 0, "id"]); // "a"
 */
export function valueAt(raw: unknown, path: TIssuePath): unknown {
  let value = raw;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/**
 * Reads an issue's path back into keys and indexes (the inverse of {@link issueAt}'s path).
 *
 * @example
 * pathSegments({ path: 'nodes[3] (pricing).tool.headers["x-key"]', nodeId: "pricing", message: "" });
 * // ["nodes", 3, "tool", "headers", "x-key"]
 */
export function pathSegments(issue: Pick<TSpecIssue, "path" | "nodeId">): Array<string | number> {
  const path = issue.nodeId === undefined ? issue.path : issue.path.replace(` (${issue.nodeId})`, "");
  const segments: Array<string | number> = [];
  for (const match of path.matchAll(/([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(JSON.parse(match[3]!) as string);
  }
  return segments;
}
