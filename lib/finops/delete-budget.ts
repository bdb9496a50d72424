import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { recordAuditEvent } from "../audit/record-audit-event";
import { notFound } from "../errors";

/**
 * Deletes a budget and its windows. Spend already recorded stays in the ledger; reservations
 * held in its windows settle harmlessly (their windows are gone).
 *
 * @example
 * await deleteBudget(ctx, budgetId);
 */
export async function deleteBudget(ctx: WorkspaceContext, id: string): Promise<void> {
  const { count } = await ctx.db.budget.deleteMany({ where: { id, source: "settings" } });
  if (!count) throw notFound("Budget");
  await recordAuditEvent(ctx.actor, { workspaceId: ctx.workspace.id, action: "budget.deleted", targetType: "budget", targetId: id });
}
