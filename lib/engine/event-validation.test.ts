import { describe, expect, it } from "vitest";
import { validateEvents } from "./event-validation";

describe("validateEvents", () => {
  it("accepts one event or an array and fills data", () => {
    expect(validateEvents({ name: "a/b" })).toEqual([{ name: "a/b", data: {} }]);
    expect(validateEvents([{ name: "a", data: { x: 1 }, id: "i", ts: 5 }])).toEqual([{ name: "a", data: { x: 1 }, id: "i", ts: 5 }]);
  });
  it("rejects a missing name with 400 naming the index", () => {
    expect(() => validateEvents([{ name: "ok" }, { data: {} }])).toThrow(/event 1 has no "name"/);
    expect(() => validateEvents([])).toThrow(/No events/);
    expect(() => validateEvents("x")).toThrow(/must be a JSON object/);
    expect(() => validateEvents({ name: "a", data: [1] })).toThrow(/"data" must be an object/);
  });
  it("rejects an oversized event with 413 and the limit", () => {
    try {
      validateEvents({ name: "big", data: { s: "x".repeat(2000) } }, 1024);
      expect.unreachable();
    } catch (err) {
      expect((err as { status: number }).status).toBe(413);
      expect((err as Error).message).toMatch(/limit is 1024 bytes/);
    }
  });
});
