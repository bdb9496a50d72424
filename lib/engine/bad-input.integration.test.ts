/**
 * Bad input never crashes the engine or leaves a run stuck: malformed events get clear
 * 4xx errors, and runs whose app misbehaves end as failed with an explanatory error.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./test-helpers";

let h: Harness;
let html: http.Server;
let htmlUrl: string;
let realApp: string;

const post = (path: string, body: string | object, headers: Record<string, string> = {}) =>
  fetch(`${h.engine.url}${path}`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });

/** A hand-written function config, as an SDK would register it. */
const fnConfig = (id: string, url: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: id,
  triggers: [{ event: `bad/${id}` }],
  steps: { step: { id: "step", name: "step", runtime: { type: "http", url: `${url}?fnId=${id}&stepId=step` }, retries: { attempts: 1 } } },
  ...extra,
});

beforeAll(async () => {
  h = await createHarness("bad");
  html = http.createServer((_req, res) => {
    res.writeHead(502, { "content-type": "text/html" });
    res.end("<html>bad gateway</html>");
  });
  await new Promise<void>((r) => html.listen(0, "127.0.0.1", () => r()));
  htmlUrl = `http://127.0.0.1:${(html.address() as AddressInfo).port}/api/inngest`;
  const app = await h.serve([h.client.createFunction({ id: "fine", triggers: [{ event: "bad/fine" }] }, async () => "fine")]);
  realApp = app.url;
});
afterAll(async () => {
  await h?.close();
  html?.close();
});

describe("event API input", () => {
  it("rejects malformed JSON and missing names with 400 and a reason", async () => {
    const a = await post("/e/k", "{not json");
    expect(a.status).toBe(400);
    expect(((await a.json()) as { error: string }).error).toMatch(/not valid JSON/);
    const b = await post("/e/k", [{ name: "ok" }, { data: {} }]);
    expect(b.status).toBe(400);
    expect(((await b.json()) as { error: string }).error).toMatch(/event 1 has no "name"/);
  });

  it("rejects oversized events and requests with 413 naming the limit", async () => {
    const one = await post("/e/k", { name: "bad/big", data: { s: "x".repeat(600 * 1024) } });
    expect(one.status).toBe(413);
    expect(((await one.json()) as { error: string }).error).toMatch(/524288 bytes/);
    const many = await post("/e/k", Array.from({ length: 8 }, () => ({ name: "bad/big", data: { s: "x".repeat(400 * 1024) } })));
    expect(many.status).toBe(413);
    expect(((await many.json()) as { error: string }).error).toMatch(/limit/);
  });

  it("de-duplicates events by id", async () => {
    const [a] = await h.send({ name: "bad/fine", id: "dup-1" });
    const [b] = await h.send({ name: "bad/fine", id: "dup-1" });
    expect(b).toBe(a);
    expect(await h.finished(a!)).toHaveLength(1);
  });

  it("answers unknown routes with 404", async () => {
    expect((await fetch(`${h.engine.url}/nope`)).status).toBe(404);
    expect((await fetch(`${h.engine.url}/v1/runs/missing`)).status).toBe(404);
  });
});

describe("sync input", () => {
  it("rejects a config with an invalid expression, naming it", async () => {
    const res = await post("/fn/register", { url: realApp, appName: "bad-cfg", functions: [fnConfig("x", realApp, { idempotency: "event.data.(" })] });
    const body = (await res.json()) as { status: number; error: string };
    expect(body.status).toBe(400);
    expect(body.error).toMatch(/Invalid CEL expression/);
  });

  it("reports an in-band sync to something that is not an app", async () => {
    const res = await post("/v0/apps/sync", { url: htmlUrl });
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: string }).error).toMatch(/non-JSON/);
  });
});

describe("misbehaving apps end in failed runs", () => {
  beforeAll(async () => {
    const res = await post("/fn/register", {
      url: htmlUrl,
      appName: "broken",
      functions: [
        fnConfig("html", htmlUrl),
        fnConfig("down", "http://127.0.0.1:9/api/inngest"),
        fnConfig("ghost", realApp),
        fnConfig("removed", realApp, { debounce: { period: "1s" } }),
      ],
    });
    expect(res.status).toBe(200);
  });

  it("fails a run whose app answers non-JSON, with the reason", async () => {
    const [id] = await h.send({ name: "bad/html" });
    const [run] = await h.finished(id!);
    expect(run!.status).toBe("failed");
    expect(run!.error?.message).toMatch(/not JSON.*bad gateway/);
  });

  it("fails a run whose app is unreachable", async () => {
    const [id] = await h.send({ name: "bad/down" });
    const [run] = await h.finished(id!);
    expect(run!.status).toBe("failed");
    expect(run!.error?.message).toMatch(/Could not call the app/);
  });

  it("fails a run for a function the SDK does not know", async () => {
    const [id] = await h.send({ name: "bad/ghost" });
    const [run] = await h.finished(id!);
    expect(run!.status).toBe("failed");
    expect(run!.error?.message).toMatch(/not found/i);
  });

  it("fails a queued run whose function was removed by a re-sync", async () => {
    const [id] = await h.send({ name: "bad/removed" });
    const res = await post("/fn/register", { url: htmlUrl, appName: "broken", functions: [fnConfig("html", htmlUrl)] });
    expect(((await res.json()) as { modified: boolean }).modified).toBe(true);
    const [run] = await h.finished(id!, 1, 10_000);
    expect(run!.status).toBe("failed");
    expect(run!.error?.message).toMatch(/not served by any synced app/);
  });
});
