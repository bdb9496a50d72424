/**
 * Agent2Agent in both directions, with the A2A SDK's own client and server on 127.0.0.1.
 *
 * Inward: the product's route handlers (app/api/v1/a2a/…) behind a real HTTP server; the SDK's
 * client fetches a graph's agent card, sends messages, follows and cancels tasks, each a run
 * on the real engine.
 * Outward: `delegateToA2A` against agents served by the SDK's request handler and Express
 * transport, through the outbound guard.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Role, TaskState, type Message, type Task } from "@a2a-js/sdk";
import { ClientFactory, ClientFactoryOptions, DefaultAgentCardResolver, JsonRpcTransportFactory, type Client } from "@a2a-js/sdk/client";
import { useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { graphApi } from "../graph-api";
import { makeApiKey, makeTenant } from "../../prisma/factories";
import { getPrisma } from "../../lib/db/client";
import { systemContext } from "../../lib/runtime/system-context";
import * as a2aRoute from "../../app/api/v1/a2a/[graphId]/route";
import * as cardRoute from "../../app/api/v1/a2a/[graphId]/.well-known/agent-card.json/route";
import * as decisionRoute from "../../app/api/v1/approvals/[id]/decision/route";
import * as secretRoute from "../../app/api/v1/secrets/[name]/route";
import * as budgetsRoute from "../../app/api/v1/budgets/route";
import { delegateToA2A } from "../../lib/a2a/delegate";
import { resolveAgentCard } from "../../lib/a2a/client";
import { testAgentConnection } from "../../lib/agents/test-agent-connection";
import { NOT_YET_RUNNABLE } from "../../lib/graphs/spec/schema";
import { startA2AAgents, data, text } from "../stubs/a2a-agents";

const rt = useRuntime("a2a");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
let appUrl = "";
let app: http.Server;
const savedUrl = process.env.SWITCHYARD_URL;

/** The product's A2A routes behind a real HTTP server, as Next.js would call them. */
async function serveA2ARoutes(): Promise<string> {
  app = http.createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const url = new URL(req.url!, "http://127.0.0.1");
    const card = /^\/api\/v1\/a2a\/([^/]+)\/\.well-known\/agent-card\.json$/.exec(url.pathname);
    const rpc = /^\/api\/v1\/a2a\/([^/]+)$/.exec(url.pathname);
    const handler = card ? (cardRoute as Record<string, unknown>)[req.method!] : rpc ? (a2aRoute as Record<string, unknown>)[req.method!] : undefined;
    if (typeof handler !== "function") {
      res.writeHead(404).end();
      return;
    }
    const controller = new AbortController();
    res.on("close", () => controller.abort());
    const request = new Request(url, { method: req.method, headers: req.headers as Record<string, string>, body: body || undefined, signal: controller.signal });
    const response: Response = await handler(request, { params: Promise.resolve({ graphId: decodeURIComponent((card ?? rpc)![1]!) }) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (response.body) for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
    res.end();
  });
  await new Promise<void>((r) => app.listen(0, "127.0.0.1", () => r()));
  return `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
}

/** The SDK's client for a graph's agent, authenticating with `key` (card fetch included). */
async function clientFor(graphId: string, key: string): Promise<Client> {
  const fetchImpl: typeof fetch = (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${key}`);
    return fetch(input, { ...init, headers });
  };
  const factory = new ClientFactory(
    ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
      transports: [new JsonRpcTransportFactory({ fetchImpl })],
      cardResolver: new DefaultAgentCardResolver({ fetchImpl }),
    }),
  );
  // the base URL ends with "/", so the card path resolves under it
  return factory.createFromUrl(`${appUrl}/api/v1/a2a/${graphId}/`);
}

function userMessage(parts: Message["parts"]): Message {
  return { role: Role.ROLE_USER, messageId: crypto.randomUUID(), contextId: "", taskId: "", parts, metadata: undefined, extensions: [], referenceTaskIds: [] };
}
const send = (client: Client, parts: Message["parts"], returnImmediately = false) =>
  client.sendMessage({ tenant: "", message: userMessage(parts), configuration: returnImmediately ? { acceptedOutputModes: [], historyLength: undefined, taskPushNotificationConfig: undefined, returnImmediately: true } : undefined, metadata: undefined });

