import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { recordAuditEvent } from "../audit/record-audit-event";
import { newId } from "../ids";
import type { TCreateBudgetRequest } from "./budget-schemas";
import { listBudgets, type BudgetStatus } from "./list-budgets";
import { formatUsd } from "./money";

/**
 * Creates a budget (Budget API / settings). It applies to every call reserved from now on.
 *
 * @example
 * await createBudget(ctx, { name: "Support, monthly", scope: "graph", scopeRef: graphId, period: "month", limitUsd: usd(200) });
 */
export async function createBudget(ctx: WorkspaceContext, input: TCreateBudgetRequest): Promise<BudgetStatus> {
  const id = newId("budget");
  await ctx.db.budget.create({
    data: {
      id,
      workspaceId: ctx.workspace.id,
      name: input.name,
      scope: input.scope,
      scopeRef: input.scope === "workspace" ? null : (input.scopeRef ?? null),
      period: input.scope === "run" ? "run" : input.period,
      limitUsd: input.limitUsd,
      onExceed: input.onExceed ?? "pause",
      thresholds: input.thresholds ?? [50, 80, 100],
      enabled: input.enabled ?? true,
      source: "settings",
    },
  });
  await recordAuditEvent(ctx.actor, { workspaceId: ctx.workspace.id, action: "budget.created", targetType: "budget", targetId: id, data: { scope: input.scope, period: input.period, limitUsd: formatUsd(input.limitUsd) } });
  return (await listBudgets(ctx, { id }))[0]!;
}
