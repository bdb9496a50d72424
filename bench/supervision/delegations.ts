/**
 * Benchmark: the overhead per delegation — the p50 time between consecutive delegations of a
 * 50-delegation supervisor run on `sim:*` (latency 0), on the real engine, against the engine's
 * own steps/s measured in the same invocation.
 *
 *   npm run bench -- delegations [--agents 50] [--parallel 4] [--no-engine]
 *
 * The simulated supervisor delegates once to every agent its task names, `--parallel` at once
 * (the node's `maxParallel`), then answers. Delegations' start times come from their rows.
 */
import { arg, startBench } from "./harness";

const AGENTS = Number(arg("agents", "50"));
const PARALLEL = Number(arg("parallel", "4"));

const bench = await startBench("bench_delegations");
const names = Array.from({ length: AGENTS }, (_, i) => `checker${i}`);
const { runId, status, ms } = await bench.run(
  {
    name: "Delegation bench",
    nodes: [
      {
        id: "lead",
        type: "supervisor",
        model: "sim:strong",
        maxOutputTokens: 256,
        task: `Review the order: ask ${names.join(", ")}.`,
        maxDelegations: AGENTS,
        maxParallel: PARALLEL,
        agents: names.map((name) => ({ name, description: `Checks part ${name}`, model: "sim:fast", maxOutputTokens: 512 })),
      },
    ],
  },
  {},
);
const rows = await bench.prisma.delegation.findMany({ where: { runId }, orderBy: { startedAt: "asc" }, select: { startedAt: true, status: true, result: true } });
const counts = new Map<string, number>();
for (const r of rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
const byStatus = [...counts].map(([s, n]) => `${n} ${s}`).join(", ");
if (process.env.BENCH_VERBOSE) for (const r of rows.filter((x) => x.status !== "done").slice(0, 3)) console.log(JSON.stringify(r.result).slice(0, 300));
const gaps = rows.slice(1).map((r, i) => r.startedAt.getTime() - rows[i]!.startedAt.getTime());
const sorted = [...gaps].sort((a, b) => a - b);
const pct = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : Number.NaN);
const engineStepsPerSec = await bench.finish();
const p50 = pct(0.5);
// one delegation every p50 ms against one engine step every 1000/steps/s ms
const ratio = engineStepsPerSec ? p50 / (1000 / engineStepsPerSec) : null;
console.log(`\nSupervisor with ${AGENTS} delegations, ${PARALLEL} at once (sim:*, latency 0)\n`);
console.log("| delegations | run wall-clock | p50 between delegation starts | p95 | engine steps/s (same invocation) | p50 ÷ engine ms per step | run |");
console.log("|---|---|---|---|---|---|---|");
console.log(`| ${rows.length} (${byStatus}) | ${(ms / 1000).toFixed(1)} s | ${p50.toFixed(1)} ms | ${pct(0.95).toFixed(1)} ms | ${engineStepsPerSec ? engineStepsPerSec.toFixed(0) : "—"} | ${ratio ? ratio.toFixed(1) : "—"} | ${status} |`);
process.exit(status === "succeeded" && rows.length === AGENTS ? 0 : 1);
