import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { ZCreateBudgetRequestSchema } from "@/lib/finops/budget-schemas";
import { createBudget } from "@/lib/finops/create-budget";
import { listBudgets } from "@/lib/finops/list-budgets";

/** GET /api/v1/budgets[?include=spec] — budgets with spent / reserved / remaining per current window and the projected period end. */
export const GET = withWorkspace("costs:read", async ({ req, ctx }) => {
  const includeSpec = new URL(req.url).searchParams.get("include") === "spec";
  return json({ budgets: await listBudgets(ctx, { includeSpec }) });
});

/** POST /api/v1/budgets — create a budget. */
export const POST = withWorkspace("budgets:manage", async ({ req, ctx }) => {
  const body = await readJson(req, ZCreateBudgetRequestSchema);
  return json({ budget: await createBudget(ctx, body) }, 201);
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed("GET", "POST");
