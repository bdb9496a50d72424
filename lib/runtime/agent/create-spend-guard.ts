import "server-only";
import type { WorkspaceContext } from "../../auth/context";
import type { AfterModelCallEvent, BeforeModelCallEvent } from "./types";
import type { RunPlan } from "../run-state";
import type { SpendContext } from "../../finops/attribution";
import { checkSpendVelocity, maxUsdPerMinute } from "../../finops/check-spend-velocity";
import { consumeRateLimit } from "../../finops/consume-rate-limit";
import { deliverBudgetAlerts } from "../../finops/deliver-budget-alerts";
import { getPriceOrThrow, type ModelPriceQuote } from "../../finops/get-price";
import { loadSpendContext } from "../../finops/load-spend-context";
import { costOf, usd, type Decimal } from "../../finops/money";
import { recordCost } from "../../finops/record-cost";
import { reserveBudget, type Reservation } from "../../finops/reserve-budget";
import { costIdFor, releaseReservation, settleReservation } from "../../finops/settle-reservation";
import { newId } from "../../ids";
import { exportModelCallSpan } from "../../telemetry";

/**
 * Prompt tokens are counted locally before the call; providers count with their own
 * tokenizers (exactly for OpenAI, approximately for others). The reservation pads the count so
 * that the settled cost stays within what was reserved.
 */
const INPUT_MARGIN = 1.1;
const INPUT_MARGIN_TOKENS = 16;

/** The hooks {@link createSpendGuard} returns, shaped like runAgent's. */
export interface SpendGuard {
  /** Reserves the call's worst case in every applicable budget; throws BudgetExceededError, LoopDetectedError or RateLimitedError to refuse it. */
  beforeModelCall(event: BeforeModelCallEvent): Promise<void>;
  /** Writes the ledger row for the call (failed ones included) and settles its reservation. */
  afterModelCall(event: AfterModelCallEvent): Promise<void>;
  /** Releases anything still held (the agent threw or was aborted between the two hooks). Safe to call twice. */
  release(): Promise<void>;
  /** What this guard has recorded so far (all calls, failed ones included). */
  spentUsd(): Decimal;
}

export interface CreateSpendGuardOptions {
  ctx: WorkspaceContext;
  plan: Pick<RunPlan, "runId" | "spec">;
  nodeId: string;
  /** The node's attempt (1-based); recorded on every ledger row. */
  attempt: number;
  /** Runaway limit in USD per minute per run tree; default `SWITCHYARD_MAX_RUN_USD_PER_MINUTE` or $10. */
  maxUsdPerMinute?: Decimal;
  /** A reservation already held for this node (taken when it resumed from a budget pause): the first call's reservation replaces it. */
  carried?: Reservation | null;
  /** The delegation the calls are made for (a supervisor's inline sub-agent): their spans are its children, not the node's. */
  delegationId?: string;
}

/**
 * Budget enforcement and metering for one attempt of one node, as runAgent hooks. Before each
 * model call it prices the worst case (counted prompt tokens, padded, plus `maxOutputTokens`)
 * and reserves it atomically against every applicable budget (run, node/agent, graph, tag,
 * customer key, workspace; Budget rows and the spec's `budget` / `budgetUsd`; every ancestor
 * run's per-run budgets). After each call it appends the ledger row and settles the actual
 * cost in one transaction, then delivers threshold alerts.
 *
 * @example
 * const guard = createSpendGuard({ ctx, plan, nodeId: node.id, attempt });
 * try {
 *   return await runAgent({ …, beforeModelCall: guard.beforeModelCall, afterModelCall: guard.afterModelCall });
 * } finally {
 *   await guard.release();
 * }
 */
export function createSpendGuard(opts: CreateSpendGuardOptions): SpendGuard {
  const { ctx, plan, nodeId, attempt } = opts;
  const nodeTags = plan.spec.nodes.find((n) => n.id === nodeId)?.tags ?? [];
  let spendPromise: Promise<SpendContext> | undefined;
  const spend = () => (spendPromise ??= loadSpendContext(ctx, { runId: plan.runId, nodeId, attempt, tags: nodeTags }));
  const held = new Map<number, { reservation: Reservation; price: ModelPriceQuote }>();
  let total = usd(0);
  let carried = opts.carried ?? null;

  return {
    async beforeModelCall(event) {
      const s = await spend();
      const price = await getPriceOrThrow(ctx, event.modelId);
      const worstCase = costOf({ inputTokens: Math.ceil(event.estimatedInputTokens * INPUT_MARGIN) + INPUT_MARGIN_TOKENS, outputTokens: event.maxOutputTokens, cachedTokens: 0 }, price);
      await checkSpendVelocity(ctx, { rootRunId: s.rootRunId ?? plan.runId, nextUsd: worstCase, limitUsd: opts.maxUsdPerMinute ?? maxUsdPerMinute() });
      await consumeRateLimit(ctx, event.modelId, event.estimatedInputTokens + event.maxOutputTokens, price);
      const reservation = await reserveBudget(ctx, s, worstCase, { replaces: carried });
      carried = null;
      held.set(event.turn, { reservation, price });
    },

    async afterModelCall(event) {
      const s = await spend();
      const entry = held.get(event.turn);
      held.delete(event.turn);
      const price = entry?.price ?? (await getPriceOrThrow(ctx, event.modelId));
      const cost = costOf(event.usage, price);
      const reservation = entry?.reservation.id ? entry.reservation : undefined;
      const charge = { attribution: s, modelId: event.modelId, usage: event.usage, prices: price, costUsd: cost, success: event.ok };
      // Without a reservation the charge is one statement (no interactive transaction, so wide
      // fan-outs never queue on one). With one, the settlement and the ledger row commit
      // together, locked in a fixed order (reservation, its windows, then the run rows), and the
      // row's id derives from the reservation: a settlement is charged once however often it runs.
      const ledgerId = reservation ? costIdFor(reservation.id!) : newId("cost");
      const { alerts, recorded } = reservation
        ? await ctx.db.$transaction(
            async (tx) => {
              const settled = await settleReservation(ctx, reservation, cost, { tx });
              const row = await recordCost(ctx, { ...charge, id: ledgerId }, { tx });
              return { alerts: settled, recorded: row.recorded };
            },
            { timeout: 15_000, maxWait: 15_000 },
          )
        : { alerts: [], recorded: (await recordCost(ctx, { ...charge, id: ledgerId })).recorded };
      total = total.plus(cost);
      // the call's span, once: a settlement run again finds its ledger row and exports nothing
      if (recorded) {
        exportModelCallSpan(ctx, {
          ledgerId,
          attribution: s,
          delegationId: opts.delegationId,
          modelId: event.modelId,
          responseModel: event.responseModel,
          usage: event.usage,
          costUsd: cost,
          budgetIds: reservation?.windows.map((w) => w.budgetId),
          ok: event.ok,
          error: event.error?.message,
          finishReason: event.finishReason,
          simulated: event.simulated,
          end: new Date(),
          durationMs: event.durationMs,
        });
      }
      await deliverBudgetAlerts(ctx, alerts);
    },

    async release() {
      const pending = [...held.values()].map((h) => h.reservation);
      if (carried) pending.push(carried);
      held.clear();
      carried = null;
      for (const reservation of pending) await releaseReservation(ctx, reservation);
    },

    spentUsd: () => total,
  };
}
