import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { deliverBudgetAlerts } from "./deliver-budget-alerts";
import type { BudgetExceededError } from "./errors";
import { claimAlerts } from "./claim-budget-alerts";

/**
 * A refused call means the budget is, for practical purposes, used up: announce its 100%
 * threshold (once per window, like every threshold) even though the spend itself never
 * reached it — the reservation that would have crossed it was refused.
 *
 * @example
 * catch (err) { if (err instanceof BudgetExceededError) await announceBudgetExhausted(ctx, err); throw err; }
 */
export async function announceBudgetExhausted(ctx: WorkspaceContext, err: BudgetExceededError): Promise<void> {
  const ws = ctx.workspace.id;
  const alerts = await ctx.db.$transaction(async (tx) => {
    const windows = await tx.$queryRaw<Parameters<typeof claimAlerts>[2]>`
      select w."id", w."budgetId", w."windowKey", w."spentUsd"::text as "spentUsd", (b."limitUsd" + w."boostUsd")::text as "limitUsd",
             w."alertedPct", b."thresholds", b."name", b."scope"::text as "scope", b."scopeRef"
        from "BudgetWindow" w join "Budget" b on b."id" = w."budgetId"
       where w."workspaceId" = ${ws} and w."budgetId" = ${err.budgetId} and w."windowKey" = ${err.windowKey}
         and w."alertedPct" < 100
       for update of w`;
    return claimAlerts(ctx, tx, windows, true);
  });
  await deliverBudgetAlerts(ctx, alerts);
}
