import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { LEDGER_CTES, ledgerRow, type LedgerCharge } from "./ledger-rows";
import { costOf, usd, type Decimal } from "./money";
import type { ScopedTx } from "./tx";

export interface RecordCostInput extends Omit<LedgerCharge, "costUsd"> {
  /** An explicit amount (priced tool calls, external spend); otherwise computed from usage × prices. */
  costUsd?: Decimal;
}

export interface RecordedCost {
  id: string;
  costUsd: Decimal;
  /** False when a row with this id was already in the ledger (the call was charged before; nothing changed). */
  recorded: boolean;
}

/**
 * The ledger statement ({@link LEDGER_CTES}) plus the run roll-ups: the charge's run and every
 * run above it (`$3` the run, `$4` the workspace, `$6` the amount, only when `$2`), and its node
 * run (`$5`), each only when the ledger row was inserted (`exists (select 1 from ins)`).
 */
const RECORD_SQL = `with recursive ${LEDGER_CTES},
-- the run and every run above it: spend rolls up the delegation tree
chain as (
  select "id", "parentRunId", 1 as depth from "Run" where $2::boolean and "id" = $3::text and "workspaceId" = $4::text
  union all
  select r."id", r."parentRunId", c.depth + 1 from "Run" r join chain c on r."id" = c."parentRunId"
   where r."workspaceId" = $4::text and c.depth < 64
),
locked as (
  select "id" from "Run" where "workspaceId" = $4::text and "id" in (select "id" from chain) and exists (select 1 from ins)
   order by "id" for no key update
),
runs as (
  update "Run" r set "costUsd" = r."costUsd" + $6::numeric from locked l where r."id" = l."id" returning 1
),
node as (
  update "NodeRun" set "costUsd" = "costUsd" + $6::numeric, "updatedAt" = now()
   where $2::boolean and $5::text is not null and "workspaceId" = $4::text and "runId" = $3::text and "nodeId" = $5::text
     and exists (select 1 from ins)
  returning 1
)
select exists (select 1 from ins) as "recorded"`;

/** How often a statement that met a deadlock or serialization failure is tried again (outside a caller's transaction). */
const MAX_ATTEMPTS = 3;

/**
 * Appends one row to the cost ledger and adds its cost to the run, every ancestor run (so a
 * run's cost includes its sub-runs'), the node run, and the daily roll-ups (plus the monthly
 * per-customer one) that reports over long ranges read. Failed and retried attempts get rows too.
 *
 * It is one SQL statement, not an interactive transaction: the run row (a hot row when
 * hundreds of nodes of one run finish together) is locked only for that statement's commit,
 * never across round trips, and run rows are locked in id order so sub-runs charging the same
 * ancestors cannot deadlock. Charging is exactly-once per `id`: a row whose id is already in
 * the ledger changes nothing (pass a stable id, e.g. one derived from the reservation, when a
 * charge may be retried).
 *
 * @example
 * await recordCost(ctx, {
 *   attribution: { runId, graphId, graphVersionId, graphVersion: 3, nodeId: "draft", agent: "draft", attempt: 1 },
 *   modelId: "openai:gpt-4o-mini",
 *   usage: { inputTokens: 1200, outputTokens: 300, cachedTokens: 0 },
 *   prices: await getPriceOrThrow(ctx, "openai:gpt-4o-mini"),
 * });
 */
export async function recordCost(ctx: WorkspaceContext, input: RecordCostInput, opts: { tx?: ScopedTx } = {}): Promise<RecordedCost> {
  const cost = input.costUsd ?? (input.prices && input.usage ? costOf(input.usage, input.prices) : usd(0));
  const row = ledgerRow(ctx, { ...input, costUsd: cost });
  const rollUpRun = row.runId !== null && !cost.isZero();
  const db = opts.tx ?? ctx.db;
  for (let attempt = 1; ; attempt++) {
    try {
      const [r] = await db.$queryRawUnsafe<{ recorded: boolean }[]>(RECORD_SQL, JSON.stringify([row]), rollUpRun, row.runId, row.workspaceId, row.nodeId, row.costUsd);
      return { id: row.id, costUsd: cost, recorded: r?.recorded === true };
    } catch (err) {
      // Inside a caller's transaction the caller decides; alone, the statement is simply redone
      // (it changed nothing: it either committed whole or not at all).
      if (opts.tx || attempt >= MAX_ATTEMPTS || !isLockConflict(err)) throw err;
    }
  }
}

/** Deadlock (40P01) or serialization failure (40001), however the driver adapter wraps it. */
function isLockConflict(err: unknown): boolean {
  const text = `${(err as { code?: unknown })?.code ?? ""} ${JSON.stringify((err as { meta?: unknown })?.meta ?? {})} ${String(err)}`;
  return /40P01|40001|deadlock detected|could not serialize/.test(text);
}
