import "server-only";
import { AppError } from "../errors";
import { compileJsonSchema } from "../runtime/agent/json-schema-validator";
import type { JsonSchema } from "../runtime/agent/types";

/**
 * An escalation approved with an edited output: the output stands in for a supervisor's answer
 * or a sub-agent's result, so it must match the schema that one answers in (kept on the item as
 * `context.outputSchema` when it was opened). A mismatch is a 422 naming each field, before the
 * decision is recorded, rather than a run that fails later on it. Items without a schema take
 * any output.
 *
 * @example
 * checkEditedOutput({ outputSchema: { type: "object", required: ["vendor"] } }, {}); // throws: output.vendor: …
 */
export function checkEditedOutput(context: unknown, output: unknown): void {
  const schema = context && typeof context === "object" && !Array.isArray(context) ? (context as { outputSchema?: unknown }).outputSchema : undefined;
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) return;
  let outcome: ReturnType<ReturnType<typeof compileJsonSchema>>;
  try {
    outcome = compileJsonSchema(schema as JsonSchema, "output schema")(output);
  } catch {
    // a schema the graph's validation let through but that cannot be compiled: nothing to check against
    return;
  }
  if (outcome.ok) return;
  const issues = outcome.issues.slice(0, 20).map((i) => ({ path: i.path === "(root)" || !i.path ? "output" : `output.${i.path}`, message: i.message }));
  throw new AppError("validation_failed", `The edited output does not match the output schema it stands in for: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
}
