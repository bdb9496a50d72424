import type { z } from "zod";
import { AppError, invalid, type Issue } from "../errors";
import { textProblem } from "./check-text";
import { API_LIMITS } from "./limits";

/**
 * Checks what every route receives before its handler runs: the query string's length and
 * text, and each path segment (`:id`, `:name`) — no longer than 200 characters, no NUL, no
 * lone surrogate. Problems are a 414 or a 400 naming the parameter.
 *
 * @example checkRequestShape(req, { id: "run_01…" }); // throws AppError when refused
 */
export function checkRequestShape(req: Request, params: Record<string, unknown>): void {
  const url = new URL(req.url);
  const query = url.search.replace(/^\?/, "");
  if (query.length > API_LIMITS.maxQueryLength) {
    throw new AppError("uri_too_long", `The query string is ${query.length} characters long; the limit is ${API_LIMITS.maxQueryLength}.`, [
      { path: "(query)", message: `must be at most ${API_LIMITS.maxQueryLength} characters` },
    ]);
  }
  const issues: Issue[] = [];
  for (const [key, value] of url.searchParams) {
    const problem = textProblem(key) ?? textProblem(value);
    if (problem) issues.push({ path: textProblem(key) ? "(query)" : key, message: problem });
  }
  for (const [name, raw] of Object.entries(params)) {
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      if (typeof value !== "string") continue;
      const problem = value.length > API_LIMITS.maxPathParamLength ? `must be at most ${API_LIMITS.maxPathParamLength} characters` : textProblem(value);
      if (problem) issues.push({ path: name, message: problem });
    }
  }
  if (issues.length) throw new AppError("bad_request", `Invalid request: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
}

/**
 * Parses the query string against a schema: a mismatch is a 422 naming each parameter.
 *
 * @example const q = readQuery(req, ZListRunsQuerySchema);
 */
export function readQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw invalid(parsed.error, "query");
  return parsed.data;
}
