import type { CostReport } from "./query-costs";

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
 * form has, with a header line.
 *
 * @example
 * formatCostsCsv(report);
 * // "agent,label,calls,input_tokens,output_tokens,cost_usd\r\ndraft,,12,48000,9100,0.0132\r\n"
 */
export function formatCostsCsv(report: Pick<CostReport, "groupBy" | "rows">): string {
  const lines = [[report.groupBy, "label", "calls", "input_tokens", "output_tokens", "cost_usd"].join(",")];
  for (const r of report.rows) lines.push([field(r.key), field(r.label), r.calls, r.inputTokens, r.outputTokens, r.costUsd].join(","));
  return `${lines.join("\r\n")}\r\n`;
}
