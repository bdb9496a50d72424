/**
 * Protocol probe (diagnostics, not part of the table): runs the bench's 10-step function
 * against the engine process (or, with PROBE_NULL=1, the null engine) and prints steps/s and
 * the app process's CPU per step; PROBE_COUNT=1 also counts, in the app process, the call
 * requests it serves (status, ops, sizes) and the requests the SDK sends back (checkpoints).
 * PROBE_WARM (5): warm-up runs; PROBE_SENDONLY=1: the app's CPU for sending events alone.
 * `npx tsx bench/engine/probe.ts [runs] [concurrency]`
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type net from "node:net";
import path from "node:path";
import { Inngest } from "inngest";
import { serve } from "inngest/node";
import { startEmbeddedPostgres } from "../../lib/db/embedded-postgres";
import { freePort, freshDatabase, sleep } from "./lib";

const RUNS = Number(process.argv[2] ?? 64);
const CONC = Number(process.argv[3] ?? 16);

const counts = new Map<string, number>();
const bump = (k: string, n = 1) => counts.set(k, (counts.get(k) ?? 0) + n);

const realFetch = globalThis.fetch;
if (process.env.PROBE_COUNT) globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
  const u = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
  const p = u.pathname.replace(/\/v1\/checkpoint\/[^/]+/, "/v1/checkpoint/:run");
  bump(`sdk→ ${init?.method ?? "GET"} ${p}`);
  if (typeof init?.body === "string") bump(`sdk→ bytes ${p}`, init.body.length);
  const res = await realFetch(input, init);
  bump(`sdk← ${p} ${res.status}`);
  return res;
}) as typeof fetch;

const pgdb = await startEmbeddedPostgres({ dataDir: path.resolve(".data/probe-pg"), port: await freePort(), database: "probe" });
let engine: ChildProcess | undefined;
try {
  const url = await freshDatabase(pgdb.url, "probe_engine");
  const port = await freePort();
  const extra = process.env.PROBE_ENGINE_ARGS ? process.env.PROBE_ENGINE_ARGS.split(" ") : [];
  engine = spawn(process.execPath, [...extra, "--import", "tsx", path.resolve("scripts/engine.ts")], {
    env: { ...process.env, DATABASE_URL: url, ENGINE_PORT: String(port), ENGINE_LOG_LEVEL: process.env.PROBE_LOG ?? "warn", ENGINE_CONCURRENCY: "32" },
    stdio: ["ignore", process.env.PROBE_LOG ? "inherit" : "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 400; i++) {
    try {
      if ((await realFetch(`${base}/health`)).ok) break;
    } catch {}
    await sleep(50);
  }
  const waiters = new Map<string, () => void>();
  const client = new Inngest({ id: "bench", isDev: true, baseUrl: base });
  const ten = client.createFunction({ id: "ten", triggers: [{ event: "bench/ten" }] }, async ({ step, event }) => {
    for (let i = 0; i < 10; i++) await step.run(`s${i}`, () => i);
    waiters.get(event.data.id as string)?.();
    return "ok";
  });
  const handler = serve({ client, functions: [ten] });
  const app = http.createServer((req, res) => {
    const q = new URL(req.url!, "http://x").searchParams;
    const inBytes = Number(req.headers["content-length"] ?? 0);
    const end = res.end.bind(res);
    (res as unknown as { end: (...a: unknown[]) => unknown }).end = (chunk?: unknown, ...rest: unknown[]) => {
      const body = typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) ? chunk.toString() : "";
      let ops = "";
      try {
        const j = JSON.parse(body);
        if (Array.isArray(j)) ops = j.map((o: { op: string }) => o.op).join("+");
      } catch {}
      bump(`app← ${req.method} stepId=${q.get("stepId") === "step" ? "step" : q.get("stepId") ? "<hash>" : "-"} → ${res.statusCode} ${ops}`);
      bump("app← bytes in", inBytes);
      bump("app→ bytes out", body.length);
      return end(chunk as never, ...(rest as []));
    };
    void handler(req, res);
  });
  await new Promise<void>((r) => app.listen(0, "127.0.0.1", () => r()));
  const appUrl = `http://127.0.0.1:${(app.address() as net.AddressInfo).port}/api/inngest`;
  if (process.env.PROBE_NULL) {
    // the same app against the null engine, checkpoints pointed at it
    engine.kill("SIGTERM");
    await sleep(300);
    const child = spawn(process.execPath, ["--import", "tsx", path.resolve("bench/engine/null-engine.ts")], {
      env: { ...process.env, NULL_PORT: String(port), NULL_APP_URL: appUrl, NULL_FN_ID: "bench-ten", NULL_RUNS: String(RUNS), NULL_CONCURRENCY: String(CONC) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    let cpu0: NodeJS.CpuUsage | undefined;
    await new Promise<void>((resolve) => {
      child.stdout!.on("data", (d: Buffer) => {
        out += d.toString();
        if (!cpu0 && out.includes("START\n")) {
          cpu0 = process.cpuUsage();
          counts.clear();
        }
        const line = out.split("\n").find((l) => l.startsWith("RESULT "));
        if (line && cpu0) {
          const cpu = process.cpuUsage(cpu0);
          const r = JSON.parse(line.slice(7)) as { ms: number; serverCpuMs: number };
          console.log(`NULL ${RUNS} runs at ${CONC}: ${((RUNS * 10) / (r.ms / 1000)).toFixed(0)} steps/s, app CPU ${((cpu.user + cpu.system) / 1000 / (RUNS * 10)).toFixed(3)} ms/step (user ${(cpu.user / 1000 / (RUNS * 10)).toFixed(3)}, sys ${(cpu.system / 1000 / (RUNS * 10)).toFixed(3)}), server ${(r.serverCpuMs / RUNS / 10).toFixed(3)}`);
          resolve();
        }
      });
    });
    for (const [k, v] of [...counts].sort()) console.log(`${k.padEnd(60)} ${v}  (${(v / RUNS).toFixed(2)}/run)`);
    await new Promise((r) => app.close(r));
    app.closeAllConnections();
    process.exit(0);
  }
  const sync = await realFetch(`${base}/v0/apps/sync`, { method: "POST", body: JSON.stringify({ url: appUrl }) });
  if (!sync.ok) throw new Error(await sync.text());
  let seq = 0;
  const runOne = async () => {
    const id = `r${seq++}`;
    const done = new Promise<void>((r) => waiters.set(id, r));
    await realFetch(`${base}/e/bench`, { method: "POST", body: JSON.stringify({ name: "bench/ten", data: { id } }) });
    await done;
  };
  for (let i = 0; i < Number(process.env.PROBE_WARM ?? 5); i++) await runOne();
  if (process.env.PROBE_SENDONLY) {
    // what the app process spends on sending the events alone (no function matches)
    let n = RUNS;
    const c0 = process.cpuUsage();
    await Promise.all(Array.from({ length: CONC }, async () => {
      while (n-- > 0) await realFetch(`${base}/e/bench`, { method: "POST", body: JSON.stringify({ name: "bench/none", data: { id: n } }) });
    }));
    const c = process.cpuUsage(c0);
    console.log(`send only: ${((c.user + c.system) / 1000 / RUNS).toFixed(3)} ms per event = ${((c.user + c.system) / 1000 / RUNS / 10).toFixed(3)} ms per step`);
  }
  counts.clear();
  let left = RUNS;
  const procStat = (pid: number) => {
    const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    const st = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const n = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(st)?.[1] ?? 0);
    return { user: Number(f[11]) * 10, sys: Number(f[12]) * 10, vcs: n("voluntary_ctxt_switches"), ivcs: n("nonvoluntary_ctxt_switches") };
  };
  const byTitle = new Map<string, number>();
  let sign = -1;
  const pgStat = () => {
    const pm = Number(fs.readFileSync(path.resolve(".data/probe-pg/postmaster.pid"), "utf8").split("\n")[0]);
    let user = 0, sys = 0;
    for (const d of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const f = fs.readFileSync(`/proc/${d}/stat`, "utf8").split(") ")[1]!.split(" ");
        if (Number(d) !== pm && Number(f[1]) !== pm) continue;
        user += Number(f[11]) * 10;
        sys += Number(f[12]) * 10;
        const title = fs.readFileSync(`/proc/${d}/cmdline`, "utf8").replace(/\0/g, " ").trim().replace(/ \S+\(\d+\).*$/, "").slice(0, 40);
        byTitle.set(title, (byTitle.get(title) ?? 0) + (Number(f[11]) + Number(f[12])) * 10 * sign);
      } catch {}
    }
    return { user, sys };
  };
  const g0 = pgStat();
  const e0 = procStat(engine.pid!);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(Array.from({ length: CONC }, async () => { while (left-- > 0) await runOne(); }));
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const e1 = procStat(engine.pid!);
  sign = 1;
  const g1 = pgStat();
  if (process.env.PROBE_PGPROCS) for (const [k, v] of [...byTitle].sort((a, b) => b[1] - a[1])) if (v > 0) console.log(`  pg ${k}: ${(v / RUNS / 10).toFixed(3)} ms/step`);
  const steps = RUNS * 10;
  console.log(`postgres: user ${((g1.user - g0.user) / RUNS / 10).toFixed(3)} sys ${((g1.sys - g0.sys) / RUNS / 10).toFixed(3)} ms/step`);
  console.log(`engine: user ${((e1.user - e0.user) / steps).toFixed(3)} sys ${((e1.sys - e0.sys) / steps).toFixed(3)} ms/step; context switches/step voluntary ${((e1.vcs - e0.vcs) / steps).toFixed(2)} involuntary ${((e1.ivcs - e0.ivcs) / steps).toFixed(2)}`);
  await sleep(200);
  console.log(`${RUNS} runs at ${CONC}: ${((RUNS * 10) / (ms / 1000)).toFixed(0)} steps/s, app CPU ${((cpu.user + cpu.system) / 1000 / (RUNS * 10)).toFixed(3)} ms/step (user ${(cpu.user / 1000 / (RUNS * 10)).toFixed(3)}, sys ${(cpu.system / 1000 / (RUNS * 10)).toFixed(3)})`);
  for (const [k, v] of [...counts].sort()) console.log(`${k.padEnd(60)} ${v}  (${(v / RUNS).toFixed(2)}/run)`);
  await new Promise((r) => app.close(r));
  app.closeAllConnections();
} finally {
  if (engine) {
    const e = engine;
    await new Promise<void>((r) => { e.once("exit", () => r()); e.kill("SIGTERM"); });
  }
  await pgdb.stop();
}
