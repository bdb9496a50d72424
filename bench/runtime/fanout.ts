/**
 * Benchmark: wide fan-out on a running Switchyard (`npm start` or `npm run dev`).
 *
 * Creates graphs through the public API and runs them on the real engine with simulated
 * models (`sim:fast`; start the server with SWITCHYARD_SIM_LATENCY_MS=0):
 *   - 100, 250 and 500 nodes wide: root → (N − 2) agents → output;
 *   - 1,000 nodes: root → 10 subgraphs → output, each subgraph root → 98 agents → output.
 * Per size it reports the median wall-clock (start request → run ended) of `--samples` runs,
 * node starts per second (nodes ÷ wall-clock), whether every node succeeded, the web
 * process's peak RSS (sampled from /proc every 100 ms, and the kernel's VmHWM), and, in the
 * same invocation, the engine's 16-concurrent steps/s (bench/engine's workload on a fresh
 * database of the same PostgreSQL) with the ratio node starts/s ÷ engine steps/s.
 *
 *   npm run bench -- fanout [--base http://127.0.0.1:3420] [--samples 3] [--warmup 1] [--sizes 100,250,500,1000] [--no-engine]
 *
 * Needs SWITCHYARD_BOOTSTRAP_API_KEY (the server's owner key for the demo workspace) and the
 * server's database: DATABASE_URL, or `<SWITCHYARD_DATA_DIR or .data>/pg.json`.
 * Figures and the exact commands are in bench/runtime/README.md.
 */
import fs from "node:fs";
import pg from "pg";
import { databaseUrl, serverKey } from "../running-server";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const BASE = arg("base", process.env.BASE_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
const SAMPLES = Number(arg("samples", "3"));
const SIZES = arg("sizes", "100,250,500,1000").split(",").map(Number);
const WARMUP = Number(arg("warmup", "1"));
const WITH_ENGINE = !process.argv.includes("--no-engine");
const KEY = serverKey();
const TIMEOUT_MS = Number(process.env.BENCH_RUN_TIMEOUT_MS ?? 600_000);
const TARGET_500_MS = 10_000;
const TARGET_RSS_MB = 1024;



const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function api(method: string, route: string, body?: unknown): Promise<any> {
  const res = await fetch(`${BASE}/api/v1${route}`, {
    method,
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${route} → ${res.status}: ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

// ---- the web process: whoever listens on the app's port, read from /proc --------------------

function listenerPid(port: number): number | null {
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const f of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = fs.readFileSync(f, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length > 9 && cols[1]!.endsWith(`:${hex}`) && cols[3] === "0A") inodes.add(cols[9]!);
    }
  }
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
        const link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
        const m = /^socket:\[(\d+)\]$/.exec(link);
        if (m && inodes.has(m[1]!)) return Number(pid);
      }
    } catch {
      /* gone, or not ours to read */
    }
  }
  return null;
}

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function sampleRss(pid: number | null) {
  let peakKb = 0;
  const timer = setInterval(() => {
    if (pid) peakKb = Math.max(peakKb, statusKb(pid, "VmRSS"));
  }, 100);
  return {
    stop: () => {
      clearInterval(timer);
      return { peakMb: peakKb / 1024, hwmMb: pid ? statusKb(pid, "VmHWM") / 1024 : 0 };
    },
  };
}

// ---- graphs --------------------------------------------------------------------------------

function wideSpec(name: string, width: number) {
  const agents = Array.from({ length: width }, (_, i) => `a${String(i).padStart(3, "0")}`);
  return {
    name,
    nodes: [
      { id: "root", type: "output", value: { supplier: "ACME", items: 40 } },
      ...agents.map((id) => ({ id, type: "agent", needs: ["root"], model: "sim:fast", maxOutputTokens: 64, prompt: `Check ${id}: {{nodes.root.output.supplier}}` })),
      { id: "done", type: "output", needs: agents, value: { checked: width } },
    ],
  };
}

async function createGraph(spec: unknown): Promise<string> {
  const g = await api("POST", "/graphs", spec);
  return g.id as string;
}

/** Graph id and total node count (sub-runs' nodes included) for one size. */
async function graphFor(size: number, stamp: string): Promise<{ graphId: string; nodes: number }> {
  if (size <= 500) return { graphId: await createGraph(wideSpec(`Bench fan-out ${size} ${stamp}`, size - 2)), nodes: size };
  const parts = Math.round(size / 100);
  const childId = await createGraph(wideSpec(`Bench fan-out part ${stamp}`, 98));
  const subs = Array.from({ length: parts }, (_, i) => `part${i}`);
  const parentId = await createGraph({
    name: `Bench fan-out ${parts}x100 ${stamp}`,
    nodes: [
      { id: "root", type: "output", value: { batch: stamp } },
      ...subs.map((id) => ({ id, type: "subgraph", needs: ["root"], graph: childId })),
      { id: "done", type: "output", needs: subs, value: { parts } },
    ],
  });
  return { graphId: parentId, nodes: parts * 100 + parts + 2 };
}

interface Sample {
  ms: number;
  status: string;
  nodes: number;
  succeeded: number;
  charges: number;
  agents: number;
  ledgerEqualsCost: boolean;
}

