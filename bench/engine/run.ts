/**
 * One command, one markdown table: `npx tsx bench/engine/run.ts` (see README.md here).
 *
 * Same machine, same run: a raw PostgreSQL reference, the engine, and peer frameworks
 * (DBOS Transact, LangGraph JS with its PostgreSQL checkpointer, graphile-worker 0.16)
 * on the same 10-no-op-step workload. Peers are installed on demand into bench/peers.
 *
 * Flags: --no-peers (engine and reference only). By default the bench starts its own
 * PostgreSQL (embedded, data in .data/bench-pg, fsync on) so that nothing else on the
 * machine's database skews WAL counts; BENCH_DATABASE_URL uses an existing server instead.
 * Env: BENCH_SEQ_RUNS, BENCH_CONC_RUNS.
 */
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../../lib/db/embedded-postgres";
import { benchDurableFloor, benchEngine, benchSdkCeiling, type DurableFloorResult, type EngineResult, type SdkCeilingResult } from "./engine-bench";
import { CONC_RUNS, CONCURRENCY, freePort, SEQ_RUNS, type WorkloadResult } from "./lib";
import { benchRawPostgres } from "./raw-pg";

const PEERS = [
  { name: "DBOS Transact", script: "dbos.ts" },
  { name: "LangGraph JS + PostgresSaver", script: "langgraph.ts" },
  { name: "graphile-worker", script: "graphile.ts" },
];
const PEERS_DIR = path.resolve("bench/peers");
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

function ensurePeersInstalled(): string | null {
  if (fs.existsSync(path.join(PEERS_DIR, "node_modules", "@dbos-inc"))) return null;
  log("installing peer frameworks into bench/peers (npm install)…");
  const r = spawnSync("npm", ["install", "--no-audit", "--no-fund"], { cwd: PEERS_DIR, stdio: ["ignore", "inherit", "inherit"] });
  return r.status === 0 ? null : `npm install in bench/peers failed (exit ${r.status})`;
}

function runPeer(script: string, serverUrl: string): Promise<WorkloadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(PEERS_DIR, script)], {
      env: { ...process.env, BENCH_SERVER_URL: serverUrl },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 10 * 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      const line = out.split("\n").find((l) => l.startsWith("RESULT "));
      if (line) resolve(JSON.parse(line.slice("RESULT ".length)) as WorkloadResult);
      else reject(new Error(`${script} exited with ${code} without a result`));
    });
  });
}

const f = (n: number | undefined, d = 0) => (n === undefined || Number.isNaN(n) ? "—" : n.toFixed(d));

