import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { newId } from "../ids";
import { formatUsd, usd } from "./money";
import type { ScopedTx } from "./tx";
import { formatMoney } from "../format/money";

/** A threshold crossed by a settlement; announced once per budget window. */
export interface BudgetAlert {
  notificationId: string;
  budgetId: string;
  budgetName: string;
  scope: string;
  scopeRef: string | null;
  windowKey: string;
  thresholdPct: number;
  spentUsd: string;
  limitUsd: string;
}

export type WindowState = { id: string; budgetId: string; windowKey: string; spentUsd: string; limitUsd: string; alertedPct: number; thresholds: number[]; name: string; scope: string; scopeRef: string | null };

/**
 * The highest threshold a window's spend has reached (every one at or above 100 with
 * `force100`) that it has not announced yet, if any.
 *
 * @example
 * newlyCrossed({ spentUsd: "6", limitUsd: "10", thresholds: [50, 80], alertedPct: 0 }); // 50
 */
export function newlyCrossed(w: Pick<WindowState, "spentUsd" | "limitUsd" | "thresholds" | "alertedPct">, force100 = false): number | undefined {
  const limit = usd(w.limitUsd);
  const pct = limit.gt(0) ? usd(w.spentUsd).div(limit).times(100) : usd(100);
  const crossed = w.thresholds.filter((t) => pct.gte(t) || (force100 && t >= 100)).sort((a, b) => b - a)[0];
  return crossed !== undefined && crossed > w.alertedPct ? crossed : undefined;
}

/**
 * Claims the highest threshold each window has newly crossed and records a notification for
 * it. Shared by settlement and by refusals (a refused call means the budget is at 100%).
 */
export async function claimAlerts(ctx: WorkspaceContext, tx: ScopedTx, windows: WindowState[], force100 = false): Promise<BudgetAlert[]> {
  const alerts: BudgetAlert[] = [];
  for (const w of windows) {
    const crossed = newlyCrossed(w, force100);
    if (crossed === undefined) continue;
    const limit = usd(w.limitUsd);
    const claimed = await tx.$executeRaw`
      update "BudgetWindow" set "alertedPct" = ${crossed} where "id" = ${w.id} and "workspaceId" = ${ctx.workspace.id} and "alertedPct" < ${crossed}`;
    if (!claimed) continue;
    const notificationId = newId("notification");
    const alert: BudgetAlert = {
      notificationId,
      budgetId: w.budgetId,
      budgetName: w.name,
      scope: w.scope,
      scopeRef: w.scopeRef,
      windowKey: w.windowKey,
      thresholdPct: crossed,
      spentUsd: formatUsd(usd(w.spentUsd)),
      limitUsd: formatUsd(limit),
    };
    await tx.notification.create({
      data: {
        id: notificationId,
        workspaceId: ctx.workspace.id,
        kind: "budget.threshold",
        title: `Budget "${w.name}" reached ${crossed}%`,
        body: `${formatMoney(alert.spentUsd)} of ${formatMoney(alert.limitUsd)} spent (${w.windowKey}).`,
        data: { ...alert } as never,
      },
    });
    alerts.push(alert);
  }
  return alerts;
}
