/**
 * Plain JSON values. Graph specs are stored, hashed, diffed and edited in a visual builder,
 * so every free-form field (bodies, mappings, output shapes) must survive `JSON.stringify`
 * unchanged: no `undefined`, functions, dates, class instances or non-finite numbers.
 */

/** Any JSON value. */
export type TJsonValue = string | number | boolean | null | TJsonValue[] | { [key: string]: TJsonValue };

/** A JSON object. */
export type TJsonObject = { [key: string]: TJsonValue };

/**
 * Whether `value` is plain JSON (see module doc for what that excludes).
 *
 * @example
 * isJsonValue({ a: [1, "x", null] }); // true
 * isJsonValue({ a: undefined }); // false
 * isJsonValue(new Date()); // false
 */
export function isJsonValue(value: unknown): value is TJsonValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonValue);
  if (isPlainObject(value)) return Object.values(value).every(isJsonValue);
  return false;
}

/**
 * Whether `value` is an object literal (prototype `Object.prototype` or `null`).
 *
 * @example
 * isPlainObject({}); // true
 * isPlainObject([]); // false
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * How deep a spec may nest (objects and arrays inside each other). Real specs stay far below:
 * a node's output schema ten properties deep is about 25 levels. The bound keeps every
 * recursive walk of a spec (schema checks, JSON Schema compilation, hashing) within the stack.
 */
export const MAX_SPEC_DEPTH = 64;

/**
 * The path to the first container nested deeper than `maxDepth`, or `undefined` when `value`
 * stays within it. Iterative, so any depth is safe to measure.
 *
 * @example
 * tooDeepAt({ a: { b: [1] } }, 2); // ["a", "b"]
 * tooDeepAt({ a: 1 }, 2); // undefined
 */
export function tooDeepAt(value: unknown, maxDepth: number): Array<string | number> | undefined {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value, path: [] }];
  while (stack.length) {
    const { value: current, path } = stack.pop()!;
    if (current === null || typeof current !== "object") continue;
    if (path.length >= maxDepth) return path;
    if (Array.isArray(current)) current.forEach((item, i) => stack.push({ value: item, path: [...path, i] }));
    else for (const [key, item] of Object.entries(current)) stack.push({ value: item, path: [...path, key] });
  }
  return undefined;
}
