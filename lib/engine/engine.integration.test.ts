import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./test-helpers";

let h: Harness;
beforeAll(async () => {
  h = await createHarness("core");
});
afterAll(async () => h?.close());

describe("core protocol", () => {
  it("runs a 10-step function to completion with one call (checkpointing)", async () => {
    const fn = h.client.createFunction({ id: "ten", triggers: [{ event: "core/ten" }] }, async ({ step, event }) => {
      let acc = 0;
      for (let i = 1; i <= 10; i++) acc += await step.run(`s${i}`, () => i * (event.data.mul as number));
      return { acc };
    });
    const app = await h.serve([fn]);
    const [id] = await h.send({ name: "core/ten", data: { mul: 2 } });
    const [run] = await h.finished(id!);
    expect(run!.status).toBe("completed");
    expect(run!.output).toEqual({ acc: 110 });
    expect(run!.steps).toBe(10);
    expect(app.calls()).toBe(1); // all sequential steps checkpointed within one call
  });
});

describe("start-up sync", () => {
  it("syncs every app in appUrls once it comes up (retrying with backoff)", async () => {
    const { createTestDatabase } = await import("../testing/test-database");
    const { startEngine } = await import("./engine");
    const { serveApp } = await import("./test-helpers");
    const { Inngest } = await import("inngest");
    const { freePort } = await import("./reliability-helpers");
    const db = await createTestDatabase("engine", { empty: true });
    const appPort = await freePort();
    const appUrl = `http://127.0.0.1:${appPort}/api/inngest`;
    // the app is not up yet when the engine starts
    const engine = await startEngine({ databaseUrl: db.url, port: 0, appUrls: [appUrl] });
    const client = new Inngest({ id: "late", isDev: true, baseUrl: engine.url });
    const fn = client.createFunction({ id: "hello", triggers: [{ event: "late/hello" }] }, async () => "hi");
    await new Promise((r) => setTimeout(r, 600));
    const app = await serveApp(client, [fn], appPort);
    try {
      const until = Date.now() + 20_000;
      let output: unknown;
      while (Date.now() < until && output !== "hi") {
        const res = await fetch(`${engine.url}/e/k`, { method: "POST", body: JSON.stringify({ name: "late/hello" }) });
        const [id] = ((await res.json()) as { ids: string[] }).ids;
        await new Promise((r) => setTimeout(r, 300));
        const runs = ((await (await fetch(`${engine.url}/v1/events/${id}/runs`)).json()) as { data: { output: unknown }[] }).data;
        output = runs[0]?.output;
      }
      expect(output).toBe("hi");
    } finally {
      await engine.stop(1000);
      await app.close();
      await db.drop();
    }
  });
});
