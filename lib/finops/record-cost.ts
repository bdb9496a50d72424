import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { newId } from "../ids";
import { parseModelId } from "@/lib/models/model-id";
import type { SpendAttribution } from "./attribution";
import { costOf, usd, type Decimal, type TokenUsage, type UnitPrices } from "./money";
import { inTransaction, type ScopedTx } from "./tx";

export interface RecordCostInput {
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
}

/**
 * Appends one row to the cost ledger and, in the same transaction, adds its cost to the run,
 * every ancestor run (so a run's cost includes its sub-runs'), the node run, and the daily
 * roll-ups (plus the monthly per-customer one) that reports over long ranges read. Failed and retried attempts get rows too.
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
  const id = newId("cost");
  const amount = cost.toFixed();
  await inTransaction(ctx, opts.tx, async (tx) => {
    await tx.costEntry.create({
      data: {
        id,
        workspaceId: ws,
        kind: input.kind ?? "model",
        runId: a.runId ?? null,
        rootRunId: a.rootRunId ?? a.runId ?? null,
        graphId: a.graphId ?? null,
        graphVersionId: a.graphVersionId ?? null,
        graphVersion: a.graphVersion ?? null,
        nodeId: a.nodeId ?? null,
        agent: a.agent ?? a.nodeId ?? null,
        attempt: a.attempt ?? 1,
        provider: parsed?.provider ?? (input.modelId ? input.modelId.split(":")[0] : null),
        model: input.modelId ?? null,
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        cachedTokens: usage.cachedTokens ?? 0,
        inputUsdPerMTok: input.prices?.inputUsdPerMTok ?? null,
        outputUsdPerMTok: input.prices?.outputUsdPerMTok ?? null,
        cachedUsdPerMTok: input.prices?.cachedUsdPerMTok ?? null,
        costUsd: cost,
        success: input.success ?? true,
        tags,
        customerKey: a.customerKey ?? null,
        triggerId: a.triggerId ?? null,
        apiKeyId: a.apiKeyId ?? null,
        occurredAt,
      },
    });
    if (a.runId && !cost.isZero()) {
      // The run and every run above it: spend rolls up the delegation tree.
      await tx.$executeRaw`
        with recursive chain as (
          select "id", "parentRunId", 1 as depth from "Run" where "id" = ${a.runId} and "workspaceId" = ${ws}
          union all
          select r."id", r."parentRunId", c.depth + 1 from "Run" r join chain c on r."id" = c."parentRunId"
           where r."workspaceId" = ${ws} and c.depth < 64
        )
        update "Run" set "costUsd" = "costUsd" + ${amount}::numeric
         where "workspaceId" = ${ws} and "id" in (select "id" from chain)`;
      if (a.nodeId) await tx.nodeRun.updateMany({ where: { runId: a.runId, nodeId: a.nodeId }, data: { costUsd: { increment: cost } } });
    }
    const day = occurredAt.toISOString().slice(0, 10);
    await tx.$executeRaw`
      insert into "CostDaily" ("workspaceId", "day", "graphId", "graphVersion", "agent", "model", "calls", "inputTokens", "outputTokens", "costUsd")
      values (${ws}, ${day}::date, ${a.graphId ?? ""}, ${a.graphVersion ?? 0}, ${a.agent ?? a.nodeId ?? ""}, ${input.modelId ?? ""},
              1, ${usage.inputTokens}, ${usage.outputTokens}, ${amount}::numeric)
      on conflict ("workspaceId", "day", "graphId", "graphVersion", "agent", "model") do update set
        "calls" = "CostDaily"."calls" + 1, "inputTokens" = "CostDaily"."inputTokens" + excluded."inputTokens",
        "outputTokens" = "CostDaily"."outputTokens" + excluded."outputTokens", "costUsd" = "CostDaily"."costUsd" + excluded."costUsd"`;
    await tx.$executeRaw`
      insert into "CostDailyCustomer" ("workspaceId", "day", "customerKey", "calls", "inputTokens", "outputTokens", "costUsd")
      values (${ws}, ${day}::date, ${a.customerKey ?? ""}, 1, ${usage.inputTokens}, ${usage.outputTokens}, ${amount}::numeric)
      on conflict ("workspaceId", "day", "customerKey") do update set
        "calls" = "CostDailyCustomer"."calls" + 1, "inputTokens" = "CostDailyCustomer"."inputTokens" + excluded."inputTokens",
        "outputTokens" = "CostDailyCustomer"."outputTokens" + excluded."outputTokens", "costUsd" = "CostDailyCustomer"."costUsd" + excluded."costUsd"`;
    await tx.$executeRaw`
      insert into "CostMonthlyCustomer" ("workspaceId", "month", "customerKey", "calls", "inputTokens", "outputTokens", "costUsd")
      values (${ws}, ${day.slice(0, 8) + "01"}::date, ${a.customerKey ?? ""}, 1, ${usage.inputTokens}, ${usage.outputTokens}, ${amount}::numeric)
      on conflict ("workspaceId", "month", "customerKey") do update set
        "calls" = "CostMonthlyCustomer"."calls" + 1, "inputTokens" = "CostMonthlyCustomer"."inputTokens" + excluded."inputTokens",
        "outputTokens" = "CostMonthlyCustomer"."outputTokens" + excluded."outputTokens", "costUsd" = "CostMonthlyCustomer"."costUsd" + excluded."costUsd"`;
    for (const tag of tags) {
      await tx.$executeRaw`
        insert into "CostDailyTag" ("workspaceId", "day", "tag", "calls", "inputTokens", "outputTokens", "costUsd")
        values (${ws}, ${day}::date, ${tag}, 1, ${usage.inputTokens}, ${usage.outputTokens}, ${amount}::numeric)
        on conflict ("workspaceId", "day", "tag") do update set
          "calls" = "CostDailyTag"."calls" + 1, "inputTokens" = "CostDailyTag"."inputTokens" + excluded."inputTokens",
          "outputTokens" = "CostDailyTag"."outputTokens" + excluded."outputTokens", "costUsd" = "CostDailyTag"."costUsd" + excluded."costUsd"`;
    }
  });
  return { id, costUsd: cost };
}
