import { describe, expect, it } from "vitest";
import { nextCronTime, parseCron } from "./cron";

describe("cron", () => {
  it("reads the time zone prefix", () => {
    expect(parseCron("TZ=Europe/Paris 0 9 * * *")).toEqual({ pattern: "0 9 * * *", timezone: "Europe/Paris" });
    expect(parseCron("*/5 * * * *")).toEqual({ pattern: "*/5 * * * *" });
  });
  it("computes the next time in the zone (Paris is UTC+1 in winter)", () => {
    const next = nextCronTime("TZ=Europe/Paris 0 9 * * *", new Date("2026-11-24T12:00:00Z"));
    expect(next?.toISOString()).toBe("2026-11-25T08:00:00.000Z");
    expect(nextCronTime("* * * * * *", new Date("2026-11-24T12:00:00Z"))?.toISOString()).toBe("2026-11-24T12:00:01.000Z");
  });
  it("rejects invalid patterns with the pattern in the message", () => {
    expect(() => nextCronTime("nope", new Date())).toThrow(/Invalid cron "nope"/);
  });
});
