/**
 * Crash loop: 20 times, start a 20-step run (each step calls a counting stub), SIGKILL
 * the engine process at a random moment and restart it. Every run must complete with the
 * right output; every step's side effect happens once, except a step in flight at a kill,
 * which may happen once more.
 */
import type { ChildProcess } from "node:child_process";
import { Inngest } from "inngest";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { countingStub, freePort, kill, spawnEngine, type CountingStub } from "./reliability-helpers";
import { serveApp, type TestApp } from "./test-helpers";

const ITERATIONS = 20;
const STEPS = 20;
let db: TestDatabase;
let stub: CountingStub;
let app: TestApp;
let port: number;
let child: ChildProcess | null = null;
const env = () => ({
  DATABASE_URL: db.url,
  ENGINE_WORKER_ID: "crash-loop-worker", // a restart takes back its predecessor's leases at once
  // long enough that a heartbeat delayed by a busy machine never expires a lease: recovery
  // after SIGKILL comes from the restarted worker taking back its own leases
  ENGINE_LEASE_MS: "20000",
  ENGINE_POLL_MS: "200",
  ENGINE_RETRY_BASE_MS: "50",
});

beforeAll(async () => {
  db = await createTestDatabase("engine", { empty: true });
  stub = await countingStub(8);
  port = await freePort();
  const client = new Inngest({ id: "crash", isDev: true, baseUrl: `http://127.0.0.1:${port}` });
  const fn = client.createFunction({ id: "twenty", triggers: [{ event: "crash/go" }] }, async ({ step, event }) => {
    let sum = 0;
    for (let i = 1; i <= STEPS; i++) {
      sum += await step.run(`s${i}`, async () => {
        await fetch(`${stub.url}?k=${event.data.tag}:${i}`);
        return i;
      });
    }
    return { sum };
  });
  app = await serveApp(client, [fn]);
  child = await spawnEngine(env(), port);
  const res = await fetch(`http://127.0.0.1:${port}/v0/apps/sync`, { method: "POST", body: JSON.stringify({ url: app.url }) });
  expect(res.status).toBe(200);
});

afterAll(async () => {
  if (child) await kill(child);
  await app?.close();
  await stub?.close();
  await db?.drop();
});

async function runsOf(eventId: string): Promise<{ status: string; output: unknown }[]> {
  const res = await fetch(`http://127.0.0.1:${port}/v1/events/${eventId}/runs`);
  return ((await res.json()) as { data: { status: string; output: unknown }[] }).data;
}

it("survives SIGKILL at random moments: every run completes, a step repeats only if in flight at the kill", { timeout: 240_000 }, async () => {
  let killedMidRun = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/e/k`, { method: "POST", body: JSON.stringify({ name: "crash/go", data: { tag: `r${i}` } }) });
    const eventId = ((await res.json()) as { ids: string[] }).ids[0]!;
    await new Promise((r) => setTimeout(r, Math.random() * 300));
    await kill(child!);
    const done = Array.from({ length: STEPS }, (_, s) => stub.counts.get(`r${i}:${s + 1}`) ?? 0).filter((n) => n > 0).length;
    if (done > 0 && done < STEPS) killedMidRun++;
    child = await spawnEngine(env(), port);
    // One kill per run: wait for this run to finish before the next iteration.
    const until = Date.now() + 30_000;
    let runs = await runsOf(eventId);
    while (!(runs.length === 1 && runs[0]!.status === "completed") && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
      runs = await runsOf(eventId);
    }
    expect(runs.map((r) => r.status), `run r${i}`).toEqual(["completed"]);
    expect(runs[0]!.output).toEqual({ sum: (STEPS * (STEPS + 1)) / 2 });
    const perStep = Array.from({ length: STEPS }, (_, s) => stub.counts.get(`r${i}:${s + 1}`) ?? 0);
    if (process.env.CRASH_DEBUG) console.log(`r${i}`, perStep.join(""));
    expect(perStep.every((n) => n >= 1 && n <= 2), `run r${i} side effects ${perStep.join(",")}`).toBe(true);
    expect(perStep.filter((n) => n === 2).length, `run r${i}: more than the in-flight step repeated (${perStep.join(",")})`).toBeLessThanOrEqual(1);
  }
  // The test must actually have interrupted runs, or it proves nothing.
  expect(killedMidRun).toBeGreaterThanOrEqual(3);
});
