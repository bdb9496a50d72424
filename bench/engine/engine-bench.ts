/**
 * The engine on the shared workload: the engine runs as its own process
 * (`scripts/engine.ts`, as deployed); the functions are served by the real SDK in this
 * process. Measures sequential and concurrent steps/s, per-step overhead, event → first
 * step latency, waitForEvent resume latency and WAL flushes per step.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type net from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Inngest } from "inngest";
import { serve } from "inngest/node";
import {
  CONC_RUNS,
  CONCURRENCY,
  SEQ_RUNS,
  STEPS_PER_RUN,
  dropDatabase,
  freePort,
  freshDatabase,
  percentile,
  sleep,
  waitForStatsFlush,
  walFlushes,
  type WorkloadResult,
} from "./lib";

/** The workload's run body: STEPS_PER_RUN no-op steps, each stamping when it ran. */
async function tenStampedSteps(step: { run: <T>(id: string, fn: () => T) => Promise<unknown> }, id: string, stampsByRun: Map<string, number[]>): Promise<void> {
  for (let i = 0; i < STEPS_PER_RUN; i++) {
    await step.run(`s${i}`, () => {
      const list = stampsByRun.get(id) ?? [];
      list.push(performance.now());
      stampsByRun.set(id, list);
      return i;
    });
  }
}

/**
 * The driver side of the workload, shared by the engine and the durable floor: runs start by
 * an event POSTed to `${base}/e/bench`; a run is done when its function calls `fire(id)`.
 */
function workloadDriver(base: string) {
  const waiters = new Map<string, (v: number) => void>();
  const stampsByRun = new Map<string, number[]>();
  const resolveFor = (key: string) => new Promise<number>((r) => waiters.set(key, r));
  const fire = (key: string, v: number) => {
    waiters.get(key)?.(v);
    waiters.delete(key);
  };
  let seq = 0;
  const send = async (name: string, data: Record<string, unknown>) => {
    const res = await fetch(`${base}/e/bench`, { method: "POST", body: JSON.stringify({ name, data }) });
    if (!res.ok) throw new Error(`send failed ${res.status}`);
  };
  const runTen = async () => {
    const id = `r${seq++}`;
    const done = resolveFor(id);
    await send("bench/ten", { id });
    await done;
    return id;
  };
  const concurrently = async (n: number) => {
    let remaining = n;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (remaining-- > 0) await runTen();
      }),
    );
  };
  /** per-step overhead of the given runs: the gaps between consecutive step starts */
  const stepGaps = (ids: string[]) => {
    const deltas: number[] = [];
    for (const id of ids) {
      const st = stampsByRun.get(id) ?? [];
      for (let i = 1; i < st.length; i++) deltas.push(st[i]! - st[i - 1]!);
    }
    return deltas;
  };
  /** CONC_RUNS runs at CONCURRENCY: steps/s and CPU ms per step of this process (the app), the server process and PostgreSQL */
  const measureConcurrent = async (serverPid: number) => {
    const c0 = performance.now();
    const cpu0 = { app: process.cpuUsage(), server: procCpuMs(serverPid), pg: postgresCpuMs() };
    await concurrently(CONC_RUNS);
    const stepsPerSec = (CONC_RUNS * STEPS_PER_RUN) / ((performance.now() - c0) / 1000);
    const appCpu = process.cpuUsage(cpu0.app);
    const steps = CONC_RUNS * STEPS_PER_RUN;
    const cpuPerStepMs = {
      app: (appCpu.user + appCpu.system) / 1000 / steps,
      server: (procCpuMs(serverPid) - cpu0.server) / steps,
      postgres: (postgresCpuMs() - cpu0.pg) / steps, // cluster-wide: includes other load on the server
    };
    return { stepsPerSec, cpuPerStepMs };
  };
  return { fire, resolveFor, send, runTen, concurrently, measureConcurrent, stampsByRun, stepGaps };
}

/** runs at 16 concurrent before the measured concurrent phase, and sequential runs before the sequential one (WAL/step counts them too) */
const CONC_WARMUP = Number(process.env.BENCH_CONC_WARMUP ?? 160);
const SEQ_WARMUP = Number(process.env.BENCH_SEQ_WARMUP ?? 20);

