/**
 * The LLM gateway end to end: real route handlers, real PostgreSQL, real provider stubs on
 * 127.0.0.1. Non-streaming and streaming metering, attribution headers, routing by tier, 402
 * refusal before anything reaches the provider.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "../use-test-database";
import { startOpenAIStub, type ApiStub } from "../stubs/openai-stub";
import { startAnthropicStub } from "../stubs/anthropic-stub";
import { getPrisma } from "../../lib/db/client";
import { encryptSecret } from "../../lib/crypto";
import { newId } from "../../lib/ids";
import { usd } from "../../lib/finops/money";
import { makeTenant } from "../../prisma/factories";
import { systemContext } from "../../lib/runtime/system-context";
import { OPENAI_DIALECT } from "../../lib/finops/gateway/dialects";
import { proxyLlmCall } from "../../lib/finops/gateway/proxy-llm-request";
import * as openaiRoute from "../../app/api/v1/llm/openai/v1/chat/completions/route";
import * as anthropicRoute from "../../app/api/v1/llm/anthropic/v1/messages/route";

useTestDatabase("finops-gateway");

let tenant: Awaited<ReturnType<typeof makeTenant>>;
let openai: ApiStub;
let anthropic: ApiStub;

beforeAll(async () => {
  openai = await startOpenAIStub({ usage: { inputTokens: 1200, outputTokens: 300, cachedTokens: 200 } });
  anthropic = await startAnthropicStub({ usage: { inputTokens: 500, outputTokens: 80, cachedTokens: 100 } });
  tenant = await makeTenant("Gateway Co");
  for (const [provider, url] of [["openai", openai.url], ["anthropic", anthropic.url]] as const) {
    await getPrisma().providerCredential.create({
      data: { id: newId("providerCredential"), workspaceId: tenant.workspace.id, provider, baseUrl: url, encryptedKey: encryptSecret(`upstream-${provider}-key`), keyHint: "-key" },
    });
  }
});
afterAll(async () => {
  await openai?.close();
  await anthropic?.close();
});
beforeEach(() => {
  openai.reset();
  anthropic.reset();
});

async function post(route: { POST: (req: Request, a: { params: Promise<Record<string, string>> }) => Promise<Response> }, body: unknown, headers: Record<string, string>) {
  const req = new Request("http://localhost/api/v1/llm", { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return route.POST(req, { params: Promise.resolve({}) });
}

const auth = () => ({ authorization: `Bearer ${tenant.apiKey.key}` });
const latestCost = () => getPrisma().costEntry.findFirstOrThrow({ where: { workspaceId: tenant.workspace.id }, orderBy: [{ occurredAt: "desc" }, { id: "desc" }] });

describe("OpenAI-compatible gateway", () => {
  it("forwards with the workspace's provider key, passes the response through and meters it with attribution", async () => {
    openai.enqueue({ text: "Quote accepted." });
    const res = await post(openaiRoute, { model: "gpt-4o-mini", messages: [{ role: "user", content: "Accept the quote?" }], max_tokens: 500 }, {
      ...auth(), "x-switchyard-agent": "crewai-buyer", "x-switchyard-tags": "procurement, eu", "x-switchyard-customer": "REQ-77",
    });
    expect(res.status).toBe(200);
    const json = await res.json();
    expect(json.choices[0].message.content).toBe("Quote accepted.");
    expect(res.headers.get("x-switchyard-model")).toBe("openai:gpt-4o-mini");
    // 1000 uncached × 0.15 + 200 cached × 0.075 + 300 × 0.6 per MTok = 150 + 15 + 180 µ$
    expect(res.headers.get("x-switchyard-cost-usd")).toBe("0.000345");
    const upstream = openai.requests[0]!;
    expect(upstream.headers.authorization).toBe("Bearer upstream-openai-key");
    expect(upstream.body.model).toBe("gpt-4o-mini");
    const row = await latestCost();
    expect(row).toMatchObject({
      model: "openai:gpt-4o-mini", provider: "openai", agent: "crewai-buyer", tags: ["eu", "procurement"], customerKey: "REQ-77",
      apiKeyId: tenant.apiKey.id, inputTokens: 1200, outputTokens: 300, cachedTokens: 200, success: true,
    });
    expect(row.costUsd.toString()).toBe("0.000345");
    expect(await getPrisma().budgetReservation.count({ where: { workspaceId: tenant.workspace.id, status: "held" } })).toBe(0);
  });

  it("meters a streamed response from its final usage chunk, relaying the stream unchanged", async () => {
    openai.enqueue({ text: "Streaming a long answer about invoices." });
    const res = await post(openaiRoute, { model: "gpt-4o-mini", stream: true, messages: [{ role: "user", content: "Explain" }] }, { ...auth(), "x-switchyard-agent": "langgraph-explainer" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const text = await res.text();
    const content = text.split("\n").filter((l) => l.startsWith("data: {")).map((l) => JSON.parse(l.slice(6)).choices?.[0]?.delta?.content ?? "").join("");
    expect(content).toBe("Streaming a long answer about invoices.");
    expect(text.trimEnd().endsWith("data: [DONE]")).toBe(true);
    expect(openai.requests[0]!.body.stream_options).toEqual({ include_usage: true });
    const row = await latestCost();
    expect(row).toMatchObject({ agent: "langgraph-explainer", inputTokens: 1200, outputTokens: 300, cachedTokens: 200, success: true });
    expect(row.costUsd.toString()).toBe("0.000345");
  });

  it("routes switchyard:<tier> to the cheapest configured model of the tier", async () => {
    openai.enqueue({ text: "ok" });
    const res = await post(openaiRoute, { model: "switchyard:cheap", messages: [{ role: "user", content: "hi" }], max_tokens: 50 }, auth());
    expect(res.status).toBe(200);
    // gpt-5-nano blends to (3×0.05 + 0.4)/4 = $0.1375/MTok, below gpt-4.1-nano's $0.175
    expect(res.headers.get("x-switchyard-model")).toBe("openai:gpt-5-nano");
    expect(decodeURIComponent(res.headers.get("x-switchyard-route")!)).toContain("tier cheap");
    expect(openai.requests[0]!.body.model).toBe("gpt-5-nano");
  });

  it("refuses with 402 before anything reaches the provider when a budget cannot hold the worst case", async () => {
    await getPrisma().budget.create({ data: { id: newId("budget"), workspaceId: tenant.workspace.id, name: "Crew daily", scope: "agent", scopeRef: "crew-tight", period: "day", limitUsd: usd("0.001") } });
    // worst case: prompt + 16,384 output tokens (gpt-4o-mini's limit, no max_tokens given) × $0.6/MTok ≈ $0.0098
    const res = await post(openaiRoute, { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }, { ...auth(), "x-switchyard-agent": "crew-tight" });
    expect(res.status).toBe(402);
    const body = await res.json();
    expect(body).toMatchObject({ code: "budget_exceeded", budget: { budgetName: "Crew daily", scope: "agent", limitUsd: "0.001", spentUsd: "0" } });
    expect(openai.requests).toHaveLength(0);
    // a bounded request fits
    openai.enqueue({ text: "ok", usage: { inputTokens: 10, outputTokens: 5, cachedTokens: 0 } });
    const small = await post(openaiRoute, { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], max_tokens: 100 }, { ...auth(), "x-switchyard-agent": "crew-tight" });
    expect(small.status).toBe(200);
  });

  it("records a failed upstream call and passes its error through", async () => {
    openai.enqueue({ status: 429 });
    const res = await post(openaiRoute, { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], max_tokens: 10 }, { ...auth(), "x-switchyard-agent": "flaky" });
    expect(res.status).toBe(429);
    expect((await res.json()).error.type).toBe("rate_limit_exceeded");
    expect(await latestCost()).toMatchObject({ agent: "flaky", success: false, inputTokens: 0 });
  });

  it("rejects callers without a Switchyard key and requests without messages", async () => {
    expect((await post(openaiRoute, { model: "gpt-4o-mini", messages: [] }, {})).status).toBe(401);
    const bad = await post(openaiRoute, { model: "gpt-4o-mini" }, auth());
    expect(bad.status).toBe(422);
    expect((await bad.json()).issues[0].path).toBe("messages");
  });
});

describe("a signed-in session's gateway call", () => {
  it("reads budgets, price and credential itself, and is refused or metered as a key's call is", async () => {
    const ctx = await systemContext(tenant.workspace.id);
    const budgetId = newId("budget");
    await getPrisma().budget.create({ data: { id: budgetId, workspaceId: tenant.workspace.id, name: "Session crew", scope: "agent", scopeRef: "session-crew", period: "day", limitUsd: usd("0.001") } });
    const call = (body: Record<string, unknown>) =>
      proxyLlmCall(OPENAI_DIALECT, { headers: new Headers({ "x-switchyard-agent": "session-crew" }), text: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], ...body }), signal: new AbortController().signal }, ctx);
    // no max_tokens: the model's 16,384-token limit cannot fit in $0.001
    const refused = await call({});
    expect(refused.status).toBe(402);
    expect(JSON.parse(refused.body as string).budget).toMatchObject({ budgetName: "Session crew" });
    expect(openai.requests).toHaveLength(0);
    openai.enqueue({ text: "ok", usage: { inputTokens: 10, outputTokens: 5, cachedTokens: 0 } });
    const ok = await call({ max_tokens: 100 });
    expect(ok.status).toBe(200);
    expect(openai.requests[0]!.headers.authorization).toBe("Bearer upstream-openai-key");
    const window = await getPrisma().budgetWindow.findFirstOrThrow({ where: { budgetId } });
    // 10 × $0.15 + 5 × $0.6 per MTok
    expect(window.spentUsd.toString()).toBe("0.0000045");
    expect(window.reservedUsd.toString()).toBe("0");
    expect(await latestCost()).toMatchObject({ agent: "session-crew", inputTokens: 10, outputTokens: 5, apiKeyId: null });
  });
});

describe("Anthropic messages gateway", () => {
  it("accepts the key as x-api-key and meters a stream (cache reads counted as cached input)", async () => {
    anthropic.enqueue({ text: "Bonjour from Claude." });
    const res = await post(anthropicRoute, { model: "claude-haiku-4-5", max_tokens: 256, stream: true, messages: [{ role: "user", content: "Say hi" }] }, {
      "x-api-key": tenant.apiKey.key, "anthropic-version": "2023-06-01", "x-switchyard-agent": "autogen-greeter",
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("message_stop");
    expect(anthropic.requests[0]!.headers["x-api-key"]).toBe("upstream-anthropic-key");
    const row = await latestCost();
    expect(row).toMatchObject({ model: "anthropic:claude-haiku-4-5", agent: "autogen-greeter", outputTokens: 80, cachedTokens: 100, success: true });
    // haiku 4.5: $1 in, $0.1 cache read, $5 out per MTok
    const uncached = row.inputTokens - 100;
    expect(row.costUsd.toString()).toBe(usd(uncached).times(1).plus(usd(100).times("0.1")).plus(usd(80).times(5)).div(1_000_000).toString());
  });
});
