/**
 * `{{…}}` templates in graph specs.
 *
 * A tag is a dotted path under one of these roots:
 * - `input.<path>`: the run's input;
 * - `nodes.<id>.output.<path>` (also `nodes.<id>.status`): results of upstream nodes;
 * - `secrets.<NAME>`: a workspace secret, resolved through a callback so the spec never holds it;
 * - `run.<field>`: facts about the run (`run.id`, …);
 * - `item` / `item.<path>` and `index`: the current item of a map node and its position (from
 *   0), only inside the map's `agent` and `graph.input`;
 * - `event.<path>`: what a trigger received (a webhook delivery, an e-mail, an event, a cron
 *   slot, a watched response), only inside a trigger's `input` mapping.
 *
 * Path segments are names (`items`, `content-type`) or list indexes (`items.0`, `items[0]`).
 * There are no expressions on purpose: logic belongs in CEL conditions and agents, and a plain
 * path is something validation can check against the graph before a run starts. One filter
 * writes an amount for people, since titles and messages are read by them:
 * `{{nodes.intake.output.total | money: nodes.intake.output.currency}}` → "€6,226.08" (the
 * currency a path or a literal code, `| money: EUR`; dollars when omitted, `| money`).
 *
 * A string that is exactly one tag renders to the raw value (object, number, …), so
 * `"body": "{{nodes.intake.output}}"` passes an object through; a tag embedded in text renders
 * as text (objects as JSON, `null` as an empty string).
 */
import { formatMoney } from "../../format/money";
import { isPlainObject } from "./json";

/** Roots a template path may start with. */
export const TEMPLATE_ROOTS = ["input", "nodes", "secrets", "run", "item", "index", "event"] as const;
/** Roots that only a map node's per-item fields may use. */
export const MAP_ITEM_ROOTS: readonly TTemplateRoot[] = ["item", "index"];
export type TTemplateRoot = (typeof TEMPLATE_ROOTS)[number];

/** Fields of `{{run.<field>}}` the runtime provides. */
export const RUN_FIELDS = ["id", "graph", "version", "startedAt", "customerKey"] as const;

/** One `{{…}}` tag. */
export interface TTemplateRef {
  root: TTemplateRoot;
  /** Segments after the root: for `nodes.a.output.x[0]` → `["a", "output", "x", "0"]`. */
  path: string[];
  /** The tag as written, braces included, for error messages. */
  tag: string;
  /** `| money[: currency]`: the value written as an amount of money (a path's currency or a literal code). */
  money?: { currency: string | TTemplateRef };
}

/** A parsed template: literal text and tags in order. */
export type TTemplatePart = { kind: "text"; text: string } | ({ kind: "ref" } & TTemplateRef);

/** What a template renders against. */
export interface TTemplateContext {
  input?: unknown;
  /** Results of finished nodes by id. Skipped and failed nodes render as `null`. */
  nodes?: Record<string, { output?: unknown; status?: string } | undefined>;
  /** Facts about the run; see {@link RUN_FIELDS}. */
  run?: Record<string, unknown>;
  /** Resolves `{{secrets.NAME}}`; `undefined` means the secret is not set. */
  secret?: (name: string) => string | undefined;
  /** A map node's current item and its position, inside its per-item fields. */
  map?: { item: unknown; index: number };
  /** What a trigger received (a webhook delivery, an e-mail, an event…), inside a trigger's `input` mapping. */
  event?: unknown;
}

/** A template that cannot be parsed or rendered. `tag` is the offending tag, if any. */
export class TemplateError extends Error {
  override readonly name = "TemplateError";
  readonly code = "template_error" as const;
  constructor(
    message: string,
    readonly template: string,
    readonly tag?: string,
  ) {
    super(message);
  }
}