export interface EngineResult extends WorkloadResult {
  eventToFirstStepP50Ms: number;
  waitResumeP50Ms: number;
  /** CPU ms per step at 16 concurrent runs: the app (SDK) process, the engine process, PostgreSQL */
  cpuPerStepMs: { app: number; engine: number; postgres: number };
  /** WAL flushes per step during the 16-concurrent phase (group commit) */
  concWalPerStep: number;
}

/** user+system CPU ms of a process and its threads, from /proc. */
function procCpuMs(pid: number): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime in clock ticks (100 Hz)
  } catch {
    return 0;
  }
}

/** CPU ms of every process whose command name is `postgres` (the whole cluster). */
function postgresCpuMs(): number {
  let total = 0;
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (fs.readFileSync(`/proc/${d}/comm`, "utf8").trim() === "postgres") total += procCpuMs(Number(d));
    } catch {
      /* gone */
    }
  }
  return total;
}

export async function startEngineProcess(url: string, port: number): Promise<ChildProcess> {
  // BENCH_ENGINE_PROFILE=<dir> writes a V8 CPU profile of each engine process there
  const prof = process.env.BENCH_ENGINE_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_ENGINE_PROFILE}`] : [];
  const child = spawn(process.execPath, [...prof, "--import", "tsx", path.resolve("scripts/engine.ts")], {
    env: { ...process.env, DATABASE_URL: url, ENGINE_PORT: String(port), ENGINE_LOG_LEVEL: "warn", ENGINE_CONCURRENCY: "32" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitHealthy(child, `http://127.0.0.1:${port}`, "engine process");
  return child;
}

/** Waits (up to 20 s) until the server process `child` answers `GET ${base}/health`. */
export async function waitHealthy(child: ChildProcess, base: string, what: string): Promise<void> {
  for (let i = 0; i < 400 && child.exitCode === null; i++) {
    if (await fetch(`${base}/health`).then((r) => r.ok, () => false)) return;
    await sleep(50);
  }
  throw new Error(`${what} did not start`);
}

/** The durable floor's server (bench/engine/durable-floor.ts) as its own process, once it answers. */
export async function startDurableFloor(url: string, port: number, appUrl: string, fnId: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("bench/engine/durable-floor.ts")], {
    env: { ...process.env, FLOOR_PORT: String(port), FLOOR_APP_URL: appUrl, FLOOR_FN_ID: fnId, FLOOR_DATABASE_URL: url },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitHealthy(child, `http://127.0.0.1:${port}`, "the durable floor server");
  return child;
}

export function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((r) => {
    if (child.exitCode !== null) return r();
    child.once("exit", () => r());
    child.kill("SIGTERM");
  });
}

