/**
 * Benchmark: schedule lateness on the real engine — `--schedules` graphs (default 100), each with
 * a 6-field schedule firing at the same second (`*\/10 * * * * *`: every 10 s, all together),
 * for `--rounds` slots (default 6). Lateness is a fire's `firedAt − intendedAt` (the fire is
 * recorded once its run is created, as Temporal counts a schedule's action taken once the
 * workflow is started); also shown: when its run row was written, and when the engine began
 * executing it (its node's `startedAt`). Reference, in the same process and the same seconds: 100
 * bare `setTimeout` timers aimed at each slot, their lateness measured the same way.
 *
 *   npm run bench -- cron-lateness [--schedules 100] [--rounds 6] [--every 10] [--base URL]
 *
 * Without `--base`, the engine runs in this process with the product's functions served over
 * HTTP (as the integration tests do), on a database of its own on the PostgreSQL of
 * scripts/with-db.ts: engine, ticks and the runs they start share one Node thread. With
 * `--base`, the schedules are made through the API of a running server (`npm start`), which
 * runs its engine in its own process as deployed; set SWITCHYARD_BOOTSTRAP_API_KEY and the
 * server's SWITCHYARD_DATA_DIR (its database is read for the fires). Its graphs are archived at
 * the end, which stops their schedules.
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import net from "node:net";
import type { AddressInfo } from "node:net";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const SCHEDULES = Number(arg("schedules", "100"));
const ROUNDS = Number(arg("rounds", "6"));
const EVERY = Number(arg("every", "10"));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))]! : Number.NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const BASE = process.argv.includes("--base") ? arg("base", "").replace(/\/$/, "") : null;

/** A schedule graph's spec: slot → input, one output node. */
const scheduleGraph = (i: number) => ({
  name: `Schedule ${i}`,
  triggers: [{ type: "schedule", id: "tick", cron: `*/${EVERY} * * * * *`, overlap: "allow_all", input: { slot: "{{event.scheduledAt}}" } }],
  nodes: [{ id: "o", type: "output", value: { slot: "{{input.slot}}" } }],
});

interface Target {
  /** creates one graph, returns its id */
  createGraph(body: unknown): Promise<string>;
  /** the product's database client */
  prisma(): Promise<import("../../lib/generated/prisma/client").PrismaClient>;
  /** stops what the schedules set going */
  close(graphIds: string[]): Promise<void>;
  label: string;
}

