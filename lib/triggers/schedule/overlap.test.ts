import { describe, expect, it } from "vitest";
import { MAX_BUFFERED, decideOverlap } from "./overlap";

describe("decideOverlap", () => {
  it("fires when nothing it started is going, whatever the policy", () => {
    for (const p of ["skip", "buffer_one", "buffer_all", "cancel_other", "allow_all"] as const) expect(decideOverlap(p, { active: 0, buffered: 0 })).toEqual({ action: "fire" });
  });
  it("skip: a slot while a run is going is skipped, with the reason", () => {
    expect(decideOverlap("skip", { active: 1, buffered: 0 })).toMatchObject({ action: "skip", reason: expect.stringContaining("overlap skip") });
  });
  it("buffer_one: one slot waits, the next is skipped", () => {
    expect(decideOverlap("buffer_one", { active: 1, buffered: 0 })).toEqual({ action: "buffer" });
    expect(decideOverlap("buffer_one", { active: 1, buffered: 1 })).toMatchObject({ action: "skip" });
  });
  it("buffer_all: every slot waits (up to the bound); a slot behind buffered ones waits too, so slots start in order", () => {
    expect(decideOverlap("buffer_all", { active: 1, buffered: 5 })).toEqual({ action: "buffer" });
    expect(decideOverlap("buffer_all", { active: 0, buffered: 2 })).toEqual({ action: "buffer" });
    expect(decideOverlap("buffer_all", { active: 1, buffered: MAX_BUFFERED })).toMatchObject({ action: "skip" });
  });
  it("cancel_other cancels the running one first; allow_all just fires", () => {
    expect(decideOverlap("cancel_other", { active: 2, buffered: 0 })).toEqual({ action: "cancel_then_fire" });
    expect(decideOverlap("allow_all", { active: 3, buffered: 0 })).toEqual({ action: "fire" });
  });
});
