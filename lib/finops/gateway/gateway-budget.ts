import "server-only";
import type { WorkspaceContext } from "../../auth/context";
import { getRawPool } from "../../db/raw-pool";
import { newId } from "../../ids";
import { announceBudgetExhausted } from "../announce-budget-exhausted";
import type { SpendContext } from "../attribution";
import { claimAlerts, newlyCrossed, type WindowState } from "../claim-budget-alerts";
import { deliverBudgetAlerts } from "../deliver-budget-alerts";
import { BudgetExceededError } from "../errors";
import { matchBudgets } from "../match-budgets";
import { usd, type Decimal } from "../money";
import { releaseExpiredReservations } from "../release-expired-reservations";
import { attributionJson, budgetExceeded, type BudgetRow, type Reservation } from "../reserve-budget";
import { costIdFor } from "../settle-reservation";
import { LEDGER_CTES, ledgerRow, type LedgerCharge } from "../ledger-rows";

/**
 * Budgets for a gateway call in one statement each way, on the raw pool: what
 * reserveBudget + settleReservation + recordCost do for runs in several round trips of an
 * interactive transaction, with the same rules (all windows or none, locked in the order every
 * reservation locks them, the refusal decided on the locked state, settlement idempotent and
 * together with the ledger row) and the same tables, so the two paths share every window.
 */

/** Locks the windows a call needs in (budget id, window key) order, as matchBudgets orders them, and takes `$4` in each if all can hold it. */
const RESERVE_SQL = `
with want as (
  select * from unnest($2::text[], $3::text[]) as t("budgetId", "windowKey")
),
locked as (
  select w."id", w."budgetId", w."windowKey", w."spentUsd", w."reservedUsd", b."limitUsd" + w."boostUsd" as "limitUsd"
    from "BudgetWindow" w
    join want on want."budgetId" = w."budgetId" and want."windowKey" = w."windowKey"
    join "Budget" b on b."id" = w."budgetId"
   where w."workspaceId" = $1
   order by w."budgetId" collate "C", w."windowKey" collate "C"
     for update of w
),
fits as (
  select count(*) = cardinality($2::text[]) and coalesce(bool_and(l."spentUsd" + l."reservedUsd" + $4::numeric <= l."limitUsd"), false) as "ok" from locked l
),
taken as (
  update "BudgetWindow" w set "reservedUsd" = w."reservedUsd" + $4::numeric, "updatedAt" = now()
    from locked l, fits
   where fits."ok" and w."id" = l."id" and w."workspaceId" = $1
  returning w."id"
),
held as (
  insert into "BudgetReservation" ("id", "workspaceId", "amountUsd", "windowIds", "status", "expiresAt", "attribution")
  select $5, $1, $4::numeric, (select array_agg(l."id" order by l."budgetId" collate "C", l."windowKey" collate "C") from locked l), 'held', $6::timestamp, $7::jsonb
    from fits where fits."ok"
  returning "id"
)
select (select "ok" from fits) as "ok", (select count(*) from taken)::int as "taken",
       (select coalesce(json_agg(json_build_object('id', l."id", 'budgetId', l."budgetId", 'windowKey', l."windowKey",
               'spentUsd', l."spentUsd"::text, 'reservedUsd', l."reservedUsd"::text, 'limitUsd', l."limitUsd"::text)), '[]'::json) from locked l) as "windows"`;

/** Settles `$3` with `$4` and charges the ledger row (`$1`) in the same statement; `$2` the workspace. */
const SETTLE_SQL = `
with old as (
  select "status", "amountUsd", "windowIds" from "BudgetReservation" where "id" = $3 and "workspaceId" = $2 for update
),
settled as (
  update "BudgetReservation" set "status" = 'settled', "settledUsd" = $4::numeric, "settledAt" = now()
   where "id" = $3 and "workspaceId" = $2 and (select "status" from old) in ('held', 'expired')
  returning 1
),
win as (
  update "BudgetWindow" w
     set "reservedUsd" = greatest(w."reservedUsd" - (case when o."status" = 'held' then o."amountUsd" else 0 end), 0),
         "spentUsd" = w."spentUsd" + $4::numeric, "updatedAt" = now()
    from old o, "Budget" b
   where o."status" in ('held', 'expired') and b."id" = w."budgetId" and w."workspaceId" = $2 and w."id" = any(o."windowIds")
  returning w."id", w."budgetId", w."windowKey", w."spentUsd"::text as "spentUsd", (b."limitUsd" + w."boostUsd")::text as "limitUsd",
            w."alertedPct", b."thresholds", b."name", b."scope"::text as "scope", b."scopeRef"
),
${LEDGER_CTES}
select coalesce((select json_agg(win) from win), '[]'::json) as "windows"`;

/** Windows known to exist (they are created once and live as long as their budget). */
const knownWindows = new Set<string>();
const MAX_ATTEMPTS = 3;

async function query<T extends object>(name: string, text: string, values: unknown[]): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await getRawPool().query({ name, text, values })).rows[0] as T;
    } catch (err) {
      // a deadlock or serialization failure changed nothing: the statement goes again
      if (attempt >= MAX_ATTEMPTS || !/40P01|40001/.test(String((err as { code?: string }).code))) throw err;
    }
  }
}

