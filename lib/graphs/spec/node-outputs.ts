/**
 * What each node type produces, as JSON Schema, so templates and conditions that read
 * `nodes.<id>.output.<path>` can be checked before a run. This is the contract between the
 * spec and the runtime: a runtime that returns something else for a node type breaks it.
 */
import type { TJsonObject } from "./json";
import { isPlainObject } from "./json";
import type { TNodeSpec } from "./schema";

const ANY: TJsonObject = {};

/** Output of an HTTP tool node. */
export const HTTP_TOOL_OUTPUT: TJsonObject = {
  type: "object",
  properties: { status: { type: "integer" }, headers: { type: "object" }, body: ANY },
  required: ["status", "headers", "body"],
};

/** Output of a router node: the matching route's index (or "default") and the targets taken. */
export const ROUTER_OUTPUT: TJsonObject = {
  type: "object",
  properties: { route: ANY, to: { type: "array", items: { type: "string" } } },
  required: ["route", "to"],
};

/** Output of an approval node. */
export const APPROVAL_OUTPUT: TJsonObject = {
  type: "object",
  properties: {
    decision: { type: "string", enum: ["approved", "rejected"] },
    decidedBy: { type: "string" },
    // Always present (null without a comment) so templates can read it without failing.
    comment: { type: ["string", "null"] },
    decidedAt: { type: "string" },
    // Data the approver filled in, when the approval asked for any.
    output: ANY,
  },
  required: ["decision", "decidedBy", "comment", "decidedAt"],
};

/**
 * JSON Schema of a node's output, or `undefined` when it cannot be known from the spec
 * (MCP tools, subgraphs, waits, output nodes).
 *
 * @example
 * outputSchemaOf({ id: "a", type: "agent", model: "sim:fast", prompt: "hi" }); // { type: "string" }
 */
export function outputSchemaOf(node: TNodeSpec): TJsonObject | undefined {
  switch (node.type) {
    case "agent":
      // Without a schema an agent answers in plain text.
      return node.output ?? { type: "string" };
    case "tool":
      return node.tool.kind === "http" ? HTTP_TOOL_OUTPUT : undefined;
    case "router":
      return ROUTER_OUTPUT;
    case "approval":
      return APPROVAL_OUTPUT;
    case "supervisor":
      return {
        type: "object",
        properties: {
          status: { type: "string", enum: ["done", "escalate", "uncertain", "failed"] },
          output: node.output ?? ANY,
          confidence: { type: "number" },
          rationale: { type: "string" },
        },
        required: ["status", "confidence", "rationale"],
      };
    case "map":
      // the items' results in order; with onItemError "continue" a failed item is null
      return {
        type: "array",
        items: node.onItemError === "continue" || !node.agent ? ANY : (node.agent.output ?? { type: "string" }),
      };
    default:
      return undefined;
  }
}

/**
 * Follows `path` through a JSON Schema. Returns a problem description, or `undefined` when the
 * path may exist. Objects with `properties` are treated as closed unless `additionalProperties`
 * allows more, because structured LLM outputs are closed and a typo there is the common case.
 * Schemas it cannot reason about (`anyOf`, `$ref`, no `type`) accept any path.
 *
 * @param described how to name the start of the path in messages, e.g. `nodes.intake.output`.
 * @example
 * findPathProblem({ type: "object", properties: { supplier: { type: "string" } } }, ["supplr"], "nodes.intake.output");
 * // { message: 'nodes.intake.output has no field "supplr"', candidates: ["supplier"] }
 */
export function findPathProblem(
  schema: unknown,
  path: readonly string[],
  described: string,
): { message: string; candidates: string[] } | undefined {
  let current = schema;
  let where = described;
  for (const segment of path) {
    if (!isPlainObject(current)) return undefined;
    const type = current.type;
    const properties = isPlainObject(current.properties) ? current.properties : undefined;
    if (type === "array") {
      if (!/^\d+$/.test(segment)) return { message: `${where} is a list; use an index such as ${where}.0`, candidates: [] };
      current = current.items;
    } else if (type === "object" || (type === undefined && properties)) {
      if (properties && Object.hasOwn(properties, segment)) {
        current = properties[segment];
      } else if (properties && (current.additionalProperties === undefined || current.additionalProperties === false)) {
        return { message: `${where} has no field "${segment}"`, candidates: Object.keys(properties) };
      } else {
        return undefined;
      }
    } else if (typeof type === "string") {
      const what = type === "string" ? "plain text" : `${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`;
      return { message: `${where} is ${what}, so it has no field "${segment}"`, candidates: [] };
    } else {
      return undefined;
    }
    where = `${where}.${segment}`;
  }
  return undefined;
}