// An escaped opener, a whole tag, or an opener that is never closed, in that order of priority.
const TOKEN = /\\\{\{|\{\{([\s\S]*?)\}\}|\{\{/g;
const SEGMENT = /^[A-Za-z0-9_-]+$/;
const SYNTAX_HINT = "use input.<field>, nodes.<id>.output.<path>, secrets.<NAME> or run.id";

/**
 * Splits a template into text and tags. `\{{` writes a literal `{{` (for prompts that show
 * template syntax to a model).
 *
 * @throws TemplateError on an unclosed `{{` or a tag that is not a valid path.
 * @example
 * parseTemplate("Hi {{input.name}}!");
 * // [{ kind: "text", text: "Hi " }, { kind: "ref", root: "input", path: ["name"], tag: "{{input.name}}" }, { kind: "text", text: "!" }]
 */
export function parseTemplate(template: string): TTemplatePart[] {
  const parts: TTemplatePart[] = [];
  const pushText = (text: string) => {
    if (!text) return;
    const previous = parts[parts.length - 1];
    if (previous?.kind === "text") previous.text += text;
    else parts.push({ kind: "text", text });
  };
  let last = 0;
  for (const match of template.matchAll(TOKEN)) {
    pushText(template.slice(last, match.index));
    last = match.index + match[0].length;
    if (match[0] === "\\{{") pushText("{{");
    else if (match[1] !== undefined) parts.push({ kind: "ref", ...parseTag(template, match[0], match[1]) });
    else throw new TemplateError(`"{{" is never closed — close it with "}}" (write \\{{ for a literal "{{")`, template);
  }
  pushText(template.slice(last));
  return parts;
}

const CURRENCY_CODE = /^[A-Z]{3}$/;

function parseTag(template: string, tag: string, inner: string): TTemplateRef {
  const [pathText, ...filters] = inner.split("|");
  const ref = parsePath(template, tag, pathText!);
  if (!filters.length) return ref;
  const [name, ...args] = filters.length === 1 ? filters[0]!.split(":") : [""];
  if (name!.trim() !== "money" || args.length > 1) {
    throw new TemplateError(`${tag}: the only filter is "money", as in {{nodes.intake.output.total | money: EUR}} or | money: <path of the currency>`, template, tag);
  }
  const arg = args[0]?.trim() ?? "";
  const currency = arg === "" ? "USD" : CURRENCY_CODE.test(arg) ? arg : parsePath(template, tag, arg);
  return { ...ref, money: { currency } };
}

function parsePath(template: string, tag: string, inner: string): TTemplateRef {
  const body = inner.trim();
  // `items[0]` and `items.0` mean the same; normalise before splitting.
  const segments = body.replace(/\[(\d+)\]/g, ".$1").split(".");
  const [root, ...path] = segments;
  if (!body || !segments.every((s) => SEGMENT.test(s))) {
    throw new TemplateError(`${tag} is not a valid reference — ${SYNTAX_HINT}`, template, tag);
  }
  if (!(TEMPLATE_ROOTS as readonly string[]).includes(root!)) {
    throw new TemplateError(`${tag} starts with unknown "${root}" — ${SYNTAX_HINT}`, template, tag);
  }
  if (root === "index" && path.length) {
    throw new TemplateError(`${tag}: index is the item's position, a number, so it has no fields`, template, tag);
  }
  if (path.length === 0) {
    if (root === "input" || root === "item" || root === "index") return { root, path, tag };
    throw new TemplateError(`${tag} is incomplete — ${SYNTAX_HINT}`, template, tag);
  }
  if (root === "secrets" && path.length !== 1) {
    throw new TemplateError(`${tag} must name one secret, e.g. {{secrets.API_KEY}}`, template, tag);
  }
  return { root: root as TTemplateRoot, path, tag };
}

/**
 * The tags of a template, e.g. to check them against the graph or prefetch secrets.
 *
 * @throws TemplateError on invalid syntax (see {@link parseTemplate}).
 * @example
 * extractReferences("{{secrets.KEY}} for {{nodes.intake.output.supplier}}").map((r) => r.root);
 * // ["secrets", "nodes"]
 */
export function extractReferences(template: string): TTemplateRef[] {
  return parseTemplate(template).flatMap((part) => {
    if (part.kind !== "ref") return [];
    const currency = part.money?.currency;
    return [{ root: part.root, path: part.path, tag: part.tag }, ...(currency && typeof currency !== "string" ? [{ root: currency.root, path: currency.path, tag: currency.tag }] : [])];
  });
}

/**
 * Renders one template string. A string that is exactly one tag yields the raw value.
 *
 * @throws TemplateError naming the tag and the missing part of its path.
 * @example
 * renderTemplate("{{input.amount}}", { input: { amount: 12 } }); // 12
 * renderTemplate("Total: {{input.amount}} USD", { input: { amount: 12 } }); // "Total: 12 USD"
 */
export function renderTemplate(template: string, context: TTemplateContext): unknown {
  const parts = parseTemplate(template);
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.kind === "ref" && !only.money) return resolve(template, only, context);
  return parts.map((part) => (part.kind === "text" ? part.text : part.money ? money(template, part, part.money.currency, context) : stringify(resolve(template, part, context)))).join("");
}

/** A `| money` tag: the amount in its currency ("€6,226.08"); empty for a null amount (a skipped branch). */
function money(template: string, ref: TTemplateRef, currency: string | TTemplateRef, context: TTemplateContext): string {
  const amount = resolve(template, ref, context);
  if (amount === null) return "";
  const n = typeof amount === "number" ? amount : typeof amount === "string" && amount.trim() !== "" ? Number(amount) : Number.NaN;
  if (!Number.isFinite(n)) throw new TemplateError(`${ref.tag}: money needs a number, and ${ref.root}.${ref.path.join(".")} is ${describe(amount)}`, template, ref.tag);
  const code = typeof currency === "string" ? currency : resolve(template, currency, context);
  return formatMoney(n, typeof code === "string" ? code : "USD");
}

/**
 * Renders every string inside a JSON value (object keys are left alone).
 *
 * @example
 * renderValue({ supplier: "{{nodes.intake.output.supplier}}", n: 1 }, { nodes: { intake: { output: { supplier: "Acme" } } } });
 * // { supplier: "Acme", n: 1 }
 */
export function renderValue(value: unknown, context: TTemplateContext): unknown {
  if (typeof value === "string") return renderTemplate(value, context);
  if (Array.isArray(value)) return value.map((item) => renderValue(item, context));
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renderValue(item, context)]));
  }
  return value;
}