const runOf = async (taskId: string) => (await getPrisma().a2ATask.findUniqueOrThrow({ where: { id: taskId } })).runId;

beforeAll(async () => {
  tenant = await makeTenant("A2A Co");
  appUrl = await serveA2ARoutes();
  process.env.SWITCHYARD_URL = appUrl;
});
afterAll(async () => {
  if (savedUrl === undefined) delete process.env.SWITCHYARD_URL;
  else process.env.SWITCHYARD_URL = savedUrl;
  app?.closeAllConnections();
  await new Promise<void>((r) => (app ? app.close(() => r()) : r()));
});

describe("a graph exposed as an A2A agent", () => {
  const api = graphApi(() => tenant.apiKey.key);

  it("publishes its card, and a message becomes a run whose output completes the task", async () => {
    const graphId = await api.createGraph({
      name: "Quote checker",
      description: "Checks a supplier quote",
      input: { type: "object", properties: { item: { type: "string" } }, required: ["item"] },
      nodes: [{ id: "out", type: "output", value: { checked: "{{input.item}}", ok: true } }],
    });
    const client = await clientFor(graphId, tenant.apiKey.key);
    const card = await client.getAgentCard();
    expect(card.name).toBe("Quote checker");
    expect(card.description).toBe("Checks a supplier quote");
    expect(card.supportedInterfaces[0]).toMatchObject({ url: `${appUrl}/api/v1/a2a/${graphId}`, protocolBinding: "JSONRPC", protocolVersion: "1.0" });
    expect(card.skills[0]!.description).toContain('"item"');
    expect(Object.keys(card.securitySchemes)).toEqual(["apiKey"]);

    const answer = (await send(client, [data({ item: "laptops" })])) as Task;
    expect(answer.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(answer.artifacts[0]!.parts[0]!.content).toEqual({ $case: "data", value: { checked: "laptops", ok: true } });
    const run = await getPrisma().run.findUniqueOrThrow({ where: { id: await runOf(answer.id) } });
    expect(run).toMatchObject({ graphId, status: "succeeded", input: { item: "laptops" }, startedBy: `apikey:${tenant.apiKey.id}`, workspaceId: tenant.workspace.id });

    // text is the schema's single string field; tasks/get reads the same task back
    const byText = (await send(client, [text("monitors")])) as Task;
    expect(byText.artifacts[0]!.parts[0]!.content).toEqual({ $case: "data", value: { checked: "monitors", ok: true } });
    const got = await client.getTask({ tenant: "", id: byText.id, historyLength: undefined });
    expect(got.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(got.history[0]!.parts[0]!.content).toEqual({ $case: "text", value: "monitors" });

    // input that does not fit is a JSON-RPC error naming the problem, and no run
    const runs = await getPrisma().run.count({ where: { graphId } });
    await expect(send(client, [data({ item: 7 })])).rejects.toThrow(/input schema.*item/);
    expect(await getPrisma().run.count({ where: { graphId } })).toBe(runs);
  });

  it("shows input-required while the run waits on a person, then completed after the approval", async () => {
    const graphId = await api.createGraph({
      name: "Needs sign-off",
      nodes: [
        { id: "review", type: "approval", title: "Sign off {{input.item}}", assignees: [{ role: "approver" }] },
        { id: "out", type: "output", needs: ["review"], value: { decision: "{{nodes.review.output.decision}}" } },
      ],
    });
    const client = await clientFor(graphId, tenant.apiKey.key);
    const waiting = (await send(client, [data({ item: "chairs" })])) as Task;
    expect(waiting.status?.state).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);
    const question = waiting.status?.message?.parts[0]?.content;
    expect(question?.$case === "text" && question.value).toMatch(/Sign off chairs/);

    const approval = await getPrisma().approval.findFirstOrThrow({ where: { runId: await runOf(waiting.id), status: "pending" } });
    const decided = await callRoute(decisionRoute.POST as never, { key: tenant.apiKey.key, params: { id: approval.id }, body: { decision: "approve" } });
    expect(decided.status, decided.text).toBe(200);
    const done = await rt.waitFor(() => client.getTask({ tenant: "", id: waiting.id, historyLength: undefined }), (t) => t.status?.state === TaskState.TASK_STATE_COMPLETED);
    expect(done.artifacts[0]!.parts[0]!.content).toEqual({ $case: "data", value: { decision: "approved" } });
  });

  it("a task's run is attributed to the customer its metadata names, and that customer's budget stops it", async () => {
    const graphId = await api.createGraph({
      name: "Priced answer",
      nodes: [
        { id: "answer", type: "agent", model: "sim:fast", prompt: "Price {{input.item}}" },
        { id: "out", type: "output", needs: ["answer"], value: { priced: true } },
      ],
    });
    const budget = await callRoute(budgetsRoute.POST as never, { key: tenant.apiKey.key, body: { name: "Acme cap", scope: "customer", scopeRef: "acme-a2a", period: "month", limitUsd: "0.000001", onExceed: "stop" } });
    expect(budget.status, budget.text).toBe(201);
    const client = await clientFor(graphId, tenant.apiKey.key);
    const sendAs = (customerKey: string) =>
      client.sendMessage({ tenant: "", message: userMessage([data({ item: "desks" })]), configuration: undefined, metadata: { customerKey, tags: ["via-a2a"] } }) as Promise<Task>;

    // another customer: the run carries the key and the tag, and so does every cost it records
    const paid = await sendAs("globex-a2a");
    expect(paid.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    const paidRun = await getPrisma().run.findUniqueOrThrow({ where: { id: await runOf(paid.id) } });
    expect(paidRun).toMatchObject({ customerKey: "globex-a2a", status: "succeeded" });
    expect(paidRun.tags).toContain("via-a2a");
    const costs = await getPrisma().costEntry.findMany({ where: { runId: paidRun.id } });
    expect(costs.length).toBeGreaterThan(0);
    expect(costs.every((c) => c.customerKey === "globex-a2a")).toBe(true);

    // the capped customer: the budget stops the model call, the task fails, nothing is charged
    const stopped = await sendAs("acme-a2a");
    const final = await rt.waitFor(() => client.getTask({ tenant: "", id: stopped.id, historyLength: undefined }), (t) => t.status?.state === TaskState.TASK_STATE_FAILED, 30_000);
    expect(final.status?.state).toBe(TaskState.TASK_STATE_FAILED);
    const stoppedRun = await getPrisma().run.findUniqueOrThrow({ where: { id: await runOf(stopped.id) } });
    expect(stoppedRun).toMatchObject({ customerKey: "acme-a2a", status: "failed" });
    expect(JSON.stringify(stoppedRun.error)).toContain("Acme cap");
    expect(await getPrisma().costEntry.count({ where: { runId: stoppedRun.id } })).toBe(0);
  });

  it("streams the task's states as the run goes (SendStreamingMessage)", async () => {
    const graphId = await api.createGraph({ name: "Streamed", nodes: [{ id: "nap", type: "wait", sleep: "1s" }, { id: "out", type: "output", needs: ["nap"], value: { streamed: true } }] });
    const client = await clientFor(graphId, tenant.apiKey.key);
    const states: TaskState[] = [];
    let output: unknown;
    for await (const event of client.sendMessageStream({ tenant: "", message: userMessage([data({})]), configuration: undefined, metadata: undefined })) {
      const p = event.payload;
      if (p?.$case === "task" || p?.$case === "statusUpdate") states.push(p.value.status!.state);
      if (p?.$case === "artifactUpdate") output = p.value.artifact?.parts[0]?.content;
    }
    expect(states[0]).toBe(TaskState.TASK_STATE_WORKING);
    expect(states.at(-1)).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(output).toEqual({ $case: "data", value: { streamed: true } });
  });

  it("tasks/cancel cancels the run", async () => {
    const graphId = await api.createGraph({ name: "Slow", nodes: [{ id: "nap", type: "wait", sleep: "10m" }, { id: "out", type: "output", needs: ["nap"], value: 1 }] });
    const client = await clientFor(graphId, tenant.apiKey.key);
    const task = (await send(client, [data({})], true)) as Task;
    expect(task.status?.state).toBe(TaskState.TASK_STATE_WORKING);
    const runId = await runOf(task.id);
    await rt.waitForRun(runId, (r) => r.status === "waiting");
    const cancelled = await client.cancelTask({ tenant: "", id: task.id, metadata: undefined });
    expect(cancelled.status?.state).toBe(TaskState.TASK_STATE_CANCELED);
    expect((await getPrisma().run.findUniqueOrThrow({ where: { id: runId } })).status).toBe("cancelled");
  });

  it("answers 401 JSON to a missing or wrong key, and keeps another workspace's graph out of reach", async () => {
    const graphId = await api.createGraph({ name: "Private", nodes: [{ id: "out", type: "output", value: 1 }] });
    const rpc = { jsonrpc: "2.0", id: 1, method: "SendMessage", params: { message: { messageId: "m1", role: "ROLE_USER", parts: [{ data: {} }] } } };
    for (const headers of [{}, { authorization: "Bearer sy_not_a_key" }] as Record<string, string>[]) {
      const res = await fetch(`${appUrl}/api/v1/a2a/${graphId}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(rpc) });
      expect(res.status).toBe(401);
      expect((await res.json()).code).toBe("unauthorized");
      const card = await fetch(`${appUrl}/api/v1/a2a/${graphId}/.well-known/agent-card.json`, { headers });
      expect(card.status).toBe(401);
    }
    const other = await makeTenant("Other Co");
    const res = await fetch(`${appUrl}/api/v1/a2a/${graphId}`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${other.apiKey.key}` }, body: JSON.stringify(rpc) });
    expect(res.status).toBe(404);
    expect(await getPrisma().run.count({ where: { graphId } })).toBe(0);
    // a viewer may read the card but not start tasks
    const viewer = await makeApiKey(tenant.workspace.id, "viewer");
    const viewed = await fetch(`${appUrl}/api/v1/a2a/${graphId}`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${viewer.key}` }, body: JSON.stringify(rpc) });
    expect(viewed.status).toBe(403);
  });

  it("speaks A2A 0.3 JSON-RPC (message/send, tasks/get) to callers that do not say 1.0", async () => {
    const graphId = await api.createGraph({ name: "Legacy", nodes: [{ id: "out", type: "output", value: { hello: "{{input.name}}" } }] });
    const call = async (method: string, params: unknown) => {
      const res = await fetch(`${appUrl}/api/v1/a2a/${graphId}`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${tenant.apiKey.key}` }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
      expect(res.status).toBe(200);
      return res.json();
    };
    const sent = await call("message/send", { message: { kind: "message", messageId: "m-legacy", role: "user", parts: [{ kind: "data", data: { name: "Ada" } }] } });
    expect(sent.result).toMatchObject({ kind: "task", status: { state: "completed" } });
    expect(sent.result.artifacts[0].parts[0]).toMatchObject({ kind: "data", data: { hello: "Ada" } });
    const got = await call("tasks/get", { id: sent.result.id });
    expect(got.result.status.state).toBe("completed");
    const missing = await call("tasks/get", { id: "no-such-task" });
    expect(missing.error.code).toBe(-32001);
  });
});

