import { describe, expect, it } from "vitest";
import {
  currencyCode,
  durationBetween,
  formatAbsolute,
  formatCompact,
  formatCount,
  formatDate,
  formatDateTime,
  formatDue,
  formatDuration,
  formatMoney,
  formatMoneyTick,
  formatOffset,
  formatPercent,
  formatPeriod,
  formatRelative,
  formatSlot,
  SERVER_DATE_LOCALE,
  formatSpan,
  formatTokens,
  formatUsd,
} from "./index";

describe("formatMoney", () => {
  it("writes sums with a symbol, grouped thousands and cents", () => {
    expect(formatMoney(580000)).toBe("$580,000.00");
    expect(formatMoney("1234.5")).toBe("$1,234.50");
    expect(formatMoney(2.5)).toBe("$2.50");
    expect(formatMoney(-1500)).toBe("-$1,500.00");
  });

  it("keeps sub-cent model costs readable with two significant digits, never scientific", () => {
    expect(formatUsd("0.000042")).toBe("$0.000042");
    expect(formatUsd(0.0123)).toBe("$0.012");
    expect(formatUsd(0.5)).toBe("$0.50");
    expect(formatUsd(0.05)).toBe("$0.05");
    expect(formatUsd(1e-7)).toBe("$0.0000001");
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(null)).toBe("$0.00");
    expect(formatUsd("not a number")).toBe("$0.00");
  });

  it("writes other currencies with their own symbol and decimals", () => {
    expect(formatMoney("6226.08", "EUR")).toBe("€6,226.08");
    expect(formatMoney(7560, "eur")).toBe("€7,560.00");
    expect(formatMoney(1200, "JPY")).toBe("¥1,200");
    expect(formatMoney(10, "GBP")).toBe("£10.00");
  });

  it("falls back to dollars for a currency it does not know", () => {
    expect(currencyCode("dollars")).toBe("USD");
    expect(currencyCode(undefined)).toBe("USD");
    expect(formatMoney(5, "??")).toBe("$5.00");
  });
});

describe("formatMoneyTick", () => {
  it("writes axis ticks in full with thousands grouped, millions compact, cents never scientific", () => {
    expect(formatMoneyTick(0)).toBe("$0");
    expect(formatMoneyTick(0.000026)).toBe("$0.000026");
    expect(formatMoneyTick(0.0015)).toBe("$0.0015");
    expect(formatMoneyTick(0.5)).toBe("$0.5");
    expect(formatMoneyTick(2.5)).toBe("$2.5");
    expect(formatMoneyTick(400)).toBe("$400");
    expect(formatMoneyTick(1234.56)).toBe("$1,234.56");
    expect(formatMoneyTick(1_600_000)).toBe("$1.6M");
    expect(formatMoneyTick(22_000_000_000)).toBe("$22B");
    expect(formatMoneyTick(-1500)).toBe("-$1,500");
  });
});

describe("counts and tokens", () => {
  it("groups thousands and shortens large counts", () => {
    expect(formatCount(12345)).toBe("12,345");
    expect(formatCount(null)).toBe("—");
    expect(formatTokens(48000)).toBe("48,000");
    expect(formatTokens(1, { unit: true })).toBe("1 token");
    expect(formatTokens(2500, { unit: true })).toBe("2,500 tokens");
    expect(formatCompact(9800)).toBe("9,800");
    expect(formatCompact(48_200)).toBe("48.2K");
    expect(formatCompact(2_400_000)).toBe("2.4M");
  });

  it("writes percentages with a decimal only where it matters", () => {
    expect(formatPercent(3.25)).toBe("3.3%");
    expect(formatPercent(42.5)).toBe("43%");
    expect(formatPercent(42.5, 1)).toBe("42.5%");
    expect(formatPercent(undefined)).toBe("—");
  });
});

