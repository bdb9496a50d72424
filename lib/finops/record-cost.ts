import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { newId } from "../ids";
import { parseModelId } from "@/lib/models/model-id";
import type { SpendAttribution } from "./attribution";
import { costOf, usd, type Decimal, type TokenUsage, type UnitPrices } from "./money";
import type { ScopedTx } from "./tx";

export interface RecordCostInput {
  /** The ledger row's id; a second call with the same id charges nothing (default: a new id). */
  id?: string;
  attribution: SpendAttribution;
  kind?: "model" | "tool" | "external";
  /** `provider:model` for model calls. */
  modelId?: string | null;
  usage?: TokenUsage;
  /** Unit prices the call is charged at; stored on the row so history never changes with prices. */
  prices?: UnitPrices | null;
  /** An explicit amount (priced tool calls, external spend); otherwise computed from usage × prices. */
  costUsd?: Decimal;
  /** False for failed attempts: they are recorded too, whatever they cost. */
  success?: boolean;
  occurredAt?: Date;
}

export interface RecordedCost {
  id: string;
  costUsd: Decimal;
  /** False when a row with this id was already in the ledger (the call was charged before; nothing changed). */
  recorded: boolean;
}

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
  const a = input.attribution;
  const usage = input.usage ?? { inputTokens: 0, outputTokens: 0, cachedTokens: 0 };
  const cost = input.costUsd ?? (input.prices ? costOf(usage, input.prices) : usd(0));
  const parsed = input.modelId ? parseModelId(input.modelId) : null;
  const occurredAt = input.occurredAt ?? new Date();
  const tags = [...new Set(a.tags ?? [])].sort();
  const ws = ctx.workspace.id;
  const id = input.id ?? newId("cost");
  const amount = cost.toFixed();
  const day = occurredAt.toISOString().slice(0, 10);
  const month = day.slice(0, 8) + "01";
  const runId = a.runId ?? null;
  const rollUpRun = runId !== null && !cost.isZero();
  const provider = parsed?.provider ?? (input.modelId ? input.modelId.split(":")[0]! : null);
  const price = (v: Decimal | null | undefined) => (v == null ? null : usd(v).toFixed());
  const db = opts.tx ?? ctx.db;
  // Every roll-up below runs only when the ledger row was inserted (`exists (select 1 from ins)`).
  const run = () => db.$queryRaw<{ recorded: boolean }[]>`
    with recursive ins as (
      insert into "CostEntry" ("id", "workspaceId", "kind", "runId", "rootRunId", "graphId", "graphVersionId", "graphVersion", "nodeId", "agent",
                               "attempt", "provider", "model", "inputTokens", "outputTokens", "cachedTokens", "inputUsdPerMTok", "outputUsdPerMTok",
                               "cachedUsdPerMTok", "costUsd", "success", "tags", "customerKey", "triggerId", "apiKeyId", "occurredAt")
      values (${id}, ${ws}, ${input.kind ?? "model"}::"CostKind", ${runId}, ${a.rootRunId ?? runId}, ${a.graphId ?? null}, ${a.graphVersionId ?? null},
              ${a.graphVersion ?? null}::int, ${a.nodeId ?? null}, ${a.agent ?? a.nodeId ?? null}, ${a.attempt ?? 1}::int, ${provider}, ${input.modelId ?? null},
              ${usage.inputTokens}::int, ${usage.outputTokens}::int, ${usage.cachedTokens ?? 0}::int, ${price(input.prices?.inputUsdPerMTok)}::numeric,
              ${price(input.prices?.outputUsdPerMTok)}::numeric, ${price(input.prices?.cachedUsdPerMTok)}::numeric, ${amount}::numeric,
              ${input.success ?? true}, ${tags}::text[], ${a.customerKey ?? null}, ${a.triggerId ?? null}, ${a.apiKeyId ?? null}, (${occurredAt.toISOString()}::timestamptz at time zone 'UTC'))
      on conflict ("id") do nothing
      returning 1
    ),
    -- the run and every run above it: spend rolls up the delegation tree
    chain as (
      select "id", "parentRunId", 1 as depth from "Run" where ${rollUpRun}::boolean and "id" = ${runId}::text and "workspaceId" = ${ws}
      union all
      select r."id", r."parentRunId", c.depth + 1 from "Run" r join chain c on r."id" = c."parentRunId"
       where r."workspaceId" = ${ws} and c.depth < 64
    ),
    locked as (
      select "id" from "Run" where "workspaceId" = ${ws} and "id" in (select "id" from chain) and exists (select 1 from ins)
       order by "id" for no key update
    ),
    runs as (
      update "Run" r set "costUsd" = r."costUsd" + ${amount}::numeric from locked l where r."id" = l."id" returning 1
    ),
    node as (
      update "NodeRun" set "costUsd" = "costUsd" + ${amount}::numeric, "updatedAt" = now()
       where ${rollUpRun}::boolean and ${a.nodeId ?? null}::text is not null and "workspaceId" = ${ws} and "runId" = ${runId}::text and "nodeId" = ${a.nodeId ?? null}::text
         and exists (select 1 from ins)
      returning 1
    ),
    daily as (
      insert into "CostDaily" ("workspaceId", "day", "graphId", "graphVersion", "agent", "model", "calls", "inputTokens", "outputTokens", "costUsd")
      select ${ws}, ${day}::date, ${a.graphId ?? ""}, ${a.graphVersion ?? 0}::int, ${a.agent ?? a.nodeId ?? ""}, ${input.modelId ?? ""},
             1, ${usage.inputTokens}::int, ${usage.outputTokens}::int, ${amount}::numeric
       where exists (select 1 from ins)
      on conflict ("workspaceId", "day", "graphId", "graphVersion", "agent", "model") do update set
        "calls" = "CostDaily"."calls" + 1, "inputTokens" = "CostDaily"."inputTokens" + excluded."inputTokens",
        "outputTokens" = "CostDaily"."outputTokens" + excluded."outputTokens", "costUsd" = "CostDaily"."costUsd" + excluded."costUsd"
      returning 1
    ),
    customer_day as (
      insert into "CostDailyCustomer" ("workspaceId", "day", "customerKey", "calls", "inputTokens", "outputTokens", "costUsd")
      select ${ws}, ${day}::date, ${a.customerKey ?? ""}, 1, ${usage.inputTokens}::int, ${usage.outputTokens}::int, ${amount}::numeric
       where exists (select 1 from ins)
      on conflict ("workspaceId", "day", "customerKey") do update set
        "calls" = "CostDailyCustomer"."calls" + 1, "inputTokens" = "CostDailyCustomer"."inputTokens" + excluded."inputTokens",
        "outputTokens" = "CostDailyCustomer"."outputTokens" + excluded."outputTokens", "costUsd" = "CostDailyCustomer"."costUsd" + excluded."costUsd"
      returning 1
    ),
    customer_month as (
      insert into "CostMonthlyCustomer" ("workspaceId", "month", "customerKey", "calls", "inputTokens", "outputTokens", "costUsd")
      select ${ws}, ${month}::date, ${a.customerKey ?? ""}, 1, ${usage.inputTokens}::int, ${usage.outputTokens}::int, ${amount}::numeric
       where exists (select 1 from ins)
      on conflict ("workspaceId", "month", "customerKey") do update set
        "calls" = "CostMonthlyCustomer"."calls" + 1, "inputTokens" = "CostMonthlyCustomer"."inputTokens" + excluded."inputTokens",
        "outputTokens" = "CostMonthlyCustomer"."outputTokens" + excluded."outputTokens", "costUsd" = "CostMonthlyCustomer"."costUsd" + excluded."costUsd"
      returning 1
    ),
    tag_day as (
      insert into "CostDailyTag" ("workspaceId", "day", "tag", "calls", "inputTokens", "outputTokens", "costUsd")
      select ${ws}, ${day}::date, t.tag, 1, ${usage.inputTokens}::int, ${usage.outputTokens}::int, ${amount}::numeric
        from unnest(${tags}::text[]) as t(tag)
       where exists (select 1 from ins)
      on conflict ("workspaceId", "day", "tag") do update set
        "calls" = "CostDailyTag"."calls" + 1, "inputTokens" = "CostDailyTag"."inputTokens" + excluded."inputTokens",
        "outputTokens" = "CostDailyTag"."outputTokens" + excluded."outputTokens", "costUsd" = "CostDailyTag"."costUsd" + excluded."costUsd"
      returning 1
    )
    select exists (select 1 from ins) as "recorded"`;
  for (let attempt = 1; ; attempt++) {
    try {
      const [row] = await run();
      return { id, costUsd: cost, recorded: row?.recorded === true };
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
