import { describe, expect, it } from "vitest";
import { checkCondition, compileCondition, ConditionError, evaluateCondition } from "./conditions";

const nodes = {
  compliance: { status: "succeeded", output: { needsHuman: true, risk: "high" } },
  pricing: { status: "succeeded", output: { total: 1250.5, lines: [{ sku: "A" }] } },
};

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConditionError);
    return (error as Error).message;
  }
  throw new Error("expected a ConditionError");
}

describe("evaluateCondition", () => {
  it("reads input and node outputs", () => {
    expect(evaluateCondition("nodes.compliance.output.needsHuman", { nodes })).toBe(true);
    expect(evaluateCondition('nodes.compliance.output.risk == "low"', { nodes })).toBe(false);
    expect(evaluateCondition("nodes.pricing.output.total > 1000", { nodes })).toBe(true);
    expect(evaluateCondition("input.amount >= 10 && size(input.items) == 2", { input: { amount: 10, items: [1, 2] } })).toBe(true);
    expect(evaluateCondition('nodes.pricing.status == "succeeded"', { nodes })).toBe(true);
  });

  it("supports macros and has()", () => {
    expect(evaluateCondition('nodes.pricing.output.lines.exists(l, l.sku == "A")', { nodes })).toBe(true);
    expect(evaluateCondition("has(nodes.compliance.output.reason)", { nodes })).toBe(false);
  });

  it("sees the event in event scope", () => {
    expect(evaluateCondition('event.requestId == input.requestId', { input: { requestId: "R1" }, event: { requestId: "R1" } })).toBe(true);
  });

  it("names the expression when a key is missing", () => {
    expect(messageOf(() => evaluateCondition("nodes.compliance.output.reason == 'x'", { nodes }))).toBe(
      `condition "nodes.compliance.output.reason == 'x'" failed: No such key: reason (at character 25)`,
    );
  });

  it("refuses non-boolean results", () => {
    expect(messageOf(() => evaluateCondition("nodes.compliance.output.risk", { nodes }))).toBe(
      `condition "nodes.compliance.output.risk" returned the string "high", not true or false — compare it, e.g. "… == 'yes'"`,
    );
  });

  it("caches compiled expressions", () => {
    expect(compileCondition("input.a == 1")).toBe(compileCondition("input.a == 1"));
    expect(compileCondition("event.a == 1", "event")).not.toBe(compileCondition("input.a == 1"));
  });
});

describe("checkCondition", () => {
  it("lists static references", () => {
    expect(checkCondition('nodes.review.output.needsHuman && input.amount > 10.0 || nodes["vendor"].output.ok')).toEqual({
      ok: true,
      references: [
        { root: "nodes", path: ["review", "output", "needsHuman"] },
        { root: "input", path: ["amount"] },
        { root: "nodes", path: ["vendor", "output", "ok"] },
      ],
    });
  });

  it("finds references inside macros and calls", () => {
    const result = checkCondition("size(nodes.a.output.items) > 0 && nodes.b.output.items.all(i, i.price < input.max)");
    expect(result.ok && result.references).toEqual([
      { root: "nodes", path: ["a", "output", "items"] },
      { root: "nodes", path: ["b", "output", "items"] },
      { root: "input", path: ["max"] },
    ]);
  });

  it("reports syntax errors with the position", () => {
    expect(checkCondition("nodes.review.output >")).toEqual({
      ok: false,
      message: 'condition "nodes.review.output >" does not parse: Unexpected token: EOF (at character 22)',
    });
  });

  it("reports unknown variables and what is available", () => {
    expect(checkCondition("inputs.amount > 1")).toEqual({
      ok: false,
      message: 'condition "inputs.amount > 1" is invalid: Unknown variable: inputs (at character 1) — conditions can use input and nodes',
    });
    expect(checkCondition("event.x == 1")).toMatchObject({ ok: false });
    expect(checkCondition("event.x == 1", "event")).toMatchObject({ ok: true });
    expect(checkCondition("input.x == 1", "trigger")).toEqual({
      ok: false,
      message: 'condition "input.x == 1" is invalid: Unknown variable: input (at character 1) — trigger conditions can use event',
    });
  });
});
