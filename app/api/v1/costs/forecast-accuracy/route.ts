import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { AppError, zodIssues } from "@/lib/errors";
import { queryForecastAccuracy, ZForecastAccuracyQueryRequestSchema } from "@/lib/finops/query-forecast-accuracy";

/**
 * GET /api/v1/costs/forecast-accuracy?from=&to=&graphId=&limit=
 * Forecast vs actual: the forecast stored when each finished run started beside what it cost,
 * per run (newest `limit`) and summarised over the range (median absolute error of p50, share
 * at or under p90), overall and by forecast basis.
 */
export const GET = withWorkspace("costs:read", async ({ req, ctx }) => {
  const parsed = ZForecastAccuracyQueryRequestSchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    throw new AppError("validation_failed", `Invalid query: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
  }
  return json(await queryForecastAccuracy(ctx, parsed.data));
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
