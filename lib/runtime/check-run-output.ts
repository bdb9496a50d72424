import type { TGraphSpec } from "../graphs/spec/schema";
import { validateJsonSchema } from "../json-schema";

/**
 * The graph's `output` JSON Schema checked against the run's result: null when it holds (or
 * the graph has none), else the run's error, code `output_invalid`, naming each failing path.
 *
 * @example
 * checkRunOutput({ output: { type: "object", required: ["total"] } } as TGraphSpec, {});
 * // { code: "output_invalid", message: "The run's result does not match the graph's output schema: output must have required property 'total'", issues: [...] }
 */
export function checkRunOutput(spec: Pick<TGraphSpec, "output">, output: unknown) {
  if (!spec.output) return null;
  const issues = validateJsonSchema(spec.output, output ?? null, "output");
  if (!issues.length) return null;
  return {
    code: "output_invalid",
    reason: "output_invalid",
    message: `The run's result does not match the graph's output schema: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`,
    issues,
  };
}
