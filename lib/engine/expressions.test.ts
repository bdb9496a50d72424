import { describe, expect, it } from "vitest";
import { checkExpression, evaluate, evaluateKey, matches } from "./expressions";

const vars = { event: { data: { id: "a", x: 1, prio: 30 } }, async: { data: { id: "a", x: 2 } } };

describe("expressions", () => {
  it("matches waitForEvent-style comparisons between event and async", () => {
    expect(matches("event.data.id == async.data.id", vars)).toBe(true);
    expect(matches("event.data.x == async.data.x", vars)).toBe(false);
    expect(matches(undefined, vars)).toBe(true);
  });
  it("treats runtime errors (missing keys) as no match", () => {
    expect(matches("event.data.nope == 1", vars)).toBe(false);
    expect(evaluate("event.data.nope", vars)).toBeUndefined();
  });
  it("builds keys and numbers", () => {
    expect(evaluateKey("event.data.id", vars)).toBe("a");
    expect(evaluateKey("event.data.x", vars)).toBe("1");
    expect(evaluateKey("event.data.nope", vars)).toBe("");
    expect(evaluate("event.data.prio", vars)).toBe(30);
  });
  it("reports syntax errors with the expression", () => {
    expect(() => checkExpression("event.data.(")).toThrow(/Invalid CEL expression/);
  });
});
