import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { recordAuditEvent } from "../audit/record-audit-event";
import { notFound } from "../errors";
import type { TUpdateBudgetRequest } from "./budget-schemas";
import { listBudgets, type BudgetStatus } from "./list-budgets";

/**
 * Changes a budget's name, limit, policy, thresholds or enabled flag. Budgets declared in a
 * graph spec are changed by saving a new version, not here (404 for them, as for unknown ids).
 *
 * @example
 * await updateBudget(ctx, budgetId, { limitUsd: usd(300) });
 */
export async function updateBudget(ctx: WorkspaceContext, id: string, input: TUpdateBudgetRequest): Promise<BudgetStatus> {
  const { count } = await ctx.db.budget.updateMany({ where: { id, source: "settings" }, data: input });
  if (!count) throw notFound("Budget");
  await recordAuditEvent(ctx.actor, { workspaceId: ctx.workspace.id, action: "budget.updated", targetType: "budget", targetId: id, data: { fields: Object.keys(input) } });
  return (await listBudgets(ctx, { id }))[0]!;
}
