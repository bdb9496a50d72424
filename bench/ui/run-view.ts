/**
 * Benchmark: the live run view of a run with 500 node runs — time from
 * navigation to the graph and the waterfall timeline rendered (target < 1 s).
 *
 * Seeds (once, idempotent) a 500-node graph version and one finished run with
 * 500 node runs and 1,000 trace events into the demo workspace of the running
 * app's database, through Prisma, then opens the run view in Chromium and
 * measures, per navigation, `performance.now()` (ms since navigation start)
 * at the first frame where the graph shows nodes and the timeline has all 500
 * rows. Prints the median.
 *
 *   npx tsx --conditions=react-server bench/ui/run-view.ts [--base http://localhost:3000] [--samples 9]
 *
 * DATABASE_URL defaults to the embedded PostgreSQL of `npm run dev`
 * (port from .data/pg.json, user postgres, password switchyard).
 */
import fs from "node:fs";
import { demoBrowser } from "./demo-browser";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const BASE = arg("base", process.env.BASE_URL ?? "http://localhost:3000");
const SAMPLES = Number(arg("samples", "9"));
const NODES = 500;
const WS_SLUG = "demo";
const GRAPH_NAME = "Bench: 500-node run";

if (!process.env.DATABASE_URL) {
  const { port } = JSON.parse(fs.readFileSync(".data/pg.json", "utf8")) as { port: number };
  process.env.DATABASE_URL = `postgres://postgres:switchyard@localhost:${port}/switchyard`;
}
const { getPrisma } = await import("../../lib/db/client");
const { newId } = await import("../../lib/ids");

/** 50 layers of 10 nodes; each needs one or two nodes of the layer before. */
function spec() {
  const types = ["agent", "tool", "router", "agent", "output"];
  const nodes = Array.from({ length: NODES }, (_, i) => {
    const layer = Math.floor(i / 10);
    const needs = layer === 0 ? [] : [`n${(layer - 1) * 10 + (i % 10)}`, ...(i % 3 === 0 ? [`n${(layer - 1) * 10 + ((i + 1) % 10)}`] : [])];
    return { id: `n${i}`, type: types[i % types.length], ...(needs.length ? { needs } : {}) };
  });
  return { name: GRAPH_NAME, nodes };
}

