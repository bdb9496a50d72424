import { describe, expect, it } from "vitest";
import { reportCronProblem, ZCreateReportScheduleRequestSchema } from "./schemas";

describe("report schedule settings", () => {
  it("takes five-field patterns that fire at most hourly, in the schedule's zone", () => {
    expect(reportCronProblem("0 6 1 * *")).toBeNull();
    expect(reportCronProblem("0 * * * *")).toBeNull();
    expect(reportCronProblem("30 7 * * 1", "Europe/Paris")).toBeNull();
    expect(reportCronProblem("*/5 * * * *")).toMatch(/every 5 minutes — a report can run at most once an hour/);
    expect(reportCronProblem("0 0 6 1 * *")).toMatch(/must have 5 fields/);
    expect(reportCronProblem("61 6 1 * *")).toMatch(/is not a cron pattern/);
    expect(reportCronProblem("0 6 30 2 *")).toMatch(/never fires|not a cron pattern/);
  });

  it("defaults the zone and the format, and names the field of each problem", () => {
    const ok = ZCreateReportScheduleRequestSchema.parse({ name: " Month end ", cron: "0 6 1 * *", report: { groupBy: "customer", period: "previous_month" }, deliver: { email: ["f@example.com"] } });
    expect(ok).toMatchObject({ name: "Month end", timezone: "UTC", report: { format: "csv" } });
    const bad = ZCreateReportScheduleRequestSchema.safeParse({ name: "x", cron: "* * * * *", timezone: "Nowhere/City", report: { groupBy: "day", period: "previous_month" }, deliver: {} });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["timezone", "report.groupBy", "deliver"]));
  });
});
