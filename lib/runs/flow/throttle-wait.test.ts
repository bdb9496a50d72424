import { describe, expect, it } from "vitest";
import { throttleWait } from "./throttle-wait";

describe("throttleWait", () => {
  it("is 0 while the window has room for this run and those ahead", () => {
    expect(throttleWait([-500], 0, 2, 1000)).toBe(0);
  });
  it("waits for the release whose expiry makes room, counting the runs ahead of it", () => {
    expect(throttleWait([-900, -100], 0, 2, 1000)).toBe(100);
    expect(throttleWait([-900, -100], 1, 2, 1000)).toBe(900);
  });
  it("spreads a long line over whole periods instead of waking it all at once", () => {
    expect(throttleWait([-900, -100], 2, 2, 1000)).toBe(1000);
    expect(throttleWait([-900, -100], 4, 2, 1000)).toBe(2000);
    expect(throttleWait([], 5, 2, 1000)).toBe(2000);
  });
});
