import { describe, expect, it } from "vitest";
import { usd, usdTick } from "./format";

describe("usdTick", () => {
  it("writes dollars in full with thousands grouped, millions compact, cents never scientific", () => {
    expect(usdTick(0)).toBe("$0");
    expect(usdTick(0.000026)).toBe("$0.000026");
    expect(usdTick(0.0015)).toBe("$0.0015");
    expect(usdTick(0.5)).toBe("$0.5");
    expect(usdTick(2.5)).toBe("$2.5");
    expect(usdTick(400)).toBe("$400");
    expect(usdTick(1234.56)).toBe("$1,234.56");
    expect(usdTick(1_600_000)).toBe("$1.6M");
    expect(usdTick(22_000_000_000)).toBe("$22B");
    expect(usdTick(-1500)).toBe("-$1,500");
  });
});

describe("usd", () => {
  it("keeps tiny model costs readable and larger sums in cents", () => {
    expect(usd("0.000042")).toBe("$0.000042");
    expect(usd(0.0123)).toBe("$0.012");
    expect(usd("1234.5")).toBe("$1,234.50");
  });
});
