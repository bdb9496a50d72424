/**
 * Reads a model's final answer as structured output: JSON (tolerating the Markdown fences some
 * models wrap it in), then validated against the node's schema.
 */
import type { OutputIssue } from "./errors";
import type { JsonSchemaValidator } from "./json-schema-validator";

/** The parsed value, or the issues to send back in a repair request. */
export type StructuredOutcome = { ok: true; value: unknown } | { ok: false; issues: OutputIssue[] };

/**
 * Parses and validates `text`.
 *
 * @example
 * parseStructuredOutput('```json\n{"ok":true}\n```', validate); // { ok: true, value: { ok: true } }
 */
export function parseStructuredOutput(text: string, validate: JsonSchemaValidator): StructuredOutcome {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/i.exec(text);
  const json = (fenced?.[1] ?? text).trim();
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    const reason = json === "" ? "the answer was empty" : `it is not valid JSON (${(err as Error).message})`;
    return { ok: false, issues: [{ path: "(root)", message: `Expected a JSON value matching the schema, but ${reason}` }] };
  }
  const outcome = validate(value);
  return outcome.ok ? { ok: true, value } : outcome;
}
