import "server-only";
import { z } from "zod";
import type { WorkspaceContext } from "../auth/context";
import { Prisma } from "../generated/prisma/client";
import { formatUsd, usd } from "./money";

export const COST_GROUPS = ["agent", "model", "graph", "version", "tag", "customer", "day", "month"] as const;
export type CostGroup = (typeof COST_GROUPS)[number];

const ZDate = z.iso.datetime({ offset: true, error: "must be an ISO date-time such as 2026-11-01T00:00:00Z" }).or(z.iso.date({ error: "must be a date such as 2026-11-01" }));

/** Query of `GET /api/v1/costs`. */
export const ZCostsQueryRequestSchema = z
  .strictObject({
    groupBy: z.enum(COST_GROUPS).default("agent"),
    from: ZDate.optional(),
    to: ZDate.optional(),
    graphId: z.string().min(1).max(100).optional(),
    format: z.enum(["json", "csv"]).default("json"),
    /** Most groups returned, largest cost first (day and month: in date order); totals always cover every group. */
    limit: z.coerce.number().int().min(1).max(100_000).default(1_000),
  })
  .refine((q) => !q.from || !q.to || new Date(q.from) < new Date(q.to), { error: "must be after from", path: ["to"] });
export type TCostsQueryRequest = z.infer<typeof ZCostsQueryRequestSchema>;

export interface CostRow {
  /** The group: agent, `provider:model`, graph id, `graphId@version`, tag, customer key, `YYYY-MM-DD` or `YYYY-MM` (`""` = not attributed). */
  key: string;
  /** A readable name where one exists (the graph's name for graph and version groups). */
  label: string | null;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: string;
}

export interface CostReport {
  groupBy: CostGroup;
  from: Date;
  to: Date;
  graphId: string | null;
  rows: CostRow[];
  /** Groups in the range; more than `rows.length` when the limit cut the list. */
  groups: number;
  total: { calls: number; inputTokens: number; outputTokens: number; costUsd: string };
  /** `rollup` when whole days were read from the daily roll-up, `ledger` when only ledger rows were. */
  basis: "rollup" | "ledger";
}

const DAY = 86_400_000;

/** Key expressions per group, over the ledger (alias `c`) and the daily roll-up (alias `d`). */
const LEDGER_KEY: Record<Exclude<CostGroup, "tag">, string> = {
  agent: `coalesce(c."agent", '')`,
  model: `coalesce(c."model", '')`,
  graph: `coalesce(c."graphId", '')`,
  version: `coalesce(c."graphId", '') || '@' || coalesce(c."graphVersion", 0)::text`,
  customer: `coalesce(c."customerKey", '')`,
  day: `to_char(c."occurredAt", 'YYYY-MM-DD')`,
  month: `to_char(c."occurredAt", 'YYYY-MM')`,
};
const ROLLUP_KEY: Record<Exclude<CostGroup, "tag" | "customer">, string> = {
  agent: `d."agent"`,
  model: `d."model"`,
  graph: `d."graphId"`,
  version: `d."graphId" || '@' || d."graphVersion"::text`,
  day: `to_char(d."day", 'YYYY-MM-DD')`,
  month: `to_char(d."day", 'YYYY-MM')`,
};

/**
 * Spend grouped by agent, model, graph, version, tag, customer key, day or month over a time
 * range (default: this UTC month so far), optionally for one graph. Whole days inside the range
 * are read from the daily roll-ups maintained with every ledger insert, the partial days at
 * its edges from the ledger itself, so a month of a million rows answers in milliseconds and
 * the result is exactly the ledger's.
 *
 * @example
 * const report = await queryCosts(ctx, { groupBy: "customer", format: "json" });
 * report.rows[0]; // { key: "REQ-1042", calls: 12, inputTokens: 48000, outputTokens: 9100, costUsd: "0.0132" }
 */
