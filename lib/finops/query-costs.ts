import "server-only";
import { z } from "zod";
import type { WorkspaceContext } from "../auth/context";
import { Prisma } from "../generated/prisma/client";
import { formatUsd, usd } from "./money";

export const COST_GROUPS = ["agent", "model", "graph", "version", "tag", "customer", "day", "month"] as const;
export type CostGroup = (typeof COST_GROUPS)[number];
/** Dimensions a time series (`groupBy=day|month`) can be split by. */
export const COST_SPLITS = ["agent", "model", "graph", "version", "tag", "customer"] as const;
export type CostSplit = (typeof COST_SPLITS)[number];
/** Keys a split series names by default; the rest are summed into `otherUsd`. */
export const DEFAULT_SPLIT_LIMIT = 5;

/** A query date: an ISO date-time or a plain date (UTC midnight). */
export const ZDate = z.iso.datetime({ offset: true, error: "must be an ISO date-time such as 2026-11-01T00:00:00Z" }).or(z.iso.date({ error: "must be a date such as 2026-11-01" }));

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
    /** Groups skipped before the first row returned, in the same order: pages through e.g. 100k customer keys. */
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
    /** With `groupBy=day|month`: each period's cost split by this dimension (`splits` in the answer). */
    splitBy: z.enum(COST_SPLITS).optional(),
    /** With `splitBy`: how many keys (the range's costliest) are named; the rest are summed as "other". Default 5. */
    splitLimit: z.coerce.number().int().min(1).max(20).optional(),
  })
  .refine((q) => !q.from || !q.to || new Date(q.from) < new Date(q.to), { error: "must be after from", path: ["to"] })
  .refine((q) => !q.splitBy || q.groupBy === "day" || q.groupBy === "month", { error: "needs groupBy=day or groupBy=month (the time axis to split)", path: ["splitBy"] })
  .refine((q) => q.splitLimit === undefined || q.splitBy, { error: "needs splitBy", path: ["splitLimit"] });
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
  /** Groups skipped before `rows[0]` (the request's `offset`). */
  offset: number;
  total: { calls: number; inputTokens: number; outputTokens: number; costUsd: string };
  /**
   * `rollup` when whole days (and, for customer keys, whole months) were read from the roll-ups,
   * `month-rollup` when a customer report within one month was read from the monthly roll-up
   * less the part of the month outside the range, `ledger` when only ledger rows were.
   */
  basis: "rollup" | "month-rollup" | "ledger";
  /** Only with `splitBy`: the spend of each period of `rows` split by that dimension. */
  splits?: CostSplits;
}

/**
 * A time series split by a dimension (`GET /api/v1/costs?groupBy=day&splitBy=model`).
 *
 * `keys` are the range's `splitLimit` costliest keys of the dimension (largest first, ties by
 * key), each with its cost over the whole range; every other key's spend is summed per period
 * into `otherUsd` (`otherKeys` says how many keys that is). `rows` has one entry per period of
 * the report's `rows`, in the same order, with every named key in `values` (`"0"` when it spent
 * nothing that period). Amounts are exact decimal strings. Except for tags, `values` plus
 * `otherUsd` add up to the period's `costUsd`; a call with several tags counts under each, and an
 * untagged call under none.
 *
 * @example
 * report.splits; // { by: "model", keys: [{ key: "sim:fast", label: null, costUsd: "0.42" }], otherKeys: 0,
 *                //   rows: [{ period: "2026-11-02", values: { "sim:fast": "0.2" }, otherUsd: "0" }, …], basis: "rollup" }
 */
