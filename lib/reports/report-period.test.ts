import { describe, expect, it } from "vitest";
import { isTimeZone, reportPeriod, zonedMidnight } from "./report-period";

const range = (p: { from: Date; to: Date; label: string }) => [p.from.toISOString(), p.to.toISOString(), p.label];

describe("report periods", () => {
  it("previous month, month to date, previous week and previous day in UTC", () => {
    const at = new Date("2026-12-01T06:00:00Z");
    expect(range(reportPeriod("previous_month", at))).toEqual(["2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z", "2026-11-01..2026-11-30"]);
    expect(range(reportPeriod("month_to_date", new Date("2026-12-17T12:30:00Z")))).toEqual(["2026-12-01T00:00:00.000Z", "2026-12-17T12:30:00.000Z", "2026-12-01..2026-12-17"]);
    // 2026-12-03 is a Thursday: the previous week is Monday 23 to Sunday 29 November
    expect(range(reportPeriod("previous_week", new Date("2026-12-03T09:00:00Z")))).toEqual(["2026-11-23T00:00:00.000Z", "2026-11-30T00:00:00.000Z", "2026-11-23..2026-11-29"]);
    expect(range(reportPeriod("previous_day", at))).toEqual(["2026-11-30T00:00:00.000Z", "2026-12-01T00:00:00.000Z", "2026-11-30..2026-11-30"]);
    // January looks back into the previous year
    expect(range(reportPeriod("previous_month", new Date("2027-01-01T00:00:00Z")))).toEqual(["2026-12-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z", "2026-12-01..2026-12-31"]);
  });

  it("follows the schedule's time zone, across a DST change", () => {
    // 06:00 on 1 December in New York is 11:00 UTC; November there ran from 04:00 UTC (EDT) to 05:00 UTC (EST)
    expect(range(reportPeriod("previous_month", new Date("2026-12-01T11:00:00Z"), "America/New_York"))).toEqual(["2026-11-01T04:00:00.000Z", "2026-12-01T05:00:00.000Z", "2026-11-01..2026-11-30"]);
    // 00:30 on 1 December in Paris is still 30 November in UTC
    expect(range(reportPeriod("previous_day", new Date("2026-11-30T23:30:00Z"), "Europe/Paris"))).toEqual(["2026-11-29T23:00:00.000Z", "2026-11-30T23:00:00.000Z", "2026-11-30..2026-11-30"]);
    // the day clocks go forward in Europe is 23 hours long
    const spring = reportPeriod("previous_day", new Date("2026-03-30T08:00:00Z"), "Europe/Berlin");
    expect(spring.to.getTime() - spring.from.getTime()).toBe(23 * 3600_000);
    expect(zonedMidnight(2026, 3, 29, "Europe/Berlin").toISOString()).toBe("2026-03-28T23:00:00.000Z");
  });

  it("knows IANA zones", () => {
    expect(isTimeZone("Europe/Paris")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });
});
