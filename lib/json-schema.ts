import Ajv, { type ErrorObject } from "ajv";
import addFormats from "ajv-formats";
import type { Issue } from "./errors";

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const cache = new Map<string, ReturnType<typeof ajv.compile>>();

function toIssue(prefix: string, e: ErrorObject): Issue {
  const where = e.instancePath.replace(/^\//, "").replace(/\/(\d+)(?=\/|$)/g, "[$1]").replace(/\//g, ".");
  const path = [prefix, where].filter(Boolean).join(".") || prefix || "(value)";
  const missing = e.keyword === "required" ? ` "${(e.params as { missingProperty: string }).missingProperty}"` : "";
  return { path, message: `${e.message ?? "is invalid"}${missing}` };
}

/**
 * Validates a value against a JSON Schema; returns issues whose paths start
 * with `prefix` (e.g. `input.supplier`). Compiled schemas are cached.
 */
export function validateJsonSchema(schema: object, value: unknown, prefix = ""): Issue[] {
  const key = JSON.stringify(schema);
  let validate = cache.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    if (cache.size > 500) cache.clear();
    cache.set(key, validate);
  }
  return validate(value) ? [] : (validate.errors ?? []).map((e) => toIssue(prefix, e));
}