export interface CostSplits {
  by: CostSplit;
  /** The named keys; `""` = not attributed (no agent, model, graph or customer key). */
  keys: { key: string; label: string | null; costUsd: string }[];
  /** Keys summed into `otherUsd` (the range's keys beyond `keys`). */
  otherKeys: number;
  rows: { period: string; values: Record<string, string>; otherUsd: string }[];
  /** Where the split was read from: whole days from the roll-ups, or the ledger alone (e.g. tag or customer with a graph filter). */
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
 * With `groupBy` day or month and `splitBy` (agent, model, graph, version, tag or customer), the
 * report also carries `splits` (see {@link CostSplits}): each period's cost per key for the
 * range's `splitLimit` (default 5) costliest keys, and the rest as one "other" amount, read the
 * same way (roll-ups for whole days, the ledger for the edges and where a roll-up cannot apply a
 * graph filter).
 *
 * @example
 * const report = await queryCosts(ctx, { groupBy: "customer", format: "json" });
 * report.rows[0]; // { key: "REQ-1042", calls: 12, inputTokens: 48000, outputTokens: 9100, costUsd: "0.0132" }
 * const daily = await queryCosts(ctx, { groupBy: "day", splitBy: "model", format: "json", limit: 1000, offset: 0 });
 * daily.splits?.rows[0]; // { period: "2026-11-01", values: { "sim:fast": "0.0132", "openai:gpt-4o": "0.41" }, otherUsd: "0" }
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
  // Customer spend of [lo, hi): partial days from the ledger, whole months from the monthly
  // roll-up, the remaining whole days from the daily one.
  const customerParts = (lo: Date, hi: Date): Prisma.Sql[] => {
    const dLo = new Date(Math.ceil(lo.getTime() / DAY) * DAY);
    const dHi = new Date(Math.floor(hi.getTime() / DAY) * DAY);
    if (dLo >= dHi) return lo < hi ? [ledgerPart(lo, hi)] : [];
    const parts: Prisma.Sql[] = [];
    if (lo < dLo) parts.push(ledgerPart(lo, dLo));
    const days = (a: Date, b: Date) => {
      if (a < b)
        parts.push(Prisma.sql`select d."customerKey" as key, sum(d."calls")::bigint as calls, sum(d."inputTokens")::bigint as "inputTokens", sum(d."outputTokens")::bigint as "outputTokens", sum(d."costUsd") as cost
          from "CostDailyCustomer" d where d."workspaceId" = ${ws} and d."day" >= ${a}::date and d."day" < ${b}::date group by 1`);
    };
    const mLo = dLo.getUTCDate() === 1 ? dLo : new Date(Date.UTC(dLo.getUTCFullYear(), dLo.getUTCMonth() + 1, 1));
    const mHi = new Date(Date.UTC(dHi.getUTCFullYear(), dHi.getUTCMonth(), 1));
    if (mLo < mHi) {
      days(dLo, mLo);
      parts.push(Prisma.sql`select m."customerKey" as key, sum(m."calls")::bigint as calls, sum(m."inputTokens")::bigint as "inputTokens", sum(m."outputTokens")::bigint as "outputTokens", sum(m."costUsd") as cost
          from "CostMonthlyCustomer" m where m."workspaceId" = ${ws} and m."month" >= ${mLo}::date and m."month" < ${mHi}::date group by 1`);
      days(mHi, dHi);
    } else days(dLo, dHi);
    if (dHi < hi) parts.push(ledgerPart(dHi, hi));
    return parts;
  };

  // Customer keys are often one per request (100k+ a month). Re-aggregating that many groups to
  // rank them costs seconds, so a range inside one UTC month is read as the month's roll-up —
  // already one row per key, ranked by an index — less the (small) part of the month outside
  // the range: only the keys spent in that part need correcting, every other key's month total
  // is its range total. Chosen when that part holds less time than the range (up to now).
  const month = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
  const monthEnd = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
  const upToNow = (lo: Date, hi: Date) => Math.max(0, Math.min(hi.getTime(), now.getTime()) - lo.getTime());
  const useMonth =
    q.groupBy === "customer" && source !== "ledger" && !q.graphId && to <= monthEnd && upToNow(month, from) + upToNow(to, monthEnd) < upToNow(from, to);

