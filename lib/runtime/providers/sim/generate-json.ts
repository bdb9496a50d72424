/**
 * Schema-driven JSON for the simulated provider: a value that validates against a JSON Schema
 * (draft 7 / 2020-12 keywords the product's specs use), filled from the prompt where a
 * property's name appears in it and otherwise with plausible, deterministic values.
 *
 * Supported: `type` (also as a list), `properties`/`required`, `items`/`prefixItems`,
 * `minItems`/`maxItems`, `enum`, `const`, `anyOf`/`oneOf` (the first non-null branch),
 * `allOf` (object branches merged), local `$ref` (`#/$defs/…`, `#/definitions/…`), string
 * `format` (date, date-time, time, email, uri, uuid), `minLength`/`maxLength`, number bounds
 * and `multipleOf`. `pattern` cannot be satisfied in general and is ignored.
 *
 * Values agree with the text (see `read-business.ts`): a `currency` is the one the text uses,
 * line items (`quantity` + `unitPrice`) are the lines the text lists, `subtotal + tax = total`,
 * and a decision enum follows what was decided upstream (or what the upstream data supports),
 * with a next-step enum beside it that fits the decision.
 */
import { extractBoolean, extractField, extractNumber } from "./extract-field";
import { asCurrencyCode, detectCurrency, enumFromStatement, followingValue, judgeVerdict, parseLineItems, verdictOf, type LineItem } from "./read-business";
import type { SeededRandom } from "./seeded-random";

/** A JSON Schema document (kept loose: specs store schemas as plain JSON). */
export type JsonSchema = { [key: string]: unknown };

/** Inputs that make generation deterministic and grounded. */
export interface GenerateJsonContext {
  random: SeededRandom;
  /** Text to draw field values from: the prompt and any tool results. */
  source: string;
  /** Words to build sentences from when the source has no value for a field. */
  keywords: readonly string[];
}

const MAX_DEPTH = 8;

/**
 * A value that validates against `schema`.
 *
 * @example
 * generateJson(
 *   { type: "object", properties: { supplier: { type: "string" } }, required: ["supplier"] },
 *   { random: createSeededRandom("x"), source: "supplier: ACME Corp", keywords: [] },
 * ); // { supplier: "ACME Corp" }
 */
export function generateJson(schema: JsonSchema, context: GenerateJsonContext): unknown {
  return generate(schema, "", context, schema, 0);
}

function generate(schema: JsonSchema, name: string, ctx: GenerateJsonContext, root: JsonSchema, depth: number): unknown {
  if (typeof schema.$ref === "string") {
    const target = resolveRef(root, schema.$ref);
    return depth > MAX_DEPTH ? null : generate({ ...target, ...omit(schema, "$ref") }, name, ctx, root, depth + 1);
  }
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return pickEnum(schema.enum, name, ctx);
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(branches) && branches.length > 0) {
    const branch = branches.find((b) => b.type !== "null") ?? branches[0]!;
    return generate({ ...omit(schema, "anyOf", "oneOf"), ...branch }, name, ctx, root, depth + 1);
  }
  if (Array.isArray(schema.allOf)) {
    return generate(mergeAllOf(schema, root), name, ctx, root, depth + 1);
  }

  switch (typeOf(schema)) {
    case "object":
      return depth > MAX_DEPTH ? {} : generateObject(schema, ctx, root, depth);
    case "array":
      return depth > MAX_DEPTH ? [] : generateArray(schema, name, ctx, root, depth);
    case "string":
      return generateString(schema, name, ctx);
    case "integer":
      return generateNumber(schema, name, ctx, true);
    case "number":
      return generateNumber(schema, name, ctx, false);
    case "boolean":
      return extractBoolean(name, ctx.source) ?? ctx.random.next() < 0.5;
    case "null":
      return null;
    default:
      return generateString({}, name, ctx);
  }
}

function typeOf(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return (schema.type as string[]).find((t) => t !== "null") ?? "null";
  if (typeof schema.type === "string") return schema.type;
  if (schema.properties) return "object";
  if (schema.items || schema.prefixItems) return "array";
  return undefined;
}

function generateObject(schema: JsonSchema, ctx: GenerateJsonContext, root: JsonSchema, depth: number) {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema | boolean>;
  const result: Record<string, unknown> = {};
  for (const [key, sub] of Object.entries(properties)) {
    if (sub === false) continue;
    result[key] = generate(sub === true ? {} : sub, key, ctx, root, depth + 1);
  }
  reconcileAmounts(result, properties, ctx);
  followDecision(result, properties, ctx);
  return result;
}

