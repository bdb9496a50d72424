/**
 * Benchmark: live updates, from a node finishing to the change on screen, and how many open
 * streams one app process holds.
 *
 * 1. Push latency. Seeds a running run of a small graph (8 agent nodes, all running) in the demo
 *    workspace, opens its run view twice in Chromium (signed in as the demo user): once as
 *    shipped (the server pushes over `/api/v1/live`) and once with that stream refused, so the
 *    page falls back to polling (the reference, measured in the same run). Then, `--samples`
 *    times, it commits one node run's status change in PostgreSQL (as the runtime does when a
 *    node finishes) and records, in each page, when the node's `data-status` on screen changes
 *    (a MutationObserver; the same machine's clock). Prints p50/p95 of both and their ratio.
 * 2. Streams. Opens `--streams` server-sent event streams (comma-separated counts) with the
 *    demo user's session, waits until each has heard the server, reads the web process's RSS
 *    (/proc), pushes one change and times its arrival on every stream, then closes them.
 *
 *   npx tsx bench/ui/live-push.ts [--base http://localhost:3000] [--samples 60] [--streams 1000,4000]
 *
 * The database is the server's: DATABASE_URL, or `<SWITCHYARD_DATA_DIR or .data>/pg.json`.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { performance } from "node:perf_hooks";
import pg from "pg";
import type { Page } from "@playwright/test";
import { newId } from "../../lib/ids";
import { databaseUrl, quantile } from "../running-server";
import { DEMO, demoBrowser } from "./demo-browser";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const BASE = arg("base", "http://localhost:3000");
const SAMPLES = Number(arg("samples", "60"));
const STREAMS = arg("streams", "1000,4000")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
const NODES = 8;
const GRAPH_NAME = "Bench: live push";
const now = () => performance.timeOrigin + performance.now();

const db = new pg.Client({ connectionString: databaseUrl() });
await db.connect();

/** A running run with NODES running node runs, in a graph made once. */
async function seed(): Promise<{ runId: string; nodeRunIds: string[] }> {
  const ws = (await db.query<{ id: string }>(`select id from "Workspace" where slug = $1`, [DEMO.workspace])).rows[0];
  if (!ws) throw new Error("No demo workspace: start the app with `npm run dev` / `npm start` first.");
  const spec = { name: GRAPH_NAME, nodes: Array.from({ length: NODES }, (_, i) => ({ id: `step${i + 1}`, type: "agent", model: "sim:fast", prompt: `Step ${i + 1}` })) };
  let graph = (await db.query<{ id: string; vid: string }>(`select g.id, v.id as vid from "Graph" g join "GraphVersion" v on v."graphId" = g.id and v.version = 1 where g."workspaceId" = $1 and g.name = $2`, [ws.id, GRAPH_NAME])).rows[0];
  if (!graph) {
    graph = { id: newId("graph"), vid: newId("graphVersion") };
    await db.query(`insert into "Graph" (id, "workspaceId", name, description, "latestVersion", "createdAt", "updatedAt") values ($1, $2, $3, 'Seeded by bench/ui/live-push.ts', 1, now(), now())`, [graph.id, ws.id, GRAPH_NAME]);
    await db.query(`insert into "GraphVersion" (id, "workspaceId", "graphId", version, spec, "specHash", message, "createdAt") values ($1, $2, $3, 1, $4, 'bench', 'bench', now())`, [graph.vid, ws.id, graph.id, JSON.stringify(spec)]);
  }
  const runId = newId("run");
  await db.query(
    `insert into "Run" (id, "workspaceId", "graphId", "graphVersionId", version, status, input, tags, "startedBy", "startedAt", "createdAt", "updatedAt") values ($1, $2, $3, $4, 1, 'running', '{}', '{bench}', 'bench', now(), now(), now())`,
    [runId, ws.id, graph.id, graph.vid],
  );
  const nodeRunIds = spec.nodes.map(() => newId("nodeRun"));
  for (const [i, n] of spec.nodes.entries()) {
    await db.query(`insert into "NodeRun" (id, "workspaceId", "runId", "nodeId", "nodeType", status, attempts, "startedAt", "updatedAt") values ($1, $2, $3, $4, 'agent', 'running', 1, now(), now())`, [nodeRunIds[i], ws.id, runId, n.id]);
  }
  return { runId, nodeRunIds };
}

/** Records, in the page, when each graph node's `data-status` changes: window.__changes[nodeId] = [{ status, at }]. */
async function watchStatuses(page: Page) {
  // a string, not a function: the bundler would add helpers the page does not have
  await page.evaluate(`(() => {
    window.__changes = {};
    const last = {};
    const scan = () => {
      for (const el of document.querySelectorAll('[data-testid^="graph-node-"]')) {
        const id = el.dataset.testid.slice("graph-node-".length);
        const status = el.dataset.status ?? "";
        if (last[id] !== undefined && last[id] !== status) (window.__changes[id] ??= []).push({ status, at: performance.timeOrigin + performance.now() });
        last[id] = status;
      }
    };
    scan();
    new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-status"] });
  })()`);
}

async function seenAt(page: Page, nodeId: string, status: string, after: number, timeoutMs = 10_000): Promise<number> {
  const handle = await page.waitForFunction(
    ([id, s, t]) => {
      const hit = (window as unknown as { __changes: Record<string, Array<{ status: string; at: number }>> }).__changes[id as string]?.find((c) => c.status === s && c.at >= (t as number));
      return hit ? hit.at : false;
    },
    [nodeId, status, after] as const,
    { timeout: timeoutMs, polling: 20 },
  );
  return (await handle.jsonValue()) as number;
}

