import { describe, expect, it } from "vitest";
import { nextFireTimes, scheduleConfig } from "./cron-schedule";
import { MAX_MISSED_RECORDS, ON_TIME_GRACE_MS, jitterOffsetMs, planSlots } from "./plan-slots";

const t = (iso: string) => new Date(iso);
const isos = (dates: Date[]) => dates.map((d) => d.toISOString());

describe("planSlots: a tick on time", () => {
  it("fires the slot it was armed for and arms the next one", () => {
    const config = scheduleConfig({ cron: "0 * * * *" });
    const plan = planSlots(config, t("2026-05-01T10:00:00Z"), t("2026-05-01T10:00:00.040Z"));
    expect(isos(plan.fire)).toEqual(["2026-05-01T10:00:00.000Z"]);
    expect(plan.missed).toEqual([]);
    expect(plan.next?.toISOString()).toBe("2026-05-01T11:00:00.000Z");
  });

  it("a tick held up by less than the grace still fires (load, a short restart)", () => {
    const config = scheduleConfig({ cron: "0 * * * *" });
    const plan = planSlots(config, t("2026-05-01T10:00:00Z"), new Date(t("2026-05-01T10:00:00Z").getTime() + ON_TIME_GRACE_MS - 1));
    expect(plan.fire).toHaveLength(1);
  });
});

describe("planSlots: catch-up after downtime (the scheduler down from 09:59 to 12:10, hourly)", () => {
  const down = t("2026-05-01T10:00:00Z");
  const back = t("2026-05-01T12:10:00Z");

  it("skip (the default): every missed slot is recorded missed, nothing fires, the next slot is 13:00", () => {
    const plan = planSlots(scheduleConfig({ cron: "0 * * * *" }), down, back);
    expect(plan.fire).toEqual([]);
    expect(isos(plan.missed)).toEqual(["2026-05-01T10:00:00.000Z", "2026-05-01T11:00:00.000Z", "2026-05-01T12:00:00.000Z"]);
    expect(plan.next?.toISOString()).toBe("2026-05-01T13:00:00.000Z");
  });

  it("latest: the newest slot within the window fires, the older ones are missed", () => {
    const plan = planSlots(scheduleConfig({ cron: "0 * * * *", catchUp: { policy: "latest" } }), down, back);
    expect(isos(plan.fire)).toEqual(["2026-05-01T12:00:00.000Z"]);
    expect(isos(plan.missed)).toEqual(["2026-05-01T10:00:00.000Z", "2026-05-01T11:00:00.000Z"]);
  });

  it("all: every slot within the window fires, oldest first; the default window is 1 h", () => {
    const plan = planSlots(scheduleConfig({ cron: "*/20 * * * *", catchUp: { policy: "all" } }), down, back);
    expect(isos(plan.fire)).toEqual(["2026-05-01T11:20:00.000Z", "2026-05-01T11:40:00.000Z", "2026-05-01T12:00:00.000Z"]);
    expect(isos(plan.missed)).toEqual(["2026-05-01T10:00:00.000Z", "2026-05-01T10:20:00.000Z", "2026-05-01T10:40:00.000Z", "2026-05-01T11:00:00.000Z"]);
    expect(plan.next?.toISOString()).toBe("2026-05-01T12:20:00.000Z");
  });

  it("all with a 3h window catches up every slot", () => {
    const plan = planSlots(scheduleConfig({ cron: "0 * * * *", catchUp: { policy: "all", window: "3h" } }), down, back);
    expect(isos(plan.fire)).toEqual(["2026-05-01T10:00:00.000Z", "2026-05-01T11:00:00.000Z", "2026-05-01T12:00:00.000Z"]);
    expect(plan.missed).toEqual([]);
  });

  it("an every-second schedule down for two days records the latest slots one by one and counts the rest", () => {
    const plan = planSlots(scheduleConfig({ cron: "* * * * * *" }), t("2026-05-01T00:00:00Z"), t("2026-05-03T00:00:00Z"));
    expect(plan.missed.length).toBeGreaterThanOrEqual(MAX_MISSED_RECORDS);
    expect(plan.missedUncounted).toMatchObject({ atLeast: true, from: expect.any(Date) });
    expect(plan.fire.map((d) => d.getTime())).toEqual([t("2026-05-03T00:00:00Z").getTime()]);
    expect(plan.next?.toISOString()).toBe("2026-05-03T00:00:01.000Z");
  });
});

describe("DST change days (Europe/Berlin, 30 2 * * *)", () => {
  const config = scheduleConfig({ cron: "30 2 * * *", timezone: "Europe/Berlin" });
  it("spring forward, 2026-03-29: 02:30 does not exist, the slot fires once at 03:30 CEST", () => {
    expect(isos(nextFireTimes(config, 3, t("2026-03-28T00:00:00Z")))).toEqual(["2026-03-28T01:30:00.000Z", "2026-03-29T01:30:00.000Z", "2026-03-30T00:30:00.000Z"]);
  });
  it("fall back, 2026-10-25: 02:30 happens twice, the slot fires once", () => {
    const times = nextFireTimes(config, 3, t("2026-10-24T00:00:00Z"));
    expect(isos(times)).toEqual(["2026-10-24T00:30:00.000Z", "2026-10-25T01:30:00.000Z", "2026-10-26T01:30:00.000Z"]);
  });
  it("a tick across the change plans exactly the one slot of that day", () => {
    const plan = planSlots(config, t("2026-03-29T01:30:00Z"), t("2026-03-29T01:30:00.100Z"));
    expect(isos(plan.fire)).toEqual(["2026-03-29T01:30:00.000Z"]);
    expect(plan.next?.toISOString()).toBe("2026-03-30T00:30:00.000Z");
  });
});

describe("jitter", () => {
  it("stays within [0, jitter), is the same for a slot every time, and spreads slots apart", () => {
    const offsets = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const slot = new Date(Date.UTC(2026, 0, 1, 0, i));
      const o = jitterOffsetMs("trg_x", slot, 30_000);
      expect(o).toBeGreaterThanOrEqual(0);
      expect(o).toBeLessThan(30_000);
      expect(jitterOffsetMs("trg_x", slot, 30_000)).toBe(o);
      offsets.add(Math.floor(o / 3000));
    }
    // 500 slots fall into all ten 3-second buckets of the 30 s
    expect(offsets.size).toBe(10);
    expect(jitterOffsetMs("trg_x", new Date(), 0)).toBe(0);
  });

  it("a jittered slot still counts as on time (the grace grows by the jitter)", () => {
    const config = scheduleConfig({ cron: "0 * * * *", jitter: "5m" });
    const plan = planSlots(config, t("2026-05-01T10:00:00Z"), t("2026-05-01T10:04:30Z"));
    expect(isos(plan.fire)).toEqual(["2026-05-01T10:00:00.000Z"]);
  });
});