export async function benchEngine(serverUrl: string, log: (s: string) => void): Promise<EngineResult> {
  const dbName = "bench_engine";
  const url = await freshDatabase(serverUrl, dbName);
  const port = await freePort();
  let engine = await startEngineProcess(url, port);
  const base = `http://127.0.0.1:${port}`;

  const drive = workloadDriver(base);
  const { fire, resolveFor, send, runTen, stampsByRun } = drive;

  const client = new Inngest({ id: "bench", isDev: true, baseUrl: base });
  const ten = client.createFunction({ id: "ten", triggers: [{ event: "bench/ten" }] }, async ({ step, event }) => {
    const id = event.data.id as string;
    await tenStampedSteps(step, id, stampsByRun);
    fire(id, performance.now());
    return "ok";
  });
  const first = client.createFunction({ id: "first", triggers: [{ event: "bench/first" }] }, async ({ step, event }) => {
    await step.run("first", () => fire(event.data.id as string, performance.now()));
  });
  const waiter = client.createFunction({ id: "waiter", triggers: [{ event: "bench/wait" }] }, async ({ step, event }) => {
    const id = event.data.id as string;
    await step.run("armed", () => fire(`armed:${id}`, performance.now()));
    await step.waitForEvent("resume", { event: "bench/resume", match: "data.id", timeout: "1m" });
    await step.run("after", () => fire(`resumed:${id}`, performance.now()));
  });
  const handler = serve({ client, functions: [ten, first, waiter] });
  const app = http.createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => app.listen(0, "127.0.0.1", () => r()));
  const appUrl = `http://127.0.0.1:${(app.address() as net.AddressInfo).port}/api/inngest`;
  const sync = await fetch(`${base}/v0/apps/sync`, { method: "POST", body: JSON.stringify({ url: appUrl }) });
  if (!sync.ok) throw new Error(`sync failed: ${await sync.text()}`);

  // warm-up
  for (let i = 0; i < 10; i++) await runTen();

  // event → first step (idle engine)
  const firstLat: number[] = [];
  for (let i = 0; i < 30; i++) {
    const id = `f${i}`;
    const got = resolveFor(id);
    const t0 = performance.now();
    await send("bench/first", { id });
    firstLat.push((await got) - t0);
    await sleep(30);
  }
  log(`event → first step p50 ${percentile(firstLat, 50).toFixed(2)} ms`);

  // waitForEvent resume
  const waitLat: number[] = [];
  for (let i = 0; i < 30; i++) {
    const id = `w${i}`;
    const armed = resolveFor(`armed:${id}`);
    const resumed = resolveFor(`resumed:${id}`);
    await send("bench/wait", { id });
    await armed;
    await sleep(60); // let the engine store the wait: we measure resumption, not the race path
    const t0 = performance.now();
    await send("bench/resume", { id });
    waitLat.push((await resumed) - t0);
  }
  log(`waitForEvent resume p50 ${percentile(waitLat, 50).toFixed(2)} ms`);

  // 16 concurrent runs, with WAL accounting: restart the engine so no earlier stats are pending
  await stopProcess(engine);
  await sleep(300);
  const cw0 = await walFlushes(url);
  engine = await startEngineProcess(url, port);
  const { concurrently } = drive;
  // Warm-up at the same concurrency: the freshly started engine process and this process's
  // SDK reach steady state (V8 optimizes the hot paths after a few hundred runs). The SDK
  // ceiling below runs later in this same process, fully warmed, and warms its null server
  // too; measuring the engine cold made it look up to 25 % costlier per step in the app.
  await concurrently(CONC_WARMUP);
  const measured = await drive.measureConcurrent(engine.pid!);
  const concStepsPerSec = measured.stepsPerSec;
  const cpuPerStepMs = { app: measured.cpuPerStepMs.app, engine: measured.cpuPerStepMs.server, postgres: measured.cpuPerStepMs.postgres };
  await waitForStatsFlush(); // as the peers' driver reads them
  const w0 = await walFlushes(url);
  const concWalPerStep = (w0 - cw0) / ((CONC_WARMUP + CONC_RUNS) * STEPS_PER_RUN);
  log(`16 concurrent: ${concStepsPerSec.toFixed(0)} steps/s, WAL flushes/step ${concWalPerStep.toFixed(2)}; CPU ms/step app ${cpuPerStepMs.app.toFixed(2)}, engine ${cpuPerStepMs.engine.toFixed(2)}, postgres ${cpuPerStepMs.postgres.toFixed(2)}`);

  // sequential, with WAL accounting, in the same warm engine process (as the durable floor and
  // the peers are measured): a restarted engine measured cold added up to 0.2 ms per step
  for (let i = 0; i < SEQ_WARMUP; i++) await runTen(); // counted in WAL/step (sequential too)
  stampsByRun.clear();
  const s0 = performance.now();
  const ids: string[] = [];
  for (let i = 0; i < SEQ_RUNS; i++) ids.push(await runTen());
  const seqStepsPerSec = (SEQ_RUNS * STEPS_PER_RUN) / ((performance.now() - s0) / 1000);
  await stopProcess(engine); // backends exit and flush their I/O statistics
  await sleep(300);
  const w1 = await walFlushes(url);
  const deltas = drive.stepGaps(ids);
  log(`sequential: ${seqStepsPerSec.toFixed(0)} steps/s, p50 ${percentile(deltas, 50).toFixed(2)} ms/step`);

  await new Promise((r) => app.close(r));
  app.closeAllConnections();
  await dropDatabase(serverUrl, dbName);
  return {
    name: "Switchyard engine",
    seqStepsPerSec,
    stepP50Ms: percentile(deltas, 50),
    stepP95Ms: percentile(deltas, 95),
    concStepsPerSec,
    walPerStep: (w1 - w0) / ((SEQ_WARMUP + SEQ_RUNS) * STEPS_PER_RUN),
    eventToFirstStepP50Ms: percentile(firstLat, 50),
    waitResumeP50Ms: percentile(waitLat, 50),
    cpuPerStepMs,
    concWalPerStep,
  };
}

