import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { recordAuditEvent } from "../audit/record-audit-event";
import { newId } from "../ids";
import { AppError, notFound } from "../errors";
import { formatUsd, usd, type UsdInput } from "./money";

/**
 * Raises a budget by `byUsd` — what the approvals inbox's "raise budget by $X and resume"
 * decision calls before the paused node is re-run.
 *
 * With `windowKey` (from the BudgetExceededError) only that window is raised: this run for a
 * per-run budget, this day or month for a calendar one; the declared limit stays as it is for
 * every other run and period. Without it the budget's limit itself is raised.
 *
 * @example
 * await raiseBudget(ctx, err.budgetId, err.shortfallUsd, { windowKey: err.windowKey });
 */
export async function raiseBudget(ctx: WorkspaceContext, budgetId: string, byUsd: UsdInput, opts: { windowKey?: string } = {}): Promise<{ budgetId: string; windowKey: string | null; raisedByUsd: string }> {
  const amount = usd(byUsd);
  if (amount.lte(0)) throw new AppError("validation_failed", "byUsd must be more than zero.", [{ path: "byUsd", message: "must be more than zero" }]);
  const budget = await ctx.db.budget.findFirst({ where: { id: budgetId }, select: { id: true } });
  if (!budget) throw notFound("Budget");
  if (opts.windowKey) {
    await ctx.db.budgetWindow.upsert({
      where: { budgetId_windowKey: { budgetId, windowKey: opts.windowKey } },
      create: { id: newId("budgetWindow"), budgetId, windowKey: opts.windowKey, boostUsd: amount } as never,
      update: { boostUsd: { increment: amount } },
    });
  } else {
    await ctx.db.budget.updateMany({ where: { id: budgetId }, data: { limitUsd: { increment: amount } } });
  }
  await recordAuditEvent(ctx.actor, { workspaceId: ctx.workspace.id, action: "budget.raised", targetType: "budget", targetId: budgetId, data: { byUsd: formatUsd(amount), windowKey: opts.windowKey ?? null } });
  return { budgetId, windowKey: opts.windowKey ?? null, raisedByUsd: formatUsd(amount) };
}
