/**
 * PostgreSQL restart under load: a dedicated embedded PostgreSQL is stopped and started
 * again while runs are in flight. The engine must not crash, must reconnect (pool and
 * LISTEN), and every run must complete with each step's side effect at most once more.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Inngest } from "inngest";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../db/embedded-postgres";
import { startEngine, type RunningEngine } from "./engine";
import { countingStub, freePort, type CountingStub } from "./reliability-helpers";
import { serveApp, type TestApp } from "./test-helpers";

const RUNS = 12;
const STEPS = 10;
let dataDir: string;
let pgPort: number;
let pgServer: EmbeddedDatabase;
let engine: RunningEngine;
let stub: CountingStub;
let app: TestApp;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-pg-"));
  fs.chmodSync(dataDir, 0o755); // initdb runs as the "postgres" user when we are root
  pgPort = await freePort();
  pgServer = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), port: pgPort, database: "engine" });
  engine = await startEngine({
    databaseUrl: pgServer.url,
    port: 0,
    workerId: "pg-restart-worker",
    // leases long enough not to expire on a busy machine: items whose settle failed while the
    // database was away are handed back by the worker itself once it is reachable again
    options: { leaseMs: 20_000, pollMs: 200, retryBaseMs: 100 },
  });
  stub = await countingStub(40);
  const client = new Inngest({ id: "pgr", isDev: true, baseUrl: engine.url });
  const fn = client.createFunction({ id: "steps", triggers: [{ event: "pgr/go" }] }, async ({ step, event }) => {
    let sum = 0;
    for (let i = 1; i <= STEPS; i++) {
      sum += await step.run(`s${i}`, async () => {
        await fetch(`${stub.url}?k=${event.data.tag}:${i}`);
        return i;
      });
      if (i === 5) await step.sleep("pause", "1s");
    }
    return sum;
  });
  app = await serveApp(client, [fn]);
  await engine.syncApp(app.url);
}, 60_000);

afterAll(async () => {
  await engine?.stop(1000);
  await app?.close();
  await stub?.close();
  await pgServer?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it("reconnects after PostgreSQL restarts and loses nothing", { timeout: 90_000 }, async () => {
  const res = await fetch(`${engine.url}/e/k`, {
    method: "POST",
    body: JSON.stringify(Array.from({ length: RUNS }, (_, i) => ({ name: "pgr/go", data: { tag: `t${i}` } }))),
  });
  const { ids } = (await res.json()) as { ids: string[] };
  // Stop the database as soon as steps are running (not at a fixed time: the machine may be slow).
  const started = Date.now();
  while (!Array.from({ length: RUNS }, (_, i) => stub.counts.get(`t${i}:1`) ?? 0).some((n) => n > 0) && Date.now() - started < 20_000) {
    await new Promise((r) => setTimeout(r, 5));
  }
  const inFlight = Array.from({ length: RUNS }, (_, i) => stub.counts.get(`t${i}:1`) ?? 0).filter((n) => n > 0).length;
  await pgServer.stop();
  // Steps were running when the database went away, or the test proves little.
  expect(inFlight).toBeGreaterThan(0);
  const down = await fetch(`${engine.url}/health`);
  expect(down.status).toBe(503); // the engine is alive and says the database is not
  await new Promise((r) => setTimeout(r, 1500));
  pgServer = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), port: pgPort, database: "engine" });

  // Events sent after the restart are accepted again.
  const after = await fetch(`${engine.url}/e/k`, { method: "POST", body: JSON.stringify({ name: "pgr/go", data: { tag: "late" } }) });
  expect(after.status).toBe(200);
  ids.push(((await after.json()) as { ids: string[] }).ids[0]!);

  const until = Date.now() + 60_000;
  let runs: { status: string; output: unknown }[] = [];
  while (Date.now() < until) {
    runs = [];
    for (const id of ids) runs.push(...((await (await fetch(`${engine.url}/v1/events/${id}/runs`)).json()) as { data: typeof runs }).data);
    if (runs.length === ids.length && runs.every((r) => r.status === "completed")) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(runs.map((r) => r.status)).toEqual(Array(ids.length).fill("completed"));
  for (const r of runs) expect(r.output).toBe((STEPS * (STEPS + 1)) / 2);
  for (const tag of [...Array.from({ length: RUNS }, (_, i) => `t${i}`), "late"]) {
    const perStep = Array.from({ length: STEPS }, (_, s) => stub.counts.get(`${tag}:${s + 1}`) ?? 0);
    expect(perStep.every((n) => n >= 1 && n <= 2), `${tag}: ${perStep.join(",")}`).toBe(true);
    expect(perStep.filter((n) => n === 2).length, `${tag}: ${perStep.join(",")}`).toBeLessThanOrEqual(1);
  }
  const health = (await (await fetch(`${engine.url}/health`)).json()) as { db: string };
  expect(health.db).toBe("ok");
});