export interface SdkCeilingResult {
  /** steps/s of the same 10-step function at 16 concurrent runs against a server with no database */
  stepsPerSec: number;
  /** one run at a time against that server: steps/s and per-step overhead p50 / p95 (ms) */
  seqStepsPerSec: number;
  seqStepP50Ms: number;
  seqStepP95Ms: number;
  /** CPU ms per step of the app process (the Inngest SDK) in that setting */
  appCpuPerStepMs: number;
  /** CPU ms per step of the null server */
  serverCpuPerStepMs: number;
}

/**
 * The ceiling the SDK itself puts on any engine: the same function and concurrency, but the
 * server (bench/engine/null-engine.ts, its own process) acknowledges checkpoints without a
 * database. No engine speaking this protocol to this SDK can exceed it on this machine.
 */
export async function benchSdkCeiling(log: (s: string) => void): Promise<SdkCeilingResult> {
  const port = await freePort();
  const client = new Inngest({ id: "ceiling", isDev: true, baseUrl: `http://127.0.0.1:${port}` });
  const stampsByRun = new Map<string, number[]>();
  const ten = client.createFunction({ id: "ten", triggers: [{ event: "bench/ten" }] }, async ({ step, event }) => {
    const id = event.data.id as string;
    await tenStampedSteps(step, id, stampsByRun);
    return "ok";
  });
  const handler = serve({ client, functions: [ten] });
  const app = http.createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => app.listen(0, "127.0.0.1", () => r()));
  const appUrl = `http://127.0.0.1:${(app.address() as net.AddressInfo).port}/api/inngest`;
  const conc = await runNullEngine(port, appUrl, CONC_RUNS, CONCURRENCY, () => {});
  // one run at a time, as the engine's sequential phase: the SDK's own per-step floor
  const seq = await runNullEngine(port, appUrl, SEQ_RUNS, 1, () => stampsByRun.clear());
  await new Promise((r) => app.close(r));
  app.closeAllConnections();
  const deltas: number[] = [];
  for (const s of stampsByRun.values()) for (let i = 1; i < s.length; i++) deltas.push(s[i]! - s[i - 1]!);
  const steps = CONC_RUNS * STEPS_PER_RUN;
  const out2: SdkCeilingResult = {
    stepsPerSec: steps / (conc.ms / 1000),
    seqStepsPerSec: (SEQ_RUNS * STEPS_PER_RUN) / (seq.ms / 1000),
    seqStepP50Ms: percentile(deltas, 50),
    seqStepP95Ms: percentile(deltas, 95),
    appCpuPerStepMs: conc.appCpuMs / steps,
    serverCpuPerStepMs: conc.serverCpuMs / steps,
  };
  log(`SDK ceiling (no database): ${out2.stepsPerSec.toFixed(0)} steps/s at ${CONCURRENCY} concurrent; app CPU ${out2.appCpuPerStepMs.toFixed(2)} ms/step; one run at a time p50 ${out2.seqStepP50Ms.toFixed(2)} ms/step`);
  return out2;
}

