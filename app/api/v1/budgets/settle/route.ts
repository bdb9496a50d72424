import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { settleExternalSpend, ZSettleSpendRequestSchema } from "@/lib/finops/settle-external-spend";

/** POST /api/v1/budgets/settle `{ reservationId, actualUsd, kind? }` — record what the reserved spend cost. */
export const POST = withWorkspace("llm:proxy", async ({ req, ctx }) => {
  const body = await readJson(req, ZSettleSpendRequestSchema);
  return json(await settleExternalSpend(ctx, body));
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
