import "server-only";
import { z } from "zod";
import type { WorkspaceContext } from "../auth/context";
import { AppError, notFound } from "../errors";
import type { SpendAttribution } from "./attribution";
import { deliverBudgetAlerts } from "./deliver-budget-alerts";
import { formatUsd } from "./money";
import { recordCost } from "./record-cost";
import { costIdFor, settleReservation } from "./settle-reservation";
import { ZUsdAmount } from "./schemas";

/** Body of `POST /api/v1/budgets/settle`. */
export const ZSettleSpendRequestSchema = z.strictObject({
  reservationId: z.string().min(1).max(100),
  /** What the spend actually cost (0 when it did not happen). */
  actualUsd: ZUsdAmount,
  kind: z.enum(["tool", "external"]).optional(),
});
export type TSettleSpendRequest = z.infer<typeof ZSettleSpendRequestSchema>;

/**
 * Settles a reservation made with {@link reserveExternalSpend}: one ledger row (kind `external`
 * or `tool`) attributed as the reservation was, the actual amount counted in its budgets, the
 * rest released. A reservation settles once (409 after that).
 *
 * @example
 * await settleExternalSpend(ctx, { reservationId: r.reservationId, actualUsd: usd("0.35") });
 */
export async function settleExternalSpend(ctx: WorkspaceContext, input: TSettleSpendRequest) {
  const row = await ctx.db.budgetReservation.findFirst({ where: { id: input.reservationId } });
  if (!row) throw notFound("Reservation");
  if (row.status !== "held" && row.status !== "expired") {
    throw new AppError("conflict", `Reservation ${row.id} is already ${row.status}; a reservation settles once.`);
  }
  const attribution = (row.attribution ?? {}) as SpendAttribution;
  const reservation = { id: row.id, amountUsd: row.amountUsd, windows: [] };
  const { entry, alerts } = await ctx.db.$transaction(
    async (tx) => {
      // Lock order shared with every settlement: the reservation and its windows, then the run rows.
      const alerts = await settleReservation(ctx, reservation, input.actualUsd, { tx });
      const entry = await recordCost(ctx, { id: costIdFor(row.id), attribution, kind: input.kind ?? "external", costUsd: input.actualUsd }, { tx });
      return { entry, alerts };
    },
    { timeout: 15_000 },
  );
  await deliverBudgetAlerts(ctx, alerts);
  return { reservationId: row.id, costEntryId: entry.id, settledUsd: formatUsd(input.actualUsd), reservedUsd: formatUsd(row.amountUsd) };
}
