import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { AppError, zodIssues } from "@/lib/errors";
import { formatCostsCsv } from "@/lib/finops/format-costs-csv";
import { queryCosts, ZCostsQueryRequestSchema } from "@/lib/finops/query-costs";
import { isoDay } from "@/lib/format";

/**
 * GET /api/v1/costs?groupBy=agent|model|graph|version|tag|customer|day|month&from=&to=&graphId=&limit=&offset=&format=csv
 * Spend grouped over a range (default this month); `limit`/`offset` page the groups (largest
 * first), the totals cover all of them; `format=csv` exports exactly the rows.
 * With `groupBy=day|month&splitBy=agent|model|graph|version|tag|customer[&splitLimit=5]` the answer
 * also has `splits` (each period's cost for the range's top keys plus "other"), and the CSV has
 * one column per key.
 */
export const GET = withWorkspace("costs:read", async ({ req, ctx }) => {
  const parsed = ZCostsQueryRequestSchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    throw new AppError("validation_failed", `Invalid query: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
  }
  const report = await queryCosts(ctx, parsed.data);
  if (parsed.data.format === "csv") {
    const name = `costs-by-${report.groupBy}${report.splits ? `-split-by-${report.splits.by}` : ""}-${isoDay(report.from)}-${isoDay(report.to)}.csv`;
    return new Response(formatCostsCsv(report), { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"` } });
  }
  return json(report);
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
