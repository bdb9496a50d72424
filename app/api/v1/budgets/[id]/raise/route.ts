import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { approveBudgetPauses } from "@/lib/approvals/approve-budget-pauses";
import { ZRaiseBudgetRequestSchema } from "@/lib/finops/budget-schemas";
import { raiseBudget } from "@/lib/finops/raise-budget";

/**
 * POST /api/v1/budgets/:id/raise `{ byUsd, windowKey? }` — raise one window (or the limit itself),
 * then approve the budget pauses pending on it so their runs resume (`resumed` lists them).
 */
export const POST = withWorkspace<{ id: string }>("budgets:manage", async ({ req, params, ctx }) => {
  const body = await readJson(req, ZRaiseBudgetRequestSchema);
  const raised = await raiseBudget(ctx, params.id, body.byUsd, { windowKey: body.windowKey });
  const resumed = await approveBudgetPauses(ctx, params.id, { windowKey: body.windowKey, comment: `Budget raised by $${raised.raisedByUsd}` });
  return json({ ...raised, resumed });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