const { runId, nodeRunIds } = await seed();
const { browser, context } = await demoBrowser(BASE);
const pushed = await context.newPage();
const polled = await context.newPage();
await polled.route("**/api/v1/live**", (route) => route.abort());
for (const page of [pushed, polled]) {
  await page.goto(`/w/${DEMO.workspace}/runs/${runId}`);
  await page.locator(`[data-testid="graph-node-step${NODES}"][data-status="running"]`).waitFor({ timeout: 120_000 });
  await watchStatuses(page);
}
// the pushed page's stream is up once it stopped polling; give both a moment
await pushed.waitForTimeout(1_500);

console.log(`push latency: run ${runId}, ${SAMPLES} node changes (+3 warm-up), ${BASE}`);
const push: number[] = [];
const poll: number[] = [];
for (let i = -3; i < SAMPLES; i++) {
  const k = ((i % NODES) + NODES) % NODES;
  const nodeId = `step${k + 1}`;
  const to = Math.floor((i + 3) / NODES) % 2 === 0 ? "succeeded" : "running";
  // a random phase against the fallback's polling interval
  await new Promise((r) => setTimeout(r, 200 + Math.random() * 800));
  const t0 = now();
  await db.query(`update "NodeRun" set status = $2, "endedAt" = ${to === "succeeded" ? "now()" : "null"}, "updatedAt" = now() where id = $1`, [nodeRunIds[k], to]);
  const [a, b] = await Promise.all([seenAt(pushed, nodeId, to, t0), seenAt(polled, nodeId, to, t0)]);
  if (i < 0) continue;
  push.push(a - t0);
  poll.push(b - t0);
}
const fmt = (xs: number[]) => `p50 ${quantile(xs, 0.5).toFixed(0)} ms, p95 ${quantile(xs, 0.95).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms`;
console.log(`  pushed (/api/v1/live):        ${fmt(push)}`);
console.log(`  polled (stream refused, 800 ms fallback): ${fmt(poll)}`);
console.log(`  ratio pushed / polled at p50: ${(quantile(push, 0.5) / quantile(poll, 0.5)).toFixed(2)}  (target: pushed p50 ≤ 200 ms)`);

// ---- open streams per process
const cookie = (await context.cookies(BASE)).map((c) => `${c.name}=${c.value}`).join("; ");
const port = Number(new URL(BASE).port || 80);
const pid = (() => {
  try {
    const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" });
    return Number(/pid=(\d+)/.exec(out)?.[1]);
  } catch {
    return Number.NaN;
  }
})();
const rssMb = () => {
  if (!pid) return Number.NaN;
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
};

interface Stream {
  req: http.ClientRequest;
  heard: Promise<void>;
  change: Promise<number>;
}
function openStream(agent: http.Agent): Stream {
  let heard!: () => void;
  let changed!: (t: number) => void;
  const s = { heard: new Promise<void>((r) => (heard = r)), change: new Promise<number>((r) => (changed = r)) } as Stream;
  s.req = http.get(`${BASE}/api/v1/live?workspace=${DEMO.workspace}`, { agent, headers: { cookie, accept: "text/event-stream" } }, (res) => {
    let text = "";
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => {
      text += chunk;
      if (text.includes("event: reset")) heard();
      if (text.includes(`"runId":"${runId}"`)) changed(now());
      if (text.length > 4096) text = text.slice(-2048);
    });
    res.on("error", () => {});
  });
  s.req.on("error", () => {});
  return s;
}

if (STREAMS.length && !Number.isFinite(pid)) console.log(`streams: the web process listening on port ${port} was not found (ss); RSS is not reported`);
for (const n of STREAMS) {
  const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const before = rssMb();
  const streams: Stream[] = [];
  const t = now();
  for (let i = 0; i < n; i += 200) {
    const batch = Array.from({ length: Math.min(200, n - i) }, () => openStream(agent));
    streams.push(...batch);
    await Promise.all(batch.map((s) => s.heard));
  }
  const openMs = now() - t;
  await new Promise((r) => setTimeout(r, 2_000));
  const during = rssMb();
  const t0 = now();
  await db.query(`update "Run" set "costUsd" = "costUsd" + 0.000001 where id = $1`, [runId]);
  const arrivals = (await Promise.all(streams.map((s) => s.change))).map((x) => x - t0);
  for (const s of streams) s.req.destroy();
  agent.destroy();
  await new Promise((r) => setTimeout(r, 3_000));
  const perStreamKb = ((during - before) * 1024) / n;
  const at1Gb = perStreamKb > 0 ? Math.floor(((1024 - before) * 1024) / perStreamKb) : Number.NaN;
  console.log(
    `streams ${n}: opened in ${(openMs / 1000).toFixed(1)} s; RSS ${before.toFixed(0)} → ${during.toFixed(0)} MB (${perStreamKb.toFixed(1)} KB a stream; ≈ ${at1Gb.toLocaleString("en-US")} streams at 1 GB); one change reached all of them: p50 ${quantile(arrivals, 0.5).toFixed(0)} ms, last ${Math.max(...arrivals).toFixed(0)} ms; RSS after closing ${rssMb().toFixed(0)} MB`,
  );
}

await db.query(`update "Run" set status = 'cancelled', "endedAt" = now() where id = $1`, [runId]);
await db.query(`update "NodeRun" set status = 'cancelled' where "runId" = $1 and status = 'running'`, [runId]);
await browser.close();
await db.end();
process.exit(0);
