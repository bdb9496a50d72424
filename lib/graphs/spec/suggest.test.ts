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
    ["GTE", "GET", 1],
    ["ab", "ba", 1],
    ["ca", "abc", 3],
  ])("%j → %j is %d", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it("is symmetric and bounded by the longer length (property)", () => {
    const words = ["intake", "vendor", "vendr", "pricing", "price", "route", "router", "", "GET", "GTE"];
    for (const a of words)
      for (const b of words) {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(editDistance(a, b) === 0).toBe(a === b);
      }
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