async function ensureWindows(ws: string, refs: { budget: BudgetRow; windowKey: string }[]) {
  const missing = refs.filter((r) => !knownWindows.has(`${r.budget.id}\u0000${r.windowKey}`));
  if (!missing.length) return;
  await getRawPool().query(
    `insert into "BudgetWindow" ("id", "workspaceId", "budgetId", "windowKey", "updatedAt")
     select w."id", $1, w."budgetId", w."windowKey", now() from unnest($2::text[], $3::text[], $4::text[]) as w("id", "budgetId", "windowKey")
     on conflict ("budgetId", "windowKey") do nothing`,
    [ws, missing.map(() => newId("budgetWindow")), missing.map((r) => r.budget.id), missing.map((r) => r.windowKey)],
  );
  if (knownWindows.size > 50_000) knownWindows.clear();
  for (const r of missing) knownWindows.add(`${r.budget.id}\u0000${r.windowKey}`);
}

/**
 * Reserves a gateway call's worst case (`amount`, asked for only when a budget applies) in every window of `budgets` that applies to the spend,
 * or refuses with a {@link BudgetExceededError} naming the first window (in lock order) that
 * cannot hold it, after freeing expired leases once. No budget applies: nothing is held.
 *
 * @example
 * const r = await reserveForCall(ctx, spend, () => usd("0.0098"), budgets, ttlMs);
 */
export async function reserveForCall(ctx: WorkspaceContext, spend: SpendContext, amount: () => Decimal, budgets: BudgetRow[], ttlMs: number, at: Date = new Date()): Promise<Reservation> {
  const refs = matchBudgets(budgets, spend, at);
  // the worst case is worked out only when a budget applies
  if (!refs.length) return { id: null, amountUsd: usd(0), windows: [] };
  const amountUsd = amount();
  const ws = ctx.workspace.id;
  await ensureWindows(ws, refs);
  const attempt = async (refs: ReturnType<typeof matchBudgets<BudgetRow>>): Promise<Reservation | BudgetExceededError> => {
    if (!refs.length) return { id: null, amountUsd, windows: [] };
    const id = newId("reservation");
    const row = await query<{ ok: boolean; windows: { id: string; budgetId: string; windowKey: string; spentUsd: string; reservedUsd: string; limitUsd: string }[] }>(
      "gateway_reserve",
      RESERVE_SQL,
      [ws, refs.map((r) => r.budget.id), refs.map((r) => r.windowKey), amountUsd.toFixed(), id, new Date(at.getTime() + ttlMs).toISOString(), JSON.stringify(attributionJson(spend))],
    );
    if (row.ok) return { id, amountUsd, windows: row.windows.map((w) => ({ windowId: w.id, budgetId: w.budgetId, windowKey: w.windowKey })) };
    const found = refs.filter((ref) => row.windows.some((x) => x.budgetId === ref.budget.id && x.windowKey === ref.windowKey));
    for (const ref of found) {
      const w = row.windows.find((x) => x.budgetId === ref.budget.id && x.windowKey === ref.windowKey)!;
      const state = { spent: usd(w.spentUsd), reserved: usd(w.reservedUsd), limit: usd(w.limitUsd) };
      if (state.spent.plus(state.reserved).plus(amountUsd).gt(state.limit)) return budgetExceeded(ref.budget, ref.windowKey, state, amountUsd);
    }
    // a budget deleted between the read and the lock (its windows went with it) no longer applies
    for (const ref of refs) knownWindows.delete(`${ref.budget.id}\u0000${ref.windowKey}`);
    if (found.length === refs.length) throw new Error("A budget window could not be reserved; try the call again.");
    return attempt(found);
  };
  let result = await attempt(refs);
  if (result instanceof BudgetExceededError && (await releaseExpiredReservations(ctx, at)) > 0) result = await attempt(refs);
  if (result instanceof BudgetExceededError) {
    await announceBudgetExhausted(ctx, result).catch((e) =>
      console.warn(JSON.stringify({ level: "warn", msg: "budget alert failed", workspaceId: ws, error: String(e) })),
    );
    throw result;
  }
  return result;
}

/**
 * Settles a gateway call's reservation with what it cost and writes its ledger row (and
 * roll-ups), in one statement: both or neither. Idempotent (the row's id derives from the
 * reservation). Thresholds newly crossed are announced after.
 *
 * @example
 * await settleCall(ctx, reservation, { attribution: spend, modelId, usage, prices, costUsd, success: true });
 */
export async function settleCall(ctx: WorkspaceContext, reservation: Reservation & { id: string }, charge: LedgerCharge): Promise<void> {
  const ws = ctx.workspace.id;
  const row = ledgerRow(ctx, { ...charge, id: costIdFor(reservation.id) });
  const { windows } = await query<{ windows: WindowState[] }>("gateway_settle", SETTLE_SQL, [JSON.stringify([row]), ws, reservation.id, charge.costUsd.toFixed()]);
  // claimAlerts' own rule, checked first so that most settlements open no transaction
  const crossing = windows.filter((w) => newlyCrossed(w) !== undefined);
  if (!crossing.length) return;
  const alerts = await ctx.db.$transaction((tx) => claimAlerts(ctx, tx, crossing));
  if (alerts.length) await deliverBudgetAlerts(ctx, alerts);
}
