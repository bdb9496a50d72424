import { describe, expect, it } from "vitest";
import { formatDuration, isDuration, parseDuration, tryParseDuration } from "./duration";

describe("parseDuration", () => {
  it.each([
    ["250ms", 250],
    ["30s", 30_000],
    ["5m", 300_000],
    ["2h", 7_200_000],
    ["3d", 259_200_000],
    ["1w", 604_800_000],
    ["1h30m", 5_400_000],
    ["1d2h3m4s5ms", 93_784_005],
    ["0s", 0],
  ])("reads %s as %d ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "30", "s", "1.5h", "-5s", "5 s", " 5s", "5sec", "5m5m", "30s5m", "5S", "1y"])(
    "rejects %j",
    (text) => {
      expect(tryParseDuration(text)).toBeUndefined();
      expect(isDuration(text)).toBe(false);
    },
  );

  it("names the bad string and the syntax in its error", () => {
    expect(() => parseDuration("2 hours")).toThrow(
      '"2 hours" is not a duration — use a number with a unit, e.g. "500ms", "30s", "5m", "2h", "3d" or "1h30m"',
    );
  });
});

describe("formatDuration", () => {
  it("writes the shortest form", () => {
    expect(formatDuration(5_400_000)).toBe("1h30m");
    expect(formatDuration(0)).toBe("0ms");
    expect(formatDuration(1_500)).toBe("1s500ms");
  });

  it("round-trips with parseDuration", () => {
    // Deterministic pseudo-random sample so a failure is reproducible.
    let seed = 42;
    for (let i = 0; i < 500; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      const ms = seed * 97;
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    }
  });

  it("rejects negative or fractional input", () => {
    expect(() => formatDuration(-1)).toThrow("non-negative integer");
    expect(() => formatDuration(1.5)).toThrow("non-negative integer");
  });
});