async function seed(): Promise<string> {
  const db = getPrisma();
  const ws = await db.workspace.findFirstOrThrow({ where: { slug: WS_SLUG } });
  const existing = await db.graph.findFirst({ where: { workspaceId: ws.id, name: GRAPH_NAME }, include: { runs: { take: 1, select: { id: true } } } });
  if (existing?.runs[0]) {
    const count = await db.nodeRun.count({ where: { runId: existing.runs[0].id } });
    if (count === NODES) return existing.runs[0].id;
  }
  const graphId = existing?.id ?? newId("graph");
  if (!existing) await db.graph.create({ data: { id: graphId, workspaceId: ws.id, name: GRAPH_NAME, description: "Seeded by bench/ui/run-view.ts", latestVersion: 1 } });
  let version = await db.graphVersion.findFirst({ where: { graphId, version: 1 } });
  version ??= await db.graphVersion.create({ data: { id: newId("graphVersion"), workspaceId: ws.id, graphId, version: 1, spec: spec(), specHash: "bench", message: "bench" } });
  const t0 = Date.now() - 10 * 60_000;
  const runId = newId("run");
  await db.run.create({
    data: { id: runId, workspaceId: ws.id, graphId, graphVersionId: version.id, version: 1, status: "succeeded", input: { bench: true }, output: { ok: true }, tags: ["bench"], costUsd: "1.234", startedAt: new Date(t0), endedAt: new Date(t0 + 51 * 4000), startedBy: "bench" },
  });
  const statusOf = (i: number) => (i % 97 === 0 ? "failed" : i % 41 === 0 ? "skipped" : "succeeded");
  await db.nodeRun.createMany({
    data: spec().nodes.map((n, i) => {
      const start = t0 + Math.floor(i / 10) * 4000 + (i % 10) * 120;
      return {
        id: newId("nodeRun"), workspaceId: ws.id, runId, nodeId: n.id, nodeType: n.type, status: statusOf(i) as never,
        attempts: i % 97 === 0 ? 3 : 1, model: n.type === "agent" ? "sim:fast" : null, provider: n.type === "agent" ? "sim" : null,
        inputTokens: n.type === "agent" ? 120 + i : 0, outputTokens: n.type === "agent" ? 80 + i : 0, costUsd: n.type === "agent" ? "0.0012" : "0",
        input: { index: i }, output: { index: i, text: `result of ${n.id}` }, error: statusOf(i) === "failed" ? { message: `Node ${n.id} failed (bench)` } : undefined,
        provenance: n.type === "agent" ? { simulated: true, model: "sim:fast" } : undefined,
        startedAt: new Date(start), endedAt: new Date(start + 1500 + (i % 7) * 300),
      };
    }),
  });
  await db.traceEvent.createMany({
    data: spec().nodes.flatMap((n, i) => {
      const start = t0 + Math.floor(i / 10) * 4000 + (i % 10) * 120;
      return [
        { workspaceId: ws.id, runId, nodeId: n.id, type: "node.started", message: "Started", data: { attempt: 1 }, createdAt: new Date(start) },
        { workspaceId: ws.id, runId, nodeId: n.id, type: `node.${statusOf(i)}`, message: statusOf(i), createdAt: new Date(start + 1500) },
      ];
    }),
  });
  return runId;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const runId = await seed();
console.log(`run ${runId} (${NODES} node runs) in workspace ${WS_SLUG}`);

const { browser, context } = await demoBrowser(BASE);
const page = await context.newPage();
const url = `/w/${WS_SLUG}/runs/${runId}`;
/** ms since navigation start at the first frame with graph nodes and all timeline rows */
async function sample(): Promise<{ rendered: number; dataReady: number; requested: number; wall: number }> {
  const t = Date.now();
  await page.goto(url, { waitUntil: "commit" });
  const handle = await page.waitForFunction(
    (n) => {
      const rows = document.querySelectorAll('[data-testid="run-timeline"] li').length;
      const graphNodes = document.querySelectorAll('[data-testid="run-graph"] .react-flow__node').length;
      if (rows !== n || graphNodes === 0) return false;
      // when the two responses the drawing needs (run, pinned version) had arrived
      const api = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter((e) =>
        /\/api\/v1\/runs\/[^/?]+$|\/versions\/\d+$/.test(new URL(e.name).pathname),
      );
      return {
        rendered: performance.now(),
        dataReady: Math.max(0, ...api.map((e) => e.responseEnd)),
        // when the hydrated page asked for the run: document, scripts and hydration before it
        requested: Math.min(...api.map((e) => e.startTime)),
      };
    },
    NODES,
    { polling: "raf", timeout: 120_000 },
  );
  const { rendered, dataReady, requested } = (await handle.jsonValue()) as { rendered: number; dataReady: number; requested: number };
  return { rendered, dataReady, requested, wall: Date.now() - t };
}

await sample(); // warm-up: compiles the route in dev, fills caches
const samples: { rendered: number; dataReady: number; requested: number; wall: number }[] = [];
for (let i = 0; i < SAMPLES; i++) samples.push(await sample());
const graphNodes = await page.locator('[data-testid="run-graph"] .react-flow__node').count();
fs.mkdirSync("e2e/artifacts/screens", { recursive: true });
await page.screenshot({ path: "e2e/artifacts/screens/runs-view-500-nodes.png" });
await browser.close();

console.log(`samples (ms from navigation start): ${samples.map((s) => s.rendered.toFixed(0)).join(", ")}`);
console.log(`graph nodes drawn in the viewport: ${graphNodes}; timeline rows: ${NODES}`);
console.log(`median navigation → graph + timeline rendered: ${median(samples.map((s) => s.rendered)).toFixed(0)} ms (target < 1000 ms)`);
console.log(`median wall time incl. navigation request: ${median(samples.map((s) => s.wall)).toFixed(0)} ms`);
console.log(`median until the page asked for the run (document, scripts, hydration): ${median(samples.map((s) => s.requested)).toFixed(0)} ms`);
console.log(`median API: run requested → run + pinned version responses in: ${median(samples.map((s) => s.dataReady - s.requested)).toFixed(0)} ms`);
console.log(`median UI work after the data arrived (layout, React Flow, timeline): ${median(samples.map((s) => s.rendered - s.dataReady)).toFixed(0)} ms`);
process.exit(0);
