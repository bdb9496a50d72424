/**
 * Dates and times, in the viewer's locale and time zone unless a zone is given (a schedule's
 * own, or UTC for the ledger's days). On the server, where the viewer's zone is unknown,
 * pass `timeZone: "UTC"` (the `<Time>` component does so until it has mounted).
 */

type TDate = string | number | Date | null | undefined;

const toDate = (value: TDate): Date | null => {
  if (value == null || value === "") return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
};

function format(d: Date, options: Intl.DateTimeFormatOptions, timeZone: string | undefined, locale?: string): string {
  try {
    return d.toLocaleString(locale, { ...options, ...(timeZone ? { timeZone } : {}) });
  } catch {
    // an unknown zone: the viewer's own rather than nothing
    return d.toLocaleString(locale, options);
  }
}

/**
 * The locale server-rendered dates are written in: the server does not know the viewer's, and
 * the hydrating browser must write the same text (see `components/ui/time.tsx`).
 */
export const SERVER_DATE_LOCALE = "en-GB";

export interface TDateOptions {
  /** An IANA zone; the viewer's when omitted. */
  timeZone?: string;
  /** Show seconds (default: true for {@link formatDateTime}). */
  seconds?: boolean;
  /** Show the weekday ("Mon, 7 Dec, 07:00"). */
  weekday?: boolean;
  /** Show the year (default: only when not the current year). */
  year?: boolean;
  /** A fixed locale (the viewer's when omitted), for text the server renders. */
  locale?: string;
}

/**
 * A moment as a date and a time: "24 Nov, 12:28:09" (in an en-GB browser); the year is added
 * when it is not this year.
 *
 * @example
 * formatDateTime("2026-11-24T11:28:09Z", { timeZone: "Europe/Berlin" }); // "24 Nov, 12:28:09"
 * formatDateTime(null); // "—"
 */
export function formatDateTime(value: TDate, opts: TDateOptions = {}): string {
  const d = toDate(value);
  if (!d) return "—";
  const year = opts.year ?? d.getUTCFullYear() !== new Date().getUTCFullYear();
  return format(
    d,
    {
      ...(opts.weekday ? { weekday: "short" } : {}),
      day: "numeric",
      month: "short",
      ...(year ? { year: "numeric" } : {}),
      hour: "2-digit",
      minute: "2-digit",
      ...(opts.seconds === false ? {} : { second: "2-digit" }),
      hourCycle: "h23",
    },
    opts.timeZone,
    opts.locale,
  );
}

/**
 * The full moment with its zone, for a tooltip: "24 Nov 2026, 12:28:09 CET".
 *
 * @example
 * formatAbsolute("2026-11-24T11:28:09Z", "UTC"); // "24 Nov 2026, 11:28:09 UTC"
 */
export function formatAbsolute(value: TDate, timeZone?: string, locale?: string): string {
  const d = toDate(value);
  if (!d) return "—";
  return format(d, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZoneName: "short" }, timeZone, locale);
}

/**
 * A day: "24 Nov 2026".
 *
 * @example
 * formatDate("2026-11-24T11:28:09Z"); // "24 Nov 2026"
 */
export function formatDate(value: TDate, timeZone?: string): string {
  const d = toDate(value);
  if (!d) return "—";
  return format(d, { day: "numeric", month: "short", year: "numeric" }, timeZone);
}

/**
 * A time of day with seconds, 24-hour: "12:28:09" (trace events of one run).
 */
export function formatClock(value: TDate, timeZone?: string): string {
  const d = toDate(value);
  if (!d) return "—";
  return format(d, { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }, timeZone);
}

/**
 * How long ago (or how soon): "just now", "5 s ago", "3 min ago", "2 h ago", "4 d ago", "in 10 min";
 * from a week away, the date.
 *
 * @example
 * formatRelative("2026-11-24T11:00:00Z", Date.parse("2026-11-24T11:03:00Z")); // "3 min ago"
 */
export function formatRelative(value: TDate, now = Date.now(), timeZone?: string): string {
  const d = toDate(value);
  if (!d) return "—";
  const diff = now - d.getTime();
  const a = Math.abs(diff);
  if (a < 1000) return "just now";
  let text: string;
  if (a < 60_000) text = `${Math.round(a / 1000)} s`;
  else if (a < 3_600_000) text = `${Math.round(a / 60_000)} min`;
  else if (a < 86_400_000) text = `${Math.round(a / 3_600_000)} h`;
  else if (a < 7 * 86_400_000) text = `${Math.round(a / 86_400_000)} d`;
  else return formatDate(d, timeZone);
  return diff > 0 ? `${text} ago` : `in ${text}`;
}

/**
 * A ledger period (UTC): "24 Nov" for a day (YYYY-MM-DD), "Nov 2026" for a month (YYYY-MM);
 * `long` writes the month out ("24 November", "November 2026").
 *
 * @example
 * formatPeriod("2026-11-24"); // "24 Nov"
 * formatPeriod("2026-11", { long: true }); // "November 2026"
 */
export function formatPeriod(period: string, opts: { long?: boolean } = {}): string {
  const month = opts.long ? "long" : "short";
  if (/^\d{4}-\d{2}$/.test(period)) {
    const [y, m] = period.split("-").map(Number);
    return new Date(Date.UTC(y!, m! - 1, 1)).toLocaleDateString("en-GB", { month, year: "numeric", timeZone: "UTC" });
  }
  const d = new Date(period.length === 10 ? `${period}T00:00:00Z` : period);
  if (Number.isNaN(d.getTime())) return period;
  return d.toLocaleDateString("en-GB", { day: "numeric", month, timeZone: "UTC" });
}

/** "YYYY-MM-DD" of a moment in UTC (the ledger's days are UTC days), e.g. for file names. */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * A schedule's fire time as the schedule reads it: in its own zone when it has one (a cron's
 * 07:00 Berlin reads 07:00 wherever the viewer is), with the weekday, seconds only when the
 * moment has them.
 *
 * @example
 * formatSlot("2026-12-07T06:00:00.000Z", "Europe/Berlin"); // "Mon, 7 Dec, 07:00" (in an en-GB browser)
 */
export function formatSlot(value: TDate, timeZone: string | undefined): string {
  const d = toDate(value);
  if (!d) return "—";
  return formatDateTime(d, { timeZone, weekday: true, seconds: d.getUTCSeconds() !== 0, year: false });
}
