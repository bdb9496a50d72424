/**
 * CEL expressions from function configs (trigger `expression`, waitForEvent `if`,
 * cancelOn `if`, concurrency/throttle/rateLimit/debounce/batch `key`, `idempotency`,
 * `priority.run`), evaluated with @marcbachmann/cel-js. Compiled once and cached.
 */
import { parse } from "@marcbachmann/cel-js";

type Compiled = ReturnType<typeof parse>;
const cache = new Map<string, Compiled>();

function compile(expr: string): Compiled {
  let c = cache.get(expr);
  if (!c) {
    c = parse(expr);
    if (cache.size > 5000) cache.clear();
    cache.set(expr, c);
  }
  return c;
}

/** Throws a developer-facing error when an expression does not parse. */
export function checkExpression(expr: string): void {
  try {
    compile(expr);
  } catch (err) {
    throw new Error(`Invalid CEL expression ${JSON.stringify(expr)}: ${(err as Error).message}`);
  }
}

/** Evaluates an expression; a runtime error (e.g. a missing key) yields `undefined`. */
export function evaluate(expr: string, vars: Record<string, unknown>): unknown {
  try {
    const v = compile(expr)(vars);
    return typeof v === "bigint" ? Number(v) : v;
  } catch {
    return undefined;
  }
}

/** True only when the expression evaluates to `true` (errors and non-booleans are false). */
export function matches(expr: string | null | undefined, vars: Record<string, unknown>): boolean {
  if (!expr) return true;
  return evaluate(expr, vars) === true;
}

/**
 * A key for flow control: the value as a string (`""` when the expression fails,
 * so all such events share one key rather than being dropped).
 */
export function evaluateKey(expr: string | null | undefined, vars: Record<string, unknown>): string {
  if (!expr) return "";
  const v = evaluate(expr, vars);
  if (v === undefined || v === null) return "";
  return typeof v === "string" ? v : JSON.stringify(v);
}
