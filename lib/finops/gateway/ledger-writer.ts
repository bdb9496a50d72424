import "server-only";
import type { WorkspaceContext } from "../../auth/context";
import { getRawPool } from "../../db/raw-pool";
import { newId } from "../../ids";
import type { SpendAttribution } from "../attribution";
import { usd, type Decimal, type TokenUsage, type UnitPrices } from "../money";

/** One gateway call's charge: no run, so only the ledger row and the daily/monthly roll-ups. */
export interface GatewayCharge {
  /** Stable when the charge settles a reservation (see costIdFor): a retried write charges once. */
  id?: string;
  attribution: Pick<SpendAttribution, "agent" | "tags" | "customerKey" | "apiKeyId">;
  modelId: string;
  usage: TokenUsage;
  prices: UnitPrices;
  costUsd: Decimal;
  success: boolean;
}

/** One ledger row as the charging statement reads it. */
export type Row = {
  id: string;
  workspaceId: string;
  provider: string;
  model: string;
  agent: string | null;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  inputUsdPerMTok: string;
  outputUsdPerMTok: string;
  cachedUsdPerMTok: string | null;
  costUsd: string;
  success: boolean;
  tags: string[];
  customerKey: string | null;
  apiKeyId: string | null;
  occurredAt: string;
};

/**
 * The common table expressions that charge any number of rows (`$1`, a JSON array of
 * {@link Row}), of any workspaces: the ledger rows (`ins`: those actually inserted; a charge
 * whose id is already in the ledger adds nothing), then each roll-up once per key with the
 * batch's sums (ON CONFLICT may touch a row once per statement).
 */
export const LEDGER_CTES = `
input as (
  select * from jsonb_to_recordset($1::jsonb) as t(
    "id" text, "workspaceId" text, "provider" text, "model" text, "agent" text, "inputTokens" int, "outputTokens" int, "cachedTokens" int,
    "inputUsdPerMTok" numeric, "outputUsdPerMTok" numeric, "cachedUsdPerMTok" numeric, "costUsd" numeric, "success" boolean,
    "tags" text[], "customerKey" text, "apiKeyId" text, "occurredAt" timestamp)
),
ins as (
  insert into "CostEntry" ("id", "workspaceId", "kind", "agent", "attempt", "provider", "model", "inputTokens", "outputTokens", "cachedTokens",
                           "inputUsdPerMTok", "outputUsdPerMTok", "cachedUsdPerMTok", "costUsd", "success", "tags", "customerKey", "apiKeyId", "occurredAt")
  select "id", "workspaceId", 'model'::"CostKind", "agent", 1, "provider", "model", "inputTokens", "outputTokens", "cachedTokens",
         "inputUsdPerMTok", "outputUsdPerMTok", "cachedUsdPerMTok", "costUsd", "success", "tags", "customerKey", "apiKeyId", "occurredAt"
    from input
  on conflict ("id") do nothing
  returning "id", "workspaceId", "agent", "model", "inputTokens", "outputTokens", "costUsd", "tags", "customerKey", "occurredAt"
),
daily as (
  insert into "CostDaily" ("workspaceId", "day", "graphId", "graphVersion", "agent", "model", "calls", "inputTokens", "outputTokens", "costUsd")
  select "workspaceId", "occurredAt"::date, '', 0, coalesce("agent", ''), "model", count(*), sum("inputTokens"), sum("outputTokens"), sum("costUsd")
    from ins group by 1, 2, 5, 6
  on conflict ("workspaceId", "day", "graphId", "graphVersion", "agent", "model") do update set
    "calls" = "CostDaily"."calls" + excluded."calls", "inputTokens" = "CostDaily"."inputTokens" + excluded."inputTokens",
    "outputTokens" = "CostDaily"."outputTokens" + excluded."outputTokens", "costUsd" = "CostDaily"."costUsd" + excluded."costUsd"
  returning 1
),
customer_day as (
  insert into "CostDailyCustomer" ("workspaceId", "day", "customerKey", "calls", "inputTokens", "outputTokens", "costUsd")
  select "workspaceId", "occurredAt"::date, coalesce("customerKey", ''), count(*), sum("inputTokens"), sum("outputTokens"), sum("costUsd")
    from ins group by 1, 2, 3
  on conflict ("workspaceId", "day", "customerKey") do update set
    "calls" = "CostDailyCustomer"."calls" + excluded."calls", "inputTokens" = "CostDailyCustomer"."inputTokens" + excluded."inputTokens",
    "outputTokens" = "CostDailyCustomer"."outputTokens" + excluded."outputTokens", "costUsd" = "CostDailyCustomer"."costUsd" + excluded."costUsd"
  returning 1
),
customer_month as (
  insert into "CostMonthlyCustomer" ("workspaceId", "month", "customerKey", "calls", "inputTokens", "outputTokens", "costUsd")
  select "workspaceId", date_trunc('month', "occurredAt")::date, coalesce("customerKey", ''), count(*), sum("inputTokens"), sum("outputTokens"), sum("costUsd")
    from ins group by 1, 2, 3
  on conflict ("workspaceId", "month", "customerKey") do update set
    "calls" = "CostMonthlyCustomer"."calls" + excluded."calls", "inputTokens" = "CostMonthlyCustomer"."inputTokens" + excluded."inputTokens",
    "outputTokens" = "CostMonthlyCustomer"."outputTokens" + excluded."outputTokens", "costUsd" = "CostMonthlyCustomer"."costUsd" + excluded."costUsd"
  returning 1
),
tag_day as (
  insert into "CostDailyTag" ("workspaceId", "day", "tag", "calls", "inputTokens", "outputTokens", "costUsd")
  select "workspaceId", "occurredAt"::date, t.tag, count(*), sum("inputTokens"), sum("outputTokens"), sum("costUsd")
    from ins cross join unnest(ins."tags") as t(tag) group by 1, 2, 3
  on conflict ("workspaceId", "day", "tag") do update set
    "calls" = "CostDailyTag"."calls" + excluded."calls", "inputTokens" = "CostDailyTag"."inputTokens" + excluded."inputTokens",
    "outputTokens" = "CostDailyTag"."outputTokens" + excluded."outputTokens", "costUsd" = "CostDailyTag"."costUsd" + excluded."costUsd"
  returning 1
)`;