  type Row = { key: string | null; calls: bigint; inputTokens: bigint; outputTokens: bigint; cost: Prisma.Decimal; groups: bigint; allCalls: bigint; allIn: bigint; allOut: bigint; allCost: Prisma.Decimal };
  const order = q.groupBy === "day" || q.groupBy === "month" ? Prisma.sql`key asc` : Prisma.sql`cost desc, key asc`;
  const pageOrder = q.groupBy === "day" || q.groupBy === "month" ? Prisma.sql`page.key asc` : Prisma.sql`page.cost desc, page.key asc`;
  const sum = Prisma.sql`sum(calls)::bigint as calls, sum("inputTokens")::bigint as "inputTokens", sum("outputTokens")::bigint as "outputTokens", sum(cost) as cost`;
  let sql: Prisma.Sql;
  if (useMonth) {
    const outside = [...customerParts(month, from), ...customerParts(to, monthEnd)];
    if (!outside.length) outside.push(Prisma.sql`select ''::text as key, 0::bigint as calls, 0::bigint as "inputTokens", 0::bigint as "outputTokens", 0::numeric as cost where false`);
    // The page: the month's costliest keys straight from the (cost desc) index — as many more
    // as there are keys to correct, since those are dropped there (NOT IN: a hashed lookup) and
    // come back corrected from `aj`.
    sql = Prisma.sql`
      with adj as materialized (
             select key, ${sum} from (${Prisma.join(outside, " union all ")}) p group by key),
           -- not materialized: each use must reach the table's indexes (the page reads the cost index in order)
           m as not materialized (select * from "CostMonthlyCustomer" where "workspaceId" = ${ws} and "month" = ${month}::date),
           aj as materialized (
             select a.key, m."calls" - a.calls as calls, m."inputTokens" - a."inputTokens" as "inputTokens", m."outputTokens" - a."outputTokens" as "outputTokens", m."costUsd" - a.cost as cost
               from adj a join m on m."customerKey" = a.key),
           page as (
             select key, calls, "inputTokens", "outputTokens", cost from (
               (select t.* from (select m."customerKey" as key, m."calls"::bigint as calls, m."inputTokens", m."outputTokens", m."costUsd" as cost
                                   from m order by m."costUsd" desc, m."customerKey" asc
                                  limit ${q.limit + q.offset} + (select count(*) from aj)) t
                 where t.key not in (select key from aj))
               union all
               select key, calls, "inputTokens", "outputTokens", cost from aj where calls > 0) x
             order by cost desc, key asc limit ${q.limit} offset ${q.offset}),
           tot as (
             select (select count(*) from m) - (select count(*) from aj where calls <= 0) as groups,
                    d.calls - coalesce(o.calls, 0) as "allCalls", d."inputTokens" - coalesce(o."inputTokens", 0) as "allIn",
                    d."outputTokens" - coalesce(o."outputTokens", 0) as "allOut", d.cost - coalesce(o.cost, 0) as "allCost"
               from (select coalesce(sum("calls"), 0)::bigint as calls, coalesce(sum("inputTokens"), 0)::bigint as "inputTokens", coalesce(sum("outputTokens"), 0)::bigint as "outputTokens", coalesce(sum("costUsd"), 0) as cost
                       from "CostDaily" where "workspaceId" = ${ws} and "day" >= ${month}::date and "day" < ${monthEnd}::date) d,
                    (select ${sum} from adj) o)
      select page.*, tot.* from tot left join page on true order by ${pageOrder}`;
  } else {
    const parts =
      q.groupBy === "customer" && useRollup ? customerParts(from, to) : useRollup ? [ledgerPart(from, fromDay), rollupPart(), ledgerPart(toDay, to)] : [ledgerPart(from, to)];
    sql = Prisma.sql`
      with g as materialized (select key, ${sum} from (${Prisma.join(parts, " union all ")}) p group by key),
           page as (select * from g order by ${order} limit ${q.limit} offset ${q.offset}),
           tot as (select count(*) as groups, sum(calls)::bigint as "allCalls", sum("inputTokens")::bigint as "allIn", sum("outputTokens")::bigint as "allOut", sum(cost) as "allCost" from g)
      select page.*, tot.* from tot left join page on true order by ${pageOrder}`;
  }
  // The split series: (period, key, cost) from the same sources — whole days from the roll-up of
  // the split's dimension, partial days from the ledger — ranked by key over the whole range.
  // Tag and customer roll-ups carry no graph, so with a graph filter those read the ledger.
  const splitBy = q.splitBy && (q.groupBy === "day" || q.groupBy === "month") ? q.splitBy : null;
  const splitLimit = q.splitLimit ?? DEFAULT_SPLIT_LIMIT;
  const splitRollup = !!splitBy && source !== "ledger" && fromDay < toDay && !((splitBy === "tag" || splitBy === "customer") && q.graphId);
  type SplitRow = { period: string | null; key: string | null; cost: Prisma.Decimal; rk: bigint | null; keys: bigint | null };
  let splitSql: Prisma.Sql | null = null;
  let splitQuery: (() => Promise<SplitRow[]>) | null = null;
  if (splitBy) {
    const fmt = Prisma.raw(q.groupBy === "day" ? `'YYYY-MM-DD'` : `'YYYY-MM'`);
    // `only`: just these customer keys (see below)
    const ledgerSplit = (lo: Date, hi: Date, only?: string[]) =>
      splitBy === "tag"
        ? Prisma.sql`select to_char(c."occurredAt", ${fmt}) as period, t.tag as key, sum(c."costUsd") as cost
            from (${ledgerRows(lo, hi)}) c cross join lateral unnest(c."tags") as t(tag) group by 1, 2`
        : Prisma.sql`select to_char(c."occurredAt", ${fmt}) as period, ${Prisma.raw(LEDGER_KEY[splitBy])} as key, sum(c."costUsd") as cost
            from (${ledgerRows(lo, hi)}) c ${only ? Prisma.sql`where coalesce(c."customerKey", '') = any(${only}::text[])` : Prisma.empty} group by 1, 2`;
    const rollupSplit = (only?: string[]) =>
      splitBy === "tag" || splitBy === "customer"
        ? Prisma.sql`select to_char(d."day", ${fmt}) as period, d.${Prisma.raw(splitBy === "tag" ? `"tag"` : `"customerKey"`)} as key, sum(d."costUsd") as cost
            from ${Prisma.raw(splitBy === "tag" ? `"CostDailyTag"` : `"CostDailyCustomer"`)} d where d."workspaceId" = ${ws} and d."day" >= ${fromDay}::date and d."day" < ${toDay}::date
            ${only ? Prisma.sql`and d."customerKey" = any(${only}::text[])` : Prisma.empty} group by 1, 2`
        : Prisma.sql`select to_char(d."day", ${fmt}) as period, ${Prisma.raw(ROLLUP_KEY[splitBy])} as key, sum(d."costUsd") as cost
            from "CostDaily" d where d."workspaceId" = ${ws} and d."day" >= ${fromDay}::date and d."day" < ${toDay}::date ${graphFilterRollup} group by 1, 2`;
    const partsFor = (only?: string[]) => (splitRollup ? [ledgerSplit(from, fromDay, only), rollupSplit(only), ledgerSplit(toDay, to, only)] : [ledgerSplit(from, to, only)]);
    if (splitBy === "customer") {
      // Customer keys are often one per request (100k+ a month): ranking them all per period
      // would re-aggregate every key (~1 s over a million rows). The range's top keys come from
      // the customer report instead (monthly roll-up, cost index), then only those keys are read
      // per period; each period's other is its total less theirs (every call has one key).
      splitQuery = async () => {
        const top = await queryCosts(ctx, { ...q, groupBy: "customer", splitBy: undefined, splitLimit: undefined, limit: splitLimit, offset: 0, format: "json" }, { now, source });
        const named: SplitRow[] = top.rows.map((r, i) => ({ period: null, key: r.key, cost: usd(r.costUsd), rk: BigInt(i + 1), keys: BigInt(top.groups) }));
        if (!named.length) return named;
        const only = top.rows.map((r) => r.key);
        const cells = await ctx.db.$queryRaw<SplitRow[]>(
          Prisma.sql`select period, key, sum(cost) as cost, null::bigint as rk, null::bigint as keys from (${Prisma.join(partsFor(only), " union all ")}) p group by 1, 2`,
        );
        return [...named, ...cells];
      };
    }
    const parts = partsFor();
    // One answer: the named keys (period null, with their rank and the number of keys), then each
    // period's cost per named key and of all the others together (key null).
    splitSql = Prisma.sql`
      with s as materialized (select period, key, sum(cost) as cost from (${Prisma.join(parts, " union all ")}) p group by 1, 2),
           k as materialized (select key, sum(cost) as cost, row_number() over (order by sum(cost) desc, key asc) as rk from s group by key)
      select null::text as period, k.key, k.cost, k.rk, (select count(*) from k) as keys from k where k.rk <= ${splitLimit}
      union all
      select s.period, case when k.rk <= ${splitLimit} then s.key end, sum(s.cost), null::bigint, null::bigint
        from s join k on k.key = s.key group by 1, 2`;
  }

