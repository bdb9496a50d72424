import { describe, expect, it } from "vitest";
import { durableMs } from "./durable-ms";

describe("durableMs", () => {
  it("rounds up to whole seconds so a durable wait never ends early", () => {
    expect(durableMs(1500)).toBe(2000);
    expect(durableMs(1)).toBe(1000);
    expect(durableMs(3000)).toBe(3000);
    expect(durableMs(0)).toBe(0);
  });
});
