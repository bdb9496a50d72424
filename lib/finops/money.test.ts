import { describe, expect, it } from "vitest";
import { costOf, formatUsd, usd } from "./money";

describe("costOf", () => {
  const prices = { inputUsdPerMTok: usd(3), outputUsdPerMTok: usd(15), cachedUsdPerMTok: usd("0.3") };

  it("prices uncached input, cached input and output separately", () => {
    expect(costOf({ inputTokens: 1000, outputTokens: 500, cachedTokens: 200 }, prices).toString()).toBe("0.00996");
  });

  it("is exact where floats drift", () => {
    const p = { inputUsdPerMTok: usd("0.1"), outputUsdPerMTok: usd("0.2"), cachedUsdPerMTok: usd("0.1") };
    let total = usd(0);
    for (let i = 0; i < 1000; i++) total = total.plus(costOf({ inputTokens: 1, outputTokens: 1 }, p));
    expect(formatUsd(total)).toBe("0.0003");
  });

  it("never counts more cached tokens than input tokens", () => {
    expect(costOf({ inputTokens: 10, outputTokens: 0, cachedTokens: 50 }, prices).toString()).toBe("0.000003");
  });

  it("rounds sub-picodollar remainders up, never down", () => {
    const p = { inputUsdPerMTok: usd("0.0000001"), outputUsdPerMTok: usd(0), cachedUsdPerMTok: usd(0) };
    expect(costOf({ inputTokens: 1, outputTokens: 0 }, p).toString()).toBe("1e-12");
  });
});
