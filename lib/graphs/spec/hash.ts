/**
 * Content hashes of graph specs, so saving identical content can be detected (and skipped)
 * whatever the key order or formatting the spec arrived in.
 */
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

/**
 * Canonical JSON (RFC 8785: sorted keys, no whitespace, normalised numbers) of a value.
 *
 * @throws Error if the value cannot be represented as JSON.
 * @example
 * canonicalJson({ b: 1, a: [true, null] }); // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error("canonicalJson: the value has no JSON representation");
  return text;
}

/**
 * `sha256:<hex>` of the spec's canonical JSON. Equal for specs that differ only in key order;
 * different as soon as any value differs (builder positions included, since they are content
 * the author saved) or the fields of a JSON Schema are listed in another order, since forms
 * show them in that order.
 *
 * @example
 * hashSpec({ name: "x", nodes: [] }) === hashSpec({ nodes: [], name: "x" }); // true
 */
export function hashSpec(spec: unknown): string {
  const orders = fieldOrders(spec);
  const text = orders.length ? `${canonicalJson(spec)}\n${canonicalJson(orders)}` : canonicalJson(spec);
  return `sha256:${createHash("sha256").update(text).digest("hex")}`;
}

/**
 * The key order of every JSON Schema `properties` object in a value, by where it is (its path),
 * so the order of other keys does not count.
 */
function fieldOrders(value: unknown, path: (string | number)[] = [], out: [string, string[]][] = []): [string, string[]][] {
  if (Array.isArray(value)) value.forEach((item, i) => fieldOrders(item, [...path, i], out));
  else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key === "properties" && item && typeof item === "object" && !Array.isArray(item)) out.push([JSON.stringify([...path, key]), Object.keys(item)]);
      fieldOrders(item, [...path, key], out);
    }
  }
  return path.length ? out : out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Deep equality of two JSON values, ignoring key order.
 *
 * @example
 * sameJson({ a: 1, b: 2 }, { b: 2, a: 1 }); // true
 */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalize(a) === canonicalize(b);
}
