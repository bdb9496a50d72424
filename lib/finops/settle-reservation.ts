import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { ID_PREFIX } from "../ids";
import { usd, type Decimal } from "./money";
import type { Reservation } from "./reserve-budget";
import { claimAlerts, type BudgetAlert, type WindowState } from "./claim-budget-alerts";
import { inTransaction, type ScopedTx } from "./tx";

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
 * The ledger row id for the charge that settles `reservationId`: a settlement retried after an
 * ambiguous failure, or run twice, charges once.
 */
export function costIdFor(reservationId: string): string {
  return `${ID_PREFIX.cost}_${reservationId}`;
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

export type { BudgetAlert };
