import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { formatCostsCsv } from "../finops/format-costs-csv";
import { queryCosts, type CostReport, type CostRow } from "../finops/query-costs";
import { reportPeriod, type ReportPeriod } from "./report-period";
import type { TReportScheduleConfig } from "./schemas";

/** Groups read per page of the costs query (its largest page). */
const PAGE = 100_000;

export interface BuiltCostReport {
  period: ReportPeriod;
  groupBy: TReportScheduleConfig["report"]["groupBy"];
  /** e.g. `costs-by-customer-2026-11-01..2026-11-30.csv` */
  filename: string;
  csv: string;
  rows: number;
  total: CostReport["total"];
}

/**
 * A scheduled report's content: the period it covers (in the schedule's time zone, from the time
 * it was meant to run), the spend in it grouped as it asks — read by the costs API's own query
 * (`queryCosts`, roll-ups plus the ledger at the edges) and written by its CSV export
 * (`formatCostsCsv`), every group included, costliest first — so the file equals what
 * `GET /api/v1/costs?groupBy=…&from=…&to=…&format=csv` answers for the same range.
 *
 * @example
 * const built = await buildCostReport(ctx, { report: { groupBy: "customer", period: "previous_month", format: "csv" }, timezone: "UTC" }, new Date("2026-12-01T06:00:00Z"));
 * built.filename; // "costs-by-customer-2026-11-01..2026-11-30.csv"
 */
export async function buildCostReport(ctx: WorkspaceContext, config: Pick<TReportScheduleConfig, "report" | "timezone">, at: Date): Promise<BuiltCostReport> {
  const period = reportPeriod(config.report.period, at, config.timezone);
  const rows: CostRow[] = [];
  let first: CostReport | undefined;
  for (let offset = 0; ; offset += PAGE) {
    const page = await queryCosts(ctx, { groupBy: config.report.groupBy, from: period.from.toISOString(), to: period.to.toISOString(), format: "csv", limit: PAGE, offset }, { now: at });
    first ??= page;
    rows.push(...page.rows);
    if (page.rows.length < PAGE || rows.length >= page.groups) break;
  }
  const report = first!;
  return {
    period,
    groupBy: config.report.groupBy,
    filename: `costs-by-${config.report.groupBy}-${period.label}.csv`,
    csv: formatCostsCsv({ groupBy: report.groupBy, rows }),
    rows: rows.length,
    total: report.total,
  };
}
