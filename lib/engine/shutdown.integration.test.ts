/**
 * Graceful shutdown of the engine process (SIGTERM): it stops claiming, lets the call in
 * flight finish (its checkpoints still land), exits 0, and a restarted engine finishes
 * the run without repeating any step.
 */
import { Inngest } from "inngest";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { countingStub, freePort, spawnEngine, type CountingStub } from "./reliability-helpers";
import { serveApp, type TestApp } from "./test-helpers";

let db: TestDatabase;
let stub: CountingStub;
let app: TestApp;
let port: number;

beforeAll(async () => {
  db = await createTestDatabase("engine", { empty: true });
  stub = await countingStub(0);
  port = await freePort();
  const client = new Inngest({ id: "stop", isDev: true, baseUrl: `http://127.0.0.1:${port}` });
  const fn = client.createFunction({ id: "slow", triggers: [{ event: "stop/go" }] }, async ({ step }) => {
    for (let i = 1; i <= 4; i++) {
      await step.run(`s${i}`, async () => {
        await fetch(`${stub.url}?k=s${i}`);
        await new Promise((r) => setTimeout(r, 400));
        return i;
      });
    }
    await step.sleep("later", "1s");
    return "done";
  });
  app = await serveApp(client, [fn]);
});
afterAll(async () => {
  await app?.close();
  await stub?.close();
  await db?.drop();
});

it("finishes the call in flight on SIGTERM, exits 0, and a restart completes the run", { timeout: 60_000 }, async () => {
  const env = { DATABASE_URL: db.url, ENGINE_POLL_MS: "200" };
  let child = await spawnEngine(env, port);
  const base = `http://127.0.0.1:${port}`;
  expect((await fetch(`${base}/v0/apps/sync`, { method: "POST", body: JSON.stringify({ url: app.url }) })).status).toBe(200);
  const res = await fetch(`${base}/e/k`, { method: "POST", body: JSON.stringify({ name: "stop/go" }) });
  const [eventId] = ((await res.json()) as { ids: string[] }).ids;
  while (!stub.counts.get("s1")) await new Promise((r) => setTimeout(r, 20));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  child.kill("SIGTERM");
  expect(await exited).toBe(0);
  // the call in flight ran to its sleep before the process left
  expect(stub.counts.get("s4")).toBe(1);

  child = await spawnEngine(env, port);
  try {
    const until = Date.now() + 20_000;
    let run: { status: string; output: unknown } | undefined;
    while (Date.now() < until) {
      run = ((await (await fetch(`${base}/v1/events/${eventId}/runs`)).json()) as { data: { status: string; output: unknown }[] }).data[0];
      if (run?.status === "completed") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(run).toMatchObject({ status: "completed", output: "done" });
    expect([1, 2, 3, 4].map((i) => stub.counts.get(`s${i}`))).toEqual([1, 1, 1, 1]);
  } finally {
    child.kill("SIGKILL");
  }
});