/** Runs bench/engine/null-engine.ts (its own process) against the app; `onStart` when its measured phase begins. */
async function runNullEngine(
  port: number,
  appUrl: string,
  runs: number,
  concurrency: number,
  onStart: () => void,
): Promise<{ ms: number; serverCpuMs: number; appCpuMs: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("bench/engine/null-engine.ts")], {
    env: {
      ...process.env,
      NULL_PORT: String(port),
      NULL_APP_URL: appUrl,
      NULL_FN_ID: "ceiling-ten",
      NULL_RUNS: String(runs),
      NULL_CONCURRENCY: String(concurrency),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let cpu0: NodeJS.CpuUsage | undefined;
  let out = "";
  const result = await new Promise<{ ms: number; serverCpuMs: number; appCpuMs: number }>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (!cpu0 && out.includes("START\n")) {
        onStart();
        cpu0 = process.cpuUsage();
      }
      const line = out.split("\n").find((l) => l.startsWith("RESULT "));
      if (line && cpu0) {
        const cpu = process.cpuUsage(cpu0);
        const r = JSON.parse(line.slice(7)) as { ms: number; serverCpuMs: number };
        resolve({ ...r, appCpuMs: (cpu.user + cpu.system) / 1000 });
      }
    });
    child.on("exit", (code) => (code ? reject(new Error(`null engine exited with ${code}`)) : undefined));
  });
  if (child.exitCode === null) await new Promise((r) => child.once("exit", r));
  return result;
}

export interface DurableFloorResult {
  /** 16 concurrent runs: steps/s, and CPU ms per step of the app, the floor server and PostgreSQL */
  concStepsPerSec: number;
  cpuPerStepMs: { app: number; server: number; postgres: number };
  /** one run at a time: per-step overhead p50 / p95 (ms) */
  stepP50Ms: number;
  stepP95Ms: number;
}

/**
 * The durable floor: the engine's exact workload and driver (runs started by an event POSTed
 * by this process, 16 in flight, then one at a time), against bench/engine/durable-floor.ts,
 * which does the least any durable engine must: one INSERT for the event and one per
 * checkpoint, each committed before it answers, and nothing else (no queue, no lease, no run
 * record). No durable engine speaking this protocol to this SDK can do better here.
 */
export async function benchDurableFloor(serverUrl: string, log: (s: string) => void): Promise<DurableFloorResult> {
  const dbName = "bench_durable_floor";
  const url = await freshDatabase(serverUrl, dbName);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const drive = workloadDriver(base);
  const client = new Inngest({ id: "floor", isDev: true, baseUrl: base });
  const ten = client.createFunction({ id: "ten", triggers: [{ event: "bench/ten" }] }, async ({ step, event }) => {
    const id = event.data.id as string;
    await tenStampedSteps(step, id, drive.stampsByRun);
    drive.fire(id, performance.now());
    return "ok";
  });
  const handler = serve({ client, functions: [ten] });
  const app = http.createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => app.listen(0, "127.0.0.1", () => r()));
  const appUrl = `http://127.0.0.1:${(app.address() as net.AddressInfo).port}/api/inngest`;
  const server = await startDurableFloor(url, port, appUrl, "floor-ten");
  try {
    await drive.concurrently(CONC_WARMUP);
    const { stepsPerSec: concStepsPerSec, cpuPerStepMs } = await drive.measureConcurrent(server.pid!);
    for (let i = 0; i < SEQ_WARMUP; i++) await drive.runTen();
    const ids: string[] = [];
    for (let i = 0; i < SEQ_RUNS; i++) ids.push(await drive.runTen());
    const deltas = drive.stepGaps(ids);
    const out: DurableFloorResult = { concStepsPerSec, cpuPerStepMs, stepP50Ms: percentile(deltas, 50), stepP95Ms: percentile(deltas, 95) };
    log(`durable floor: ${concStepsPerSec.toFixed(0)} steps/s at ${CONCURRENCY} concurrent; CPU ms/step app ${cpuPerStepMs.app.toFixed(2)}, server ${cpuPerStepMs.server.toFixed(2)}, postgres ${cpuPerStepMs.postgres.toFixed(2)}; one run at a time p50 ${out.stepP50Ms.toFixed(2)} ms/step`);
    return out;
  } finally {
    await stopProcess(server);
    await new Promise((r) => app.close(r));
    app.closeAllConnections();
    await dropDatabase(serverUrl, dbName);
  }
}
