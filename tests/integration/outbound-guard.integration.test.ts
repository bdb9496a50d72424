/**
 * The outbound guard on every path whose target a workspace member chooses: HTTP tool nodes,
 * MCP servers a workspace adds, model calls in runs, the LLM gateway (plain and streaming),
 * webhook deliveries and provider tests. Each target is a real server on 127.0.0.1; with
 * SWITCHYARD_OUTBOUND_ALLOW not listing it, that server must receive nothing, the refusal must
 * name the setting, and it must not be retried. Each path is also shown to reach the server
 * once the deployment allows it, so the refusal is the guard's doing.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { useRuntime, startHttpStub } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { startOpenAIStub } from "../stubs/openai-stub";
import { getPrisma } from "../../lib/db/client";
import { makeTenant } from "../../prisma/factories";
import { systemContext } from "../../lib/runtime/system-context";
import { deliverBudgetAlerts } from "../../lib/finops/deliver-budget-alerts";
import type { BudgetAlert } from "../../lib/finops/settle-reservation";
import * as graphsRoute from "../../app/api/v1/graphs/route";
import * as runsRoute from "../../app/api/v1/graphs/[id]/runs/route";
import * as runRoute from "../../app/api/v1/runs/[id]/route";
import * as providerRoute from "../../app/api/v1/providers/[provider]/route";
import * as providerTestRoute from "../../app/api/v1/providers/[provider]/test/route";
import * as mcpServerRoute from "../../app/api/v1/mcp-servers/[name]/route";
import * as webhooksRoute from "../../app/api/v1/webhooks/route";
import * as gatewayRoute from "../../app/api/v1/llm/openai/v1/chat/completions/route";

const rt = useRuntime("outbound_guard");
const saved = { outbound: process.env.SWITCHYARD_OUTBOUND_ALLOW, webhooks: process.env.SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS };
const NAMES_SETTING = /SWITCHYARD_OUTBOUND_ALLOW/;
const NO_RETRY = { attempts: 3, backoff: { initialMs: 10, factor: 1, maxMs: 10 } };

/** The deployment allows nothing private (the integration default allows loopback). */
function refuseLoopback() {
  process.env.SWITCHYARD_OUTBOUND_ALLOW = "";
  delete process.env.SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS;
}
function allowLoopback() {
  process.env.SWITCHYARD_OUTBOUND_ALLOW = "127.0.0.0/8";
}

