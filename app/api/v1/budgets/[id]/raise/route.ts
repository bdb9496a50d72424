import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { ZRaiseBudgetRequestSchema } from "@/lib/finops/budget-schemas";
import { raiseBudget } from "@/lib/finops/raise-budget";

/** POST /api/v1/budgets/:id/raise `{ byUsd, windowKey? }` — raise one window (or the limit itself). */
export const POST = withWorkspace<{ id: string }>("budgets:manage", async ({ req, params, ctx }) => {
  const body = await readJson(req, ZRaiseBudgetRequestSchema);
  return json(await raiseBudget(ctx, params.id, body.byUsd, { windowKey: body.windowKey }));
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