  // Grouping a month by customer key can mean 100k+ groups: give the aggregation enough memory
  // to hash and sort in RAM instead of spilling to disk (default work_mem is 4 MB), for this
  // transaction only.
  const withWorkMem = <T>(query: Prisma.Sql, txOpts: { timeout?: number } = {}) =>
    ctx.db.$transaction([ctx.db.$executeRaw`select set_config('work_mem', '64MB', true)`, ctx.db.$queryRaw<T>(query)], txOpts as never).then(([, r]) => r);
  const [all, splitAll] = await Promise.all([
    withWorkMem<Row[]>(sql, { timeout: 60_000 }),
    splitQuery ? splitQuery() : splitSql ? withWorkMem<SplitRow[]>(splitSql, { timeout: 60_000 }) : Promise.resolve(null),
  ]);
  if (opts.explain) {
    const plan = await withWorkMem<{ "QUERY PLAN": string }[]>(Prisma.sql`explain (analyze, buffers) ${sql}`);
    opts.explain(plan.map((p) => p["QUERY PLAN"]).join("\n"));
  }
  const first = all[0];
  const rows = all.filter((r): r is Row & { key: string } => r.key !== null);

  const splitKeys = (splitAll ?? []).filter((r) => r.period === null).sort((a, b) => Number(a.rk) - Number(b.rk));
  let labels = new Map<string, string>();
  const labelled = [...(q.groupBy === "graph" || q.groupBy === "version" ? rows.map((r) => r.key) : []), ...(splitBy === "graph" || splitBy === "version" ? splitKeys.map((r) => r.key!) : [])];
  if (labelled.length) {
    const ids = [...new Set(labelled.map((k) => k.split("@")[0]!).filter(Boolean))];
    const graphs = ids.length ? await ctx.db.graph.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
    labels = new Map(graphs.map((g) => [g.id, g.name]));
  }
  const out: CostRow[] = rows.map((r) => ({
    key: r.key,
    label: q.groupBy === "graph" || q.groupBy === "version" ? (labels.get(r.key.split("@")[0]!) ?? null) : null,
    calls: Number(r.calls),
    inputTokens: Number(r.inputTokens),
    outputTokens: Number(r.outputTokens),
    costUsd: formatUsd(usd(r.cost ?? 0)),
  }));
  let splits: CostSplits | undefined;
  if (splitBy && splitAll) {
    const named = splitKeys.map((r) => r.key!);
    const cells = new Map<string, { values: Record<string, string>; otherUsd: string }>();
    for (const r of splitAll) {
      if (r.period === null) continue;
      let cell = cells.get(r.period);
      if (!cell) cells.set(r.period, (cell = { values: {}, otherUsd: "0" }));
      if (r.key === null) cell.otherUsd = formatUsd(usd(r.cost ?? 0));
      else cell.values[r.key] = formatUsd(usd(r.cost ?? 0));
    }
    // customer keys: the other keys' share of a period is its total less the named keys'
    if (splitBy === "customer")
      for (const r of out) {
        const cell = cells.get(r.key) ?? { values: {}, otherUsd: "0" };
        cells.set(r.key, cell);
        cell.otherUsd = formatUsd(Object.values(cell.values).reduce((rest, v) => rest.minus(v), usd(r.costUsd)));
      }
    splits = {
      by: splitBy,
      keys: splitKeys.map((r) => ({ key: r.key!, label: splitBy === "graph" || splitBy === "version" ? (labels.get(r.key!.split("@")[0]!) ?? null) : null, costUsd: formatUsd(usd(r.cost ?? 0)) })),
      otherKeys: Math.max(0, Number(splitKeys[0]?.keys ?? 0) - named.length),
      // the periods of `rows` (the same page of them), every named key present
      rows: out.map((r) => {
        const cell = cells.get(r.key);
        return { period: r.key, values: Object.fromEntries(named.map((k) => [k, cell?.values[k] ?? "0"])), otherUsd: cell?.otherUsd ?? "0" };
      }),
      basis: splitRollup ? "rollup" : "ledger",
    };
  }
  return {
    groupBy: q.groupBy,
    from,
    to,
    graphId: q.graphId ?? null,
    rows: out,
    groups: Number(first?.groups ?? 0),
    offset: q.offset,
    // Tag groups count a row once per tag, so their total is not the spend total.
    total: {
      calls: Number(first?.allCalls ?? 0),
      inputTokens: Number(first?.allIn ?? 0),
      outputTokens: Number(first?.allOut ?? 0),
      costUsd: formatUsd(usd(first?.allCost ?? 0)),
    },
    basis: useMonth ? "month-rollup" : useRollup ? "rollup" : "ledger",
    ...(splits ? { splits } : {}),
  };
}
