/**
 * Turns zod issues into {@link TSpecIssue}s a person can act on: `is required`, `unknown
 * field "need" — did you mean "needs"?`, `unknown node type "agnet" — did you mean "agent"?`,
 * and for unions, the errors of the alternative the author was evidently writing.
 */
import type { core, z } from "zod";
import { issueAt, valueAt, type TIssuePath, type TSpecIssue } from "./issues";
import { didYouMean } from "./suggest";

type TZodIssue = core.$ZodIssue;

/**
 * Translates zod issues for `raw` (the value that was parsed).
 *
 * @param vocabulary field names to suggest for unknown keys (see {@link fieldNamesOf}).
 * @example
 * const result = ZGraphSpec.safeParse(raw);
 * if (!result.success) translateZodIssues(result.error.issues, raw, fieldNamesOf(ZGraphSpec));
 */
export function translateZodIssues(issues: readonly TZodIssue[], raw: unknown, vocabulary: ReadonlySet<string>): TSpecIssue[] {
  const out: TSpecIssue[] = [];
  const add = (issue: TZodIssue, prefix: TIssuePath): void => {
    const path = [...prefix, ...(issue.path as Array<string | number>)];
    const value = valueAt(raw, path);
    switch (issue.code) {
      case "unrecognized_keys":
        for (const key of issue.keys) {
          out.push(issueAt(raw, [...path, key], `unknown field "${key}"${didYouMean(key, vocabulary) || removeHint(key, vocabulary)}`));
        }
        return;
      case "invalid_union": {
        // A discriminated union with an unknown `type` has no branch worth reporting.
        const branch = issue.discriminator === undefined ? bestBranch(issue.errors) : undefined;
        if (branch) {
          for (const inner of branch) add(inner, path);
          return;
        }
        out.push(issueAt(raw, path, describeUnion(issue, value)));
        return;
      }
      default:
        out.push(issueAt(raw, path, describeIssue(issue, value)));
    }
  };
  for (const issue of issues) add(issue, []);
  return out;
}

/**
 * The union alternative whose type matched the value (its issues are all about the value's
 * contents, not its type), if exactly one matched best (fewest issues).
 */
function bestBranch(branches: readonly (readonly TZodIssue[])[]): readonly TZodIssue[] | undefined {
  const matched = branches.filter((issues) => issues.every((i) => i.path.length > 0 || (i.code !== "invalid_type" && i.code !== "invalid_value" && i.code !== "invalid_union")));
  if (matched.length === 0) return undefined;
  const fewest = Math.min(...matched.map((issues) => issues.length));
  const best = matched.filter((issues) => issues.length === fewest);
  return best.length === 1 ? best[0] : undefined;
}

function describeUnion(issue: Extract<TZodIssue, { code: "invalid_union" }>, value: unknown): string {
  const options = "options" in issue && issue.discriminator !== undefined ? issue.options?.map(String) : undefined;
  if (options) {
    const list = options.join(", ");
    if (value === undefined) return `is required — one of ${list}`;
    return `unknown type ${JSON.stringify(value)}${typeof value === "string" ? didYouMean(value, options) : ""} (expected one of ${list})`;
  }
  return value === undefined ? "is required" : issue.message;
}

function describeIssue(issue: TZodIssue, value: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      if (value === undefined) return "is required";
      if (issue.expected === "int") return `must be a whole number (got ${show(value)})`;
      return `must be ${withArticle(issue.expected)} (got ${describeValue(value)})`;
    case "invalid_value": {
      const options = issue.values.map((v) => JSON.stringify(v));
      const hint = typeof value === "string" ? didYouMean(value, issue.values.map(String)) : "";
      return value === undefined ? `is required — one of ${options.join(", ")}` : `must be one of ${options.join(", ")} (got ${show(value)})${hint}`;
    }
    // Keep the schema's own wording where it has one (zod's defaults start "Too small/big").
    case "too_small": {
      const text = issue.message.startsWith("Too small") ? tooSmall(issue.origin, Number(issue.minimum), issue.inclusive ?? true) : issue.message;
      return `${text} (got ${describeSize(value)})`;
    }
    case "too_big": {
      const text = issue.message.startsWith("Too big") ? tooBig(issue.origin, Number(issue.maximum), issue.inclusive ?? true) : issue.message;
      return `${text} (got ${describeSize(value)})`;
    }
    default:
      // Our schemas attach human messages to regexes and refinements; use them as they are.
      return issue.message;
  }
}

function tooSmall(origin: string, minimum: number, inclusive: boolean): string {
  if (origin === "array") return `must have at least ${minimum} item${minimum === 1 ? "" : "s"}`;
  if (origin === "string") return `must be at least ${minimum} character${minimum === 1 ? "" : "s"} long`;
  return `must be ${inclusive ? "at least" : "greater than"} ${minimum}`;
}

function tooBig(origin: string, maximum: number, inclusive: boolean): string {
  if (origin === "array") return `must have at most ${maximum} items`;
  if (origin === "string") return `must be at most ${maximum} characters long`;
  return `must be ${inclusive ? "at most" : "less than"} ${maximum}`;
}

function removeHint(key: string, vocabulary: ReadonlySet<string>): string {
  return vocabulary.has(key) ? ` — "${key}" is not valid here; remove it or move it where it belongs` : " — remove it";
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `${withArticle(typeof value)} ${show(value)}`;
}

function describeSize(value: unknown): string {
  if (Array.isArray(value)) return `${value.length} item${value.length === 1 ? "" : "s"}`;
  if (typeof value === "string") return `${value.length} character${value.length === 1 ? "" : "s"}`;
  return show(value);
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function withArticle(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/**
 * Every object key declared anywhere in a schema: the candidates for "did you mean".
 *
 * @example
 * fieldNamesOf(z.object({ needs: z.array(z.string()) })); // Set { "needs" }
 */
export function fieldNamesOf(schema: z.ZodType): Set<string> {
  const names = new Set<string>();
  const seen = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    const def = (node as { def?: Record<string, unknown> }).def;
    if (!def) return;
    if (def.shape && typeof def.shape === "object") {
      for (const [key, child] of Object.entries(def.shape)) {
        names.add(key);
        visit(child);
      }
    }
    for (const key of ["innerType", "element", "valueType", "in", "out"]) visit(def[key]);
    if (Array.isArray(def.options)) def.options.forEach(visit);
  };
  visit(schema);
  return names;
}
