/**
 * The LLM gateway as the web process serves it (in front of Next.js, cache on), called by the
 * official `openai` client over real HTTP, against a provider stub on 127.0.0.1: chat
 * completions (whole and streamed), responses and embeddings metered; changes to keys and
 * budgets applying to the next calls; no overshoot under 32 parallel calls; and a process
 * killed between reserving and settling, whose reservation expires and is released.
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "../use-test-database";
import { startOpenAIStub, type ApiStub } from "../stubs/openai-stub";
import { startAnthropicStub } from "../stubs/anthropic-stub";
import { getPrisma } from "../../lib/db/client";
import { encryptSecret } from "../../lib/crypto";
import { newId } from "../../lib/ids";
import { usd } from "../../lib/finops/money";
import { gatewayConfigCache } from "../../lib/finops/gateway/config-cache";
import { handleGateway } from "../../lib/finops/gateway/serve-node";
import { releaseAllExpiredReservations } from "../../lib/finops/release-expired-reservations";
import { costIdFor } from "../../lib/finops/settle-reservation";
import { makeApiKey, makeTenant } from "../../prisma/factories";

const db = useTestDatabase("gateway-server");

let tenant: Awaited<ReturnType<typeof makeTenant>>;
let stub: ApiStub;
let anthropic: ApiStub;
let server: http.Server;
let base: string;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(20);
  }
}

function serve(): http.Server {
  return http.createServer((req, res) => {
    if (!handleGateway(req, res)) res.writeHead(404).end();
  });
}

beforeAll(async () => {
  stub = await startOpenAIStub({ usage: { inputTokens: 120, outputTokens: 30, cachedTokens: 0 } });
  anthropic = await startAnthropicStub({ usage: { inputTokens: 500, outputTokens: 80, cachedTokens: 100 } });
  tenant = await makeTenant("Gateway Server Co");
  for (const [provider, url] of [["openai", stub.url], ["anthropic", anthropic.url]] as const) {
    await getPrisma().providerCredential.create({
      data: { id: newId("providerCredential"), workspaceId: tenant.workspace.id, provider, baseUrl: url, encryptedKey: encryptSecret(`upstream-${provider}-key`), keyHint: "-key" },
    });
  }
  gatewayConfigCache().enable();
  await until("the gateway cache to listen", async () => gatewayConfigCache().active);
  server = serve();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/llm/openai/v1`;
});
afterAll(async () => {
  if (server) await new Promise((r) => server.close(r));
  await stub?.close();
  await anthropic?.close();
});
beforeEach(() => stub.reset());

const client = (headers: Record<string, string> = {}, key = tenant.apiKey.key) => new OpenAI({ apiKey: key, baseURL: base, maxRetries: 0, defaultHeaders: headers });
const costsOf = (agent: string) => getPrisma().costEntry.findMany({ where: { workspaceId: tenant.workspace.id, agent }, orderBy: { occurredAt: "asc" } });

describe("the gateway in front of Next.js", () => {
  it("answers the official openai client on chat completions, whole and streamed, and meters each with its attribution", async () => {
    stub.enqueue({ text: "Quote accepted." });
    const { data, response } = await client({ "x-switchyard-agent": "crew-buyer", "x-switchyard-tags": "eu,procurement", "x-switchyard-customer": "PR-2291" })
      .chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Accept the ACME quote?" }], max_tokens: 200 })
      .withResponse();
    expect(data.choices[0]!.message.content).toBe("Quote accepted.");
    // 120 × $0.15 + 30 × $0.6 per MTok
    expect(response.headers.get("x-switchyard-cost-usd")).toBe("0.000036");
    expect(response.headers.get("x-switchyard-model")).toBe("openai:gpt-4o-mini");
    expect(stub.requests[0]!.headers.authorization).toBe("Bearer upstream-openai-key");
    const [row] = await costsOf("crew-buyer");
    expect(row).toMatchObject({ model: "openai:gpt-4o-mini", tags: ["eu", "procurement"], customerKey: "PR-2291", apiKeyId: tenant.apiKey.id, inputTokens: 120, outputTokens: 30, success: true });
    expect(row!.costUsd.toString()).toBe("0.000036");
    // the roll-ups the reports read moved with it
    const daily = await getPrisma().costDaily.findFirstOrThrow({ where: { workspaceId: tenant.workspace.id, agent: "crew-buyer" } });
    expect({ calls: Number(daily.calls), inputTokens: Number(daily.inputTokens), outputTokens: Number(daily.outputTokens) }).toEqual({ calls: 1, inputTokens: 120, outputTokens: 30 });
    expect(await getPrisma().costDailyTag.count({ where: { workspaceId: tenant.workspace.id, tag: { in: ["eu", "procurement"] } } })).toBe(2);

    stub.enqueue({ text: "Streaming the reasons, one by one." });
    const stream = await client({ "x-switchyard-agent": "crew-streamer" }).chat.completions.create({ model: "gpt-4o-mini", stream: true, messages: [{ role: "user", content: "Why?" }] });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
    expect(text).toBe("Streaming the reasons, one by one.");
    const [streamed] = await until("the streamed call's ledger row", async () => (await costsOf("crew-streamer"))[0] && costsOf("crew-streamer"));
    expect(streamed).toMatchObject({ inputTokens: 120, outputTokens: 30, success: true });
  });

  it("serves the Responses API and embeddings with the same metering", async () => {
    stub.enqueue({ text: "Approved within the band." });
    const r = await client({ "x-switchyard-agent": "responder" }).responses.create({ model: "gpt-4o-mini", input: "Is the ACME quote within the band?", max_output_tokens: 100 });
    expect(r.output_text).toBe("Approved within the band.");
    expect(stub.requests[0]!.path).toBe("/v1/responses");
    expect((await costsOf("responder"))[0]).toMatchObject({ model: "openai:gpt-4o-mini", inputTokens: 120, outputTokens: 30, success: true });

    stub.enqueue({ text: "Streamed approval." });
    const events = await client({ "x-switchyard-agent": "responder-stream" }).responses.create({ model: "gpt-4o-mini", input: "Approve?", stream: true });
    const types: string[] = [];
    for await (const e of events) types.push(e.type);
    expect(types).toContain("response.completed");
    const [streamed] = await until("the streamed response's ledger row", async () => (await costsOf("responder-stream"))[0] && costsOf("responder-stream"));
    expect(streamed).toMatchObject({ inputTokens: 120, outputTokens: 30, success: true });

    stub.enqueue({ text: "" });
    const e = await client({ "x-switchyard-agent": "indexer" }).embeddings.create({ model: "text-embedding-3-small", input: ["ACME Industrial Supply", "40 pallets"] });
    expect(e.data).toHaveLength(2);
    const [row] = await costsOf("indexer");
    // $0.02 per MTok of input, nothing for output
    expect(row).toMatchObject({ model: "openai:text-embedding-3-small", inputTokens: 120, outputTokens: 0 });
    expect(row!.costUsd.toString()).toBe("0.0000024");
  });

  it("takes an Anthropic SDK's x-api-key and meters a messages stream", async () => {
    anthropic.enqueue({ text: "Bonjour from Claude." });
    const res = await fetch(base.replace("/openai/v1", "/anthropic/v1/messages"), {
      method: "POST",
      headers: { "x-api-key": tenant.apiKey.key, "anthropic-version": "2023-06-01", "content-type": "application/json", "x-switchyard-agent": "claude-greeter" },
      body: JSON.stringify({ model: "claude-haiku-4-5", max_tokens: 256, stream: true, messages: [{ role: "user", content: "Say hi" }] }),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("message_stop");
    expect(anthropic.requests[0]!.headers["x-api-key"]).toBe("upstream-anthropic-key");
    const [row] = await until("the stream's ledger row", async () => (await costsOf("claude-greeter"))[0] && costsOf("claude-greeter"));
    expect(row).toMatchObject({ model: "anthropic:claude-haiku-4-5", outputTokens: 80, cachedTokens: 100, success: true });
  });

  it("refuses a bad request with a 422 naming the field, and a missing key with a 401, without calling the provider", async () => {
    const res = await fetch(`${base}/embeddings`, { method: "POST", headers: { authorization: `Bearer ${tenant.apiKey.key}`, "content-type": "application/json" }, body: JSON.stringify({ model: "text-embedding-3-small", input: [] }) });
    expect(res.status).toBe(422);
    expect((await res.json()).issues[0].path).toBe("input");
    const nul = await fetch(`${base}/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${tenant.apiKey.key}` }, body: '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"\\u0000\\ud800"}]' });
    expect(nul.status).toBe(400);
    expect((await nul.json()).code).toBe("invalid_json");
    expect((await fetch(`${base}/chat/completions`, { method: "POST", headers: { authorization: "Bearer sy_nope" }, body: "{}" })).status).toBe(401);
    // 20,000 levels deep: refused naming where, not a stack overflow
    const deep = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
    const nested = await fetch(`${base}/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${tenant.apiKey.key}` }, body: `{"model":"gpt-4o-mini","messages":[{"role":"user","content":${deep}}]}` });
    expect(nested.status).toBe(422);
    expect((await nested.json()).issues[0].path).toMatch(/^messages\[0\]\.content(\[0\])+$/);
    // a wrong content type is still read as JSON (SDKs differ); a huge model id is just an unknown model
    const huge = await fetch(`${base}/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${tenant.apiKey.key}`, "content-type": "text/plain" }, body: JSON.stringify({ model: "x".repeat(100_000), messages: [] }) });
    expect(huge.status).toBe(422);
    expect((await huge.json()).issues[0].path).toBe("model");
    // over 16 MiB: 413, and the connection is closed rather than the body read to its end
    const big = await fetch(`${base}/embeddings`, { method: "POST", headers: { authorization: `Bearer ${tenant.apiKey.key}` }, body: `{"model":"text-embedding-3-small","input":"${"a".repeat(17 * 1024 * 1024)}"}` }).catch((e: Error) => e);
    if (!(big instanceof Error)) expect(big.status).toBe(413);
    expect(stub.requests).toHaveLength(0);
  });

  it("applies a revoked key and a new budget to the next calls, though it keeps what calls read in memory", async () => {
    const second = await makeApiKey(tenant.workspace.id, "editor");
    stub.enqueue({ text: "ok" }, { text: "ok" });
    const call = (key: string, agent: string) =>
      fetch(`${base}/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "x-switchyard-agent": agent },
        body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], max_tokens: 1000 }),
      });
    expect((await call(second.key, "second")).status).toBe(200);
    expect((await call(second.key, "second")).status).toBe(200);
    await getPrisma().apiKey.update({ where: { id: second.id }, data: { revokedAt: new Date() } });
    const revokedAt = Date.now();
    await until("the revoked key to be refused", async () => (await call(second.key, "second")).status === 401, 2_000);
    expect(Date.now() - revokedAt).toBeLessThan(1_000);

    // $0.0005 cannot hold the worst case of 1,000 output tokens at $0.6/MTok
    stub.enqueue({ text: "ok" });
    expect((await call(tenant.apiKey.key, "crew-capped")).status).toBe(200);
    await getPrisma().budget.create({ data: { id: newId("budget"), workspaceId: tenant.workspace.id, name: "Capped crew", scope: "agent", scopeRef: "crew-capped", period: "day", limitUsd: usd("0.0005"), onExceed: "stop" } });
    const res = await until("the new budget to refuse", async () => {
      const r = await call(tenant.apiKey.key, "crew-capped");
      return r.status === 402 ? r : null;
    }, 2_000);
    expect((await res.json()).budget).toMatchObject({ budgetName: "Capped crew", limitUsd: "0.0005" });
  });

  it("never overshoots a budget under 32 parallel calls", async () => {
    // worst case per call: ~27 prompt tokens × $0.15 + 500 × $0.6 per MTok ≈ $0.000304; 9 fit in $0.003 at once
    const budgetId = newId("budget");
    await getPrisma().budget.create({ data: { id: budgetId, workspaceId: tenant.workspace.id, name: "Crew of 32", scope: "agent", scopeRef: "crew-32", period: "day", limitUsd: usd("0.003"), onExceed: "stop" } });
    stub.enqueue(...Array.from({ length: 32 }, () => ({ text: "ok", delayMs: 30 })));
    // a key new to the gateway reads the workspace's budgets afresh, whatever it keeps for others
    const c = client({ "x-switchyard-agent": "crew-32" }, (await makeApiKey(tenant.workspace.id, "owner")).key);
    const results = await Promise.allSettled(Array.from({ length: 32 }, () => c.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Quote?" }], max_tokens: 500 })));
    const refused = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason as { status?: number });
    const made = results.length - refused.length;
    expect(refused.every((e) => e.status === 402)).toBe(true);
    expect(made).toBeGreaterThanOrEqual(9);
    expect(refused.length).toBeGreaterThan(0);
    // nothing refused reached the provider; every call made is in the ledger once
    expect(stub.requests).toHaveLength(made);
    const rows = await costsOf("crew-32");
    expect(rows).toHaveLength(made);
    const spent = rows.reduce((s, r) => s.plus(r.costUsd.toString()), usd(0));
    const window = await getPrisma().budgetWindow.findFirstOrThrow({ where: { budgetId } });
    expect(window.spentUsd.toString()).toBe(spent.toString());
    expect(window.spentUsd.lte(usd("0.003"))).toBe(true);
    expect(window.reservedUsd.toString()).toBe("0");
    expect(await getPrisma().budgetReservation.count({ where: { workspaceId: tenant.workspace.id, status: "held" } })).toBe(0);
    // each threshold is announced once however many calls crossed it or were refused at it
    const notes = await getPrisma().notification.findMany({ where: { workspaceId: tenant.workspace.id, kind: "budget.threshold" } });
    const mine = notes.filter((n) => (n.data as { budgetId: string }).budgetId === budgetId).map((n) => (n.data as { thresholdPct: number }).thresholdPct);
    expect(mine.filter((p) => p === 100)).toHaveLength(1);
    expect(new Set(mine).size).toBe(mine.length);
  });

  it("settles a budgeted call and its ledger row together, and announces a threshold it crosses", async () => {
    const budgetId = newId("budget");
    // 120 × $0.15 + 30 × $0.6 = $0.000036 a call; 5 calls = $0.00018 = 60 % of $0.0003 (worst case of 200 output tokens: $0.000124)
    await getPrisma().budget.create({ data: { id: budgetId, workspaceId: tenant.workspace.id, name: "Thresholds", scope: "agent", scopeRef: "crew-alerts", period: "month", limitUsd: usd("0.0003"), thresholds: [50, 80], onExceed: "stop" } });
    stub.enqueue(...Array.from({ length: 5 }, () => ({ text: "ok" })));
    const c = client({ "x-switchyard-agent": "crew-alerts" }, (await makeApiKey(tenant.workspace.id, "owner")).key);
    for (let i = 0; i < 5; i++) await c.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Quote?" }], max_tokens: 200 });
    const window = await getPrisma().budgetWindow.findFirstOrThrow({ where: { budgetId } });
    expect(window.spentUsd.toString()).toBe("0.00018");
    expect(window.reservedUsd.toString()).toBe("0");
    expect(window.alertedPct).toBe(50);
    const rows = await costsOf("crew-alerts");
    expect(rows).toHaveLength(5);
    const reservations = await getPrisma().budgetReservation.findMany({ where: { workspaceId: tenant.workspace.id, windowIds: { has: window.id } } });
    expect(reservations.map((r) => r.status)).toEqual(Array(5).fill("settled"));
    // each ledger row is the settlement's own (one id per reservation: a retried settlement charges once)
    expect(rows.map((r) => r.id).sort()).toEqual(reservations.map((r) => costIdFor(r.id)).sort());
    const notes = await getPrisma().notification.findMany({ where: { workspaceId: tenant.workspace.id, kind: "budget.threshold" } });
    expect(notes.filter((n) => (n.data as { budgetId: string }).budgetId === budgetId).map((n) => (n.data as { thresholdPct: number }).thresholdPct)).toEqual([50]);
  });
});

describe("a gateway process that dies mid-call", () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill("SIGKILL");
  });

  it("leaves its reservation held until the lease ends; then it is released, and the budget's money is free again", async () => {
    const budgetId = newId("budget");
    await getPrisma().budget.create({ data: { id: budgetId, workspaceId: tenant.workspace.id, name: "Crash crew", scope: "agent", scopeRef: "crash-crew", period: "day", limitUsd: usd("0.01"), onExceed: "stop" } });
    const port = 22000 + (process.pid % 20000);
    child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.resolve("tests/gateway-app.ts")], {
      env: { ...process.env, DATABASE_URL: db.url, GATEWAY_PORT: String(port) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      child!.stdout!.on("data", (d: Buffer) => d.toString().includes("gateway listening") && resolve());
      child!.on("exit", (code) => reject(new Error(`the gateway process exited (${code})`)));
    });
    // the provider takes its time: the process is killed while the call is upstream
    stub.enqueue({ text: "too late", delayMs: 30_000 });
    const pending = fetch(`http://127.0.0.1:${port}/api/v1/llm/openai/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${tenant.apiKey.key}`, "content-type": "application/json", "x-switchyard-agent": "crash-crew" },
      body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Quote?" }], max_tokens: 1000 }),
    }).then(
      (r) => r.status,
      () => "connection lost",
    );
    const held = await until("the call's reservation", () => getPrisma().budgetReservation.findFirst({ where: { workspaceId: tenant.workspace.id, status: "held" } }));
    await until("the call to reach the provider", async () => stub.requests.length === 1);
    child.kill("SIGKILL");
    expect(await pending).toBe("connection lost");

    const window = () => getPrisma().budgetWindow.findFirstOrThrow({ where: { budgetId } });
    expect((await window()).reservedUsd.toString()).toBe(held.amountUsd.toString());
    // the lease is longer than any call may take (15 minutes): nothing is released before it ends
    const expiresAt = held.expiresAt!;
    expect(Math.abs(expiresAt.getTime() - held.createdAt.getTime() - 15 * 60_000)).toBeLessThan(2_000);
    expect(await releaseAllExpiredReservations(new Date())).toBe(0);
    expect(await releaseAllExpiredReservations(new Date(expiresAt.getTime() + 1))).toBe(1);
    const after = await window();
    expect(after.reservedUsd.toString()).toBe("0");
    expect(after.spentUsd.toString()).toBe("0");
    expect((await getPrisma().budgetReservation.findUniqueOrThrow({ where: { id: held.id } })).status).toBe("expired");
    expect(await costsOf("crash-crew")).toHaveLength(0);
    // the budget's money serves the next call
    stub.reset();
    stub.enqueue({ text: "ok" });
    const again = await client({ "x-switchyard-agent": "crash-crew" }).chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Quote?" }], max_tokens: 1000 });
    expect(again.choices[0]!.message.content).toBe("ok");
    expect((await window()).reservedUsd.toString()).toBe("0");
  });
});
