import { describe, expect, it } from "vitest";
import { closestMatch, didYouMean, editDistance } from "./suggest";

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["abc", "", 3],
    ["", "abc", 3],
    ["vendr", "vendor", 1],
    ["kitten", "sitting", 3],
    ["pricing", "pricing", 0],
  ])("%j → %j is %d", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it("satisfies the triangle inequality on a sample", () => {
    const words = ["intake", "vendor", "vendr", "pricing", "price", "route", "router", ""];
    for (const a of words)
      for (const b of words)
        for (const c of words) expect(editDistance(a, c)).toBeLessThanOrEqual(editDistance(a, b) + editDistance(b, c));
  });
});

describe("closestMatch", () => {
  it("suggests the nearest plausible candidate", () => {
    expect(closestMatch("vendr", ["intake", "vendor", "pricing"])).toBe("vendor");
    expect(closestMatch("Vendor", ["vendors", "vendor"])).toBe("vendor");
    expect(closestMatch("neds", ["needs", "id"])).toBe("needs");
  });

  it("stays quiet when nothing is close", () => {
    expect(closestMatch("xyz", ["intake", "vendor"])).toBeUndefined();
    expect(closestMatch("ab", ["xy"])).toBeUndefined();
  });

  it("never suggests the word itself", () => {
    expect(closestMatch("vendor", ["vendor"])).toBeUndefined();
  });

  it("formats the message suffix", () => {
    expect(didYouMean("vendr", ["vendor"])).toBe(' — did you mean "vendor"?');
    expect(didYouMean("zzz", ["vendor"])).toBe("");
  });
});
