import type { CostReport } from "./query-costs";
import { COST_COLUMNS, SPLIT_CSV_COLUMNS } from "../format/cost-columns";

/**
 * One CSV field: quoted when it holds a separator, quote or line break; a leading `= + - @`
 * (or tab / carriage return) is prefixed with `'` so spreadsheets never evaluate a tag or
 * customer key as a formula.
 */
function field(value: string | number | null): string {
  if (value === null) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The rows of a cost report as CSV (RFC 4180, CRLF line ends), exactly the rows the JSON
 * form has, with a header line. A time series split by a dimension (`splits`) has one line per
 * period: one column per named key (headed by the key, `not attributed` for `""`), then
 * `other_usd` (every other key) and `total_usd` (the period's spend; for tags not the sum of the
 * columns, as a call with several tags counts under each).
 *
 * @example
 * formatCostsCsv(report);
 * // "agent,label,calls,input_tokens,output_tokens,cost_usd\r\ndraft,,12,48000,9100,0.0132\r\n"
 * formatCostsCsv(dailyByModel);
 * // "day,sim:fast,openai:gpt-4o,other_usd,total_usd\r\n2026-11-01,0.0132,0.41,0,0.4232\r\n"
 */
export function formatCostsCsv(report: Pick<CostReport, "groupBy" | "rows" | "splits">): string {
  const { splits } = report;
  if (splits) {
    const lines = [[report.groupBy, ...splits.keys.map((k) => field(k.key || SPLIT_CSV_COLUMNS.unattributed)), SPLIT_CSV_COLUMNS.other, SPLIT_CSV_COLUMNS.total].join(",")];
    const totals = new Map(report.rows.map((r) => [r.key, r.costUsd]));
    for (const r of splits.rows) lines.push([field(r.period), ...splits.keys.map((k) => r.values[k.key] ?? "0"), r.otherUsd, totals.get(r.period) ?? "0"].join(","));
    return `${lines.join("\r\n")}\r\n`;
  }
  const lines = [[report.groupBy, "label", ...COST_COLUMNS.map((c) => c.csv)].join(",")];
  for (const r of report.rows) lines.push([field(r.key), field(r.label), ...COST_COLUMNS.map((c) => r[c.key])].join(","));
  return `${lines.join("\r\n")}\r\n`;
}
