import "server-only";
import client from "prom-client";
import { getRawPool } from "../db/raw-pool";
import { processMetrics } from "./registry";

/** At most this many budget windows are exported (the costliest), so per-customer budgets cannot flood a scrape. */
const MAX_BUDGET_SERIES = 1_000;

interface DatabaseMetrics {
  runsStarted: client.Counter<"workspace" | "graph">;
  runsEnded: client.Counter<"workspace" | "graph" | "status">;
  runsActive: client.Gauge<"workspace" | "graph" | "status">;
  inboxWaiting: client.Gauge<"workspace" | "kind">;
  inboxOldest: client.Gauge<"workspace" | "kind">;
  budgetSpent: client.Gauge<"workspace" | "budget" | "budget_id" | "window">;
  budgetLimit: client.Gauge<"workspace" | "budget" | "budget_id" | "window">;
  budgetRemaining: client.Gauge<"workspace" | "budget" | "budget_id" | "window">;
  queueReady: client.Gauge<"kind">;
  queueLeased: client.Gauge<"kind">;
  queueScheduled: client.Gauge<"kind">;
  queueOldest: client.Gauge<"kind">;
  breakerState: client.Gauge<"workspace" | "breaker" | "state">;
}

const globalForDb = globalThis as unknown as { __switchyardDbMetrics?: DatabaseMetrics; __switchyardDbScrape?: Promise<void> | null };

function create(): DatabaseMetrics {
  const registers = [processMetrics().registry];
  const gauge = <L extends string>(name: string, help: string, labelNames: L[]) => new client.Gauge<L>({ name, help, labelNames, registers });
  const counter = <L extends string>(name: string, help: string, labelNames: L[]) => new client.Counter<L>({ name, help, labelNames, registers });
  const budget = ["workspace", "budget", "budget_id", "window"] as ("workspace" | "budget" | "budget_id" | "window")[];
  return {
    runsStarted: counter("switchyard_runs_started_total", "Runs started, by workspace and graph (read from the database: every process reports the same).", ["workspace", "graph"]),
    runsEnded: counter("switchyard_runs_ended_total", "Runs ended, by workspace, graph and final status.", ["workspace", "graph", "status"]),
    runsActive: gauge("switchyard_runs_active", "Runs not ended yet, by status (queued, running, waiting, paused).", ["workspace", "graph", "status"]),
    inboxWaiting: gauge("switchyard_inbox_items_waiting", "Inbox items waiting for a person, by kind.", ["workspace", "kind"]),
    inboxOldest: gauge("switchyard_inbox_oldest_item_age_seconds", "Age of the oldest inbox item waiting, by kind.", ["workspace", "kind"]),
    budgetSpent: gauge("switchyard_budget_spent_usd", "Spend in the current day or month window of each settings budget.", budget),
    budgetLimit: gauge("switchyard_budget_limit_usd", "Limit of the current window (the budget's limit plus what was raised for this window).", budget),
    budgetRemaining: gauge("switchyard_budget_remaining_usd", "What the current window can still take: limit − spent − held by calls in flight.", budget),
    queueReady: gauge("switchyard_engine_queue_ready", "Engine work due and waiting for a worker, by kind (call, timer, …).", ["kind"]),
    queueLeased: gauge("switchyard_engine_queue_leased", "Engine work a worker holds now, by kind.", ["kind"]),
    queueScheduled: gauge("switchyard_engine_queue_scheduled", "Engine work due later (sleeps, retries, timeouts), by kind.", ["kind"]),
    queueOldest: gauge("switchyard_engine_queue_oldest_ready_age_seconds", "How long the oldest due work has waited for a worker, by kind.", ["kind"]),
    breakerState: gauge("switchyard_breaker_state", "Circuit breakers: 1 for the state each is in (closed, open, half_open), 0 for the others.", ["workspace", "breaker", "state"]),
  };
}

type Row = Record<string, unknown>;

async function rows<T extends Row>(sql: string, values: unknown[] = []): Promise<T[]> {
  return (await getRawPool().query<T>(sql, values)).rows;
}

