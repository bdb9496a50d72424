/**
 * "Test connection" of an external sub-agent (POST /api/v1/agents/test-connection): an A2A
 * agent card and a plain HTTP agent served on 127.0.0.1, reached through the outbound guard with
 * header secrets rendered on the server and never echoed back.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { callRoute, useTestDatabase } from "../use-test-database";
import { makeApiKey, makeTenant } from "../../prisma/factories";
import { testAgentConnection } from "../../lib/agents/test-agent-connection";
import { systemContext } from "../../lib/runtime/system-context";
import * as secretRoute from "../../app/api/v1/secrets/[name]/route";
import * as testRoute from "../../app/api/v1/agents/test-connection/route";

useTestDatabase("agent_test_connection");

const CARD = {
  name: "Pricing desk",
  description: "Prices purchase order lines",
  url: "http://127.0.0.1/a2a",
  version: "1.0.0",
  protocolVersion: "0.3.0",
  capabilities: {},
  defaultInputModes: ["text/plain"],
  defaultOutputModes: ["application/json"],
  skills: [{ id: "quote", name: "Quote a line", description: "Prices one line", tags: [] }, { id: "compare" }],
};
const TOKEN = "tok-very-secret-42";

type Seen = { method: string; url: string; headers: http.IncomingHttpHeaders };
/** An agent server whose answer per path the test decides. */
type Answer = { status: number; headers?: Record<string, string>; body?: string; delayMs?: number };
async function startAgent(route: (req: http.IncomingMessage) => Answer) {
  const seen: Seen[] = [];
  const server = http.createServer(async (req, res) => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers });
    const r = route(req);
    if (r.delayMs) await new Promise((x) => setTimeout(x, r.delayMs));
    res.writeHead(r.status, r.headers ?? { "content-type": "application/json" });
    res.end(r.body ?? "");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

let tenant: Awaited<ReturnType<typeof makeTenant>>;
let agent: Awaited<ReturnType<typeof startAgent>>;
const saved = process.env.SWITCHYARD_OUTBOUND_ALLOW;

beforeAll(async () => {
  tenant = await makeTenant("Agents Co");
  const put = await callRoute(secretRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { name: "AGENT_TOKEN" }, body: { value: TOKEN } });
  expect(put.status, put.text).toBeLessThan(300);
  agent = await startAgent((req): Answer => {
    const authorised = req.headers.authorization === `Bearer ${TOKEN}`;
    if (req.url === "/.well-known/agent-card.json" || req.url === "/cards/pricing.json") {
      return authorised ? { status: 200, body: JSON.stringify(CARD) } : { status: 401, body: "{}" };
    }
    if (req.url === "/cards/skill-less.json") return { status: 200, body: JSON.stringify({ name: "Half a card", url: "http://x" }) };
    if (req.url === "/cards/html") return { status: 200, headers: { "content-type": "text/html" }, body: "<html>hello</html>" };
    if (req.url === "/delegate" && req.method === "OPTIONS") return { status: 204, headers: { allow: "OPTIONS, POST" } };
    if (req.url === "/broken") return { status: 503, body: "{}" };
    if (req.url === "/slow") return { status: 200, body: "{}", delayMs: 1500 };
    return { status: 404, body: "{}" };
  });
});
afterAll(async () => {
  await agent?.close();
});
afterEach(() => {
  if (saved === undefined) delete process.env.SWITCHYARD_OUTBOUND_ALLOW;
  else process.env.SWITCHYARD_OUTBOUND_ALLOW = saved;
});

const test = (body: unknown, key = tenant.apiKey.key) => callRoute(testRoute.POST as never, { key, body });