afterEach(() => {
  for (const [k, v] of [["SWITCHYARD_OUTBOUND_ALLOW", saved.outbound], ["SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS", saved.webhooks]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

async function newTenant(name: string) {
  return makeTenant(name);
}

async function runToEnd(key: string, spec: unknown) {
  const g = await callRoute(graphsRoute.POST as never, { key, body: spec });
  expect(g.status, g.text).toBe(201);
  const r = await callRoute(runsRoute.POST as never, { key, params: { id: g.json.id }, body: { input: {} } });
  expect(r.status, r.text).toBeLessThan(300);
  await rt.waitForRun(r.json.runId, (x) => ["succeeded", "failed"].includes(x.status));
  return (await callRoute(runRoute.GET as never, { key, params: { id: r.json.runId } })).json;
}

describe("the outbound guard refuses loopback targets the deployment did not allow", () => {
  let tenant: Awaited<ReturnType<typeof makeTenant>>;
  beforeAll(async () => {
    tenant = await newTenant("Guard Co");
  });

  it("HTTP tool node: nothing sent, the run fails naming the setting, no retries", async () => {
    const stub = await startHttpStub(async () => ({ json: { ok: true } }));
    const spec = (name: string) => ({ name, nodes: [{ id: "call", type: "tool", retries: NO_RETRY, tool: { kind: "http", method: "POST", url: `${stub.url}/hook`, body: { a: 1 } } }] });
    try {
      refuseLoopback();
      // the webhook-only switch opens nothing else
      process.env.SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS = "1";
      const run = await runToEnd(tenant.apiKey.key, spec("HTTP refused"));
      expect(run.status).toBe("failed");
      expect(run.error.message).toMatch(NAMES_SETTING);
      expect(run.nodes[0].attempts).toBe(1);
      expect(stub.calls).toHaveLength(0);

      allowLoopback();
      const ok = await runToEnd(tenant.apiKey.key, spec("HTTP allowed"));
      expect(ok.status, JSON.stringify(ok.error)).toBe("succeeded");
      expect(stub.calls).toHaveLength(1);
    } finally {
      await stub.close();
    }
  });

  it("MCP server a workspace added: nothing sent, the node fails naming the setting, no retries", async () => {
    const stub = await startHttpStub(async () => ({ status: 404 }));
    try {
      allowLoopback();
      const put = await callRoute(mcpServerRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { name: "inside" }, body: { url: `${stub.url}/mcp` } });
      expect(put.status, put.text).toBeLessThan(300);
      const spec = (name: string) => ({ name, nodes: [{ id: "lookup", type: "tool", retries: NO_RETRY, tool: { kind: "mcp", server: "inside", tool: "lookup_vendor", arguments: {} } }] });

      refuseLoopback();
      const run = await runToEnd(tenant.apiKey.key, spec("MCP refused"));
      expect(run.status).toBe("failed");
      expect(run.error.message).toMatch(NAMES_SETTING);
      expect(run.nodes[0].attempts).toBe(1);
      expect(stub.calls).toHaveLength(0);

      // allowed: the request arrives (this stub is no MCP server, so the node still fails)
      allowLoopback();
      await runToEnd(tenant.apiKey.key, spec("MCP allowed"));
      expect(stub.calls.length).toBeGreaterThan(0);
    } finally {
      await stub.close();
    }
  });

  describe("a provider base URL the workspace set", () => {
    let provider: Awaited<ReturnType<typeof startOpenAIStub>>;
    let ws: Awaited<ReturnType<typeof makeTenant>>;
    beforeAll(async () => {
      provider = await startOpenAIStub();
      ws = await newTenant("Guard Provider Co");
      allowLoopback();
      const put = await callRoute(providerRoute.PUT as never, { key: ws.apiKey.key, method: "PUT", params: { provider: "openai" }, body: { apiKey: "sk-guard", baseUrl: provider.url } });
      expect(put.status, put.text).toBeLessThan(300);
    });

    it("model call in a run: nothing sent, the node fails naming the setting, no retries", async () => {
      provider.reset();
      const spec = (name: string) => ({ name, nodes: [{ id: "ask", type: "agent", retries: NO_RETRY, model: "openai:gpt-4o-mini", prompt: "Say hi" }] });
      refuseLoopback();
      const run = await runToEnd(ws.apiKey.key, spec("Model refused"));
      expect(run.status).toBe("failed");
      expect(run.error.message).toMatch(NAMES_SETTING);
      expect(run.nodes[0].attempts).toBe(1);
      expect(provider.requests).toHaveLength(0);

      allowLoopback();
      provider.enqueue({ text: "hi" });
      const ok = await runToEnd(ws.apiKey.key, spec("Model allowed"));
      expect(ok.status, JSON.stringify(ok.error)).toBe("succeeded");
      expect(provider.requests.length).toBeGreaterThan(0);
    });

    const gateway = (body: Record<string, unknown>) =>
      gatewayRoute.POST(
        new Request("http://localhost/api/v1/llm/openai/v1/chat/completions", {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${ws.apiKey.key}` },
          body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], ...body }),
        }),
        { params: Promise.resolve({}) } as never,
      );

    it.each([
      ["plain", {}],
      ["streaming", { stream: true }],
    ])("LLM gateway (%s): 403 naming the setting, nothing sent, nothing held or charged", async (_label, extra) => {
      provider.reset();
      refuseLoopback();
      const costsBefore = await getPrisma().costEntry.count({ where: { workspaceId: ws.workspace.id, success: true } });
      const res = await gateway(extra);
      expect(res.status).toBe(403);
      const body = await res.json();
      expect(body).toMatchObject({ code: "outbound_blocked", error: expect.stringMatching(NAMES_SETTING) });
      expect(provider.requests).toHaveLength(0);
      expect(await getPrisma().budgetReservation.count({ where: { workspaceId: ws.workspace.id, status: "held" } })).toBe(0);
      expect(await getPrisma().costEntry.count({ where: { workspaceId: ws.workspace.id, success: true } })).toBe(costsBefore);

      allowLoopback();
      provider.enqueue({ text: "hello" });
      const ok = await gateway(extra);
      expect(ok.status).toBe(200);
      await ok.text();
      expect(provider.requests).toHaveLength(1);
    });

    it("provider test: 403 naming the setting and the field, nothing sent", async () => {
      provider.reset();
      refuseLoopback();
      const res = await callRoute(providerTestRoute.POST as never, { key: ws.apiKey.key, params: { provider: "openai" }, body: {} });
      expect(res.status).toBe(403);
      expect(res.json).toMatchObject({ code: "outbound_blocked", error: expect.stringMatching(NAMES_SETTING), issues: [expect.objectContaining({ path: "baseUrl" })] });
      expect(provider.requests).toHaveLength(0);

      allowLoopback();
      provider.enqueue({ text: "pong" });
      const ok = await callRoute(providerTestRoute.POST as never, { key: ws.apiKey.key, params: { provider: "openai" }, body: {} });
      expect(ok.status).toBe(200);
      expect(provider.requests.length).toBeGreaterThan(0);
    });
  });

  it("webhook delivery: nothing sent, failed for good naming the setting; the older switch still allows it", async () => {
    const hook = await startHttpStub(async () => ({ json: {} }));
    const alert = (pct: number): BudgetAlert => ({ notificationId: `ntf_guard_${pct}`, budgetId: "bdg_guard", budgetName: "Monthly", scope: "workspace", scopeRef: null, windowKey: "2026-12", thresholdPct: pct, spentUsd: "8", limitUsd: "10" });
    const ws = await newTenant("Guard Webhook Co");
    try {
      // registered while the deployment allowed it
      allowLoopback();
      const created = await callRoute(webhooksRoute.POST as never, { key: ws.apiKey.key, body: { url: `${hook.url}/hook`, events: ["budget.threshold"] } });
      expect(created.status, created.text).toBe(201);
      const endpointId = created.json.webhook.id;

      refuseLoopback();
      await deliverBudgetAlerts(await systemContext(ws.workspace.id), [alert(50)]);
      const refused = await getPrisma().webhookDelivery.findFirstOrThrow({ where: { endpointId } });
      expect(refused).toMatchObject({ status: "failed", attempts: 1, lastStatusCode: null });
      expect(refused.lastError).toMatch(NAMES_SETTING);
      expect(hook.calls).toHaveLength(0);

      // SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS=1 is an alias for "*", for webhooks only
      process.env.SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS = "1";
      await deliverBudgetAlerts(await systemContext(ws.workspace.id), [alert(80)]);
      const delivered = await getPrisma().webhookDelivery.findFirstOrThrow({ where: { endpointId }, orderBy: { createdAt: "desc" } });
      expect(delivered).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 200 });
      expect(hook.calls).toHaveLength(1);
    } finally {
      await hook.close();
    }
  });
});
