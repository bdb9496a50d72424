import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { Prisma } from "../generated/prisma/client";
import { newId } from "../ids";
import type { SpendContext } from "./attribution";
import { BudgetExceededError, type OnExceed } from "./errors";
import { findCandidateBudgets } from "./find-candidate-budgets";
import { matchBudgets } from "./match-budgets";
import { formatUsd, usd, type Decimal } from "./money";
import { announceBudgetExhausted } from "./announce-budget-exhausted";
import { releaseExpiredReservations } from "./release-expired-reservations";
import { inTransaction, type ScopedTx } from "./tx";

/** A reservation that holds money in budget windows until it is settled or released. */
export interface Reservation {
  /** `null` when no budget applied (nothing is held, settling only records spend). */
  id: string | null;
  amountUsd: Decimal;
  windows: { windowId: string; budgetId: string; windowKey: string }[];
}

/** Default lease: a holder that never settles (crashed worker) frees its money after this. */
export const DEFAULT_RESERVATION_TTL_MS = 15 * 60_000;

/** The attribution stored with a reservation (ancestors are reloaded from the run when needed). */
function attributionJson(spend: SpendContext): Omit<SpendContext, "ancestors"> {
  const { ancestors: _ancestors, ...rest } = spend;
  return rest;
}

type BudgetRow = { id: string; name: string; scope: string; scopeRef: string | null; period: string; source: string; graphVersionId: string | null; enabled: boolean; limitUsd: Decimal; onExceed: string };

/**
 * Reserves `amountUsd` (a call's worst case) in every budget window that applies to the spend,
 * atomically: either every window takes it or none does and a {@link BudgetExceededError}
 * names the first window that cannot.
 *
 * Each window is taken with one conditional `UPDATE … SET reservedUsd = reservedUsd + $a WHERE
 * spentUsd + reservedUsd + $a <= limit + boost`. PostgreSQL re-checks that condition after
 * waiting for a concurrent holder of the row lock, so parallel reservations are serialised per
 * window and can never overshoot; windows are locked in a fixed order (see matchBudgets) so
 * reservations over several windows cannot deadlock.
 *
 * @example
 * const r = await reserveBudget(ctx, spend, usd("0.0123"));
 * // … make the call …
 * await settleReservation(ctx, r, actualCost);
 */
export async function reserveBudget(
  ctx: WorkspaceContext,
  spend: SpendContext,
  amountUsd: Decimal,
  opts: { at?: Date; ttlMs?: number; tx?: ScopedTx; persist?: boolean } = {},
): Promise<Reservation> {
  const at = opts.at ?? new Date();
  const budgets = (await findCandidateBudgets(ctx, spend)) as BudgetRow[];
  const refs = matchBudgets(budgets, spend, at);
  // Without budgets nothing needs holding, unless the caller settles later by id (the API).
  if (!refs.length && !opts.persist) return { id: null, amountUsd, windows: [] };
  try {
    return await attempt(ctx, spend, amountUsd, refs, at, opts);
  } catch (err) {
    if (!(err instanceof BudgetExceededError) || opts.tx) throw err;
    // A crashed holder's lease may be what fills the window: free expired leases, try once more.
    if ((await releaseExpiredReservations(ctx, at)) > 0) {
      try {
        return await attempt(ctx, spend, amountUsd, refs, at, opts);
      } catch (again) {
        if (!(again instanceof BudgetExceededError)) throw again;
        err = again;
      }
    }
    await announceBudgetExhausted(ctx, err as BudgetExceededError).catch((e) =>
      console.warn(JSON.stringify({ level: "warn", msg: "budget alert failed", workspaceId: ctx.workspace.id, error: String(e) })),
    );
    throw err;
  }
}

async function attempt(
  ctx: WorkspaceContext,
  spend: SpendContext,
  amountUsd: Decimal,
  refs: { budget: BudgetRow; windowKey: string }[],
  at: Date,
  opts: { ttlMs?: number; tx?: ScopedTx },
): Promise<Reservation> {
  const ws = ctx.workspace.id;
  const amount = amountUsd.toFixed();
  return inTransaction(ctx, opts.tx, async (tx) => {
    const windows: Reservation["windows"] = [];
    for (const { budget, windowKey } of refs) {
      await tx.$executeRaw`
        insert into "BudgetWindow" ("id", "workspaceId", "budgetId", "windowKey", "updatedAt")
        values (${newId("budgetWindow")}, ${ws}, ${budget.id}, ${windowKey}, now())
        on conflict ("budgetId", "windowKey") do nothing`;
      const taken = await tx.$queryRaw<{ id: string }[]>`
        update "BudgetWindow" w
           set "reservedUsd" = w."reservedUsd" + ${amount}::numeric, "updatedAt" = now()
          from "Budget" b
         where b."id" = w."budgetId" and w."workspaceId" = ${ws} and w."budgetId" = ${budget.id} and w."windowKey" = ${windowKey}
           and w."spentUsd" + w."reservedUsd" + ${amount}::numeric <= b."limitUsd" + w."boostUsd"
        returning w."id"`;
      if (taken.length === 1) {
        windows.push({ windowId: taken[0]!.id, budgetId: budget.id, windowKey });
        continue;
      }
      const [state] = await tx.$queryRaw<{ spentUsd: Prisma.Decimal; reservedUsd: Prisma.Decimal; limitUsd: Prisma.Decimal }[]>`
        select w."spentUsd", w."reservedUsd", b."limitUsd" + w."boostUsd" as "limitUsd"
          from "BudgetWindow" w join "Budget" b on b."id" = w."budgetId"
         where w."workspaceId" = ${ws} and w."budgetId" = ${budget.id} and w."windowKey" = ${windowKey}`;
      const spent = usd(state?.spentUsd ?? 0);
      const reserved = usd(state?.reservedUsd ?? 0);
      const limit = usd(state?.limitUsd ?? budget.limitUsd);
      const shortfall = spent.plus(reserved).plus(amountUsd).minus(limit);
      // Throwing rolls back the windows taken so far: all or nothing.
      throw new BudgetExceededError({
        budgetId: budget.id,
        budgetName: budget.name,
        scope: budget.scope,
        scopeRef: budget.scopeRef,
        period: budget.scope === "run" ? "run" : budget.period,
        windowKey,
        limitUsd: formatUsd(limit),
        spentUsd: formatUsd(spent),
        reservedUsd: formatUsd(reserved),
        requestedUsd: formatUsd(amountUsd),
        shortfallUsd: formatUsd(shortfall.gt(0) ? shortfall : usd(0)),
        onExceed: budget.onExceed as OnExceed,
      });
    }
    const id = newId("reservation");
    await tx.budgetReservation.create({
      data: {
        id,
        workspaceId: ctx.workspace.id,
        runId: spend.runId ?? null,
        nodeId: spend.nodeId ?? null,
        amountUsd,
        windowIds: windows.map((w) => w.windowId),
        status: "held",
        expiresAt: new Date(at.getTime() + (opts.ttlMs ?? DEFAULT_RESERVATION_TTL_MS)),
        attribution: attributionJson(spend) as never,
      },
    });
    return { id, amountUsd, windows };
  });
}
