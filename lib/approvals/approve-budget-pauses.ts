import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { AppError } from "../errors";
import { decideApproval, mayDecide } from "./decide-approval";
import type { BudgetPauseContext } from "./open-budget-pause";

/**
 * Approves the pending budget pauses of one budget (of one window of it, with `windowKey`),
 * which resumes every node waiting on them: what `POST /budgets/:id/raise` does after raising,
 * so that raising a budget also lets the runs it paused continue. Each node re-reserves on
 * resume and raises only what is still missing (see reserveRaisingShortfall). Items the
 * caller may not decide, or that someone decided a moment ago, are left out of the result.
 *
 * @example
 * const resumed = await approveBudgetPauses(ctx, budgetId, { comment: "Budget raised by $5" });
 * // [{ approvalId: "apr_…", runId: "run_…" }]
 */
export async function approveBudgetPauses(
  ctx: WorkspaceContext,
  budgetId: string,
  opts: { windowKey?: string; comment?: string } = {},
): Promise<{ approvalId: string; runId: string | null }[]> {
  const pending = await ctx.db.approval.findMany({
    where: { kind: "budget", status: "pending", pauseKey: { contains: `:${budgetId}:` } },
    orderBy: { id: "asc" },
  });
  const resumed: { approvalId: string; runId: string | null }[] = [];
  for (const item of pending) {
    const budget = (item.context as BudgetPauseContext | null)?.budget;
    if (budget?.budgetId !== budgetId || (opts.windowKey && budget.windowKey !== opts.windowKey)) continue;
    if (!mayDecide(ctx, item)) continue;
    try {
      await decideApproval(ctx, item.id, { decision: "approve", comment: opts.comment });
      resumed.push({ approvalId: item.id, runId: item.runId });
    } catch (err) {
      if (!(err instanceof AppError && err.code === "conflict")) throw err;
    }
  }
  return resumed;
}
