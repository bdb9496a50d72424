import { describe, expect, it } from "vitest";
import { callUrl, eventNameMatches, normaliseFunction, normaliseStepUrl } from "./functions";

const base = {
  id: "app-fn",
  triggers: [{ event: "x/y" }],
  steps: { step: { id: "step", runtime: { type: "http", url: "http://h/api?deployId=d1&fnId=app-fn&stepId=step" } } },
};

describe("functions", () => {
  it("strips deployId and stepId and re-adds stepId", () => {
    expect(normaliseStepUrl(base.steps.step.runtime.url)).toBe("http://h/api?fnId=app-fn");
    expect(callUrl("http://h/api?fnId=app-fn", null)).toBe("http://h/api?fnId=app-fn&stepId=step");
    expect(callUrl("http://h/api?fnId=app-fn", "abc")).toBe("http://h/api?fnId=app-fn&stepId=abc");
  });
  it("reads retries as a retry count (max attempts = n + 1, default 3 retries)", () => {
    expect(normaliseFunction(base, "app").maxAttempts).toBe(4);
    const cfg = { ...base, steps: { step: { ...base.steps.step, retries: { attempts: 0 } } } };
    expect(normaliseFunction(cfg, "app").maxAttempts).toBe(1);
  });
  it("normalises concurrency forms and options", () => {
    const f = normaliseFunction(
      {
        ...base,
        concurrency: [2, { limit: 1, key: "event.data.u", scope: "env" }, 5],
        throttle: { limit: 1, period: "1s" },
        debounce: { period: "2s", timeout: "10s" },
        timeouts: { start: "5s" },
        cancel: [{ event: "x/cancel", if: "event.data.id == async.data.id", timeout: "1h" }],
      },
      "app",
    );
    expect(f.concurrency).toEqual([
      { limit: 2, scope: "fn" },
      { limit: 1, key: "event.data.u", scope: "env" },
    ]);
    expect(f.throttle).toEqual({ limit: 1, periodMs: 1000, burst: 1, key: undefined });
    expect(f.debounce).toEqual({ periodMs: 2000, timeoutMs: 10_000, key: undefined });
    expect(f.startTimeoutMs).toBe(5000);
    expect(f.cancel[0]).toEqual({ event: "x/cancel", if: "event.data.id == async.data.id", timeoutMs: 3_600_000 });
  });
  it("rejects a config with no step URL, naming the function", () => {
    expect(() => normaliseFunction({ id: "bad" }, "app")).toThrow(/bad/);
  });
  it("matches wildcards", () => {
    expect(eventNameMatches("x/*", "x/a")).toBe(true);
    expect(eventNameMatches("x/*", "y/a")).toBe(false);
    expect(eventNameMatches("x/a", "x/a")).toBe(true);
  });
});