function resolve(template: string, ref: TTemplateRef, context: TTemplateContext): unknown {
  const fail = (message: string) => new TemplateError(`${ref.tag}: ${message}`, template, ref.tag);
  switch (ref.root) {
    case "secrets": {
      const name = ref.path[0]!;
      const value = context.secret?.(name);
      if (value === undefined) throw fail(`secret "${name}" is not set — add it in the workspace settings`);
      return value;
    }
    case "nodes": {
      const [id, ...rest] = ref.path as [string, ...string[]];
      const result = context.nodes?.[id];
      if (result === undefined) {
        throw fail(`node "${id}" has no result yet — list "${id}" in this node's needs`);
      }
      // A skipped branch or a failed node with onError "continue" has no output; rendering null
      // lets a join after a router read whichever branch ran. Its status is still readable.
      if ((result.status === "skipped" || result.status === "failed") && rest[0] !== "status") return null;
      return walk(result, rest, ["nodes", id], fail);
    }
    case "input":
      return walk(context.input, ref.path, ["input"], fail);
    case "run":
      return walk(context.run, ref.path, ["run"], fail);
    case "event":
      if (context.event === undefined) throw fail("event is only set inside a trigger's input mapping (what the trigger received)");
      return walk(context.event, ref.path, ["event"], fail);
    case "item":
    case "index":
      if (!context.map) throw fail(`${ref.root} is only set inside a map node's agent and graph.input`);
      return ref.root === "index" ? context.map.index : walk(context.map.item, ref.path, ["item"], fail);
  }
}

function walk(start: unknown, path: readonly string[], prefix: string[], fail: (m: string) => TemplateError): unknown {
  let value = start;
  const seen = [...prefix];
  for (const segment of path) {
    const here = seen.join(".");
    if (Array.isArray(value)) {
      const index = Number(segment);
      if (!/^\d+$/.test(segment)) throw fail(`${here} is a list; use an index such as ${here}.0`);
      if (index >= value.length) throw fail(`${here} has ${value.length} item(s), so there is no index ${index}`);
      value = value[index];
    } else if (isPlainObject(value)) {
      if (!Object.hasOwn(value, segment)) {
        const keys = Object.keys(value);
        throw fail(`${here} has no "${segment}"${keys.length ? ` (it has: ${keys.join(", ")})` : " (it is empty)"}`);
      }
      value = value[segment];
    } else {
      throw fail(`cannot read "${segment}" of ${here}, which is ${describe(value)}`);
    }
    seen.push(segment);
  }
  if (value === undefined) throw fail(`${seen.join(".")} is not set`);
  return value;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "not set";
  return `a ${typeof value} (${JSON.stringify(value)})`;
}

function stringify(value: unknown): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
