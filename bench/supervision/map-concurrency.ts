/**
 * Benchmark: does a map run `concurrency` items at once? Two maps of 40 items at concurrency 20:
 * - child graphs: each item a saved graph whose one node calls a vendor stub on 127.0.0.1 that
 *   answers after `--hold` ms and counts the calls in flight;
 * - inline agents: each item a `sim:fast` agent taking `--hold` ms (SWITCHYARD_SIM_LATENCY_MS),
 *   counted as the map's Delegation rows still running.
 * Items in flight are sampled every 100 ms; the table gives the most at once, the median while
 * the map was busy, and the wall-clock against the ideal (items ÷ concurrency × hold).
 *
 *   npm run bench -- map-concurrency [--items 40] [--concurrency 20] [--hold 1000]
 *
 * Setup in ./harness.ts. Figures and the exact commands are in bench/supervision/README.md.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { arg, startBench } from "./harness";

const ITEMS = Number(arg("items", "40"));
const CONCURRENCY = Number(arg("concurrency", "20"));
const HOLD_MS = Number(arg("hold", "1000"));

process.env.SWITCHYARD_OUTBOUND_ALLOW = "127.0.0.0/8";
const bench = await startBench("bench_map_conc");
process.env.SWITCHYARD_SIM_LATENCY_MS = String(HOLD_MS);

let inFlight = 0;
const vendor = http.createServer((req, res) => {
  inFlight++;
  setTimeout(() => {
    inFlight--;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: true }));
  }, HOLD_MS);
  req.resume();
});
await new Promise<void>((r) => vendor.listen(0, "127.0.0.1", () => r()));
const vendorUrl = `http://127.0.0.1:${(vendor.address() as AddressInfo).port}`;

/** Samples `count()` every 100 ms while `work` runs: the timeline of items in flight. */
async function sampled(count: () => Promise<number>, work: Promise<{ runId: string; status: string; ms: number }>) {
  const samples: number[] = [];
  let done = false;
  const result = work.finally(() => (done = true));
  while (!done) {
    samples.push(await count());
    await new Promise((r) => setTimeout(r, 100));
  }
  return { ...(await result), samples };
}

function summary(label: string, r: { status: string; ms: number; samples: number[] }) {
  const busy = r.samples.filter((s) => s > 0).sort((a, b) => a - b);
  const median = busy.length ? busy[Math.floor(busy.length / 2)]! : 0;
  const ideal = Math.ceil(ITEMS / CONCURRENCY) * HOLD_MS;
  return `| ${label} | ${Math.max(0, ...r.samples)} | ${median} | ${(r.ms / 1000).toFixed(1)} s | ${(ideal / 1000).toFixed(1)} s | ${r.status} |`;
}

const items = Array.from({ length: ITEMS }, (_, i) => i);
const child = await bench.run(
  { name: "Vendor call", nodes: [{ id: "call", type: "tool", tool: { kind: "http", method: "GET", url: `${vendorUrl}/item` } }] },
  {},
);
const graphs = await bench.prisma.graph.findMany({ where: { name: "Vendor call" }, select: { id: true } });
const children = await sampled(
  async () => inFlight,
  bench.run({ name: "Map of graphs", input: { type: "object" }, nodes: [{ id: "each", type: "map", items: "{{input.items}}", concurrency: CONCURRENCY, graph: { graph: graphs[0]!.id } }] }, { items }),
);
// where a child run's time goes: created (its start step), its node started, its node ended, the run ended
const childRuns = await bench.prisma.run.findMany({ where: { parentRunId: children.runId }, select: { createdAt: true, startedAt: true, endedAt: true, nodeRuns: { select: { startedAt: true, endedAt: true } } }, orderBy: { createdAt: "asc" } });
const parent = await bench.prisma.run.findUniqueOrThrow({ where: { id: children.runId }, select: { createdAt: true } });
const rel = (d: Date | null | undefined) => (d ? ((d.getTime() - parent.createdAt.getTime()) / 1000).toFixed(1) : "—");
const phases = childRuns.map((c) => `${rel(c.createdAt)}/${rel(c.nodeRuns[0]?.startedAt)}/${rel(c.nodeRuns[0]?.endedAt)}/${rel(c.endedAt)}`);
const inline = await sampled(
  async () => bench.prisma.delegation.count({ where: { nodeId: "each", status: "running", run: { graph: { name: "Map of agents" } } } }),
  bench.run({ name: "Map of agents", input: { type: "object" }, nodes: [{ id: "each", type: "map", items: "{{input.items}}", concurrency: CONCURRENCY, agent: { model: "sim:fast", maxOutputTokens: 32, prompt: "Check {{item}}" } }] }, { items }),
);
vendor.close();
await bench.finish();
console.log(
  `\nMap of ${ITEMS} items at concurrency ${CONCURRENCY}, each item held ${HOLD_MS} ms (SWITCHYARD_RUN_CONCURRENCY=${process.env.SWITCHYARD_RUN_CONCURRENCY ?? "8 (default)"}, SWITCHYARD_NODE_CONCURRENCY=${process.env.SWITCHYARD_NODE_CONCURRENCY ?? "16 (default)"}; warm-up run ${child.status})\n`,
);
console.log("| items | most in flight | median in flight (busy samples) | wall-clock | ideal | run |");
console.log("|---|---|---|---|---|---|");
console.log(summary("saved graph per item", children));
console.log(summary("inline agent per item", inline));
console.log(`\ntimeline (in flight every 100 ms), graphs: ${children.samples.join(" ")}`);
console.log(`timeline (in flight every 100 ms), agents: ${inline.samples.join(" ")}`);
console.log(`child runs, s after the map's run was created (created/node started/node ended/run ended): ${phases.join("  ")}`);
process.exit(children.status === "succeeded" && inline.status === "succeeded" ? 0 : 1);
