import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { newId } from "../ids";
import { formatUsd, usd, type Decimal } from "./money";
import type { Reservation } from "./reserve-budget";
import { inTransaction, type ScopedTx } from "./tx";

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

type WindowState = { id: string; budgetId: string; windowKey: string; spentUsd: string; limitUsd: string; alertedPct: number; thresholds: number[]; name: string; scope: string; scopeRef: string | null };

/**
 * Settles a reservation with what the call actually cost: the held amount is released and the
 * actual amount added to the spend of every window the reservation held money in. Settling is
 * idempotent (a second call changes nothing); a reservation the reaper already expired still
 * gets its spend recorded. Thresholds crossed are claimed once per window (an `alertedPct`
 * compare-and-set) and written as Notification rows in the same transaction; deliver them with
 * {@link deliverBudgetAlerts} after commit.
 *
 * @example
 * const alerts = await settleReservation(ctx, reservation, usd("0.0042"));
 * await deliverBudgetAlerts(ctx, alerts);
 */
export async function settleReservation(ctx: WorkspaceContext, reservation: Reservation, actualUsd: Decimal, opts: { tx?: ScopedTx } = {}): Promise<BudgetAlert[]> {
  return finish(ctx, reservation, actualUsd, "settled", opts.tx);
}

/**
 * Releases a reservation without spending (the call was never made, or was aborted before
 * the provider billed anything).
 *
 * @example
 * await releaseReservation(ctx, reservation);
 */
export async function releaseReservation(ctx: WorkspaceContext, reservation: Reservation, opts: { tx?: ScopedTx } = {}): Promise<void> {
  await finish(ctx, reservation, usd(0), "released", opts.tx);
}

async function finish(ctx: WorkspaceContext, reservation: Reservation, actualUsd: Decimal, status: "settled" | "released", outer?: ScopedTx): Promise<BudgetAlert[]> {
  if (!reservation.id) return [];
  const ws = ctx.workspace.id;
  const actual = actualUsd.toFixed();
  return inTransaction(ctx, outer, async (tx) => {
    const [row] = await tx.$queryRaw<{ status: string; amountUsd: string; windowIds: string[] }[]>`
      select "status", "amountUsd"::text as "amountUsd", "windowIds" from "BudgetReservation"
       where "id" = ${reservation.id} and "workspaceId" = ${ws} for update`;
    if (!row || row.status === "settled" || row.status === "released") return [];
    const held = row.status === "held" ? row.amountUsd : "0";
    await tx.$executeRaw`
      update "BudgetReservation" set "status" = ${status}, "settledUsd" = ${actual}::numeric, "settledAt" = now()
       where "id" = ${reservation.id} and "workspaceId" = ${ws}`;
    if (!row.windowIds.length) return [];
    const windows = await tx.$queryRaw<WindowState[]>`
      update "BudgetWindow" w
         set "reservedUsd" = greatest(w."reservedUsd" - ${held}::numeric, 0), "spentUsd" = w."spentUsd" + ${actual}::numeric, "updatedAt" = now()
        from "Budget" b
       where b."id" = w."budgetId" and w."workspaceId" = ${ws} and w."id" = any(${[...row.windowIds].sort()})
      returning w."id", w."budgetId", w."windowKey", w."spentUsd"::text as "spentUsd", (b."limitUsd" + w."boostUsd")::text as "limitUsd",
                w."alertedPct", b."thresholds", b."name", b."scope"::text as "scope", b."scopeRef"`;
    return claimAlerts(ctx, tx, windows);
  });
}

/**
 * Claims the highest threshold each window has newly crossed and records a notification for
 * it. Shared by settlement and by refusals (a refused call means the budget is at 100%).
 */
export async function claimAlerts(ctx: WorkspaceContext, tx: ScopedTx, windows: WindowState[], force100 = false): Promise<BudgetAlert[]> {
  const alerts: BudgetAlert[] = [];
  for (const w of windows) {
    const limit = usd(w.limitUsd);
    const pct = limit.gt(0) ? usd(w.spentUsd).div(limit).times(100) : usd(100);
    const crossed = w.thresholds.filter((t) => pct.gte(t) || (force100 && t >= 100)).sort((a, b) => b - a)[0];
    if (crossed === undefined || crossed <= w.alertedPct) continue;
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
        body: `$${alert.spentUsd} of $${alert.limitUsd} spent (${w.windowKey}).`,
        data: { ...alert } as never,
      },
    });
    alerts.push(alert);
  }
  return alerts;
}
