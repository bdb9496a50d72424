/**
 * Benchmark: what recording live-update changes costs the writes that cause them. Commits per
 * second of single-row `NodeRun` inserts (one transaction each, as node runs are written) at 1
 * and 16 clients, on a fresh database of the project's PostgreSQL, with the `NodeRun` triggers:
 *
 * - `none`: no trigger (the reference);
 * - `notify`: the earlier design, `pg_notify` from the trigger (migration 20261203230000), with
 *   one session listening as a web process did;
 * - `outbox`: the current design, a row in the unlogged `live.changes` (migration
 *   20261204040000), with one reader polling it as a web process does (lib/live/feed.ts).
 *
 * Modes alternate within each round so load drifts hit all three; the table has each mode's
 * median over the rounds and its ratio to `none` in the same run.
 *
 *   npm run bench -- live-writes [--seconds 3] [--rounds 3]
 */
import os from "node:os";
import pg from "pg";
import { createTestDatabase } from "../../lib/testing/test-database";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const SECONDS = Number(arg("seconds", "3"));
const ROUNDS = Number(arg("rounds", "3"));
const MODES = ["none", "notify", "outbox"] as const;
type Mode = (typeof MODES)[number];

const db = await createTestDatabase("live_writes");
process.env.DATABASE_URL = db.url;
const { makeTenant } = await import("../../prisma/factories");
const { getPrisma } = await import("../../lib/db/client");
const { newId } = await import("../../lib/ids");
const { readChangesForever } = await import("../../lib/live/feed");

const prisma = getPrisma();
const tenant = await makeTenant("Live writes bench");
const ws = tenant.workspace.id;
const graph = await prisma.graph.create({ data: { id: newId("graph"), workspaceId: ws, name: "bench", latestVersion: 1 } });
const version = await prisma.graphVersion.create({ data: { id: newId("graphVersion"), workspaceId: ws, graphId: graph.id, version: 1, spec: { name: "bench", nodes: [] }, specHash: "x" } });
const run = await prisma.run.create({ data: { id: newId("run"), workspaceId: ws, graphId: graph.id, graphVersionId: version.id, version: 1, status: "running", input: {} } });

const admin = new pg.Client({ connectionString: db.url });
await admin.connect();
const NOTIFY_FN = `CREATE OR REPLACE FUNCTION bench_notify_live() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE row_data jsonb := to_jsonb(NEW);
BEGIN
  PERFORM pg_notify('switchyard_live', json_build_object('w', row_data ->> 'workspaceId', 'k', TG_ARGV[0], 'r', row_data ->> 'runId', 's', row_data ->> 'status')::text);
  RETURN NULL;
END $$`;
await admin.query(NOTIFY_FN);

async function setMode(mode: Mode) {
  await admin.query(`DROP TRIGGER IF EXISTS "NodeRun_live_insert" ON "NodeRun"; DROP TRIGGER IF EXISTS "bench_notify" ON "NodeRun"`);
  if (mode === "notify") await admin.query(`CREATE TRIGGER "bench_notify" AFTER INSERT ON "NodeRun" FOR EACH ROW EXECUTE FUNCTION bench_notify_live('node')`);
  if (mode === "outbox") await admin.query(`CREATE TRIGGER "NodeRun_live_insert" AFTER INSERT ON "NodeRun" FOR EACH ROW EXECUTE FUNCTION "live"."record_child"('node')`);
}

let seq = 0;
async function measure(mode: Mode, clients: number): Promise<number> {
  await setMode(mode);
  // the other side, as a web process: a listener, or the outbox reader
  const listener = mode === "notify" ? new pg.Client({ connectionString: db.url }) : null;
  if (listener) {
    await listener.connect();
    await listener.query("LISTEN switchyard_live");
  }
  const feed = mode === "outbox" ? readChangesForever({ active: () => true, onChanges: () => {}, onListening: () => {}, onLost: () => {} }) : null;
  const conns = await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      return c;
    }),
  );
  let count = 0;
  const until = Date.now() + SECONDS * 1000;
  const t0 = performance.now();
  await Promise.all(
    conns.map(async (c) => {
      while (Date.now() < until) {
        const i = seq++;
        await c.query({
          name: "node",
          text: `insert into "NodeRun" (id, "workspaceId", "runId", "nodeId", "nodeType", status, "updatedAt") values ($1, $2, $3, $4, 'agent', 'running', now())`,
          values: [`nr_bench_${i}`, ws, run.id, `n${i}`],
        });
        count++;
      }
    }),
  );
  const perSec = count / ((performance.now() - t0) / 1000);
  await Promise.all(conns.map((c) => c.end()));
  await listener?.end();
  await feed?.close();
  return perSec;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results = new Map<string, number[]>();
const loadAtStart = os.loadavg()[0]!;
for (let round = 0; round < ROUNDS; round++) {
  for (const clients of [1, 16]) {
    for (const mode of MODES) {
      const tps = await measure(mode, clients);
      const key = `${mode}:${clients}`;
      results.set(key, [...(results.get(key) ?? []), tps]);
      process.stderr.write(`[bench] round ${round + 1} ${mode} ${clients} client(s): ${tps.toFixed(0)} commits/s\n`);
    }
  }
}
await admin.end();
await prisma.$disconnect();
await db.drop();

const f = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 0 });
console.log(
  `\nMeasured ${new Date().toISOString()} on ${os.cpus().length} cores, ${ROUNDS} rounds of ${SECONDS} s per mode and client count; load average (1 min) at start ${loadAtStart.toFixed(1)}, at end ${os.loadavg()[0]!.toFixed(1)}.\n`,
);
console.log("| NodeRun trigger | 1 client: commits/s (median) | ÷ none | 16 clients: commits/s (median) | ÷ none |");
console.log("|---|---:|---:|---:|---:|");
for (const mode of MODES) {
  const one = median(results.get(`${mode}:1`)!);
  const sixteen = median(results.get(`${mode}:16`)!);
  console.log(`| ${mode} | ${f(one)} | ${(one / median(results.get("none:1")!)).toFixed(2)} | ${f(sixteen)} | ${(sixteen / median(results.get("none:16")!)).toFixed(2)} |`);
}
process.exit(0);