describe("testing an A2A agent", () => {
  it("fetches its card with the header secret filled in on the server, and names the agent and its skills", async () => {
    const r = await test({ kind: "a2a", url: `${agent.url}/cards/pricing.json`, headers: { authorization: "Bearer {{secrets.AGENT_TOKEN}}" } });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ ok: true, kind: "a2a", name: "Pricing desk", description: "Prices purchase order lines", skills: [{ id: "quote", name: "Quote a line" }, { id: "compare", name: "compare" }] });
    expect(agent.seen.at(-1)).toMatchObject({ method: "GET", url: "/cards/pricing.json" });
    expect(agent.seen.at(-1)!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(r.text).not.toContain(TOKEN);
  });

  it("looks at the well-known card path when given only the server's address", async () => {
    const r = await test({ kind: "a2a", url: `${agent.url}/`, headers: { authorization: "Bearer {{secrets.AGENT_TOKEN}}" } });
    expect(r.json).toMatchObject({ ok: true, name: "Pricing desk" });
    expect(agent.seen.slice(-2).map((s) => s.url)).toEqual(["/", "/.well-known/agent-card.json"]);
  });

  it("says what is wrong with an answer that is not a card, or refused credentials", async () => {
    const skillLess = await test({ kind: "a2a", url: `${agent.url}/cards/skill-less.json` });
    expect(skillLess.json.ok).toBe(false);
    expect(skillLess.json.reason).toMatch(/not answer with an A2A agent card: .*skills/);
    const html = await test({ kind: "a2a", url: `${agent.url}/cards/html` });
    expect(html.json.reason).toMatch(/not JSON \(text\/html\)/);
    const unauthorised = await test({ kind: "a2a", url: `${agent.url}/cards/pricing.json`, headers: { authorization: "Bearer wrong" } });
    expect(unauthorised.json).toMatchObject({ ok: false });
    expect(unauthorised.json.reason).toMatch(/HTTP 401.*credentials/);
    const missing = await test({ kind: "a2a", url: `${agent.url}/nothing-here.json` });
    expect(missing.json.reason).toMatch(/HTTP 404/);
  });
});

describe("testing an HTTP agent", () => {
  it("checks that its address answers and reports what it allows", async () => {
    const r = await test({ kind: "http", url: `${agent.url}/delegate` });
    expect(r.json).toMatchObject({ ok: true, kind: "http", status: 204 });
    expect(r.json.message).toMatch(/allows OPTIONS, POST/);
    expect(agent.seen.at(-1)).toMatchObject({ method: "OPTIONS", url: "/delegate" });
    const failing = await test({ kind: "http", url: `${agent.url}/broken` });
    expect(failing.json).toMatchObject({ ok: false });
    expect(failing.json.reason).toMatch(/HTTP 503/);
  });

  it("says so when nothing listens, or the agent is too slow", async () => {
    const closed = await startAgent(() => ({ status: 200 }));
    await closed.close();
    const r = await test({ kind: "http", url: `${closed.url}/delegate` });
    expect(r.json.ok).toBe(false);
    expect(r.json.reason).toMatch(/refused/);
    const slow = await testAgentConnection(await systemContext(tenant.workspace.id), { kind: "http", url: `${agent.url}/slow` }, { timeoutMs: 300 });
    expect(slow).toMatchObject({ ok: false });
    expect((slow as { reason: string }).reason).toMatch(/did not answer within/);
  });
});

describe("what the test refuses", () => {
  it("a target the deployment does not allow is 403 outbound_blocked, and nothing is sent", async () => {
    process.env.SWITCHYARD_OUTBOUND_ALLOW = "";
    const before = agent.seen.length;
    const r = await test({ kind: "a2a", url: `${agent.url}/cards/pricing.json` });
    expect(r.status).toBe(403);
    expect(r.json.code).toBe("outbound_blocked");
    expect(r.json.error).toMatch(/SWITCHYARD_OUTBOUND_ALLOW/);
    expect(agent.seen.length).toBe(before);
  });

  it("bad input is a 422 naming the field: kind, url, a secret that is not set, a run-time reference", async () => {
    const kind = await test({ kind: "grpc", url: agent.url });
    expect(kind.status).toBe(422);
    expect(kind.json.issues[0].path).toBe("kind");
    const url = await test({ kind: "http", url: "not a url" });
    expect(url.status).toBe(422);
    expect(url.json.issues[0]).toMatchObject({ path: "url" });
    const secret = await test({ kind: "a2a", url: `${agent.url}/cards/pricing.json`, headers: { authorization: "Bearer {{secrets.NOT_SET}}" } });
    expect(secret.status).toBe(422);
    expect(secret.json.issues[0]).toMatchObject({ path: "headers.authorization" });
    expect(secret.json.issues[0].message).toMatch(/NOT_SET.*not set/);
    const runtime = await test({ kind: "http", url: "{{input.agentUrl}}" });
    expect(runtime.status).toBe(422);
    expect(runtime.json.issues[0].message).toMatch(/only known during a run/);
  });

  it("a viewer may not test connections", async () => {
    const viewer = await makeApiKey(tenant.workspace.id, "viewer");
    const r = await test({ kind: "http", url: `${agent.url}/delegate` }, viewer.key);
    expect(r.status).toBe(403);
  });
});