async function runOnce(db: pg.Client, graphId: string): Promise<Sample> {
  const t0 = performance.now();
  const started = await api("POST", `/graphs/${graphId}/runs`, { input: {} });
  const runId = started.runId as string;
  let status = "queued";
  for (;;) {
    const r = await db.query<{ status: string }>(`select status::text from "Run" where id = $1`, [runId]);
    status = r.rows[0]?.status ?? "missing";
    if (!["queued", "running", "waiting"].includes(status)) break;
    if (performance.now() - t0 > TIMEOUT_MS) break;
    await sleep(50);
  }
  const ms = performance.now() - t0;
  const tree = `select id from "Run" where id = $1 or "parentRunId" = $1`;
  const n = await db.query<{ nodes: string; ok: string; agents: string }>(
    `select count(*)::text as nodes, count(*) filter (where status = 'succeeded')::text as ok,
            count(*) filter (where "nodeType" = 'agent')::text as agents
       from "NodeRun" where "runId" in (${tree})`,
    [runId],
  );
  const c = await db.query<{ charges: string; charged_nodes: string; ledger: string; cost: string }>(
    `select (select count(*) from "CostEntry" where "runId" in (${tree}))::text as charges,
            (select sum("costUsd") from "CostEntry" where "runId" in (${tree}))::text as ledger,
            (select "costUsd" from "Run" where id = $1)::text as cost`,
    [runId],
  );
  const row = n.rows[0]!;
  const cost = c.rows[0]!;
  return {
    ms,
    status,
    nodes: Number(row.nodes),
    succeeded: Number(row.ok),
    agents: Number(row.agents),
    charges: Number(cost.charges),
    ledgerEqualsCost: cost.ledger !== null && cost.cost !== null && Number(cost.ledger) === Number(cost.cost),
  };
}

// ---- main ----------------------------------------------------------------------------------

const url = databaseUrl();
const db = new pg.Client({ connectionString: url });
await db.connect();
const appPort = Number(new URL(BASE).port || 80);
const webPid = listenerPid(appPort);
if (!webPid) console.warn(`No process found listening on port ${appPort}; RSS is not measured.`);
const health = await fetch(`${BASE}/api/health`).catch(() => null);
if (!health?.ok) {
  console.error(`The server at ${BASE} does not answer /api/health. Start it first (see bench/runtime/README.md).`);
  process.exit(2);
}

const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const rows: { size: number; nodes: number; finished: number; medianMs: number; all: number[]; ok: boolean; detail: string }[] = [];
const rss = sampleRss(webPid);
for (const size of SIZES) {
  const { graphId, nodes } = await graphFor(size, stamp);
  // warm-up runs are not counted (route compilation under `next dev`, caches)
  for (let i = 0; i < WARMUP; i++) await runOnce(db, graphId);
  const samples: Sample[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const s = await runOnce(db, graphId);
    samples.push(s);
    console.log(JSON.stringify({ size, sample: i + 1, ...s, ms: Math.round(s.ms) }));
  }
  const ok = samples.every((s) => s.status === "succeeded" && s.succeeded === nodes && s.nodes === nodes && s.charges === s.agents && s.ledgerEqualsCost);
  const bad = samples.find((s) => !(s.status === "succeeded" && s.succeeded === nodes));
  rows.push({
    size,
    nodes,
    // node runs that succeeded (all of them unless a run timed out), median over samples
    finished: median(samples.map((s) => s.succeeded)),
    medianMs: median(samples.map((s) => s.ms)),
    all: samples.map((s) => Math.round(s.ms)),
    ok,
    detail: bad ? `${bad.status}, ${bad.succeeded}/${nodes} nodes succeeded` : "",
  });
}
const mem = rss.stop();

let engineStepsPerSec: number | null = null;
if (WITH_ENGINE) {
  process.env.BENCH_SEQ_RUNS ??= "20";
  process.env.BENCH_CONC_RUNS ??= "160";
  const { benchEngine } = await import("../engine/engine-bench");
  const r = await benchEngine(url, () => {});
  engineStepsPerSec = r.concStepsPerSec;
}
await db.end();

console.log(`\nFan-out on ${BASE} (sim:fast, ${SAMPLES} samples per size after ${WARMUP} warm-up; web pid ${webPid ?? "?"})\n`);
console.log("| nodes | shape | wall-clock median (samples) | node runs finished/s | ratio to engine steps/s | every node succeeded, charged once |");
console.log("|---|---|---|---|---|---|");
for (const r of rows) {
  const perSec = r.finished / (r.medianMs / 1000);
  const ratio = engineStepsPerSec ? (perSec / engineStepsPerSec).toFixed(2) : "—";
  const shape = r.size > 500 ? `${Math.round(r.size / 100)} subgraphs × 100` : `root → ${r.size - 2} agents → output`;
  console.log(`| ${r.nodes} | ${shape} | ${(r.medianMs / 1000).toFixed(1)} s (${r.all.map((m) => (m / 1000).toFixed(1)).join(", ")}) | ${perSec.toFixed(0)} | ${ratio} | ${r.ok ? "yes" : `NO: ${r.detail}`} |`);
}
console.log(`\nEngine, 16 concurrent runs of 10 steps, same invocation: ${engineStepsPerSec ? `${engineStepsPerSec.toFixed(0)} steps/s` : "not measured"}`);
console.log(`Web process peak RSS: ${mem.peakMb.toFixed(0)} MB sampled during the runs, ${mem.hwmMb.toFixed(0)} MB VmHWM (since start); target ≤ ${TARGET_RSS_MB} MB`);
const w500 = rows.find((r) => r.size === 500);
if (w500) console.log(`500 wide: ${(w500.medianMs / 1000).toFixed(1)} s (target ≤ ${TARGET_500_MS / 1000} s) — ${w500.medianMs <= TARGET_500_MS ? "met" : "NOT met"}`);
const failed = rows.some((r) => !r.ok) || (w500 && w500.medianMs > TARGET_500_MS) || mem.peakMb > TARGET_RSS_MB;
process.exit(failed ? 1 : 0);
