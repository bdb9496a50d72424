import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { getPrisma } from "../db/client";
import { systemContext } from "../runtime/system-context";

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

/** How often the web process looks for reservations whose holder died. */
export const RESERVATION_REAPER_INTERVAL_MS = 30_000;

/**
 * Releases every expired reservation, workspace by workspace: what a budget still holds for a
 * call whose process died between reserving and settling is given back within
 * {@link RESERVATION_REAPER_INTERVAL_MS} of its lease ending, without waiting for a refusal
 * to free it. Returns how many were released.
 *
 * @example
 * setInterval(() => releaseAllExpiredReservations(), RESERVATION_REAPER_INTERVAL_MS);
 */
export async function releaseAllExpiredReservations(at: Date = new Date()): Promise<number> {
  const due = await getPrisma().budgetReservation.findMany({
    where: { status: "held", expiresAt: { lt: at } },
    distinct: ["workspaceId"],
    select: { workspaceId: true },
    take: 100,
  });
  let released = 0;
  for (const { workspaceId } of due) released += await releaseExpiredReservations(await systemContext(workspaceId), at);
  return released;
}