const WRITE_SQL = `with ${LEDGER_CTES}
select "id" from ins`;

/** Most rows one statement carries; a longer queue goes in several. */
const MAX_BATCH = 500;
const MAX_ATTEMPTS = 3;

type Pending = { row: Row; resolve: (recorded: boolean) => void; reject: (err: unknown) => void };

/**
 * Group commit for the gateway's ledger writes. A charge is written at once when no write is
 * in flight; charges that arrive meanwhile wait for it and then go together in one statement
 * (one commit, one WAL flush, each roll-up row locked once per batch instead of once per call).
 * Every caller's promise settles only after its row is committed, so a call is answered only
 * once its cost is durable. A batch the database refuses (a deadlock retried out, a bad row)
 * is written again row by row, so one bad charge never takes others with it.
 */
class LedgerWriter {
  private queue: Pending[] = [];
  private writing = false;

  submit(row: Row): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain() {
    this.writing = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const recorded = await write(batch.map((p) => p.row));
          for (const p of batch) p.resolve(recorded.has(p.row.id));
        } catch (err) {
          if (batch.length === 1) {
            batch[0]!.reject(err);
            continue;
          }
          for (const p of batch) {
            try {
              p.resolve((await write([p.row])).has(p.row.id));
            } catch (alone) {
              p.reject(alone);
            }
          }
        }
      }
    } finally {
      this.writing = false;
    }
  }
}

async function write(rows: Row[]): Promise<Set<string>> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await getRawPool().query<{ id: string }>({ name: "gateway_ledger_write", text: WRITE_SQL, values: [JSON.stringify(rows)] });
      return new Set(res.rows.map((r) => r.id));
    } catch (err) {
      // a deadlock or serialization failure changed nothing: the statement goes again
      if (attempt >= MAX_ATTEMPTS || !/40P01|40001/.test(String((err as { code?: string }).code))) throw err;
    }
  }
}

const globalForWriter = globalThis as unknown as { __switchyardLedgerWriter?: LedgerWriter };

/**
 * Charges one gateway call to the ledger (group-committed with concurrent calls); resolves
 * once the row is committed. `recorded` is false when a row with this id was already there.
 *
 * @example
 * const { recorded } = await recordGatewayCharge(ctx, { attribution: { agent: "crew-buyer", tags: [], customerKey: null, apiKeyId }, modelId: "openai:gpt-4o-mini", usage, prices, costUsd, success: true });
 */
export async function recordGatewayCharge(ctx: WorkspaceContext, charge: GatewayCharge, at: Date = new Date()): Promise<{ id: string; recorded: boolean }> {
  const row = ledgerRow(ctx, charge, at);
  globalForWriter.__switchyardLedgerWriter ??= new LedgerWriter();
  return { id: row.id, recorded: await globalForWriter.__switchyardLedgerWriter.submit(row) };
}

/** The ledger row of a charge, in the workspace of `ctx`. */
export function ledgerRow(ctx: WorkspaceContext, charge: GatewayCharge, at: Date): Row {
  const colon = charge.modelId.indexOf(":");
  const price = (v: Decimal | null | undefined) => (v == null ? null : usd(v).toFixed());
  return {
    id: charge.id ?? newId("cost"),
    workspaceId: ctx.workspace.id,
    provider: colon > 0 ? charge.modelId.slice(0, colon) : charge.modelId,
    model: charge.modelId,
    agent: charge.attribution.agent ?? null,
    inputTokens: charge.usage.inputTokens,
    outputTokens: charge.usage.outputTokens,
    cachedTokens: charge.usage.cachedTokens ?? 0,
    inputUsdPerMTok: price(charge.prices.inputUsdPerMTok)!,
    outputUsdPerMTok: price(charge.prices.outputUsdPerMTok)!,
    cachedUsdPerMTok: price(charge.prices.cachedUsdPerMTok),
    costUsd: charge.costUsd.toFixed(),
    success: charge.success,
    tags: [...new Set(charge.attribution.tags ?? [])].sort(),
    customerKey: charge.attribution.customerKey ?? null,
    apiKeyId: charge.attribution.apiKeyId ?? null,
    occurredAt: at.toISOString(),
  };
}
