import Ajv2020, { type ErrorObject } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import type { Issue } from "./errors";

/** Schemas are JSON Schema 2020-12, the draft structured outputs and OpenAPI 3.1 use. */
const ajv = new Ajv2020({ allErrors: true, strict: false });
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

/** A problem with a schema itself: where in the schema (keys and indexes) and what is wrong. */
export interface TSchemaProblem {
  path: Array<string | number>;
  message: string;
}

/**
 * Checks that `schema` is a JSON Schema (2020-12) that can be used: it matches the meta-schema,
 * and its references resolve. Returns one problem per place, first problem first.
 * Walks the schema recursively: bound its depth before calling this on untrusted input.
 *
 * @example
 * jsonSchemaProblems({ type: "object", properties: 5 });
 * // [{ path: ["properties"], message: "must be an object" }]
 */
export function jsonSchemaProblems(schema: unknown): TSchemaProblem[] {
  if (typeof schema !== "boolean" && (typeof schema !== "object" || schema === null || Array.isArray(schema))) {
    return [{ path: [], message: "must be a JSON Schema object" }];
  }
  if (!ajv.validateSchema(schema as object)) {
    const byPlace = new Map<string, ErrorObject>();
    for (const error of ajv.errors ?? []) {
      // anyOf/oneOf summaries repeat what the branch errors already said
      if (error.keyword === "anyOf" || error.keyword === "oneOf") continue;
      if (!byPlace.has(error.instancePath)) byPlace.set(error.instancePath, error);
    }
    return [...byPlace.values()].map((error) => ({ path: pointerSegments(error.instancePath), message: schemaErrorMessage(error) }));
  }
  try {
    ajv.compile(schema as object);
  } catch (error) {
    return [{ path: [], message: `cannot be used: ${(error as Error).message}` }];
  }
  return [];
}

function schemaErrorMessage(error: ErrorObject): string {
  const message = (error.message ?? "is invalid").replace(/^must be (object|array|string|boolean|number|integer)$/, (_m, type: string) => `must be ${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`);
  if (error.keyword === "enum") {
    const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues ?? [];
    return `must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return message;
}

function pointerSegments(pointer: string): Array<string | number> {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((part) => (/^(0|[1-9]\d*)$/.test(part) ? Number(part) : part));
}
