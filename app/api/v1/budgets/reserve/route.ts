import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { reserveExternalSpend, ZReserveSpendRequestSchema } from "@/lib/finops/reserve-external-spend";

/**
 * POST /api/v1/budgets/reserve — hold money for non-LLM spend against every applicable budget:
 * 201 with a reservation id, or 402 naming the budget that refused it.
 */
export const POST = withWorkspace("llm:proxy", async ({ req, ctx }) => {
  const body = await readJson(req, ZReserveSpendRequestSchema);
  return json(await reserveExternalSpend(ctx, body), 201);
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
