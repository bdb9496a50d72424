import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { newId } from "../ids";
import { parseModelId } from "@/lib/models/model-id";
import type { SpendAttribution } from "./attribution";
import { usd, type Decimal, type TokenUsage, type UnitPrices } from "./money";

/** One charge to the ledger (a model call, a priced tool call, external spend). */
export interface LedgerCharge {
  /** The ledger row's id; a second charge with the same id adds nothing (default: a new id). */
  id?: string;
  attribution: SpendAttribution;
  kind?: "model" | "tool" | "external";
  /** `provider:model` for model calls. */
  modelId?: string | null;
  usage?: TokenUsage;
  /** Unit prices the call is charged at; stored on the row so history never changes with prices. */
  prices?: UnitPrices | null;
  /** What it cost. */
  costUsd: Decimal;
  /** False for failed attempts: they are recorded too, whatever they cost. */
  success?: boolean;
  occurredAt?: Date;
}

/** One ledger row as {@link LEDGER_CTES} reads it. */
export interface LedgerRow {
  id: string;
  workspaceId: string;
  kind: string;
  runId: string | null;
  rootRunId: string | null;
  graphId: string | null;
  graphVersionId: string | null;
  graphVersion: number | null;
  nodeId: string | null;
  agent: string | null;
  attempt: number;
  provider: string | null;
  model: string | null;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  inputUsdPerMTok: string | null;
  outputUsdPerMTok: string | null;
  cachedUsdPerMTok: string | null;
  costUsd: string;
  success: boolean;
  tags: string[];
  customerKey: string | null;
  triggerId: string | null;
  apiKeyId: string | null;
  occurredAt: string;
}

/**
 * The ledger row of a charge, in the workspace of `ctx` (whatever the charge says).
 *
 * @example
 * const row = ledgerRow(ctx, { attribution: { agent: "crew-buyer" }, modelId: "openai:gpt-4o-mini", usage, prices, costUsd });
 */
export function ledgerRow(ctx: WorkspaceContext, charge: LedgerCharge): LedgerRow {
  const a = charge.attribution;
  const usage = charge.usage ?? { inputTokens: 0, outputTokens: 0, cachedTokens: 0 };
  const parsed = charge.modelId ? parseModelId(charge.modelId) : null;
  const price = (v: Decimal | null | undefined) => (v == null ? null : usd(v).toFixed());
  const runId = a.runId ?? null;
  return {
    id: charge.id ?? newId("cost"),
    workspaceId: ctx.workspace.id,
    kind: charge.kind ?? "model",
    runId,
    rootRunId: a.rootRunId ?? runId,
    graphId: a.graphId ?? null,
    graphVersionId: a.graphVersionId ?? null,
    graphVersion: a.graphVersion ?? null,
    nodeId: a.nodeId ?? null,
    agent: a.agent ?? a.nodeId ?? null,
    attempt: a.attempt ?? 1,
    provider: parsed?.provider ?? (charge.modelId ? charge.modelId.split(":")[0]! : null),
    model: charge.modelId ?? null,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cachedTokens: usage.cachedTokens ?? 0,
    inputUsdPerMTok: price(charge.prices?.inputUsdPerMTok),
    outputUsdPerMTok: price(charge.prices?.outputUsdPerMTok),
    cachedUsdPerMTok: price(charge.prices?.cachedUsdPerMTok),
    costUsd: charge.costUsd.toFixed(),
    success: charge.success ?? true,
    tags: [...new Set(a.tags ?? [])].sort(),
    customerKey: a.customerKey ?? null,
    triggerId: a.triggerId ?? null,
    apiKeyId: a.apiKeyId ?? null,
    occurredAt: (charge.occurredAt ?? new Date()).toISOString(),
  };
}

/**
 * The common table expressions that charge any number of ledger rows (`$1`, a JSON array of
 * {@link LedgerRow}), of any workspaces: the rows (`ins`: those actually inserted; a charge
 * whose id is already in the ledger adds nothing), then each daily and monthly roll-up the
 * reports read, once per key with the statement's sums (ON CONFLICT may touch a row once per
 * statement). Used by every ledger write (recordCost, the gateway), so the roll-ups cannot
 * drift from the ledger.
 */
export const LEDGER_CTES = `
input as (
  select * from jsonb_to_recordset($1::jsonb) as t(
    "id" text, "workspaceId" text, "kind" text, "runId" text, "rootRunId" text, "graphId" text, "graphVersionId" text, "graphVersion" int,
    "nodeId" text, "agent" text, "attempt" int, "provider" text, "model" text, "inputTokens" int, "outputTokens" int, "cachedTokens" int,
    "inputUsdPerMTok" numeric, "outputUsdPerMTok" numeric, "cachedUsdPerMTok" numeric, "costUsd" numeric, "success" boolean,
    "tags" text[], "customerKey" text, "triggerId" text, "apiKeyId" text, "occurredAt" timestamp)
),
ins as (
  insert into "CostEntry" ("id", "workspaceId", "kind", "runId", "rootRunId", "graphId", "graphVersionId", "graphVersion", "nodeId", "agent",
                           "attempt", "provider", "model", "inputTokens", "outputTokens", "cachedTokens", "inputUsdPerMTok", "outputUsdPerMTok",
                           "cachedUsdPerMTok", "costUsd", "success", "tags", "customerKey", "triggerId", "apiKeyId", "occurredAt")
  select "id", "workspaceId", "kind"::"CostKind", "runId", "rootRunId", "graphId", "graphVersionId", "graphVersion", "nodeId", "agent",
         "attempt", "provider", "model", "inputTokens", "outputTokens", "cachedTokens", "inputUsdPerMTok", "outputUsdPerMTok",
         "cachedUsdPerMTok", "costUsd", "success", "tags", "customerKey", "triggerId", "apiKeyId", "occurredAt"
    from input
  on conflict ("id") do nothing
  returning "id", "workspaceId", "graphId", "graphVersion", "agent", "model", "inputTokens", "outputTokens", "costUsd", "tags", "customerKey", "occurredAt"
),
daily as (
  insert into "CostDaily" ("workspaceId", "day", "graphId", "graphVersion", "agent", "model", "calls", "inputTokens", "outputTokens", "costUsd")
  select "workspaceId", "occurredAt"::date, coalesce("graphId", ''), coalesce("graphVersion", 0), coalesce("agent", ''), coalesce("model", ''),
         count(*), sum("inputTokens"), sum("outputTokens"), sum("costUsd")
    from ins group by 1, 2, 3, 4, 5, 6
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

