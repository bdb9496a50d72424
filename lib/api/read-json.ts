import type { z } from "zod";
import { AppError, formatPath, invalid, type Issue } from "../errors";
import { textProblem } from "./check-text";
import { API_LIMITS } from "./limits";
import { readCappedBody } from "../net/read-capped";

/** `application/json`, or any `…+json` type (`application/merge-patch+json`). */
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

function pathText(path: (string | number)[]): string {
  const shown = path.length > 6 ? [...path.slice(0, 6)] : path;
  return (formatPath(shown) || "(body)") + (path.length > 6 ? "…" : "");
}

/**
 * Checks a parsed JSON value without recursion (so a hostile body cannot overflow the stack):
 * nesting no deeper than `maxJsonDepth`, and no NUL or lone surrogate in any string or key.
 * Returns every problem with the path of the field (at most 20).
 *
 * @example checkJsonValue({ name: "a\u0000" }) // [{ path: "name", message: "must not contain …" }]
 */
export function checkJsonValue(value: unknown, maxDepth: number = API_LIMITS.maxJsonDepth): Issue[] {
  const issues: Issue[] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length && issues.length < 20) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === "string") {
      const problem = textProblem(v);
      if (problem) issues.push({ path: pathText(path), message: problem });
      continue;
    }
    if (!v || typeof v !== "object") continue;
    if (path.length >= maxDepth) {
      issues.push({ path: pathText(path), message: `is nested more than ${maxDepth} levels deep (the limit for JSON bodies)` });
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: [...path, i] });
      continue;
    }
    const entries = Object.entries(v);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      const problem = textProblem(key);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what is replaced here
      if (problem) issues.push({ path: pathText([...path, key.replace(/[\u0000\ud800-\udfff]/g, "\ufffd")]), message: `has a key that ${problem}` });
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return issues;
}

async function readLimitedText(req: Request, maxBytes: number): Promise<string> {
  const bytes = await readCappedBody(req, maxBytes, () =>
    new AppError("payload_too_large", `The request body is larger than ${maxBytes} bytes (1 MiB), the limit for JSON bodies.`, undefined, { details: { maxBytes } }),
  );
  return decodeUtf8(bytes);
}

/** Bytes as UTF-8 text; 400 `invalid_json` when they are not. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("invalid_json", "The request body is not valid UTF-8.");
  }
}

/** 415 naming `content-type` unless the request says it is JSON (`application/json`, `application/*+json`). */
export function assertJsonContentType(req: Request): void {
  const type = req.headers.get("content-type") ?? "";
  if (!JSON_TYPE.test(type)) {
    throw new AppError(
      "unsupported_media_type",
      `The request body must be JSON, sent with "content-type: application/json" (it was ${type ? `"${type.slice(0, 100)}"` : "not given"}).`,
      [{ path: "content-type", message: "must be application/json" }],
    );
  }
}

/** JSON text as a value: 400 when malformed, 422 naming the field for nesting deeper than 64 levels, NUL or a lone surrogate. */
export function parseJsonText(text: string): unknown {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new AppError("invalid_json", `The request body is not valid JSON: ${(err as Error).message.slice(0, 200)}`);
  }
  const issues = checkJsonValue(data);
  if (issues.length) throw new AppError("validation_failed", `Invalid input: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
  return data;
}

/**
 * Reads a JSON request body within the API's limits: a body with another content type is a
 * 415, one over 1 MiB a 413, malformed JSON a 400, and nesting deeper than 64 levels or a
 * string with NUL or a lone surrogate a 422 naming the field. An empty body reads as `{}`.
 *
 * @example const data = await readJsonBody(req); // unknown, within the limits
 */
export async function readJsonBody(req: Request): Promise<unknown> {
  const text = await readLimitedText(req, API_LIMITS.maxBodyBytes);
  if (!text.trim()) return {};
  assertJsonContentType(req);
  return parseJsonText(text);
}

/**
 * Parses a JSON body (see {@link readJsonBody}) against a schema: a mismatch is a 422 naming
 * each field.
 *
 * @example const { name } = await readJson(req, ZCreateApiKeyRequestSchema);
 */
export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const data = await readJsonBody(req);
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw invalid(parsed.error);
  return parsed.data;
}
