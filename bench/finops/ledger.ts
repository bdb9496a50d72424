/**
 * Ledger benchmark: `npx tsx scripts/with-db.ts npx tsx --conditions=react-server bench/finops/ledger.ts` (see README.md).
 *
 * Seeds 1,000,000 cost-ledger rows for one workspace in one month (plus 200,000 rows of a
 * second workspace, so indexes must be selective) with `generate_series` in SQL, builds the
 * daily roll-ups the product keeps with every insert, then times the cost report
 * (`queryCosts`, exactly what `GET /api/v1/costs` runs) for a month — first day 00:00 to the
 * 23rd 15:30, so both the roll-ups and the ledger edge are read — for every `groupBy`. Each
 * report is checked against a plain SUM over the ledger before it is timed. The same query
 * with the roll-ups disabled (ledger only) is timed for comparison. Then the daily spend split by
 * each dimension (`groupBy=day&splitBy=…`, the costs screen's time chart), checked the same way.
 *
 * Env: BENCH_ROWS (1000000), BENCH_ITERATIONS (20), BENCH_GROUPS (all, comma-separated), BENCH_SPLITS (all, comma-separated; "none" for none), BENCH_EXPLAIN=<case name, e.g. customer> (print its plan), KEEP_TEST_DB=1 (keep the database).
 */
import { createTestDatabase } from "../../lib/testing/test-database";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const NOISE = Math.round(ROWS / 5);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20);
const LEDGER_ITERATIONS = 3;
const GROUPS = (process.env.BENCH_GROUPS?.split(",") ?? ["agent", "model", "graph", "version", "tag", "customer", "day", "month"]) as ("agent" | "model" | "graph" | "version" | "tag" | "customer" | "day" | "month")[];
const SPLITS = (process.env.BENCH_SPLITS === "none" ? [] : (process.env.BENCH_SPLITS?.split(",") ?? ["agent", "model", "graph", "version", "tag", "customer"])) as ("agent" | "model" | "graph" | "version" | "tag" | "customer")[];
const FROM = "2026-11-01T00:00:00Z";
const TO = "2026-11-23T15:30:00Z";
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

