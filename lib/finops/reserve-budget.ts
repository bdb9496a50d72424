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
  /** What {@link ReserveBudgetOptions.raiseToFit} added to the window to make room (absent when nothing). */
  raisedUsd?: Decimal;
}

/** Default lease: a holder that never settles (crashed worker) frees its money after this. */
export const DEFAULT_RESERVATION_TTL_MS = 15 * 60_000;

/** The attribution stored with a reservation (ancestors are reloaded from the run when needed). */
export function attributionJson(spend: SpendContext): Omit<SpendContext, "ancestors"> {
  const { ancestors: _ancestors, ...rest } = spend;
  return rest;
}

/** The fields of a Budget row that reserving reads. */
export type BudgetRow = { id: string; name: string; scope: string; scopeRef: string | null; period: string; source: string; graphVersionId: string | null; enabled: boolean; limitUsd: Decimal; onExceed: string };

/**
 * The refusal of `amountUsd` by one window, from the state it was decided on.
 *
 * @example
 * throw budgetExceeded(budget, "2026-12", { spent, reserved, limit }, usd("0.01"));
 */
export function budgetExceeded(budget: BudgetRow, windowKey: string, state: { spent: Decimal; reserved: Decimal; limit: Decimal }, amountUsd: Decimal): BudgetExceededError {
  return new BudgetExceededError({
    budgetId: budget.id,
    budgetName: budget.name,
    scope: budget.scope,
    scopeRef: budget.scopeRef,
    period: budget.scope === "run" ? "run" : budget.period,
    windowKey,
    limitUsd: formatUsd(state.limit),
    spentUsd: formatUsd(state.spent),
    reservedUsd: formatUsd(state.reserved),
    requestedUsd: formatUsd(amountUsd),
    shortfallUsd: formatUsd(state.spent.plus(state.reserved).plus(amountUsd).minus(state.limit)),
    onExceed: budget.onExceed as OnExceed,
    ...(budget.source === "delegation" ? { source: budget.source } : {}),
  });
}

/** Options of {@link reserveBudget}. */
export interface ReserveBudgetOptions {
  at?: Date;
  ttlMs?: number;
  tx?: ScopedTx;
  persist?: boolean;
  /**
   * A reservation held for the same call (the one a resumed node was given) that this one
   * replaces: it is released in the same transaction, so its money cannot go to anyone else in
   * between. Ignored when it is no longer held.
   */
  replaces?: Reservation | null;
  /**
   * The one window that may be raised to fit: when it is short, its boost grows by exactly what
   * is missing (which may be nothing) and the reservation is taken — what resuming a budget pause
   * does. Other windows are never raised.
   */
  raiseToFit?: { budgetId: string; windowKey: string };
  /** The candidate budgets, when the caller already read them (the gateway reads them with the call's other settings). */
  budgets?: BudgetRow[];
}

/**
 * Reserves `amountUsd` (a call's worst case) in every budget window that applies to the spend,
 * atomically: either every window takes it or none does and a {@link BudgetExceededError}
 * names the first window that cannot.
 *
 * Each window row is locked (`select … for update`) and the decision is made from that one
 * read: the refusal and its shortfall come from the same state, which nobody can change until
 * the transaction ends (a settlement in between would otherwise make the shortfall zero or
 * negative). Parallel reservations are serialised per window and can never overshoot; windows
 * are locked in a fixed order (see matchBudgets) so reservations over several windows cannot
 * deadlock.
 *
 * @example
 * const r = await reserveBudget(ctx, spend, usd("0.0123"));
 * // … make the call …
 * await settleReservation(ctx, r, actualCost);
 */