/** `subtotal + tax = total`, keeping whichever of them the text states. */
function reconcileAmounts(result: Record<string, unknown>, properties: Record<string, JsonSchema | boolean>, ctx: GenerateJsonContext) {
  const key = (name: string) => Object.keys(properties).find((k) => k.toLowerCase() === name && typeof result[k] === "number");
  const [subtotalKey, taxKey, totalKey] = [key("subtotal"), key("tax"), key("total")];
  if (!subtotalKey || !taxKey || !totalKey) return;
  const stated = (k: string) => extractNumber(k, ctx.source) === result[k];
  const cents = (n: number) => Math.round(n * 100) / 100;
  const [subtotal, tax, total] = [result[subtotalKey] as number, result[taxKey] as number, result[totalKey] as number];
  if (stated(totalKey) && stated(subtotalKey)) {
    if (total >= subtotal) result[taxKey] = cents(total - subtotal);
  } else if (stated(totalKey) && stated(taxKey)) {
    if (total >= tax) result[subtotalKey] = cents(total - tax);
  }
  else if (stated(totalKey)) Object.assign(result, { [subtotalKey]: total, [taxKey]: 0 });
  else result[totalKey] = cents(subtotal + tax);
}

/** A next-step enum beside a decision fits the decision (approve → create the order). */
function followDecision(result: Record<string, unknown>, properties: Record<string, JsonSchema | boolean>, ctx: GenerateJsonContext) {
  const verdict = Object.values(result).map(verdictOf).find(Boolean);
  if (!verdict) return;
  for (const [key, sub] of Object.entries(properties)) {
    if (typeof sub !== "object" || !Array.isArray(sub.enum) || verdictOf(result[key]) || extractField(key, ctx.source) !== undefined) continue;
    const value = followingValue(sub.enum, verdict);
    if (value !== undefined) result[key] = value;
  }
  // a summary beside a decision says what was decided (a real model would), and that it is simulated
  const decided = Object.entries(result).filter(([key, value]) => typeof value === "string" && typeof properties[key] === "object" && Array.isArray((properties[key] as JsonSchema).enum));
  for (const [key, sub] of Object.entries(properties)) {
    if (typeof sub !== "object" || typeOf(sub) !== "string" || sub.enum || !/summary|rationale|explanation/i.test(key) || extractField(key, ctx.source) !== undefined) continue;
    const facts = decided.map(([k, v]) => `${spoken(k)} ${spoken(String(v))}`).join(", ");
    result[key] = fitLength(`Simulated ${spoken(key)}: ${facts}.`, sub);
  }
}

/** `nextStep` → "next step", `create_purchase_order` → "create purchase order". */
function spoken(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();
}

function generateArray(schema: JsonSchema, name: string, ctx: GenerateJsonContext, root: JsonSchema, depth: number) {
  const prefix = (schema.prefixItems ?? []) as JsonSchema[];
  const items = (typeof schema.items === "object" && !Array.isArray(schema.items) ? schema.items : {}) as JsonSchema;
  const min = Math.max(num(schema.minItems) ?? 0, prefix.length);
  const max = num(schema.maxItems) ?? Math.max(min, 3);
  const length = Math.min(max, Math.max(min, ctx.random.int(1, 3)));
  const singular = name.replace(/s$/, "");
  const lines = itemsFromText(items, ctx, root, depth);
  if (lines && prefix.length === 0 && lines.length >= min && lines.length <= max) return lines;
  const values: unknown[] = [];
  for (let i = 0; i < length; i++) {
    const itemSchema = prefix[i] ?? items;
    if (schema.uniqueItems && Array.isArray(itemSchema.enum)) {
      const unused = itemSchema.enum.filter((v) => !values.includes(v));
      if (unused.length === 0) break;
      values.push(ctx.random.pick(unused));
      continue;
    }
    // Only the first element may echo the prompt; the rest stay distinct.
    const itemCtx = i === 0 ? ctx : { ...ctx, source: "" };
    const value = generate(itemSchema, singular, itemCtx, root, depth + 1);
    values.push(typeof value === "string" && i > 0 && !itemSchema.format ? fitLength(`${value} ${i + 1}`, itemSchema) : value);
  }
  return values;
}

/**
 * Order lines the text lists, shaped as `items` (an object with a quantity and a price), or
 * `undefined` when the items are not order lines or the text lists none.
 */