async function refresh(m: DatabaseMetrics, now: Date) {
  const day = now.toISOString().slice(0, 10);
  const month = day.slice(0, 7);
  const [runs, inbox, budgets, breakers] = await Promise.all([
    rows<{ workspace: string; graph: string; status: string; n: number }>(
      `select w."slug" as "workspace", coalesce(g."name", r."graphId") as "graph", r."status"::text as "status", count(*)::int as "n"
         from "Run" r join "Workspace" w on w."id" = r."workspaceId" left join "Graph" g on g."id" = r."graphId"
        group by 1, 2, 3`,
    ),
    rows<{ workspace: string; kind: string; n: number; age: number }>(
      `select w."slug" as "workspace", a."kind"::text as "kind", count(*)::int as "n",
              extract(epoch from (now() at time zone 'UTC') - min(a."createdAt"))::float8 as "age"
         from "Approval" a join "Workspace" w on w."id" = a."workspaceId"
        where a."status" = 'pending'
        group by 1, 2`,
    ),
    rows<{ workspace: string; budget: string; id: string; window: string; spent: number; reserved: number; limit: number }>(
      `select w."slug" as "workspace", b."name" as "budget", b."id", bw."windowKey" as "window", bw."spentUsd"::float8 as "spent",
              bw."reservedUsd"::float8 as "reserved", (b."limitUsd" + bw."boostUsd")::float8 as "limit"
         from "BudgetWindow" bw join "Budget" b on b."id" = bw."budgetId" join "Workspace" w on w."id" = b."workspaceId"
        where b."enabled" and b."source" = 'settings' and b."scope" <> 'run'
          and (bw."windowKey" in ($1, $2) or bw."windowKey" like $1 || '|%' or bw."windowKey" like $2 || '|%')
        order by bw."spentUsd" desc
        limit ${MAX_BUDGET_SERIES}`,
      [day, month],
    ),
    rows<{ workspace: string; key: string; state: string }>(
      `select w."slug" as "workspace", c."key", c."state"::text as "state" from "CircuitBreaker" c join "Workspace" w on w."id" = c."workspaceId"`,
    ),
  ]);
  // the engine's tables exist only when the engine shares this database
  const queue = await rows<{ kind: string; ready: number; leased: number; scheduled: number; age: number }>(
    `select "kind", count(*) filter (where "locked_by" is null and "run_at" <= now())::int as "ready",
            count(*) filter (where "locked_by" is not null)::int as "leased",
            count(*) filter (where "locked_by" is null and "run_at" > now())::int as "scheduled",
            coalesce(extract(epoch from now() - min("run_at") filter (where "locked_by" is null and "run_at" <= now())), 0)::float8 as "age"
       from engine.queue group by "kind"`,
  ).catch((err) => {
    // no schema or table "engine" here (an external engine): nothing to report; anything else is a fault
    if (["3F000", "42P01"].includes((err as { code?: string }).code ?? "")) return null;
    throw err;
  });

  for (const g of [m.runsStarted, m.runsEnded, m.runsActive, m.inboxWaiting, m.inboxOldest, m.budgetSpent, m.budgetLimit, m.budgetRemaining, m.queueReady, m.queueLeased, m.queueScheduled, m.queueOldest, m.breakerState]) g.reset();
  const started = new Map<string, { workspace: string; graph: string; n: number }>();
  for (const r of runs) {
    const key = `${r.workspace}\u0000${r.graph}`;
    const s = started.get(key) ?? { workspace: r.workspace, graph: r.graph, n: 0 };
    s.n += r.n;
    started.set(key, s);
    if (["succeeded", "failed", "cancelled"].includes(r.status)) m.runsEnded.inc({ workspace: r.workspace, graph: r.graph, status: r.status }, r.n);
    else m.runsActive.set({ workspace: r.workspace, graph: r.graph, status: r.status }, r.n);
  }
  for (const s of started.values()) m.runsStarted.inc({ workspace: s.workspace, graph: s.graph }, s.n);
  for (const i of inbox) {
    m.inboxWaiting.set({ workspace: i.workspace, kind: i.kind }, i.n);
    m.inboxOldest.set({ workspace: i.workspace, kind: i.kind }, Math.max(0, i.age));
  }
  for (const b of budgets) {
    const labels = { workspace: b.workspace, budget: b.budget, budget_id: b.id, window: b.window };
    m.budgetSpent.set(labels, b.spent);
    m.budgetLimit.set(labels, b.limit);
    m.budgetRemaining.set(labels, Math.max(0, b.limit - b.spent - b.reserved));
  }
  for (const q of queue ?? []) {
    m.queueReady.set({ kind: q.kind }, q.ready);
    m.queueLeased.set({ kind: q.kind }, q.leased);
    m.queueScheduled.set({ kind: q.kind }, q.scheduled);
    m.queueOldest.set({ kind: q.kind }, Math.max(0, q.age));
  }
  for (const b of breakers) {
    for (const state of ["closed", "open", "half_open"]) m.breakerState.set({ workspace: b.workspace, breaker: b.key, state }, b.state === state ? 1 : 0);
  }
}

/**
 * Reads what the database knows (runs, inbox, budgets, the engine's queue, breakers) into the
 * registry's gauges and counters; concurrent scrapes share one read.
 *
 * @example
 * await collectDatabaseMetrics();
 * res.end(await processMetrics().registry.metrics());
 */
export function collectDatabaseMetrics(now: Date = new Date()): Promise<void> {
  globalForDb.__switchyardDbMetrics ??= create();
  const m = globalForDb.__switchyardDbMetrics;
  globalForDb.__switchyardDbScrape ??= refresh(m, now).finally(() => {
    globalForDb.__switchyardDbScrape = null;
  });
  return globalForDb.__switchyardDbScrape;
}