export async function reserveBudget(ctx: WorkspaceContext, spend: SpendContext, amountUsd: Decimal, opts: ReserveBudgetOptions = {}): Promise<Reservation> {
  const at = opts.at ?? new Date();
  const budgets = opts.budgets ?? ((await findCandidateBudgets(ctx, spend)) as BudgetRow[]);
  const refs = matchBudgets(budgets, spend, at);
  // Without budgets nothing needs holding, unless the caller settles later by id (the API).
  if (!refs.length && !opts.persist && !opts.replaces?.id) return { id: null, amountUsd, windows: [] };
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
  opts: ReserveBudgetOptions,
): Promise<Reservation> {
  const ws = ctx.workspace.id;
  return inTransaction(ctx, opts.tx, async (tx) => {
    // The replaced hold is released first; its money is given back window by window below,
    // under the same row locks that decide this reservation (a refusal rolls it all back).
    let carried: { amountUsd: Decimal; windowIds: Set<string> } | null = null;
    if (opts.replaces?.id) {
      const [row] = await tx.$queryRaw<{ amountUsd: string; windowIds: string[] }[]>`
        update "BudgetReservation" set "status" = 'released', "settledUsd" = 0, "settledAt" = now()
         where "id" = ${opts.replaces.id} and "workspaceId" = ${ws} and "status" = 'held'
        returning "amountUsd"::text as "amountUsd", "windowIds"`;
      if (row) carried = { amountUsd: usd(row.amountUsd), windowIds: new Set(row.windowIds) };
    }
    const windows: Reservation["windows"] = [];
    let raisedUsd = usd(0);
    for (const { budget, windowKey } of refs) {
      await tx.$executeRaw`
        insert into "BudgetWindow" ("id", "workspaceId", "budgetId", "windowKey", "updatedAt")
        values (${newId("budgetWindow")}, ${ws}, ${budget.id}, ${windowKey}, now())
        on conflict ("budgetId", "windowKey") do nothing`;
      const [state] = await tx.$queryRaw<{ id: string; spentUsd: Prisma.Decimal; reservedUsd: Prisma.Decimal; limitUsd: Prisma.Decimal }[]>`
        select w."id", w."spentUsd", w."reservedUsd", b."limitUsd" + w."boostUsd" as "limitUsd"
          from "BudgetWindow" w join "Budget" b on b."id" = w."budgetId"
         where w."workspaceId" = ${ws} and w."budgetId" = ${budget.id} and w."windowKey" = ${windowKey}
           for update of w`;
      if (!state) throw new Error(`Budget window ${budget.id}/${windowKey} vanished while reserving.`);
      const freed = carried?.windowIds.has(state.id) ? carried.amountUsd : usd(0);
      carried?.windowIds.delete(state.id);
      const spent = usd(state.spentUsd);
      const reservedBefore = usd(state.reservedUsd).minus(freed);
      const reserved = reservedBefore.gt(0) ? reservedBefore : usd(0);
      const limit = usd(state.limitUsd);
      const missing = spent.plus(reserved).plus(amountUsd).minus(limit);
      const raise = missing.gt(0) && opts.raiseToFit?.budgetId === budget.id && opts.raiseToFit.windowKey === windowKey ? missing : usd(0);
      // Throwing rolls back the windows taken so far: all or nothing.
      if (missing.gt(raise)) throw budgetExceeded(budget, windowKey, { spent, reserved, limit }, amountUsd);
      raisedUsd = raisedUsd.plus(raise);
      await tx.$executeRaw`
        update "BudgetWindow"
           set "reservedUsd" = ${reserved.plus(amountUsd).toFixed()}::numeric, "boostUsd" = "boostUsd" + ${raise.toFixed()}::numeric, "updatedAt" = now()
         where "id" = ${state.id} and "workspaceId" = ${ws}`;
      windows.push({ windowId: state.id, budgetId: budget.id, windowKey });
    }
    // windows of the replaced hold that no longer apply (a budget disabled meanwhile)
    if (carried?.windowIds.size) {
      await tx.$executeRaw`
        update "BudgetWindow" set "reservedUsd" = greatest("reservedUsd" - ${carried.amountUsd.toFixed()}::numeric, 0), "updatedAt" = now()
         where "workspaceId" = ${ws} and "id" = any(${[...carried.windowIds].sort()})`;
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
    return { id, amountUsd, windows, ...(raisedUsd.gt(0) ? { raisedUsd } : {}) };
  });
}