function itemsFromText(items: JsonSchema, ctx: GenerateJsonContext, root: JsonSchema, depth: number): unknown[] | undefined {
  const schema = typeof items.$ref === "string" ? resolveRef(root, items.$ref) : items;
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema | boolean>;
  const keys = Object.keys(properties);
  const find = (pattern: RegExp) => keys.find((k) => pattern.test(k));
  const quantityKey = find(/^(quantity|qty|count|units)$/i);
  const priceKey = find(/^(unit[_-]?price|price|unit[_-]?cost|rate)$/i);
  if (!quantityKey || !priceKey) return undefined;
  const lines = parseLineItems(ctx.source);
  if (lines.length === 0) return undefined;
  const currency = detectCurrency(ctx.source);
  const valueFor = (key: string, line: LineItem): unknown => {
    if (key === quantityKey) return line.quantity;
    if (key === priceKey) return line.unitPrice;
    if (/^(description|name|item|product|title)$/i.test(key)) return line.description;
    if (/^(sku|code|part[_-]?number|article|item[_-]?code)$/i.test(key)) return line.sku;
    if (/^(line[_-]?total|total|amount|extended[_-]?price)$/i.test(key)) return Math.round(line.quantity * line.unitPrice * 100) / 100;
    if (/currency$/i.test(key)) return line.currency ?? currency;
    return undefined;
  };
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  return lines.map((line) => {
    const item: Record<string, unknown> = {};
    for (const [key, sub] of Object.entries(properties)) {
      const value = valueFor(key, line);
      // what the line does not say is left out rather than made up, unless the schema requires it
      if (sub === false || (value === undefined && !required.has(key))) continue;
      item[key] = value !== undefined ? value : generate(sub === true ? {} : sub, key, { ...ctx, source: "" }, root, depth + 2);
    }
    return item;
  });
}

function pickEnum(values: unknown[], name: string, ctx: GenerateJsonContext): unknown {
  const stated = name ? extractField(name, ctx.source) : undefined;
  const match = stated === undefined ? undefined : enumFromStatement(values, stated);
  if (match !== undefined) return match;
  // A decision no one stated follows the upstream data (a suspended vendor is not approved).
  const verdicts = new Set(values.map(verdictOf).filter(Boolean));
  if (verdicts.has("approve") && verdicts.size > 1) {
    const verdict = judgeVerdict(ctx.source);
    const value = values.find((v) => verdictOf(v) === verdict) ?? values.find((v) => verdictOf(v) === "hold");
    if (value !== undefined) return value;
  }
  return ctx.random.pick(values);
}

function generateString(schema: JsonSchema, name: string, ctx: GenerateJsonContext): string {
  const { random } = ctx;
  const stated = name ? extractField(name, ctx.source) : undefined;
  switch (schema.format) {
    case "date":
      return stated && /^\d{4}-\d{2}-\d{2}$/.test(stated) ? stated : isoDate(random).slice(0, 10);
    case "date-time":
      return stated && !Number.isNaN(Date.parse(stated)) && /T/.test(stated) ? new Date(stated).toISOString() : isoDate(random);
    case "time":
      return `${pad(random.int(8, 18))}:${pad(random.pick([0, 15, 30, 45]))}:00Z`;
    case "email":
      return stated && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(stated) ? stated : `${slug(ctx, random)}@example.com`;
    case "uri":
    case "url":
      return stated && /^https?:\/\/\S+$/.test(stated) ? stated : `https://example.com/${slug(ctx, random)}`;
    case "uuid":
      return uuid(random);
  }
  if (/currency$/i.test(name)) {
    // a currency is a code the text uses, never a phrase that happens to follow the label
    return fitLength((stated && asCurrencyCode(stated)) ?? detectCurrency(ctx.source) ?? "USD", schema);
  }
  if (stated) return fitLength(stated, schema);
  return fitLength(plausibleString(name, ctx), schema);
}

/** Long-form fields get a sentence; short ones a few prompt words. */
function plausibleString(name: string, ctx: GenerateJsonContext): string {
  const { random, keywords } = ctx;
  const words = keywords.length > 0 ? keywords : ["request"];
  const pickWords = (n: number) => Array.from({ length: n }, () => random.pick(words));
  if (/summary|description|reason|rationale|explanation|notes?|comment|message|answer|text|content|body|issue|finding|warning|flag/i.test(name)) {
    const [a, b] = pickWords(2);
    return `Simulated ${name || "answer"} covering ${a} and ${b}.`;
  }
  if (/name|title|label/i.test(name)) return capitalise(pickWords(2).join(" "));
  if (/id$|code|number|ref/i.test(name)) return `${name.replace(/[^A-Za-z]/g, "").slice(0, 3).toUpperCase() || "SIM"}-${random.int(1000, 9999)}`;
  return pickWords(random.int(1, 3)).join(" ");
}

