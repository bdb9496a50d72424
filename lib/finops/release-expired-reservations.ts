import "server-only";
import type { WorkspaceContext } from "../auth/context";

/**
 * Frees the money of reservations whose holder never settled them (a worker that crashed
 * mid-call) once their lease has expired. A late settlement of such a reservation still
 * records the spend (see settleReservation), so nothing is lost, only held too long.
 * Returns how many reservations were freed.
 *
 * @example
 * await releaseExpiredReservations(ctx); // 0
 */
export async function releaseExpiredReservations(ctx: WorkspaceContext, at: Date = new Date()): Promise<number> {
  const ws = ctx.workspace.id;
  return ctx.db.$transaction(async (tx) => {
    const expired = await tx.$queryRaw<{ amountUsd: string; windowIds: string[] }[]>`
      update "BudgetReservation" set "status" = 'expired', "settledAt" = now()
       where "workspaceId" = ${ws} and "status" = 'held' and "expiresAt" < ${at}
      returning "amountUsd"::text as "amountUsd", "windowIds"`;
    for (const r of expired) {
      await tx.$executeRaw`
        update "BudgetWindow" set "reservedUsd" = greatest("reservedUsd" - ${r.amountUsd}::numeric, 0), "updatedAt" = now()
         where "workspaceId" = ${ws} and "id" = any(${[...r.windowIds].sort()})`;
    }
    return expired.length;
  });
}
