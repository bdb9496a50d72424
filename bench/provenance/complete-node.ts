/**
 * Benchmark: what the provenance chain adds to a node's completion. Times `completeNode` (the
 * node run's output and its provenance record, in one transaction under the run's advisory
 * lock, then the trace event) against the same writes without the record (the node run update
 * and the trace event), on the same database, interleaved in rounds so load drifts hit both.
 *
 *   npm run bench -- provenance [--nodes 200] [--rounds 5] [--parallel 32]
 *
 * Sequential: one node after another (the per-node latency a run sees). Parallel: `--parallel`
 * nodes of one run completing at once (they take turns on the run's lock).
 */
import { performance } from "node:perf_hooks";
import { getPrisma } from "../../lib/db/client";
import { newId } from "../../lib/ids";
import { makeTenant } from "../../prisma/factories";
import { systemContext } from "../../lib/runtime/system-context";
import { completeNode, trace } from "../../lib/runtime/run-state";
import type { WorkspaceContext } from "../../lib/auth/context";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const NODES = Number(arg("nodes", "200"));
const ROUNDS = Number(arg("rounds", "5"));
const PARALLEL = Number(arg("parallel", "32"));

const db = getPrisma();
const tenant = await makeTenant("Provenance bench");
const ws = tenant.workspace.id;
const ctx: WorkspaceContext = await systemContext(ws);
const graphId = newId("graph");
await db.graph.create({ data: { id: graphId, workspaceId: ws, name: "bench", latestVersion: 1 } });
const versionId = newId("graphVersion");
await db.graphVersion.create({ data: { id: versionId, workspaceId: ws, graphId, version: 1, spec: { name: "bench", nodes: [] }, specHash: "x" } });

async function newRun(n: number): Promise<{ runId: string; ids: string[] }> {
  const runId = newId("run");
  await db.run.create({ data: { id: runId, workspaceId: ws, graphId, graphVersionId: versionId, version: 1, status: "running", input: { supplier: "ACME", items: 40 } } });
  const ids = Array.from({ length: n }, (_, i) => `n${i}`);
  await db.nodeRun.createMany({ data: ids.map((nodeId) => ({ id: newId("nodeRun"), workspaceId: ws, runId, nodeId, nodeType: "agent", status: "running", input: { input: { supplier: "ACME", items: 40 }, upstream: { root: { text: "x".repeat(200) } } } })) });
  return { runId, ids };
}

const output = (i: number) => ({ text: `Checked item ${i}: within the contract price, delivery in 5 days.`, score: 0.1 * i, flags: ["ok"] });
const provenance = { agent: "a", graphId, graphVersion: 1, model: "sim:fast", promptHash: "0".repeat(64), promptTemplateHash: "1".repeat(64), routing: { reason: "named in the spec", alternatives: [] } };

/** The writes completeNode made before provenance existed. */
async function completeWithoutRecord(runId: string, nodeId: string, out: unknown) {
  await ctx.db.nodeRun.updateMany({ where: { runId, nodeId }, data: { status: "succeeded", output: out as never, endedAt: new Date(), provenance: provenance as never } });
  await trace(ctx, runId, nodeId, "node.succeeded", "Succeeded");
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function sequential(withRecord: boolean): Promise<number[]> {
  const { runId, ids } = await newRun(NODES);
  const times: number[] = [];
  for (const [i, id] of ids.entries()) {
    const t = performance.now();
    if (withRecord) await completeNode(ctx, runId, id, output(i), { provenance });
    else await completeWithoutRecord(runId, id, output(i));
    times.push(performance.now() - t);
  }
  return times;
}

async function parallel(withRecord: boolean): Promise<number> {
  const { runId, ids } = await newRun(PARALLEL);
  const t = performance.now();
  await Promise.all(ids.map((id, i) => (withRecord ? completeNode(ctx, runId, id, output(i), { provenance }) : completeWithoutRecord(runId, id, output(i)))));
  return performance.now() - t;
}

// warm-up (connections, statement plans)
await sequential(true);
await sequential(false);
const seq = { with: [] as number[], without: [] as number[] };
const par = { with: [] as number[], without: [] as number[] };
for (let r = 0; r < ROUNDS; r++) {
  seq.without.push(...(await sequential(false)));
  seq.with.push(...(await sequential(true)));
  par.without.push(await parallel(false));
  par.with.push(await parallel(true));
}
const f = (x: number) => x.toFixed(2);
console.log(`completeNode, ${ROUNDS} rounds × ${NODES} nodes one after another (ms per node):`);
console.log(`  without the record  p50 ${f(pct(seq.without, 50))}  p95 ${f(pct(seq.without, 95))}  mean ${f(seq.without.reduce((a, b) => a + b, 0) / seq.without.length)}`);
console.log(`  with the record     p50 ${f(pct(seq.with, 50))}  p95 ${f(pct(seq.with, 95))}  mean ${f(seq.with.reduce((a, b) => a + b, 0) / seq.with.length)}`);
console.log(`  added per node      p50 ${f(pct(seq.with, 50) - pct(seq.without, 50))}`);
console.log(`${PARALLEL} nodes of one run completing at once, ${ROUNDS} rounds (ms for all, median):`);
console.log(`  without the record  ${f(pct(par.without, 50))}`);
console.log(`  with the record     ${f(pct(par.with, 50))}`);
const { verifyRunProvenance } = await import("../../lib/provenance/verify-run-provenance");
const last = await db.run.findFirstOrThrow({ where: { workspaceId: ws, provenanceSeq: NODES }, orderBy: { createdAt: "desc" } });
const t = performance.now();
const v = await verifyRunProvenance(ctx, last.id);
console.log(`verify of a ${v.records}-record chain: ${f(performance.now() - t)} ms (ok: ${v.ok})`);
await db.$disconnect();
