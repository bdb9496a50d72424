/**
 * Benchmark: a map over 1,000 items at concurrency 50 on `sim:fast` (latency 0), on the real
 * engine, against the engine's own steps/s measured in the same invocation.
 *
 *   npm run bench -- supervision [--items 1000] [--concurrency 50] [--no-engine]
 *
 * Setup in ./harness.ts. Figures and the exact commands are in bench/supervision/README.md.
 */
import { arg, startBench } from "./harness";

const ITEMS = Number(arg("items", "1000"));
const CONCURRENCY = Number(arg("concurrency", "50"));

const bench = await startBench("bench_map");
const lines = Array.from({ length: ITEMS }, (_, i) => ({ sku: `sku-${i}` }));
const { runId, status, ms } = await bench.run(
  {
    name: "Map bench",
    input: { type: "object", properties: { lines: { type: "array" } } },
    nodes: [{ id: "each", type: "map", items: "{{input.lines}}", concurrency: CONCURRENCY, maxItems: Math.max(ITEMS, 1000), agent: { model: "sim:fast", maxOutputTokens: 32, prompt: "Check {{item.sku}}" } }],
  },
  { lines },
);
const done = await bench.prisma.delegation.count({ where: { runId, status: "done" } });
const charges = await bench.prisma.costEntry.count({ where: { runId } });
const engineStepsPerSec = await bench.finish();
const perSec = ITEMS / (ms / 1000);
console.log(`\nMap over ${ITEMS} items at concurrency ${CONCURRENCY} (sim:fast, latency 0; SWITCHYARD_RUN_CONCURRENCY=${process.env.SWITCHYARD_RUN_CONCURRENCY ?? "8 (default)"})\n`);
console.log("| items | wall-clock | items/s | engine steps/s (16 concurrent runs, same invocation) | items/s ÷ engine steps/s | run | items done, charged |");
console.log("|---|---|---|---|---|---|---|");
console.log(`| ${ITEMS} | ${(ms / 1000).toFixed(1)} s | ${perSec.toFixed(1)} | ${engineStepsPerSec ? engineStepsPerSec.toFixed(0) : "—"} | ${engineStepsPerSec ? (perSec / engineStepsPerSec).toFixed(3) : "—"} | ${status} | ${done}, ${charges} |`);
process.exit(status === "succeeded" && done === ITEMS ? 0 : 1);