function generateNumber(schema: JsonSchema, name: string, ctx: GenerateJsonContext, integer: boolean): number {
  const step = integer ? 1 : 0.01;
  const exclusiveMin = num(schema.exclusiveMinimum);
  const exclusiveMax = num(schema.exclusiveMaximum);
  const min = num(schema.minimum) ?? (exclusiveMin !== undefined ? exclusiveMin + step : undefined);
  const max = num(schema.maximum) ?? (exclusiveMax !== undefined ? exclusiveMax - step : undefined);
  const multipleOf = num(schema.multipleOf) ?? (integer ? 1 : undefined);
  const fits = (n: number) =>
    (min === undefined || n >= min) && (max === undefined || n <= max) && (multipleOf === undefined || isMultiple(n, multipleOf));
  const stated = name ? extractNumber(name, ctx.source) : undefined;
  if (stated !== undefined && fits(stated)) return stated;

  const [lo, hi] = plausibleRange(name, integer);
  const from = min ?? (max !== undefined ? Math.min(lo, max) : lo);
  const to = max ?? Math.max(hi, from);
  if (multipleOf !== undefined) {
    // Pick among the multiples inside the range, so bounds and multipleOf both hold.
    const first = Math.ceil(from / multipleOf);
    const last = Math.max(first, Math.floor(to / multipleOf));
    return roundLike(ctx.random.int(first, last) * multipleOf, multipleOf);
  }
  return Math.min(Math.max(Math.round((from + ctx.random.next() * (to - from)) * 100) / 100, from), to);
}

/** Rounds away float noise (`3 * 0.1` → 0.3) to the precision of `step`. */
function roundLike(value: number, step: number): number {
  const decimals = (String(step).split(".")[1] ?? "").length;
  return Number(value.toFixed(decimals));
}

function plausibleRange(name: string, integer: boolean): [number, number] {
  if (/confidence|probability|score|ratio|rate/i.test(name)) return integer ? [0, 100] : [0.5, 1];
  if (/count|quantity|qty|items?$|number/i.test(name)) return [1, 10];
  if (/price|amount|total|cost|sum|subtotal|tax|usd|eur/i.test(name)) return [10, 1000];
  if (/year/i.test(name)) return [2020, 2026];
  if (/percent/i.test(name)) return [0, 100];
  return [1, 100];
}

function fitLength(text: string, schema: JsonSchema): string {
  const min = num(schema.minLength) ?? 0;
  const max = num(schema.maxLength);
  let out = max !== undefined ? text.slice(0, max) : text;
  while (out.length < min) out += "x";
  return out;
}

function mergeAllOf(schema: JsonSchema, root: JsonSchema): JsonSchema {
  const merged: JsonSchema = { ...omit(schema, "allOf") };
  for (const part of schema.allOf as JsonSchema[]) {
    const resolved = typeof part.$ref === "string" ? resolveRef(root, part.$ref) : part;
    Object.assign(merged, omit(resolved, "properties", "required"));
    merged.properties = { ...(merged.properties as object), ...(resolved.properties as object) };
    merged.required = [...((merged.required as string[]) ?? []), ...((resolved.required as string[]) ?? [])];
  }
  return merged;
}

function resolveRef(root: JsonSchema, ref: string): JsonSchema {
  if (!ref.startsWith("#")) return {};
  let node: unknown = root;
  for (const part of ref.slice(1).split("/").filter(Boolean)) {
    node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return typeof node === "object" && node !== null ? (node as JsonSchema) : {};
}

function isoDate(random: SeededRandom): string {
  const day = Date.UTC(2025, 0, 1) + random.int(0, 600) * 86_400_000 + random.int(8, 17) * 3_600_000;
  return new Date(day).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function uuid(random: SeededRandom): string {
  const hex = (n: number) => Array.from({ length: n }, () => random.int(0, 15).toString(16)).join("");
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${random.pick(["8", "9", "a", "b"])}${hex(3)}-${hex(12)}`;
}

function slug(ctx: GenerateJsonContext, random: SeededRandom): string {
  const word = ctx.keywords.length > 0 ? random.pick(ctx.keywords) : "sim";
  return word.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "sim";
}

function isMultiple(n: number, of: number): boolean {
  return Math.abs(n / of - Math.round(n / of)) < 1e-9;
}

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function omit(schema: JsonSchema, ...keys: string[]): JsonSchema {
  const copy = { ...schema };
  for (const key of keys) delete copy[key];
  return copy;
}
