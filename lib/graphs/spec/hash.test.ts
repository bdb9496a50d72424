import { describe, expect, it } from "vitest";
import { canonicalJson, hashSpec, sameJson } from "./hash";

const spec = {
  name: "demo",
  nodes: [{ id: "a", type: "output", value: { x: 1, y: [1, 2] } }],
  budget: { perRunUsd: 1.5 },
};

/** The same object with keys inserted in reverse order, recursively. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
  }
  return value;
}

describe("hashSpec", () => {
  it("ignores key order and formatting", () => {
    expect(hashSpec(reverseKeys(spec))).toBe(hashSpec(spec));
    expect(hashSpec(JSON.parse(JSON.stringify(spec, null, 2)))).toBe(hashSpec(spec));
  });

  it("changes with any value", () => {
    const changed = structuredClone(spec);
    changed.nodes[0]!.value.y[1] = 3;
    expect(hashSpec(changed)).not.toBe(hashSpec(spec));
  });

  it("changes when an input schema lists its fields in another order, since forms follow it", () => {
    const schema = (properties: Record<string, unknown>) => ({ ...spec, inputSchema: { type: "object", properties, required: ["subject"] } });
    const ordered = schema({ subject: { type: "string" }, body: { type: "string" } });
    expect(hashSpec(schema({ body: { type: "string" }, subject: { type: "string" } }))).not.toBe(hashSpec(ordered));
    expect(hashSpec(Object.fromEntries(Object.entries(ordered).reverse()))).toBe(hashSpec(ordered));
    // other keys' order still does not count, with several schemas in the spec
    const both = { ...ordered, output: { type: "object", properties: { b: { type: "string" }, a: { type: "string" } } } };
    expect(hashSpec(Object.fromEntries(Object.entries(both).reverse()))).toBe(hashSpec(both));
  });

  it("is a prefixed sha256 hex digest", () => {
    expect(hashSpec(spec)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(hashSpec({})).toBe("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  });

  it("refuses values without JSON form", () => {
    expect(() => canonicalJson(undefined)).toThrow("no JSON representation");
  });

  it("compares JSON values regardless of key order", () => {
    expect(sameJson({ a: 1, b: { c: 2 } }, { b: { c: 2 }, a: 1 })).toBe(true);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
  });
});
