import { describe, expect, it } from "vitest";
import { backoffMs, parseDuration, parseRetryAfter, sleepUntil } from "./durations";

describe("parseDuration", () => {
  it("reads the SDK's duration strings", () => {
    expect(parseDuration("1s")).toBe(1000);
    expect(parseDuration("90m")).toBe(5_400_000);
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration("2d")).toBe(172_800_000);
    expect(parseDuration("1500ms")).toBe(1500);
    expect(parseDuration(250)).toBe(250);
  });
  it("rejects garbage rather than guessing", () => {
    expect(parseDuration("")).toBeUndefined();
    expect(parseDuration("soon")).toBeUndefined();
    expect(parseDuration("1h and then")).toBeUndefined();
    expect(parseDuration(undefined)).toBeUndefined();
  });
});

describe("sleepUntil", () => {
  it("uses the duration in name, or an ISO date", () => {
    expect(sleepUntil("1s", {}, 1000)).toBe(2000);
    expect(sleepUntil("2030-01-02T03:04:05.000Z", {}, 0)).toBe(Date.parse("2030-01-02T03:04:05.000Z"));
    expect(sleepUntil("", { duration: "2s" }, 0)).toBe(2000);
    expect(sleepUntil("", {}, 5)).toBe(5);
  });
});

describe("backoffMs / parseRetryAfter", () => {
  it("grows exponentially within jitter bounds and caps", () => {
    expect(backoffMs(0, 1000, 3_600_000, () => 0)).toBe(500);
    expect(backoffMs(3, 1000, 3_600_000, () => 1)).toBe(8000);
    expect(backoffMs(40, 1000, 60_000, () => 1)).toBe(60_000);
  });
  it("reads seconds and dates", () => {
    expect(parseRetryAfter("30", 0)).toBe(30_000);
    expect(parseRetryAfter("2030-01-01T00:00:00.000Z", Date.parse("2029-12-31T23:59:00.000Z"))).toBe(60_000);
    expect(parseRetryAfter("nope", 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });
});