function pct(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

const db = await createTestDatabase("bench_finops");
process.env.DATABASE_URL = db.url;
process.env.SWITCHYARD_SECRET ??= "bench-secret-0123456789abcdef0123456789";
const { getPrisma } = await import("../../lib/db/client");
const { systemContext } = await import("../../lib/runtime/system-context");
const { queryCosts } = await import("../../lib/finops/query-costs");
const prisma = getPrisma();

try {
  const t0 = performance.now();
  await prisma.$executeRawUnsafe(`insert into "Workspace" ("id", "slug", "name", "updatedAt") values ('ws_bench', 'bench', 'Bench', now()), ('ws_noise', 'noise', 'Noise', now())`);
  // ~8 calls per run, 4 agents per graph, 20 graphs with 3 versions, 6 models, a customer key per run, 0–2 of 10 tags.
  const seed = (ws: string, n: number, offset: number) => `
    insert into "CostEntry" ("id", "workspaceId", "kind", "runId", "rootRunId", "graphId", "graphVersionId", "graphVersion", "nodeId", "agent", "attempt",
      "provider", "model", "inputTokens", "outputTokens", "cachedTokens", "inputUsdPerMTok", "outputUsdPerMTok", "cachedUsdPerMTok", "costUsd", "success", "tags", "customerKey", "occurredAt")
    select 'cst_' || lpad(g::text, 9, '0'), '${ws}', 'model', 'run_' || (g / 8), 'run_' || (g / 8),
           'gr_' || ((g / 8) % 20), 'grv_' || ((g / 8) % 20) || '_' || ((g / 8) % 3), ((g / 8) % 3) + 1, 'node' || (g % 4), 'node' || (g % 4), 1 + (g % 17 = 0)::int,
           m.provider, m.model, 500 + (g * 7919) % 4000, 50 + (g * 104729) % 800, (g * 31) % 300,
           m.inp, m.outp, m.cached,
           round(((500 + (g * 7919) % 4000 - (g * 31) % 300) * m.inp + ((g * 31) % 300) * m.cached + (50 + (g * 104729) % 800) * m.outp) / 1000000.0, 12),
           g % 29 <> 0,
           case g % 3 when 0 then array[]::text[] when 1 then array['tag' || (g % 10)] else array['tag' || (g % 10), 'tag' || ((g / 10) % 10)] end,
           'REQ-' || (g / 8),
           -- a run's calls happen within a minute of each other, runs spread over 23 days
           timestamp '2026-11-01 00:00:00' + ((((g / 8) * 2654435761::bigint) % (23 * 86400 - 60)) + (g % 8) * 7) * interval '1 second'
      from generate_series(${offset}::bigint, ${offset + n - 1}::bigint) g
      join (values (0, 'sim', 'sim:fast', 0.15, 0.6, 0.075), (1, 'openai', 'openai:gpt-4o-mini', 0.15, 0.6, 0.075), (2, 'openai', 'openai:gpt-4o', 2.5, 10, 1.25),
                   (3, 'anthropic', 'anthropic:claude-haiku-4-5', 1, 5, 0.1), (4, 'anthropic', 'anthropic:claude-sonnet-4-5', 3, 15, 0.3), (5, 'sim', 'sim:strong', 15, 75, 1.5))
           as m(i, provider, model, inp, outp, cached) on m.i = (g / 8) % 6`;
  await prisma.$executeRawUnsafe(seed("ws_bench", ROWS, 0));
  await prisma.$executeRawUnsafe(seed("ws_noise", NOISE, ROWS));
  const tSeed = performance.now();
  log(`seeded ${ROWS + NOISE} ledger rows in ${((tSeed - t0) / 1000).toFixed(1)} s`);
  // The roll-ups the product maintains row by row in recordCost, built here in bulk.
  await prisma.$executeRawUnsafe(`
    insert into "CostDaily" ("workspaceId", "day", "graphId", "graphVersion", "agent", "model", "calls", "inputTokens", "outputTokens", "costUsd")
    select "workspaceId", ("occurredAt" at time zone 'UTC')::date, coalesce("graphId", ''), coalesce("graphVersion", 0), coalesce("agent", ''), coalesce("model", ''),
           count(*), sum("inputTokens"), sum("outputTokens"), sum("costUsd") from "CostEntry" group by 1, 2, 3, 4, 5, 6`);
  await prisma.$executeRawUnsafe(`
    insert into "CostDailyCustomer" ("workspaceId", "day", "customerKey", "calls", "inputTokens", "outputTokens", "costUsd")
    select "workspaceId", ("occurredAt" at time zone 'UTC')::date, coalesce("customerKey", ''), count(*), sum("inputTokens"), sum("outputTokens"), sum("costUsd") from "CostEntry" group by 1, 2, 3`);
  await prisma.$executeRawUnsafe(`
    insert into "CostMonthlyCustomer" ("workspaceId", "month", "customerKey", "calls", "inputTokens", "outputTokens", "costUsd")
    select "workspaceId", date_trunc('month', ("occurredAt" at time zone 'UTC'))::date, coalesce("customerKey", ''), count(*), sum("inputTokens"), sum("outputTokens"), sum("costUsd") from "CostEntry" group by 1, 2, 3`);
  await prisma.$executeRawUnsafe(`
    insert into "CostDailyTag" ("workspaceId", "day", "tag", "calls", "inputTokens", "outputTokens", "costUsd")
    select "workspaceId", ("occurredAt" at time zone 'UTC')::date, t, count(*), sum("inputTokens"), sum("outputTokens"), sum("costUsd") from "CostEntry", unnest("tags") t group by 1, 2, 3`);
  await prisma.$executeRawUnsafe(`vacuum analyze`);
  const sizes = await prisma.$queryRawUnsafe<{ t: string; n: bigint }[]>(
    `select 'CostDaily' t, count(*) n from "CostDaily" union all select 'CostDailyCustomer', count(*) from "CostDailyCustomer" union all select 'CostMonthlyCustomer', count(*) from "CostMonthlyCustomer" union all select 'CostDailyTag', count(*) from "CostDailyTag"`,
  );
  log(`roll-ups built in ${((performance.now() - tSeed) / 1000).toFixed(1)} s: ${sizes.map((s) => `${s.t} ${s.n}`).join(", ")}`);

  const ctx = await systemContext("ws_bench");
  const [truth] = await prisma.$queryRawUnsafe<{ cost: string; calls: bigint }[]>(
    `select sum("costUsd")::text cost, count(*) calls from "CostEntry" where "workspaceId" = 'ws_bench' and "occurredAt" >= '${FROM}' and "occurredAt" < '${TO}'`,
  );
  const lines: string[] = [];
  const rows: Record<string, unknown>[] = [];
  // Every grouping over the month so far, then the per-request (customer) report as a finance
  // user pages it: the whole month, and a page deep in the list.
  const cases: { name: string; groupBy: (typeof GROUPS)[number]; to?: string; offset?: number; splitBy?: (typeof SPLITS)[number] }[] = GROUPS.map((groupBy) => ({ name: groupBy, groupBy }));
  if (GROUPS.includes("customer")) {
    cases.push({ name: "customer, whole month", groupBy: "customer", to: "2026-12-01T00:00:00Z" });
    cases.push({ name: "customer, rows 50,001–51,000", groupBy: "customer", offset: 50_000 });
  }
  // The time chart of the costs screen: daily spend split by the dimension grouped by (top 5 + other).
  for (const splitBy of SPLITS) cases.push({ name: `day split by ${splitBy}`, groupBy: "day", splitBy });
  for (const { name, groupBy, to, offset, splitBy } of cases) {
    const q = { groupBy, from: FROM, to: to ?? TO, format: "json" as const, limit: 1_000, offset: offset ?? 0, ...(splitBy ? { splitBy } : {}) };
    const check = await queryCosts(ctx, q, process.env.BENCH_EXPLAIN === name ? { explain: (plan) => log(plan) } : {});
    const truthRows = await queryCosts(ctx, q, { source: "ledger" });
    if (JSON.stringify(check.rows) !== JSON.stringify(truthRows.rows) || check.groups !== truthRows.groups || JSON.stringify(check.total) !== JSON.stringify(truthRows.total) || JSON.stringify({ ...check.splits, basis: null }) !== JSON.stringify({ ...truthRows.splits, basis: null })) {
      throw new Error(`${name}: the report differs from the same report over the ledger alone`);
    }
    if (!to && groupBy !== "tag" && (check.total.costUsd !== (await import("../../lib/finops/money")).usd(truth!.cost).toFixed() || check.total.calls !== Number(truth!.calls))) {
      throw new Error(`groupBy=${groupBy}: report total ${check.total.costUsd} / ${check.total.calls} differs from the ledger's ${truth!.cost} / ${truth!.calls}`);
    }
    const time = async (source: "auto" | "ledger", n: number) => {
      const ms: number[] = [];
      for (let i = 0; i < n + 2; i++) {
        const s = performance.now();
        await queryCosts(ctx, q, { source });
        if (i >= 2) ms.push(performance.now() - s);
      }
      return ms.sort((a, b) => a - b);
    };
    const auto = await time("auto", ITERATIONS);
    const ledger = await time("ledger", LEDGER_ITERATIONS);
    const row = { groupBy: name, basis: check.basis, groups: check.groups, p50: pct(auto, 0.5), p95: pct(auto, 0.95), ledgerP50: pct(ledger, 0.5), ledgerP95: pct(ledger, 0.95) };
    rows.push(row);
    log(`${name} (${check.basis}): p50 ${row.p50.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms (ledger only p50 ${row.ledgerP50.toFixed(0)} ms)`);
  }
  lines.push(`Ledger: ${ROWS.toLocaleString("en")} rows in the queried workspace (+${NOISE.toLocaleString("en")} in another), month ${FROM} → ${TO}; ${ITERATIONS} timed runs per group (${LEDGER_ITERATIONS} ledger-only).`);
  lines.push("");
  lines.push("| groupBy | read from | groups | p50 (ms) | p95 (ms) | ledger only p50 (ms) | ledger only p95 (ms) |");
  lines.push("|---|---|---:|---:|---:|---:|---:|");
  for (const r of rows as { groupBy: string; basis: string; groups: number; p50: number; p95: number; ledgerP50: number; ledgerP95: number }[]) {
    lines.push(`| ${r.groupBy} | ${r.basis} | ${r.groups.toLocaleString("en")} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.ledgerP50.toFixed(0)} | ${r.ledgerP95.toFixed(0)} |`);
  }
  const load = (await import("node:os")).loadavg()[0]!.toFixed(1);
  lines.push("");
  lines.push(`Machine: ${(await import("node:os")).cpus().length} cores, load average ${load} at the end of the run. JSON reports return at most 1,000 groups (\`limit\`), totals cover all.`);
  console.log(lines.join("\n"));
} finally {
  await prisma.$disconnect();
  await db.drop();
}
