/**
 * Validates values against a JSON Schema, with issues named by path. Uses zod 4's
 * `z.fromJSONSchema` (zod is already the product's validation library, so no second
 * validator is needed); it covers the keywords output and tool schemas use in practice.
 */
import { z } from "zod";
import type { OutputIssue } from "./errors";
import type { JsonSchema } from "./types";

/** The outcome of validating one value. */
export type ValidationOutcome = { ok: true } | { ok: false; issues: OutputIssue[] };

/** A compiled schema: call it with a value. */
export type JsonSchemaValidator = (value: unknown) => ValidationOutcome;

/**
 * Compiles `schema` once for repeated validation.
 *
 * @throws {Error} when the schema itself is not valid JSON Schema (the message says which).
 *
 * @example
 * const validate = compileJsonSchema({ type: "object", properties: { n: { type: "number" } }, required: ["n"] });
 * validate({ n: "1" }); // { ok: false, issues: [{ path: "n", message: "Invalid input: expected number, received string" }] }
 */
export function compileJsonSchema(schema: JsonSchema, what = "JSON Schema"): JsonSchemaValidator {
  let compiled: z.ZodType;
  try {
    compiled = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (err) {
    throw new Error(`The ${what} cannot be used: ${(err as Error).message}. Check it against JSON Schema draft 2020-12.`);
  }
  return (value) => {
    const parsed = compiled.safeParse(value);
    if (parsed.success) return { ok: true };
    return { ok: false, issues: parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })) };
  };
}

/** `lines[0].sku`, or `(root)` for the value itself. */
function formatPath(path: readonly PropertyKey[]): string {
  const text = path.reduce<string>(
    (acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)),
    "",
  );
  return text || "(root)";
}
