/** Date ranges of the costs screen: presets, days and months of a range (UTC days, the ledger's). Pure functions. */
import { isoDay } from "@/lib/format";

export interface DateRange {
  /** inclusive, YYYY-MM-DD (UTC) */
  from: string;
  /** inclusive, YYYY-MM-DD (UTC) */
  to: string;
}

export const RANGE_PRESETS = ["this-month", "last-month", "last-7", "last-30", "last-90", "this-year"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const PRESET_LABEL: Record<RangePreset, string> = {
  "this-month": "This month",
  "last-month": "Last month",
  "last-7": "Last 7 days",
  "last-30": "Last 30 days",
  "last-90": "Last 90 days",
  "this-year": "This year",
};

/** The range a preset names, in UTC days, relative to `now`. */
export function presetRange(preset: RangePreset, now = new Date()): DateRange {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const today = isoDay(now);
  const daysAgo = (n: number) => isoDay(new Date(Date.UTC(y, m, now.getUTCDate() - n)));
  switch (preset) {
    case "this-month":
      return { from: isoDay(new Date(Date.UTC(y, m, 1))), to: isoDay(new Date(Date.UTC(y, m + 1, 0))) };
    case "last-month":
      return { from: isoDay(new Date(Date.UTC(y, m - 1, 1))), to: isoDay(new Date(Date.UTC(y, m, 0))) };
    case "last-7":
      return { from: daysAgo(6), to: today };
    case "last-30":
      return { from: daysAgo(29), to: today };
    case "last-90":
      return { from: daysAgo(89), to: today };
    case "this-year":
      return { from: `${y}-01-01`, to: `${y}-12-31` };
  }
}

/** The preset a range matches, if any. */
export function presetOf(range: DateRange, now = new Date()): RangePreset | null {
  return RANGE_PRESETS.find((p) => {
    const r = presetRange(p, now);
    return r.from === range.from && r.to === range.to;
  }) ?? null;
}

/** Days from `from` to `to`, inclusive. */
export function daysIn(range: DateRange): number {
  return Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Every day of the range as YYYY-MM-DD, so a chart shows days without spend as zero. */
export function eachDay(range: DateRange): string[] {
  const out: string[] = [];
  const end = Date.parse(`${range.to}T00:00:00Z`);
  for (let t = Date.parse(`${range.from}T00:00:00Z`); t <= end && out.length < 800; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Every month of the range as YYYY-MM. */
export function eachMonth(range: DateRange): string[] {
  const out: string[] = [];
  const [fy, fm] = range.from.split("-").map(Number);
  const [ty, tm] = range.to.split("-").map(Number);
  for (let y = fy!, m = fm!; y < ty! || (y === ty! && m <= tm!); m === 12 ? (y++, (m = 1)) : m++) out.push(`${y}-${String(m).padStart(2, "0")}`);
  return out;
}
