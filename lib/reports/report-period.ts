/**
 * The time range a scheduled cost report covers, computed in the schedule's time zone from the
 * moment it was meant to run (so a late, caught-up or retried tick reports the same period).
 * Pure: unit-tested beside this file.
 */

export const REPORT_PERIODS = ["previous_month", "month_to_date", "previous_week", "previous_day"] as const;
export type ReportPeriodName = (typeof REPORT_PERIODS)[number];

export interface ReportPeriod {
  period: ReportPeriodName;
  /** inclusive start */
  from: Date;
  /** exclusive end */
  to: Date;
  /** the local dates covered, e.g. `2026-11-01..2026-11-30` (month to date: up to today) */
  label: string;
}

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall-clock fields of `at` in `zone`. */
function localParts(at: Date, zone: string): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { y: Number(parts.year), m: Number(parts.month), d: Number(parts.day), h: Number(parts.hour), min: Number(parts.minute), s: Number(parts.second) };
}

/** `zone`'s offset from UTC at `at`, in milliseconds. */
function offsetMs(at: Date, zone: string): number {
  const p = localParts(at, zone);
  return Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s) - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant local midnight of `y-m-d` is in `zone` (months and days may overflow, as with
 * Date.UTC). On a day that starts in a DST gap, the first instant of that day.
 */
export function zonedMidnight(y: number, m: number, d: number, zone: string): Date {
  const wall = Date.UTC(y, m - 1, d);
  let at = wall - offsetMs(new Date(wall), zone);
  // the offset at the guess may differ from the offset at the answer (a DST change that day)
  at = wall - offsetMs(new Date(at), zone);
  return new Date(at);
}

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

/**
 * The range `period` covers for a report meant to run at `at`, in `zone`.
 *
 * @example
 * reportPeriod("previous_month", new Date("2026-12-01T06:00:00Z"), "UTC");
 * // { from: 2026-11-01T00:00Z, to: 2026-12-01T00:00Z, label: "2026-11-01..2026-11-30" }
 * reportPeriod("previous_day", new Date("2026-12-01T06:00:00Z"), "America/New_York");
 * // { from: 2026-11-30T05:00Z, to: 2026-12-01T05:00Z, label: "2026-11-30..2026-11-30" }
 */
export function reportPeriod(period: ReportPeriodName, at: Date, zone = "UTC"): ReportPeriod {
  const { y, m, d } = localParts(at, zone);
  const day = (dd: number, mm = m, yy = y) => zonedMidnight(yy, mm, dd, zone);
  const lastDay = (to: Date) => {
    const p = localParts(new Date(to.getTime() - 1), zone);
    return iso(p.y, p.m, p.d);
  };
  switch (period) {
    case "previous_month": {
      const from = day(1, m - 1);
      const to = day(1);
      return { period, from, to, label: `${iso(y, m - 1, 1)}..${lastDay(to)}` };
    }
    case "month_to_date": {
      const from = day(1);
      return { period, from, to: at, label: `${iso(y, m, 1)}..${iso(y, m, d)}` };
    }
    case "previous_week": {
      // weeks start on Monday (ISO 8601)
      const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
      const from = day(d - weekday - 7);
      const to = day(d - weekday);
      return { period, from, to, label: `${iso(y, m, d - weekday - 7)}..${lastDay(to)}` };
    }
    case "previous_day": {
      const from = day(d - 1);
      const to = day(d);
      return { period, from, to, label: `${iso(y, m, d - 1)}..${lastDay(to)}` };
    }
  }
}