describe("delegating to an external A2A agent", () => {
  const request = { task: "Price 3 laptops", context: { budgetUsd: 4000 }, constraints: ["EUR only"] };
  const at = (seq: number) => ({ runId: "run_test", nodeId: "lead", seq });
  let agents: Awaited<ReturnType<typeof startA2AAgents>>;
  beforeAll(async () => {
    agents = await startA2AAgents({
      pricing: async (msg) => ({ state: TaskState.TASK_STATE_COMPLETED, artifact: [data({ quote: 3 * 1200, seen: msg.parts.find((p) => p.content?.$case === "data")?.content })], metadata: { confidence: 0.8 } }),
      pricingText: async () => ({ state: TaskState.TASK_STATE_COMPLETED, artifact: [text("About 3,600 EUR")] }),
      asks: async () => ({ state: TaskState.TASK_STATE_INPUT_REQUIRED, say: "Which currency should the quote be in?" }),
      refuses: async () => ({ state: TaskState.TASK_STATE_REJECTED, say: "I only handle travel bookings." }),
      breaks: async () => ({ state: TaskState.TASK_STATE_FAILED, say: "Upstream price list unavailable." }),
      slow: async () => ({ state: TaskState.TASK_STATE_COMPLETED, delayMs: 3_000, artifact: [text("late")] }),
      legacyAsks: async () => ({ state: TaskState.TASK_STATE_INPUT_REQUIRED, say: "Which cost centre?" }),
      legacyPricing: async () => ({ state: TaskState.TASK_STATE_COMPLETED, artifact: [data({ quote: 42 })] }),
    }, { legacy: ["legacyAsks", "legacyPricing"] });
  });
  afterAll(() => agents?.close());
  const ctx = () => systemContext(tenant.workspace.id);

  it("completed → done with the artifact's data and the agent's confidence; the envelope went as a data part", async () => {
    const result = await delegateToA2A(await ctx(), { url: agents.card("pricing"), headers: { authorization: "Bearer remote-secret" } }, request, at(1));
    expect(result).toMatchObject({ status: "done", confidence: 0.8, output: { quote: 3600, seen: { $case: "data", value: request } } });
    const sent = agents.received.pricing!.at(-1)!;
    expect(sent.parts[0]!.content).toEqual({ $case: "text", value: "Price 3 laptops" });
    // the card and the call both carried the agent's headers
    expect(agents.requests.filter((r) => r.path.startsWith("/pricing")).map((r) => r.authorization)).toEqual(["Bearer remote-secret", "Bearer remote-secret"]);

    const fromText = await delegateToA2A(await ctx(), { url: agents.card("pricingText") }, request, at(2));
    expect(fromText).toMatchObject({ status: "done", output: "About 3,600 EUR", confidence: 1 });
  });

  it("input-required → escalate with the agent's question; rejected → rejected; failed → failed", async () => {
    expect(await delegateToA2A(await ctx(), { url: agents.card("asks") }, request, at(3))).toMatchObject({ status: "escalate", rationale: "Which currency should the quote be in?" });
    expect(await delegateToA2A(await ctx(), { url: agents.card("refuses") }, request, at(4))).toMatchObject({ status: "rejected", rationale: "I only handle travel bookings." });
    expect(await delegateToA2A(await ctx(), { url: agents.card("breaks") }, request, at(5))).toMatchObject({ status: "failed", rationale: "Upstream price list unavailable." });
  });

  it("talks A2A 0.3 to an agent whose card offers only 0.3", async () => {
    expect(await delegateToA2A(await ctx(), { url: agents.card("legacyPricing") }, request, at(9))).toMatchObject({ status: "done", output: { quote: 42 } });
    expect(await delegateToA2A(await ctx(), { url: agents.card("legacyAsks") }, request, at(10))).toMatchObject({ status: "escalate", rationale: "Which cost centre?" });
    // the calls went as 0.3 (message/send), not 1.0 (SendMessage)
    expect(agents.requests.filter((r) => r.method === "POST" && r.path.startsWith("/legacy")).map((r) => r.rpc)).toEqual(["message/send", "message/send"]);
  });

  it("a delegation past its deadline fails, naming the deadline", async () => {
    const started = Date.now();
    const result = await delegateToA2A(await ctx(), { url: agents.card("slow") }, { ...request, deadline: new Date(Date.now() + 800).toISOString() }, at(6));
    expect(result.status).toBe("failed");
    expect(result.rationale).toMatch(/deadline/);
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it("reads an agent's card through the guard (what the builder's connection test shows)", async () => {
    const card = await resolveAgentCard({ url: agents.card("refuses") });
    expect(card).toMatchObject({ name: "refuses", description: "Test agent refuses" });
    expect(card.supportedInterfaces[0]?.url).toBe(`${agents.url}/refuses`);
    // a base URL finds the card at the well-known path under it
    expect((await resolveAgentCard({ url: `${agents.url}/asks/` })).name).toBe("asks");
  });

  it("the builder's connection test recognises an A2A 1.0 card (its endpoint in supportedInterfaces)", async () => {
    const tested = await testAgentConnection(await ctx(), { kind: "a2a", url: agents.card("refuses") });
    expect(tested).toMatchObject({ ok: true, name: "refuses", url: `${agents.url}/refuses`, skills: [{ id: "refuses" }] });
  });

  it("a private-network agent is refused by the outbound guard unless the deployment allows it", async () => {
    const saved = process.env.SWITCHYARD_OUTBOUND_ALLOW;
    const before = agents.requests.length;
    try {
      process.env.SWITCHYARD_OUTBOUND_ALLOW = "";
      const refused = await delegateToA2A(await ctx(), { url: agents.card("pricing") }, request, at(7));
      expect(refused.status).toBe("failed");
      expect(refused.rationale).toMatch(/SWITCHYARD_OUTBOUND_ALLOW/);
      expect(agents.requests.length).toBe(before);
    } finally {
      process.env.SWITCHYARD_OUTBOUND_ALLOW = saved;
    }
    expect((await delegateToA2A(await ctx(), { url: agents.card("pricing") }, request, at(8))).status).toBe("done");
  });
});

describe.skipIf(NOT_YET_RUNNABLE.includes("supervisor"))("a supervisor with an A2A sub-agent", () => {
  let agents: Awaited<ReturnType<typeof startA2AAgents>>;
  beforeAll(async () => {
    agents = await startA2AAgents({
      pricing: async (msg) => ({ state: TaskState.TASK_STATE_COMPLETED, artifact: [data({ fair: true, asked: msg.parts[0]?.content?.$case === "text" ? msg.parts[0].content.value : null })], metadata: { confidence: 0.95 } }),
    });
  });
  afterAll(() => agents?.close());

  it("delegates to the external agent end to end: an A2A task out, its artifact back as the delegation's output", async () => {
    const graphId = await graphApi(() => tenant.apiKey.key).createGraph({
      name: "Supervised over A2A",
      nodes: [
        {
          id: "lead",
          type: "supervisor",
          model: "sim:strong",
          task: "Review order {{input.order}}: ask pricing.",
          maxDelegations: 2,
          agents: [{ name: "pricing", description: "Checks prices (an outside A2A agent)", a2a: { url: agents.card("pricing"), headers: { authorization: "Bearer {{secrets.PRICING_TOKEN}}" } } }],
        },
      ],
    });
    // the agent's key is a workspace secret, named by reference in the spec
    const secret = await callRoute(secretRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { name: "PRICING_TOKEN" }, body: { value: "remote-token" } });
    expect(secret.status, secret.text).toBeLessThan(300);
    const runId = await graphApi(() => tenant.apiKey.key).start(graphId, { input: { order: "PO-11" } });
    const run = await rt.waitForRun(runId, (r) => ["succeeded", "failed"].includes(r.status), 60_000);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    const rows = await getPrisma().delegation.findMany({ where: { runId }, orderBy: { seq: "asc" } });
    expect(rows.map((d) => [d.agent, d.kind, d.status])).toEqual([["pricing", "a2a", "done"]]);
    expect(rows[0]!.result).toMatchObject({ status: "done", confidence: 0.95, output: { fair: true, asked: expect.stringContaining("PO-11") } });
    // the agent got the task as text and the envelope as data, with the rendered header
    const sent = agents.received.pricing!.at(-1)!;
    expect(sent.parts[1]!.content).toMatchObject({ $case: "data", value: { task: expect.stringContaining("PO-11") } });
    expect(agents.requests.filter((r) => r.path.startsWith("/pricing")).every((r) => r.authorization === "Bearer remote-token")).toBe(true);
  });
});
