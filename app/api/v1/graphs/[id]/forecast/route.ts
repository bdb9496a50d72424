import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { forecastRun, ZForecastRequestSchema } from "@/lib/finops/forecast-run";

/**
 * POST /api/v1/graphs/:id/forecast `{ input, version? }` → `{ p50Usd, p90Usd, perNode, basis }`:
 * what a run of the version is expected to cost, from its history or from counted prompts.
 */
export const POST = withWorkspace<{ id: string }>("costs:read", async ({ req, params, ctx }) => {
  const body = await readJson(req, ZForecastRequestSchema);
  return json(await forecastRun(ctx, params.id, body));
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
