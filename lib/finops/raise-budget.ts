import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { recordAuditEvent } from "../audit/record-audit-event";
import { newId } from "../ids";
import { AppError, notFound } from "../errors";
import type { SpendContext } from "./attribution";
import { formatUsd, usd, type UsdInput } from "./money";
import { reserveBudget, type Reservation } from "./reserve-budget";

/**
 * Raises a budget by `byUsd` — what `POST /budgets/:id/raise` and the approvals inbox's
 * "raise by $X" decision call.
 *
 * With `windowKey` (from the BudgetExceededError) only that window is raised: this run for a
 * per-run budget, this day or month for a calendar one; the declared limit stays as it is for
 * every other run and period. Without it the budget's limit itself is raised. Raising by zero
 * changes nothing and is not an error (what was missing may have been freed meanwhile).
 *
 * @example
 * await raiseBudget(ctx, err.budgetId, err.shortfallUsd, { windowKey: err.windowKey });
 */
export async function raiseBudget(ctx: WorkspaceContext, budgetId: string, byUsd: UsdInput, opts: { windowKey?: string } = {}): Promise<{ budgetId: string; windowKey: string | null; raisedByUsd: string }> {
  const amount = usd(byUsd);
  if (amount.lt(0)) throw new AppError("validation_failed", "byUsd must not be negative.", [{ path: "byUsd", message: "must not be negative" }]);
  const budget = await ctx.db.budget.findFirst({ where: { id: budgetId }, select: { id: true } });
  if (!budget) throw notFound("Budget");
  if (amount.isZero()) return { budgetId, windowKey: opts.windowKey ?? null, raisedByUsd: "0" };
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

/**
 * Resumes a call that a budget paused: re-attempts its reservation of `requestedUsd` and, in
 * the same locked transaction, raises the paused window by only what is still missing —
 * nothing when settlements freed enough while it waited. The returned reservation is held for
 * the node; its re-run replaces it (`reserveBudget(…, { replaces })`), so no other call can
 * take the room in between. Another budget that refuses still throws BudgetExceededError.
 *
 * @example
 * const held = await reserveRaisingShortfall(ctx, spend, b.requestedUsd, { budgetId: b.budgetId, windowKey: b.windowKey }, { approvalId });
 */
export async function reserveRaisingShortfall(
  ctx: WorkspaceContext,
  spend: SpendContext,
  requestedUsd: UsdInput,
  window: { budgetId: string; windowKey: string },
  why: { approvalId: string },
): Promise<Reservation> {
  const reservation = await reserveBudget(ctx, spend, usd(requestedUsd), { raiseToFit: window });
  if (reservation.raisedUsd) {
    await recordAuditEvent(ctx.actor, {
      workspaceId: ctx.workspace.id,
      action: "budget.raised",
      targetType: "budget",
      targetId: window.budgetId,
      data: { byUsd: formatUsd(reservation.raisedUsd), windowKey: window.windowKey, approvalId: why.approvalId, nodeId: spend.nodeId ?? null },
    });
  }
  return reservation;
}
