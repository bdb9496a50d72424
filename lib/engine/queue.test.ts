import { describe, expect, it } from "vitest";
import { selectWithinLimits } from "./queue";

describe("selectWithinLimits", () => {
  const c = (id: string, ckeys: string[] | null, climits: number[] | null) => ({ id, ckeys, climits });
  it("takes items without keys up to max", () => {
    expect(selectWithinLimits([c("1", null, null), c("2", null, null), c("3", null, null)], new Map(), 2)).toEqual(["1", "2"]);
  });
  it("respects limits including what is already in flight and what it picks", () => {
    const cands = [c("1", ["a"], [2]), c("2", ["a"], [2]), c("3", ["a"], [2]), c("4", ["b"], [1])];
    expect(selectWithinLimits(cands, new Map([["a", 1]]), 10)).toEqual(["1", "4"]);
  });
  it("needs every key of an item to have room", () => {
    const cands = [c("1", ["a", "b"], [5, 1]), c("2", ["a", "b"], [5, 1]), c("3", ["a"], [5])];
    expect(selectWithinLimits(cands, new Map(), 10)).toEqual(["1", "3"]);
  });
});