async function main(): Promise<void> {
  const withPeers = !process.argv.includes("--no-peers");
  const loadAtStart = os.loadavg()[0]!;
  const db = process.env.BENCH_DATABASE_URL
    ? { url: process.env.BENCH_DATABASE_URL, stop: async () => {} }
    : await startEmbeddedPostgres({ dataDir: path.resolve(".data/bench-pg"), port: await freePort(), database: "bench", log });
  try {
    log("raw PostgreSQL reference…");
    const raw = await benchRawPostgres(db.url);
    log(`raw: ${raw.tps1.toFixed(0)} tx/s (1 client), ${raw.tps16.toFixed(0)} tx/s (16 clients)`);
    log("engine…");
    const engine: EngineResult = await benchEngine(db.url, log);
    log("SDK ceiling (a server with no database)…");
    const ceiling: SdkCeilingResult = await benchSdkCeiling(log);
    log("durable floor (one INSERT per event and per checkpoint, nothing else)…");
    const floor: DurableFloorResult = await benchDurableFloor(db.url, log);
    const peers: (WorkloadResult | { name: string; error: string })[] = [];
    if (withPeers) {
      const installError = ensurePeersInstalled();
      for (const p of PEERS) {
        if (installError) {
          peers.push({ name: p.name, error: installError });
          continue;
        }
        log(`${p.name}…`);
        try {
          const r = await runPeer(p.script, db.url);
          peers.push(r);
          log(`${p.name}: seq ${r.seqStepsPerSec.toFixed(0)} steps/s, p50 ${r.stepP50Ms.toFixed(2)} ms, 16× ${r.concStepsPerSec.toFixed(0)} steps/s`);
        } catch (err) {
          peers.push({ name: p.name, error: (err as Error).message });
        }
      }
    }

    const rows: string[] = [];
    rows.push("| system | sequential steps/s | per-step overhead p50 / p95 (ms) | 16 concurrent runs steps/s | WAL flushes / step | seq steps/s ÷ raw 1-client tx/s | 16× steps/s ÷ raw 16-client tx/s |");
    rows.push("|---|---:|---:|---:|---:|---:|---:|");
    rows.push(`| raw PostgreSQL INSERT (reference) | ${f(raw.tps1)} tx/s | — | ${f(raw.tps16)} tx/s | 1 per tx | 1.00 | 1.00 |`);
    for (const r of [engine, ...peers]) {
      if ("error" in r) {
        rows.push(`| ${r.name} | not measured: ${r.error} | | | | | |`);
        continue;
      }
      rows.push(
        `| ${r.name}${r.version ? ` ${r.version}` : ""} | ${f(r.seqStepsPerSec)} | ${f(r.stepP50Ms, 2)} / ${f(r.stepP95Ms, 2)} | ${f(r.concStepsPerSec)} | ${f(r.walPerStep, 2)} | ${f(r.seqStepsPerSec / raw.tps1, 2)} | ${f(r.concStepsPerSec / raw.tps16, 2)} |`,
      );
    }
    const ratios: string[] = [];
    for (const p of peers) {
      if ("error" in p) continue;
      ratios.push(
        `| ${p.name} | ${f(engine.stepP50Ms / p.stepP50Ms, 2)} (≤ 1 is better) | ${f(engine.concStepsPerSec / p.concStepsPerSec, 2)} (≥ 1 is better) |`,
      );
    }
    const table = [
      `Measured ${new Date().toISOString()} on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "cpu"}), Node ${process.version}, ` +
        `workload: 10 no-op steps per run, ${SEQ_RUNS} sequential runs, ${CONC_RUNS} runs at ${CONCURRENCY} concurrent. ` +
        `Load average (1 min) at start ${loadAtStart.toFixed(1)}, at end ${os.loadavg()[0]!.toFixed(1)}.`,
      "",
      ...rows,
      "",
      "| engine latency | p50 (ms) |",
      "|---|---:|",
      `| event → first step (idle engine) | ${f(engine.eventToFirstStepP50Ms, 2)} |`,
      `| waitForEvent resume | ${f(engine.waitResumeP50Ms, 2)} |`,
      "",
      "| engine detail (16 concurrent runs) | value |",
      "|---|---:|",
      `| WAL flushes per step (group commit) | ${f(engine.concWalPerStep, 2)} |`,
      `| CPU ms per step: app process (Inngest SDK) | ${f(engine.cpuPerStepMs.app, 2)} |`,
      `| CPU ms per step: engine process | ${f(engine.cpuPerStepMs.engine, 2)} |`,
      `| CPU ms per step: PostgreSQL (whole server) | ${f(engine.cpuPerStepMs.postgres, 2)} |`,
      "",
      "| SDK ceiling: same function, 16 concurrent, server acknowledges checkpoints with no database | value |",
      "|---|---:|",
      `| steps/s (no engine speaking this protocol to this SDK can exceed it here) | ${f(ceiling.stepsPerSec)} |`,
      `| CPU ms per step: app process (Inngest SDK) | ${f(ceiling.appCpuPerStepMs, 2)} |`,
      `| CPU ms per step: null server | ${f(ceiling.serverCpuPerStepMs, 2)} |`,
      `| engine 16× steps/s ÷ ceiling | ${f(engine.concStepsPerSec / ceiling.stepsPerSec, 2)} |`,
      `| one run at a time: steps/s, per-step overhead p50 / p95 (ms) (no engine can go below this p50 here) | ${f(ceiling.seqStepsPerSec)}, ${f(ceiling.seqStepP50Ms, 2)} / ${f(ceiling.seqStepP95Ms, 2)} |`,
      `| engine sequential per-step p50 − this p50 (the engine's durable checkpoint, ms) | ${f(engine.stepP50Ms - ceiling.seqStepP50Ms, 2)} |`,
      "",
      "| durable floor: the same workload and driver, against a server that stores each event and each checkpoint by one INSERT committed before it answers, and does nothing else | value |",
      "|---|---:|",
      `| 16 concurrent runs: steps/s (no durable engine behind this SDK can exceed it here) | ${f(floor.concStepsPerSec)} |`,
      `| floor ÷ SDK ceiling (the best ratio a durable engine can reach here) | ${f(floor.concStepsPerSec / ceiling.stepsPerSec, 2)} |`,
      `| engine 16× steps/s ÷ floor | ${f(engine.concStepsPerSec / floor.concStepsPerSec, 2)} |`,
      `| CPU ms per step: app process / floor server / PostgreSQL | ${f(floor.cpuPerStepMs.app, 2)} / ${f(floor.cpuPerStepMs.server, 2)} / ${f(floor.cpuPerStepMs.postgres, 2)} |`,
      `| one run at a time: per-step overhead p50 / p95 (ms) (no durable engine can go below this p50 here) | ${f(floor.stepP50Ms, 2)} / ${f(floor.stepP95Ms, 2)} |`,
      `| engine sequential per-step p50 − this p50 (what the engine adds to the least durable step, ms) | ${f(engine.stepP50Ms - floor.stepP50Ms, 2)} |`,
      ...(ratios.length
        ? ["", "| engine vs peer | per-step p50 ratio (engine ÷ peer) | 16× steps/s ratio (engine ÷ peer) |", "|---|---:|---:|", ...ratios]
        : []),
      ...peers.filter((p) => !("error" in p) && p.note).map((p) => `\n- ${p.name}: ${(p as WorkloadResult).note}`),
    ].join("\n");
    process.stdout.write(table + "\n");
    const dir = path.resolve("bench/results");
    fs.mkdirSync(dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    fs.writeFileSync(path.join(dir, `engine-${stamp}.md`), table + "\n");
    fs.writeFileSync(path.join(dir, `engine-${stamp}.json`), JSON.stringify({ raw, engine, ceiling, floor, peers }, null, 2));
    log(`saved bench/results/engine-${stamp}.md`);
  } finally {
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
