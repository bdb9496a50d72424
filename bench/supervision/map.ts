/**
 * Benchmark: a map over 1,000 items at concurrency 50 on `sim:fast` (latency 0), on the real
 * engine, against the engine's own steps/s measured in the same invocation.
 *
 *   npm run bench -- supervision [--items 1000] [--concurrency 50] [--no-engine]
 *
 * It makes its own database on the PostgreSQL of scripts/with-db.ts, starts the embedded
 * engine and serves the product's functions in this process (as the integration tests do),
 * creates the graph and starts the run through the API route handlers, and waits for the run
 * to end. Figures and the exact commands are in bench/supervision/README.md.
 */
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const ITEMS = Number(arg("items", "1000"));
const CONCURRENCY = Number(arg("concurrency", "50"));
const WITH_ENGINE = !process.argv.includes("--no-engine");

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error("Run through scripts/with-db.ts (npm run bench -- supervision), which sets DATABASE_URL.");
  process.exit(2);
}
const enginePort = await freePort();
// the product's Inngest client takes its mode and the engine's URL as it is created
process.env.INNGEST_DEV = "1";
process.env.INNGEST_BASE_URL = `http://127.0.0.1:${enginePort}`;
process.env.SWITCHYARD_SIM_LATENCY_MS = "0";
process.env.SWITCHYARD_SECRET ??= "bench-secret-0123456789abcdef0123456789";

const { createTestDatabase } = await import("../../lib/testing/test-database");
const db = await createTestDatabase("bench_map");
process.env.DATABASE_URL = db.url;
const { startEngine } = await import("../../lib/engine");
const engine = await startEngine({ databaseUrl: db.url, port: enginePort, options: { pollMs: 200 } });
const { serve } = await import("inngest/node");
const { functions, inngest } = await import("../../inngest");
const handler = serve({ client: inngest, functions });
const server = http.createServer((req, res) => void handler(req, res));
await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
await engine.syncApp(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/inngest`);

const { makeTenant } = await import("../../prisma/factories");
const { getPrisma } = await import("../../lib/db/client");
const graphsRoute = await import("../../app/api/v1/graphs/route");
const runsRoute = await import("../../app/api/v1/graphs/[id]/runs/route");
const tenant = await makeTenant("Map bench");
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function call(h: Handler, body: unknown, params: Record<string, string> = {}) {
  const res = await h(new Request("http://localhost/", { method: "POST", headers: { authorization: `Bearer ${tenant.apiKey.key}`, "content-type": "application/json" }, body: JSON.stringify(body) }), { params: Promise.resolve(params) });
  const json = await res.json();
  if (res.status >= 300) throw new Error(`${res.status}: ${JSON.stringify(json)}`);
  return json;
}
const graph = await call(graphsRoute.POST as never, {
  name: "Map bench",
  input: { type: "object", properties: { lines: { type: "array" } } },
  nodes: [{ id: "each", type: "map", items: "{{input.lines}}", concurrency: CONCURRENCY, maxItems: Math.max(ITEMS, 1000), agent: { model: "sim:fast", maxOutputTokens: 32, prompt: "Check {{item.sku}}" } }],
});
const lines = Array.from({ length: ITEMS }, (_, i) => ({ sku: `sku-${i}` }));
const t0 = performance.now();
const started = await call(runsRoute.POST as never, { input: { lines } }, { id: graph.id });
let status = "queued";
for (;;) {
  const run = await getPrisma().run.findUniqueOrThrow({ where: { id: started.runId }, select: { status: true } });
  status = run.status;
  if (!["queued", "running", "waiting"].includes(status)) break;
  await new Promise((r) => setTimeout(r, 50));
}
const ms = performance.now() - t0;
const done = await getPrisma().delegation.count({ where: { runId: started.runId, status: "done" } });
const charges = await getPrisma().costEntry.count({ where: { runId: started.runId } });
await engine.stop(2000);
server.closeAllConnections();
server.close();
await getPrisma().$disconnect();
await db.drop();

let engineStepsPerSec: number | null = null;
if (WITH_ENGINE) {
  process.env.BENCH_SEQ_RUNS ??= "20";
  process.env.BENCH_CONC_RUNS ??= "160";
  const { benchEngine } = await import("../engine/engine-bench");
  engineStepsPerSec = (await benchEngine(serverUrl, () => {})).concStepsPerSec;
}
const perSec = ITEMS / (ms / 1000);
console.log(`\nMap over ${ITEMS} items at concurrency ${CONCURRENCY} (sim:fast, latency 0; SWITCHYARD_RUN_CONCURRENCY=${process.env.SWITCHYARD_RUN_CONCURRENCY ?? "8 (default)"})\n`);
console.log("| items | wall-clock | items/s | engine steps/s (16 concurrent runs, same invocation) | items/s ÷ engine steps/s | run | items done, charged |");
console.log("|---|---|---|---|---|---|---|");
console.log(`| ${ITEMS} | ${(ms / 1000).toFixed(1)} s | ${perSec.toFixed(1)} | ${engineStepsPerSec ? engineStepsPerSec.toFixed(0) : "—"} | ${engineStepsPerSec ? (perSec / engineStepsPerSec).toFixed(3) : "—"} | ${status} | ${done}, ${charges} |`);
process.exit(status === "succeeded" && done === ITEMS ? 0 : 1);