/** In this process: the engine and the product's functions, on a database of its own. */
async function inProcess(): Promise<Target> {
  if (!process.env.DATABASE_URL) {
    console.error("Run through scripts/with-db.ts (npm run bench -- cron-lateness), which sets DATABASE_URL, or pass --base for a running server.");
    process.exit(2);
  }
  const enginePort = await freePort();
  process.env.INNGEST_DEV = "1";
  process.env.INNGEST_BASE_URL = `http://127.0.0.1:${enginePort}`;
  process.env.SWITCHYARD_SIM_LATENCY_MS = "0";
  process.env.SWITCHYARD_SECRET ??= "bench-secret-0123456789abcdef0123456789";
  const { createTestDatabase } = await import("../../lib/testing/test-database");
  const db = await createTestDatabase("bench_cron");
  process.env.DATABASE_URL = db.url;
  const { startEngine } = await import("../../lib/engine");
  const engine = await startEngine({ databaseUrl: db.url, port: enginePort });
  const { serve } = await import("inngest/node");
  const { functions, inngest } = await import("../../inngest");
  const handler = serve({ client: inngest, functions });
  const server = http.createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  await engine.syncApp(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/inngest`);
  const { makeTenant } = await import("../../prisma/factories");
  const { getPrisma } = await import("../../lib/db/client");
  const graphsRoute = await import("../../app/api/v1/graphs/route");
  const tenant = await makeTenant("bench_cron");
  return {
    label: "on the embedded engine in this one process (engine, functions and runs share one Node thread)",
    async createGraph(body) {
      const res = await (graphsRoute.POST as unknown as (req: Request, ctx: unknown) => Promise<Response>)(
        new Request("http://localhost/", { method: "POST", headers: { authorization: `Bearer ${tenant.apiKey.key}`, "content-type": "application/json" }, body: JSON.stringify(body) }),
        { params: Promise.resolve({}) },
      );
      if (res.status !== 201) throw new Error(`${res.status}: ${await res.text()}`);
      return ((await res.json()) as { id: string }).id;
    },
    prisma: async () => getPrisma(),
    async close() {
      await engine.stop(2000);
      server.closeAllConnections();
      server.close();
      await getPrisma().$disconnect();
      await db.drop();
    },
  };
}

/** A running server (`npm start` or `npm run dev`): its API with the bootstrap key, its database read directly. */
async function remote(base: string): Promise<Target> {
  const key = process.env.SWITCHYARD_BOOTSTRAP_API_KEY;
  if (!key) {
    console.error("Set SWITCHYARD_BOOTSTRAP_API_KEY to the server's bootstrap API key (the same value the server was started with).");
    process.exit(2);
  }
  if (!process.env.DATABASE_URL) {
    const file = path.join(process.env.SWITCHYARD_DATA_DIR ?? ".data", "pg.json");
    const { port } = JSON.parse(fs.readFileSync(file, "utf8")) as { port: number };
    process.env.DATABASE_URL = `postgres://postgres:switchyard@127.0.0.1:${port}/switchyard`;
  }
  const call = async (method: string, route: string, body?: unknown) => {
    const res = await fetch(`${base}/api/v1${route}`, { method, headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${route} → ${res.status}: ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  };
  const { getPrisma } = await import("../../lib/db/client");
  return {
    label: `on the running server at ${base} (its own engine process)`,
    createGraph: async (body) => (await call("POST", "/graphs", body)).id as string,
    prisma: async () => getPrisma(),
    async close(graphIds) {
      // archiving a graph stops its triggers: the server stops firing them
      for (const id of graphIds) await call("POST", `/graphs/${id}/archive`).catch((err) => console.error(`archive ${id}: ${(err as Error).message}`));
      await getPrisma().$disconnect();
    },
  };
}

const target = BASE ? await remote(BASE) : await inProcess();
const stamp = Date.now().toString(36);
const graphIds: string[] = [];
for (let i = 0; i < SCHEDULES; i++) graphIds.push(await target.createGraph({ ...scheduleGraph(i), name: `Schedule ${i} (${stamp})` }));
// measure from the first slot after every schedule is armed (and one round of warm-up)
const periodMs = EVERY * 1000;
const firstSlot = Math.ceil((Date.now() + 1000) / periodMs) * periodMs + periodMs;
const slots = Array.from({ length: ROUNDS }, (_, i) => firstSlot + i * periodMs);
// the reference: 100 bare timers aimed at each slot, in this same process and second
const timerLate: number[] = [];
for (const slot of slots) {
  for (let i = 0; i < SCHEDULES; i++) setTimeout(() => timerLate.push(Date.now() - slot), slot - Date.now());
}
await sleep(slots.at(-1)! - Date.now() + 5000);
const prisma = await target.prisma();
const fires = await prisma.triggerFire.findMany({
  where: { graphId: { in: graphIds }, intendedAt: { gte: new Date(firstSlot), lte: new Date(slots.at(-1)!) } },
  select: { intendedAt: true, firedAt: true, outcome: true, runId: true },
});
const runs = new Map((await prisma.run.findMany({ where: { graphId: { in: graphIds } }, select: { id: true, createdAt: true } })).map((r) => [r.id, r.createdAt]));
const created = fires.filter((f) => f.outcome === "started" && runs.has(f.runId!)).map((f) => runs.get(f.runId!)!.getTime() - f.intendedAt.getTime());
const late = fires.filter((f) => f.outcome === "started").map((f) => f.firedAt.getTime() - f.intendedAt.getTime());
// when the run began to execute: its (only) node started by the engine
const nodeStarts = new Map(
  (await prisma.nodeRun.findMany({ where: { runId: { in: fires.map((f) => f.runId).filter((id): id is string => !!id) } }, select: { runId: true, startedAt: true } }))
    .filter((n) => n.startedAt)
    .map((n) => [n.runId, n.startedAt!]),
);
const executing = fires.filter((f) => f.outcome === "started" && nodeStarts.has(f.runId!)).map((f) => nodeStarts.get(f.runId!)!.getTime() - f.intendedAt.getTime());
const outcomes = new Map<string, number>();
for (const f of fires) outcomes.set(f.outcome, (outcomes.get(f.outcome) ?? 0) + 1);
await target.close(graphIds);

const expected = SCHEDULES * ROUNDS;
console.log(`\n${SCHEDULES} schedules firing in the same second (*/${EVERY} * * * * *), ${ROUNDS} slots each, ${target.label}\n`);
console.log("| what | fires | p50 | p99 | max |");
console.log("|---|---|---|---|---|");
console.log(`| schedule fire (firedAt − intendedAt) | ${late.length} of ${expected} (${[...outcomes].map(([o, n]) => `${n} ${o}`).join(", ")}) | ${pct(late, 0.5)} ms | ${pct(late, 0.99)} ms | ${Math.max(...late)} ms |`);
console.log(`| its run row created (Run.createdAt − intendedAt) | ${created.length} | ${pct(created, 0.5)} ms | ${pct(created, 0.99)} ms | ${Math.max(...created)} ms |`);
console.log(`| its run's first node started (NodeRun.startedAt − intendedAt) | ${executing.length} | ${pct(executing, 0.5)} ms | ${pct(executing, 0.99)} ms | ${Math.max(...executing)} ms |`);
console.log(`| reference: bare setTimeout, same process and seconds | ${timerLate.length} | ${pct(timerLate, 0.5)} ms | ${pct(timerLate, 0.99)} ms | ${Math.max(...timerLate)} ms |`);
console.log(`\np50 ratio schedule ÷ setTimeout: ${(pct(late, 0.5) / Math.max(1, pct(timerLate, 0.5))).toFixed(1)}×`);
process.exit(late.length === expected ? 0 : 1);
