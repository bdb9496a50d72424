/**
 * CEL conditions (router `when`, wait `event.when`, event trigger `when`).
 *
 * Expressions see `input` (the run input) and `nodes` (`nodes.<id>.output`, `nodes.<id>.status`);
 * a wait node's condition also sees `event` (the payload of the awaited event). JSON numbers
 * reach CEL as doubles, as in CEL's own JSON mapping: `nodes.pricing.output.total > 1000`
 * works, arithmetic mixing them with integer literals needs a double literal (`total * 1.0`).
 *
 * Compiled expressions are cached because the same few conditions run for every run.
 */
import { Environment, type ASTNode } from "@marcbachmann/cel-js";

/**
 * Variables a condition may use, depending on where it sits: `graph` (routers) sees `input`
 * and `nodes`; `event` (wait nodes) also sees `event`; `trigger` (event triggers, evaluated
 * before a run exists) sees only `event`.
 */
export type TConditionScope = "graph" | "event" | "trigger";

/** A `nodes.<id>…` or `input.…` path a condition reads, as far as it is static. */
export interface TConditionRef {
  root: "input" | "nodes" | "event";
  path: string[];
}

/** Data a condition is evaluated against. */
export interface TConditionContext {
  input?: unknown;
  nodes?: Record<string, { output?: unknown; status?: string } | undefined>;
  event?: unknown;
}

/** A condition that does not parse, does not type-check, fails, or does not return a boolean. */
export class ConditionError extends Error {
  override readonly name = "ConditionError";
  readonly code = "condition_error" as const;
  constructor(
    message: string,
    readonly expression: string,
  ) {
    super(message);
  }
}

const graphEnvironment = new Environment({ unlistedVariablesAreDyn: false, homogeneousAggregateLiterals: false })
  .registerVariable("input", "dyn")
  .registerVariable("nodes", "dyn");
// clone() freezes the parent, which is what we want: both environments are fixed from here on.
const eventEnvironment = graphEnvironment.clone().registerVariable("event", "dyn");
const triggerEnvironment = new Environment({ unlistedVariablesAreDyn: false, homogeneousAggregateLiterals: false }).registerVariable("event", "dyn");
const environments: Record<TConditionScope, Environment> = { graph: graphEnvironment, event: eventEnvironment, trigger: triggerEnvironment };
const VARIABLES: Record<TConditionScope, string> = { graph: "input and nodes", event: "input, nodes and event", trigger: "event" };

type TCompiled = ReturnType<Environment["parse"]>;

const CACHE_LIMIT = 1_000;
const cache = new Map<string, TCompiled>();

/**
 * Parses and type-checks a condition (cached).
 *
 * @throws ConditionError naming the expression and where it went wrong.
 * @example
 * const check = compileCondition("input.amount > 1000");
 * check({ input: { amount: 5000 } }); // true
 */
export function compileCondition(expression: string, scope: TConditionScope = "graph"): TCompiled {
  const key = `${scope}\u0000${expression}`;
  const hit = cache.get(key);
  if (hit) {
    // Re-insert so the Map's insertion order doubles as least-recently-used order.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  let compiled: TCompiled;
  try {
    compiled = environments[scope].parse(expression);
  } catch (error) {
    throw new ConditionError(`condition "${expression}" does not parse: ${describeCelError(error)}`, expression);
  }
  const checked = compiled.check();
  if (!checked.valid) {
    throw new ConditionError(`condition "${expression}" is invalid: ${describeCelError(checked.error)}${variableHint(scope)}`, expression);
  }
  cache.set(key, compiled);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return compiled;
}

/**
 * Evaluates a condition to a boolean.
 *
 * @throws ConditionError if it does not compile, fails (e.g. a missing key), or is not boolean.
 * @example
 * evaluateCondition("nodes.compliance.output.needsHuman", {
 *   nodes: { compliance: { status: "succeeded", output: { needsHuman: true } } },
 * }); // true
 */
export function evaluateCondition(expression: string, context: TConditionContext, scope?: TConditionScope): boolean {
  const compiled = compileCondition(expression, scope ?? (context.event === undefined ? "graph" : "event"));
  let result: unknown;
  try {
    result = compiled({ input: context.input ?? {}, nodes: context.nodes ?? {}, event: context.event ?? null });
  } catch (error) {
    throw new ConditionError(`condition "${expression}" failed: ${describeCelError(error)}`, expression);
  }
  if (typeof result !== "boolean") {
    throw new ConditionError(
      `condition "${expression}" returned ${describeValue(result)}, not true or false — compare it, e.g. "… == 'yes'"`,
      expression,
    );
  }
  return result;
}

/**
 * Checks a condition without running it and lists the static paths it reads, so validation can
 * match them against the graph.
 *
 * @example
 * checkCondition("nodes.review.output.needsHuman && input.amount > 10.0");
 * // { ok: true, references: [{ root: "nodes", path: ["review", "output", "needsHuman"] }, { root: "input", path: ["amount"] }] }
 * checkCondition("nodes.review.output >");
 * // { ok: false, message: 'condition "nodes.review.output >" does not parse: Unexpected token: EOF (at character 22)' }
 */
export function checkCondition(
  expression: string,
  scope: TConditionScope = "graph",
): { ok: true; references: TConditionRef[] } | { ok: false; message: string } {
  try {
    return { ok: true, references: collectReferences(compileCondition(expression, scope).ast) };
  } catch (error) {
    if (error instanceof ConditionError) return { ok: false, message: error.message };
    throw error;
  }
}

function collectReferences(root: ASTNode): TConditionRef[] {
  const found: TConditionRef[] = [];
  const visit = (node: ASTNode): void => {
    const chain = accessChain(node);
    if (chain && (chain[0] === "input" || chain[0] === "nodes" || chain[0] === "event")) {
      found.push({ root: chain[0], path: chain.slice(1) });
      return;
    }
    for (const child of childNodes(node)) visit(child);
  };
  visit(root);
  return found;
}

/** `nodes.a["output"].x` → `["nodes", "a", "output", "x"]`; undefined if any step is dynamic. */
function accessChain(node: ASTNode): string[] | undefined {
  switch (node.op) {
    case "id":
      return [node.args];
    case ".":
    case ".?": {
      const base = accessChain(node.args[0]);
      return base && [...base, node.args[1]];
    }
    case "[]":
    case "[?]": {
      const [target, index] = node.args;
      if (index.op !== "value" || (typeof index.args !== "string" && typeof index.args !== "bigint")) return undefined;
      const base = accessChain(target);
      return base && [...base, String(index.args)];
    }
    default:
      return undefined;
  }
}

function childNodes(node: ASTNode): ASTNode[] {
  const out: ASTNode[] = [];
  const add = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(add);
    else if (typeof value === "object" && value !== null && "op" in value) out.push(value as ASTNode);
  };
  add(node.args);
  return out;
}

function describeCelError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { summary, range } = error as Error & { summary?: string; range?: { start: number } };
  const text = summary ?? error.message.split("\n")[0]!;
  return range ? `${text} (at character ${range.start + 1})` : text;
}

function variableHint(scope: TConditionScope): string {
  return ` — ${scope === "trigger" ? "trigger conditions" : "conditions"} can use ${VARIABLES[scope]}`;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "bigint") return `the number ${value}`;
  if (typeof value === "object") return Array.isArray(value) ? "a list" : "a map";
  return `the ${typeof value} ${JSON.stringify(value)}`;
}
