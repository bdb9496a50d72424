import { describe, expect, it } from "vitest";
import { backoffDelayMs, DEFAULT_BACKOFF, nodeBudgetMicroUsd, nodeTimeoutMs, retryPolicyFor, runTimeoutMs, toMicroUsd } from "./policy";

describe("retryPolicyFor", () => {
  it("prefers the node, then the graph, then one attempt", () => {
    const backoff = { initialMs: 10, factor: 3, maxMs: 100 };
    expect(retryPolicyFor({ retries: { attempts: 3 } }, { retries: { attempts: 5, backoff } })).toEqual({ attempts: 5, backoff });
    expect(retryPolicyFor({ retries: { attempts: 3, backoff } }, {})).toEqual({ attempts: 3, backoff });
    expect(retryPolicyFor({}, {})).toEqual({ attempts: 1, backoff: DEFAULT_BACKOFF });
  });

  it("does not merge a node policy with the graph's", () => {
    const backoff = { initialMs: 10, factor: 3, maxMs: 100 };
    expect(retryPolicyFor({ retries: { attempts: 3, backoff } }, { retries: { attempts: 2 } })).toEqual({ attempts: 2, backoff: DEFAULT_BACKOFF });
  });
});

describe("backoffDelayMs", () => {
  const backoff = { initialMs: 1000, factor: 2, maxMs: 5000 };

  it("grows exponentially up to the cap", () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffDelayMs(backoff, n))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(backoffDelayMs({ initialMs: 500, factor: 1, maxMs: 9000 }, 7)).toBe(500);
  });

  it("never decreases and never exceeds the cap (property)", () => {
    for (const factor of [1, 1.5, 2, 3]) {
      let last = 0;
      for (let retry = 1; retry <= 40; retry++) {
        const delay = backoffDelayMs({ initialMs: 250, factor, maxMs: 30_000 }, retry);
        expect(delay).toBeGreaterThanOrEqual(last);
        expect(delay).toBeLessThanOrEqual(30_000);
        last = delay;
      }
    }
  });

  it("rejects retry numbers below 1", () => {
    expect(() => backoffDelayMs(backoff, 0)).toThrow("retry must be a whole number from 1, got 0");
  });
});

describe("timeouts and budgets", () => {
  it("resolves node and run timeouts", () => {
    expect(nodeTimeoutMs({ timeouts: { node: "2m" } }, { timeout: "30s" })).toBe(30_000);
    expect(nodeTimeoutMs({ timeouts: { node: "2m" } }, {})).toBe(120_000);
    expect(nodeTimeoutMs({}, {})).toBeUndefined();
    expect(runTimeoutMs({ timeouts: { run: "7d" } })).toBe(604_800_000);
    expect(runTimeoutMs({})).toBeUndefined();
  });

  it("resolves node budgets in micro-USD", () => {
    expect(nodeBudgetMicroUsd({ budget: { perNodeUsd: 0.5 } }, { budgetUsd: 0.25 })).toBe(250_000);
    expect(nodeBudgetMicroUsd({ budget: { perNodeUsd: 0.5 } }, {})).toBe(500_000);
    expect(nodeBudgetMicroUsd({}, {})).toBeUndefined();
    expect(toMicroUsd(0.1 + 0.2)).toBe(300_000);
  });
});
