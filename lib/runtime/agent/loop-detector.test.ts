import { describe, expect, it } from "vitest";
import { LoopDetector } from "./loop-detector";

describe("LoopDetector", () => {
  it("counts identical calls regardless of key order", () => {
    const loops = new LoopDetector(3);
    expect(loops.record("search", { q: "x", page: 1 })).toBe(1);
    expect(loops.record("search", { page: 1, q: "x" })).toBe(2);
    expect(loops.isLoop(2)).toBe(false);
    expect(loops.record("search", { q: "x", page: 1 })).toBe(3);
    expect(loops.isLoop(3)).toBe(true);
  });

  it("tells different tools and arguments apart", () => {
    const loops = new LoopDetector(2);
    expect(loops.record("search", { q: "x" })).toBe(1);
    expect(loops.record("search", { q: "y" })).toBe(1);
    expect(loops.record("fetch", { q: "x" })).toBe(1);
    expect(loops.record("search", "raw text")).toBe(1);
    expect(loops.record("search", "raw text")).toBe(2);
  });
});
