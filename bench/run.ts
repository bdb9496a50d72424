/**
 * `npm run bench -- <name> [args…]`: runs one benchmark (each prints its own table; methods
 * and published figures are in the README beside it). `npm run bench` lists them.
 */
import { spawn } from "node:child_process";

const TSX = ["tsx"];
const SERVER = ["tsx", "--conditions=react-server"];
const WITH_DB = ["tsx", "scripts/with-db.ts", "npx", ...SERVER];

const BENCHMARKS: Record<string, { what: string; cmd: string[] }> = {
  engine: { what: "durable engine vs raw PostgreSQL, DBOS, LangGraph, graphile-worker (bench/engine)", cmd: [...TSX, "bench/engine/run.ts"] },
  fanout: { what: "wide fan-out 100/250/500 and 1,000 (10 × 100) nodes on a running server, vs engine steps/s (bench/runtime)", cmd: [...TSX, "bench/runtime/fanout.ts"] },
  "live-writes": { what: "what recording live-update changes costs the writes: NodeRun commits/s at 1 and 16 clients with no trigger, pg_notify, and the outbox (bench/runtime)", cmd: [...WITH_DB, "bench/runtime/live-writes.ts"] },
  delegations: { what: "the overhead per delegation: p50 between consecutive delegations of a 50-delegation supervisor run, vs engine steps/s (bench/supervision)", cmd: [...WITH_DB, "bench/supervision/delegations.ts"] },
  supervision: { what: "a map over 1,000 items at concurrency 50 on sim:fast, vs engine steps/s (bench/supervision)", cmd: [...WITH_DB, "bench/supervision/map.ts"] },
  "map-concurrency": { what: "items in flight over time of a map at concurrency 20: saved graphs and inline agents (bench/supervision)", cmd: [...WITH_DB, "bench/supervision/map-concurrency.ts"] },
  ledger: { what: "cost reports over 1,000,000 ledger rows (bench/finops)", cmd: [...WITH_DB, "bench/finops/ledger.ts"] },
  provenance: { what: "what the provenance record adds to a node's completion, sequential and 32 at once (bench/provenance)", cmd: [...WITH_DB, "bench/provenance/complete-node.ts"] },
  webhook: { what: "webhook delivery → first node started p50, and signed deliveries accepted/s at 32 senders vs raw PostgreSQL INSERT tx/s (bench/scheduling; needs the app running)", cmd: [...TSX, "bench/scheduling/webhook.ts"] },
  gateway: { what: "the LLM gateway: overhead per call (p50) and 16-concurrent calls/s vs calling the provider directly with the openai client (bench/finops; needs the app running)", cmd: [...TSX, "bench/finops/gateway.ts"] },
  forecast: { what: "forecast error on the demo graphs (bench/finops)", cmd: [...WITH_DB, "bench/finops/forecast.ts"] },
  "cron-lateness": { what: "schedule lateness p50/p99 with 100 schedules firing in the same second, vs a bare setTimeout (bench/scheduling)", cmd: [...WITH_DB, "bench/scheduling/cron-lateness.ts"] },
  "builder-drag": { what: "builder frame time dragging a node among 200 (bench/ui; needs the app running)", cmd: [...TSX, "bench/ui/builder-drag.ts"] },
  "run-view": { what: "run view with 500 node runs (bench/ui; needs the app running)", cmd: [...SERVER, "bench/ui/run-view.ts"] },
  "live-push": { what: "live updates: node change → run view on screen p50, pushed vs the polling fallback, and open streams per process at 1 GB RSS (bench/ui; needs the app running)", cmd: [...TSX, "bench/ui/live-push.ts"] },
  "runs-list": { what: "runs list first page with 100,000 runs (bench/ui; needs the app running)", cmd: [...SERVER, "bench/ui/runs-list.ts"] },
};

const [name, ...args] = process.argv.slice(2);
const bench = name ? BENCHMARKS[name] : undefined;
if (!bench) {
  if (name) console.error(`Unknown benchmark "${name}".`);
  console.log("npm run bench -- <name> [args…]\n");
  for (const [n, b] of Object.entries(BENCHMARKS)) console.log(`  ${n.padEnd(13)} ${b.what}`);
  process.exit(name ? 2 : 0);
}
const child = spawn("npx", [...bench.cmd, ...args], { stdio: "inherit" });
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