export async function queryCosts(
  ctx: WorkspaceContext,
  q: TCostsQueryRequest,
  opts: { now?: Date; /** `ledger` skips the roll-ups (benchmarks compare both) */ source?: "auto" | "ledger"; /** receives the query plan (benchmarks) */ explain?: (plan: string) => void } = {},
): Promise<CostReport> {
  const now = opts.now ?? new Date();
  const source = opts.source ?? "auto";
  const to = q.to ? new Date(q.to) : now;
  const from = q.from ? new Date(q.from) : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const ws = ctx.workspace.id;
  const fromDay = new Date(Math.ceil(from.getTime() / DAY) * DAY);
  const toDay = new Date(Math.floor(to.getTime() / DAY) * DAY);
  // Tag and customer roll-ups carry no graph: with a graph filter those groups read the ledger.
  const useRollup = source !== "ledger" && fromDay < toDay && !((q.groupBy === "tag" || q.groupBy === "customer") && q.graphId);
  const graphFilterRollup = q.graphId ? Prisma.sql`and d."graphId" = ${q.graphId}` : Prisma.empty;

  // The ledger rows of a time range. `offset 0` keeps the planner from reading them through a
  // (workspace, customerKey|agent|model, occurredAt) index in key order — with PostgreSQL's skip
  // scan that walks every key of the workspace, seconds for 100k customer keys — instead of the
  // (workspace, occurredAt) range it needs.
  const ledgerRows = (lo: Date, hi: Date) =>
    Prisma.sql`select e."agent", e."model", e."graphId", e."graphVersion", e."customerKey", e."occurredAt", e."tags", e."inputTokens", e."outputTokens", e."costUsd"
                 from "CostEntry" e where e."workspaceId" = ${ws} and e."occurredAt" >= ${lo} and e."occurredAt" < ${hi} ${q.graphId ? Prisma.sql`and e."graphId" = ${q.graphId}` : Prisma.empty} offset 0`;
  const ledgerPart = (lo: Date, hi: Date) =>
    q.groupBy === "tag"
      ? Prisma.sql`select t.tag as key, count(*)::bigint as calls, sum(c."inputTokens")::bigint as "inputTokens", sum(c."outputTokens")::bigint as "outputTokens", sum(c."costUsd") as cost
          from (${ledgerRows(lo, hi)}) c cross join lateral unnest(c."tags") as t(tag)
         group by 1`
      : Prisma.sql`select ${Prisma.raw(LEDGER_KEY[q.groupBy])} as key, count(*)::bigint as calls, sum(c."inputTokens")::bigint as "inputTokens", sum(c."outputTokens")::bigint as "outputTokens", sum(c."costUsd") as cost
          from (${ledgerRows(lo, hi)}) c
         group by 1`;
  const rollupPart = () =>
    q.groupBy === "tag" || q.groupBy === "customer"
      ? Prisma.sql`select d.${Prisma.raw(q.groupBy === "tag" ? `"tag"` : `"customerKey"`)} as key, sum(d."calls")::bigint as calls, sum(d."inputTokens")::bigint as "inputTokens", sum(d."outputTokens")::bigint as "outputTokens", sum(d."costUsd") as cost
          from ${Prisma.raw(q.groupBy === "tag" ? `"CostDailyTag"` : `"CostDailyCustomer"`)} d where d."workspaceId" = ${ws} and d."day" >= ${fromDay}::date and d."day" < ${toDay}::date group by 1`
      : Prisma.sql`select ${Prisma.raw(ROLLUP_KEY[q.groupBy])} as key, sum(d."calls")::bigint as calls, sum(d."inputTokens")::bigint as "inputTokens", sum(d."outputTokens")::bigint as "outputTokens", sum(d."costUsd") as cost
          from "CostDaily" d where d."workspaceId" = ${ws} and d."day" >= ${fromDay}::date and d."day" < ${toDay}::date ${graphFilterRollup} group by 1`;

  const parts = useRollup ? [ledgerPart(from, fromDay), rollupPart(), ledgerPart(toDay, to)] : [ledgerPart(from, to)];
  type Row = { key: string; calls: bigint; inputTokens: bigint; outputTokens: bigint; cost: Prisma.Decimal; groups: bigint; allCalls: bigint; allIn: bigint; allOut: bigint; allCost: Prisma.Decimal };
  // Grouping a month by customer key can mean 100k+ groups: give the aggregation enough memory
  // to hash and sort in RAM instead of spilling to disk (default work_mem is 4 MB), for this
  // transaction only.
  const sql = Prisma.sql`
    select key, calls, "inputTokens", "outputTokens", cost,
           count(*) over () as groups, sum(calls) over ()::bigint as "allCalls", sum("inputTokens") over ()::bigint as "allIn",
           sum("outputTokens") over ()::bigint as "allOut", sum(cost) over () as "allCost"
      from (select key, sum(calls)::bigint as calls, sum("inputTokens")::bigint as "inputTokens", sum("outputTokens")::bigint as "outputTokens", sum(cost) as cost
              from (${Prisma.join(parts, " union all ")}) p
             group by key) g
     order by ${q.groupBy === "day" || q.groupBy === "month" ? Prisma.sql`key asc` : Prisma.sql`cost desc, key asc`}
     limit ${q.limit}`;
  const [, rows] = await ctx.db.$transaction([ctx.db.$executeRaw`select set_config('work_mem', '64MB', true)`, ctx.db.$queryRaw<Row[]>(sql)], { timeout: 60_000 } as never);
  if (opts.explain) {
    const [, plan] = await ctx.db.$transaction([ctx.db.$executeRaw`select set_config('work_mem', '64MB', true)`, ctx.db.$queryRaw<{ "QUERY PLAN": string }[]>`explain (analyze, buffers) ${sql}`]);
    opts.explain(plan.map((p) => p["QUERY PLAN"]).join("\n"));
  }

  let labels = new Map<string, string>();
  if (q.groupBy === "graph" || q.groupBy === "version") {
    const ids = [...new Set(rows.map((r) => r.key.split("@")[0]!).filter(Boolean))];
    const graphs = ids.length ? await ctx.db.graph.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
    labels = new Map(graphs.map((g) => [g.id, g.name]));
  }
  const out: CostRow[] = rows.map((r) => ({
    key: r.key,
    label: labels.get(r.key.split("@")[0]!) ?? null,
    calls: Number(r.calls),
    inputTokens: Number(r.inputTokens),
    outputTokens: Number(r.outputTokens),
    costUsd: formatUsd(usd(r.cost ?? 0)),
  }));
  const first = rows[0];
  return {
    groupBy: q.groupBy,
    from,
    to,
    graphId: q.graphId ?? null,
    rows: out,
    groups: Number(first?.groups ?? 0),
    // Tag groups count a row once per tag, so their total is not the spend total.
    total: {
      calls: Number(first?.allCalls ?? 0),
      inputTokens: Number(first?.allIn ?? 0),
      outputTokens: Number(first?.allOut ?? 0),
      costUsd: formatUsd(usd(first?.allCost ?? 0)),
    },
    basis: useRollup ? "rollup" : "ledger",
  };
}
