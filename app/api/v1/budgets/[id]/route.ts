import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { ZUpdateBudgetRequestSchema } from "@/lib/finops/budget-schemas";
import { deleteBudget } from "@/lib/finops/delete-budget";
import { listBudgets } from "@/lib/finops/list-budgets";
import { updateBudget } from "@/lib/finops/update-budget";

type Params = { id: string };

/** GET /api/v1/budgets/:id — one budget with its current windows. */
export const GET = withWorkspace<Params>("costs:read", async ({ params, ctx }) => json({ budget: (await listBudgets(ctx, { id: params.id }))[0] }));

/** PATCH /api/v1/budgets/:id — change name, limit, policy, thresholds or enabled. */
export const PATCH = withWorkspace<Params>("budgets:manage", async ({ req, params, ctx }) => {
  const body = await readJson(req, ZUpdateBudgetRequestSchema);
  return json({ budget: await updateBudget(ctx, params.id, body) });
});

/** DELETE /api/v1/budgets/:id */
export const DELETE = withWorkspace<Params>("budgets:manage", async ({ params, ctx }) => {
  await deleteBudget(ctx, params.id);
  return new Response(null, { status: 204 });
});

export const { POST, PUT } = methodsNotAllowed("GET", "PATCH", "DELETE");
