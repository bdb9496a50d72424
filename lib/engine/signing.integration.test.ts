/**
 * Cloud-mode SDK against a signing engine: call requests and in-band sync must carry a
 * valid signature (the SDK rejects anything else), and SDK → engine requests must carry
 * the hashed key.
 */
import { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashSigningKey } from "./signing";
import { createHarness, serveApp, type Harness, type TestApp } from "./test-helpers";

const KEY = "signkey-test-" + "5e".repeat(32);
let h: Harness;
let app: TestApp;
let client: Inngest;

beforeAll(async () => {
  h = await createHarness("signed", { signingKey: KEY, eventKey: "evkey" });
  client = new Inngest({ id: "signed", isDev: false, signingKey: KEY, eventKey: "evkey", baseUrl: h.engine.url });
  const fn = client.createFunction({ id: "steps", triggers: [{ event: "signed/go" }] }, async ({ step }) => {
    const a = await step.run("a", () => 1);
    const b = await step.run("b", () => 2);
    return a + b;
  });
  app = await serveApp(client, [fn]);
});
afterAll(async () => {
  await app?.close();
  await h?.close();
});

describe("signing", () => {
  it("syncs in-band and runs steps with signed requests", async () => {
    await h.engine.syncApp(app.url);
    const { ids } = await client.send({ name: "signed/go" });
    const bearer = { authorization: `Bearer ${hashSigningKey(KEY)}` };
    const run = await h.waitFor(
      async () => ((await (await fetch(`${h.engine.url}/v1/events/${ids[0]}/runs`, { headers: bearer })).json()) as { data: { status: string; output: unknown }[] }).data,
      (rs) => rs[0]?.status === "completed",
    );
    expect(run[0]!.output).toBe(3);
  });

  it("registers out-of-band when the SDK is asked to (PUT to its URL)", async () => {
    const res = await fetch(app.url, { method: "PUT" });
    expect(res.status).toBe(200);
  });

  it("rejects SDK/admin requests without the key and events with a wrong event key", async () => {
    const reg = await fetch(`${h.engine.url}/fn/register`, { method: "POST", headers: { authorization: "Bearer undefined" }, body: "{}" });
    expect(reg.status).toBe(401);
    expect((await fetch(`${h.engine.url}/v1/runs/x`)).status).toBe(401);
    const ev = await fetch(`${h.engine.url}/e/wrong`, { method: "POST", body: JSON.stringify({ name: "x" }) });
    expect(ev.status).toBe(401);
  });
});
