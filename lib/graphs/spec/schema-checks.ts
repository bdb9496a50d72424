/**
 * Checks of the JSON Schemas a spec holds: the graph's `input` and `output`, an agent's or a
 * supervisor's `output`. Each must be a JSON Schema (2020-12) whose references resolve, or a
 * run would validate nothing (`{"type":"object","properties":5}` accepts anything) or fail
 * when it reaches the node.
 */
import { jsonSchemaProblems } from "../../json-schema";
import { issueAt, type TIssuePath, type TSpecIssue } from "./issues";
import { isPlainObject } from "./json";

/**
 * Issues for every schema in the spec as received (so a node that fails elsewhere still has its
 * schema checked).
 *
 * @example
 * checkSchemas({ name: "x", nodes: [{ id: "a", type: "agent", output: { type: "object", properties: 5 } }] });
 * // [{ path: "nodes[0] (a).output.properties", message: "…: is not a valid JSON Schema: must be an object" }]
 */
export function checkSchemas(raw: Record<string, unknown>): TSpecIssue[] {
  const issues: TSpecIssue[] = [];
  const check = (path: TIssuePath, schema: unknown) => {
    if (!isPlainObject(schema)) return; // the shape check reports a non-object
    for (const problem of jsonSchemaProblems(schema)) {
      issues.push(issueAt(raw, [...path, ...problem.path], `is not a valid JSON Schema (2020-12): ${problem.message}`));
    }
  };
  check(["input"], raw.input);
  check(["output"], raw.output);
  if (Array.isArray(raw.nodes)) {
    raw.nodes.forEach((node: unknown, i) => {
      if (!isPlainObject(node)) return;
      if (node.type === "agent" || node.type === "supervisor") check(["nodes", i, "output"], node.output);
      if (node.type === "supervisor" && Array.isArray(node.agents)) {
        node.agents.forEach((agent: unknown, j) => {
          if (isPlainObject(agent)) check(["nodes", i, "agents", j, "output"], agent.output);
        });
      }
    });
  }
  return issues;
}
