import { describe, expect, it } from "vitest";
import { formatInZone, nextFireTimes, nextSlot, scheduleConfig, scheduleIssues } from "./cron-schedule";

const now = new Date("2026-06-01T00:00:00Z");

describe("scheduleIssues", () => {
  it("accepts 5- and 6-field patterns in IANA zones", () => {
    expect(scheduleIssues({ cron: "0 9 * * 1", timezone: "Europe/Berlin" }, now)).toEqual([]);
    expect(scheduleIssues({ cron: "*/10 * * * * *" }, now)).toEqual([]);
  });
  it("names the field and the reason: not a pattern, an unknown zone, a pattern that never fires", () => {
    expect(scheduleIssues({ cron: "every monday" }, now)).toEqual([{ field: "cron", message: expect.stringContaining("5 fields") }]);
    expect(scheduleIssues({ cron: "0 0 0 * * * *" }, now)).toEqual([{ field: "cron", message: expect.stringContaining("not a cron pattern") }]);
    expect(scheduleIssues({ cron: "0 9 * * *", timezone: "Mars/Olympus" }, now)).toEqual([{ field: "timezone", message: expect.stringContaining("unknown time zone") }]);
    expect(scheduleIssues({ cron: "0 0 31 2 *" }, now)).toEqual([{ field: "cron", message: expect.stringContaining("never fires") }]);
  });
});

describe("slots", () => {
  it("the next slot is strictly after, in the zone", () => {
    const config = scheduleConfig({ cron: "0 9 * * *", timezone: "America/New_York" });
    expect(nextSlot(config, new Date("2026-07-01T13:00:00Z"))?.toISOString()).toBe("2026-07-02T13:00:00.000Z");
    expect(nextSlot(config, new Date("2026-07-01T12:59:59.999Z"))?.toISOString()).toBe("2026-07-01T13:00:00.000Z");
  });
  it("nextFireTimes lists the next N; defaults: UTC, overlap skip, catch-up skip", () => {
    const config = scheduleConfig({ cron: "*/15 * * * *" });
    expect(config).toMatchObject({ timezone: "UTC", overlap: "skip", catchUp: { policy: "skip", windowMs: 3_600_000 }, jitterMs: 0 });
    expect(nextFireTimes(config, 3, new Date("2026-01-01T00:01:00Z")).map((d) => d.toISOString())).toEqual(["2026-01-01T00:15:00.000Z", "2026-01-01T00:30:00.000Z", "2026-01-01T00:45:00.000Z"]);
  });
  it("formats a time with the zone's offset at that instant", () => {
    expect(formatInZone(new Date("2026-03-29T01:30:00Z"), "Europe/Berlin")).toBe("2026-03-29T03:30:00+02:00");
    expect(formatInZone(new Date("2026-01-10T08:00:00Z"), "Europe/Berlin")).toBe("2026-01-10T09:00:00+01:00");
    expect(formatInZone(new Date("2026-01-10T08:00:00Z"), "UTC")).toBe("2026-01-10T08:00:00Z");
    expect(formatInZone(new Date("2026-01-10T08:00:00Z"), "Asia/Kolkata")).toBe("2026-01-10T13:30:00+05:30");
  });
});

describe("a schedule is checked when the graph is saved", () => {
  const spec = (trigger: Record<string, unknown>) => ({ name: "g", triggers: [{ type: "event", name: "x" }, { type: "schedule", ...trigger }], nodes: [{ id: "o", type: "output", value: 1 }] });
  it("refuses an unreadable pattern, an unknown zone and a pattern that never fires, naming triggers[i].cron / .timezone", async () => {
    const { validateGraphSpec } = await import("../../graphs/spec/validate");
    const messages = (trigger: Record<string, unknown>) => {
      const r = validateGraphSpec(spec(trigger));
      return r.ok ? [] : r.issues.map((i) => i.message);
    };
    expect(messages({ cron: "61 * * * *" })).toEqual([expect.stringMatching(/^triggers\[1\]\.cron: "61 \* \* \* \*" is not a cron pattern/)]);
    expect(messages({ cron: "0 9 * * *", timezone: "Europe/Paris2" })).toEqual([expect.stringMatching(/^triggers\[1\]\.timezone: unknown time zone "Europe\/Paris2"/)]);
    expect(messages({ cron: "0 0 30 2 *" })).toEqual([expect.stringMatching(/^triggers\[1\]\.cron: never fires/)]);
    expect(messages({ cron: "*/5 * * * * *", timezone: "Europe/Berlin", overlap: "buffer_one", catchUp: { policy: "all", window: "2h" }, jitter: "2s" })).toEqual([]);
  });
});