describe("durations", () => {
  it("uses the two largest units that matter", () => {
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(12_400)).toBe("12.4 s");
    expect(formatDuration(185_000)).toBe("3 m 05 s");
    expect(formatDuration(7_800_000)).toBe("2 h 10 m");
    expect(formatDuration(90_000_000)).toBe("1 d 1 h");
    expect(formatDuration(null)).toBe("—");
  });

  it("signs offsets and measures spans", () => {
    expect(formatOffset(1_250)).toBe("+1.3 s");
    expect(formatOffset(-40)).toBe("−40 ms");
    expect(durationBetween("2026-11-24T11:00:00Z", "2026-11-24T11:00:05Z")).toBe(5000);
    expect(durationBetween("2026-11-24T11:00:00Z", null, Date.parse("2026-11-24T11:01:00Z"))).toBe(60_000);
    expect(durationBetween(null, null)).toBeNull();
  });

  it("says the time left or overdue in words, rounded to what a person plans around", () => {
    const now = new Date("2026-01-01T10:00:00Z");
    expect(formatDue(new Date("2026-01-01T13:20:00Z"), now)).toBe("due in 3 h 20 min");
    expect(formatDue("2026-01-01T09:48:00Z", now)).toBe("overdue by 12 min");
    expect(formatDue(new Date("2026-01-03T14:00:00Z"), now)).toBe("due in 2 d 4 h");
    expect(formatDue(new Date("2026-01-01T10:00:30Z"), now.getTime())).toBe("due in 30 s");
    expect(formatDue(now, now)).toBe("due now");
    expect(formatSpan(3 * 3_600_000)).toBe("3 h");
  });
});

describe("dates", () => {
  const at = "2026-11-24T11:28:09Z";
  const now = Date.parse(at);

  it("says how long ago, or how soon, then the date from a week away", () => {
    expect(formatRelative(at, now)).toBe("just now");
    expect(formatRelative(at, now + 5_000)).toBe("5 s ago");
    expect(formatRelative(at, now + 3 * 60_000)).toBe("3 min ago");
    expect(formatRelative(at, now + 2 * 3_600_000)).toBe("2 h ago");
    expect(formatRelative(at, now + 3 * 86_400_000)).toBe("3 d ago");
    expect(formatRelative(at, now - 10 * 60_000)).toBe("in 10 min");
    expect(formatRelative(at, now + 30 * 86_400_000, "UTC")).toBe(formatDate(at, "UTC"));
    expect(formatRelative(null, now)).toBe("—");
  });

  it("writes a moment in the zone asked for, with the zone on the full form", () => {
    // the words follow the viewer's locale; the numbers are the zone's
    const berlin = formatDateTime(at, { timeZone: "Europe/Berlin", year: true });
    expect(berlin).toMatch(/24/);
    expect(berlin).toMatch(/Nov/);
    expect(berlin).toMatch(/2026/);
    expect(berlin).toMatch(/12:28:09/);
    expect(formatDateTime(at, { timeZone: "Asia/Tokyo", seconds: false })).toMatch(/20:28(?!:)/);
    expect(formatAbsolute(at, "UTC")).toMatch(/11:28:09 UTC/);
    expect(formatDateTime(undefined)).toBe("—");
    expect(formatDateTime("not a date")).toBe("—");
  });

  it("writes the same text wherever it runs given a locale and zone (what the server renders before the browser refines it)", () => {
    expect(formatDateTime(at, { timeZone: "UTC", locale: SERVER_DATE_LOCALE, year: true })).toBe("24 Nov 2026, 11:28:09");
    expect(formatAbsolute(at, "UTC", SERVER_DATE_LOCALE)).toBe("24 Nov 2026, 11:28:09 UTC");
    expect(formatSlot("2026-12-07T06:00:00.000Z", "Europe/Berlin")).toMatch(/07:00$/);
  });

  it("writes ledger periods as UTC days and months", () => {
    expect(formatPeriod("2026-11-24")).toBe("24 Nov");
    expect(formatPeriod("2026-11")).toBe("Nov 2026");
    expect(formatPeriod("2026-11", { long: true })).toBe("November 2026");
    expect(formatPeriod("2026-11-01", { long: true })).toBe("1 November");
    expect(formatPeriod("gr_123")).toBe("gr_123");
  });
});
