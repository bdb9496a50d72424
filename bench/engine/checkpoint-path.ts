/**
 * The durable checkpoint, one at a time, in two layers (diagnostics, not part of the table):
 *
 * 1. Statements: the engine's checkpoint statement and its parts next to the durable floor's
 *    plain INSERT, each a prepared statement committed on its own (autocommit,
 *    synchronous_commit on, as the engine runs).
 * 2. Requests: `POST /v1/checkpoint/:run/async` with the body the SDK sends, by `fetch` (as the
 *    SDK sends it), to the engine process (`scripts/engine.ts`, its own process and database,
 *    against a leased queue item) and to the durable floor's server (bench/engine/durable-floor.ts).
 *
 * Variants alternate in rounds so that drift on the machine falls on all of them alike.
 * `npx tsx bench/engine/checkpoint-path.ts [rounds] [per-round]` (8 × 250): prints the p50 and
 * p95 of each variant in ms, and its p50 minus the floor's.
 */
import type { ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../../lib/db/embedded-postgres";
import { ONE_SQL } from "../../lib/engine/checkpoint";
import { startEngine } from "../../lib/engine/engine";
import { ulid } from "../../lib/engine/ids";
import { startDurableFloor, startEngineProcess, stopProcess } from "./engine-bench";
import { freePort, freshDatabase, percentile } from "./lib";

const ROUNDS = Number(process.argv[2] ?? 8);
const PER_ROUND = Number(process.argv[3] ?? 250);
const STEPS_PER_RUN = 10;

/** What the SDK sends for one step (the floor stores the body as it came). */
const body = (runId: string, id: string, i: number, qiId = "1.abcdef0123456789") =>
  JSON.stringify({
    run_id: runId,
    fn_id: "00000000-0000-4000-8000-000000000000",
    qi_id: qiId,
    steps: [{ op: "StepRun", id, name: `s${i}`, displayName: `s${i}`, data: i, timing: { start: Date.now(), end: Date.now() } }],
  });
const stepId = (runId: string, i: number) => createHash("sha1").update(`${runId}:s${i}`).digest("hex");

interface Variant {
  name: string;
  text: string;
  /** values for step i of a run whose queue item is (itemId, token) */
  values: (run: LeasedRun, i: number) => unknown[];
}

const variants: Variant[] = [
  {
    name: "floor: insert into a bigserial table",
    text: "insert into floor_steps (run_id, body) values ($1, $2)",
    values: (r, i) => [r.runId, body(r.runId, stepId(r.runId, i), i)],
  },
  {
    name: "engine: lease check + insert on conflict do nothing",
    text: ONE_SQL, // the engine's own statement
    values: (r, i) => [r.itemId, r.token, r.runId, stepId(r.runId, i), JSON.stringify({ data: i }), i],
  },
  {
    name: "insert on conflict do nothing (no lease check)",
    text: "insert into engine.steps (run_id, id, memo) values ($1, $2, $3::jsonb) on conflict do nothing",
    values: (r, i) => [r.runId, stepId(r.runId, i), JSON.stringify({ data: i })],
  },
  {
    name: "plain insert into engine.steps",
    text: "insert into engine.steps (run_id, id, memo) values ($1, $2, $3::jsonb)",
    values: (r, i) => [r.runId, stepId(r.runId, i), JSON.stringify({ data: i })],
  },
  {
    name: "lease check alone (select)",
    text: "select 1 from engine.queue q where q.id = $1 and q.lease_token = $2 and q.run_id = $3",
    values: (r) => [r.itemId, r.token, r.runId],
  },
];

interface Timed {
  name: string;
  /** one measured operation: step i of the given leased run */
  once: (run: LeasedRun, i: number) => Promise<unknown>;
  runs: LeasedRun[];
  next: number;
  times: number[];
}
interface LeasedRun {
  runId: string;
  itemId: string;
  token: string;
}

/** Runs every variant PER_ROUND times per round, alternating, and prints the table. */
async function measure(title: string, timed: Timed[]): Promise<void> {
  for (let round = 0; round < ROUNDS; round++) {
    for (const t of timed) {
      for (let n = 0; n < PER_ROUND; n++, t.next++) {
        const run = t.runs[Math.floor(t.next / STEPS_PER_RUN)]!;
        const t0 = process.hrtime.bigint();
        await t.once(run, t.next % STEPS_PER_RUN);
        t.times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }
  }
  const floorP50 = percentile(timed[0]!.times, 50);
  console.log(`\n${title}: ${ROUNDS} rounds × ${PER_ROUND} per variant, one at a time\n`);
  console.log("| variant | p50 (ms) | p95 (ms) | p50 − floor's (ms) |\n|---|---:|---:|---:|");
  for (const t of timed) {
    const p50 = percentile(t.times, 50);
    console.log(`| ${t.name} | ${p50.toFixed(3)} | ${percentile(t.times, 95).toFixed(3)} | ${(p50 - floorP50).toFixed(3)} |`);
  }
}

/** Leased queue items (as a call in flight holds them), enough for one variant. */
async function leasedRuns(c: pg.Client): Promise<LeasedRun[]> {
  const out: LeasedRun[] = [];
  for (let n = 0; n < Math.ceil((ROUNDS * PER_ROUND) / STEPS_PER_RUN) + 1; n++) {
    const runId = ulid();
    const token = `t${n}`;
    const r = await c.query<{ id: string }>(
      "insert into engine.queue (run_id, locked_by, lease_token, locked_until) values ($1, 'bench', $2, now() + interval '1 hour') returning id",
      [runId, token],
    );
    out.push({ runId, itemId: r.rows[0]!.id, token });
  }
  return out;
}

const pgdb = await startEmbeddedPostgres({ dataDir: path.resolve(".data/checkpoint-pg"), port: await freePort(), database: "bench" });
const children: ChildProcess[] = [];
try {
  // 1. statements
  const sqlUrl = await freshDatabase(pgdb.url, "checkpoint_sql");
  await (await startEngine({ databaseUrl: sqlUrl, port: 0 })).stop(); // applies the engine's schema
  const c = new pg.Client({ connectionString: sqlUrl });
  await c.connect();
  await c.query("create table floor_steps (id bigserial primary key, run_id text not null, body text not null)");
  const statements: Timed[] = [];
  for (const [i, v] of variants.entries()) {
    const q = { name: `v${i}`, text: v.text, values: [] as unknown[] };
    statements.push({ name: v.name, runs: await leasedRuns(c), next: 0, times: [], once: (run, n) => c.query({ ...q, values: v.values(run, n) }) });
  }
  await c.query("checkpoint");
  await measure("Statements", statements);
  await c.end();

  // 2. requests
  const engineUrl = await freshDatabase(pgdb.url, "checkpoint_engine");
  const floorUrl = await freshDatabase(pgdb.url, "checkpoint_floor");
  const [enginePort, floorPort] = [await freePort(), await freePort()];
  children.push(await startEngineProcess(engineUrl, enginePort));
  children.push(await startDurableFloor(floorUrl, floorPort, "http://127.0.0.1:9/none", "none")); // no app: checkpoints only
  const ec = new pg.Client({ connectionString: engineUrl });
  await ec.connect();
  const post = async (port: number, run: LeasedRun, i: number) => {
    const res = await fetch(`http://127.0.0.1:${port}/v1/checkpoint/${run.runId}/async`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: body(run.runId, stepId(run.runId, i), i, `${run.itemId}.${run.token}`),
    });
    if (res.status !== 200) throw new Error(`checkpoint answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  };
  await measure("Requests", [
    { name: "durable floor's server", runs: await leasedRuns(ec), next: 0, times: [], once: (run, i) => post(floorPort, run, i) },
    { name: "engine process", runs: await leasedRuns(ec), next: 0, times: [], once: (run, i) => post(enginePort, run, i) },
  ]);
  await ec.end();
} finally {
  for (const child of children) await stopProcess(child);
  await pgdb.stop();
}
