import "server-only";
import { z } from "zod";
import type { WorkspaceContext } from "../auth/context";
import type { SpendContext } from "./attribution";
import { loadSpendContext } from "./load-spend-context";
import { formatUsd } from "./money";
import { reserveBudget } from "./reserve-budget";
import { ZPositiveUsdAmount } from "./schemas";

/** Body of `POST /api/v1/budgets/reserve`: money for non-LLM spend (a paid API, a human task). */
export const ZReserveSpendRequestSchema = z.strictObject({
  amountUsd: ZPositiveUsdAmount,
  agent: z.string().trim().min(1).max(200).optional(),
  tags: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
  customerKey: z.string().trim().min(1).max(200).optional(),
  /** Spend inside a run: the run's budgets (and its ancestors') apply and its cost grows. */
  runId: z.string().min(1).max(100).optional(),
  nodeId: z.string().min(1).max(100).optional(),
  /** How long the money is held before the reaper frees it (default 15 minutes, at most a day). */
  ttlSeconds: z.number().int().min(1).max(86_400).optional(),
});
export type TReserveSpendRequest = z.infer<typeof ZReserveSpendRequestSchema>;

/**
 * Reserves money for spend that is not a model call, against the same budgets model calls use.
 * Refusal is a BudgetExceededError (402 over HTTP); settle with {@link settleExternalSpend}.
 *
 * @example
 * const r = await reserveExternalSpend(ctx, { amountUsd: usd("0.40"), agent: "kyc-check", customerKey: "REQ-1" });
 * // { reservationId: "rsv_…", amountUsd: "0.4", expiresAt: … }
 */
export async function reserveExternalSpend(ctx: WorkspaceContext, input: TReserveSpendRequest) {
  let spend: SpendContext;
  if (input.runId) {
    spend = await loadSpendContext(ctx, { runId: input.runId, nodeId: input.nodeId ?? null, tags: input.tags });
    if (input.agent) spend.agent = input.agent;
    if (input.customerKey) spend.customerKey = input.customerKey;
  } else {
    spend = { agent: input.agent ?? null, tags: input.tags ?? [], customerKey: input.customerKey ?? null, apiKeyId: ctx.actor.apiKeyId ?? null, ancestors: [] };
  }
  const ttlMs = (input.ttlSeconds ?? 15 * 60) * 1000;
  const reservation = await reserveBudget(ctx, spend, input.amountUsd, { ttlMs, persist: true });
  return {
    reservationId: reservation.id!,
    amountUsd: formatUsd(reservation.amountUsd),
    budgets: reservation.windows.map((w) => ({ budgetId: w.budgetId, windowKey: w.windowKey })),
    expiresAt: new Date(Date.now() + ttlMs),
  };
}
