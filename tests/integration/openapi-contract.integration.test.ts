/**
 * The OpenAPI document against the running API: the main routes are called over real HTTP
 * with the typed client generated from the document (lib/api/client), and every answer —
 * successes and the errors a caller must handle (400, 401, 403, 404, 409, 422) — is checked
 * against what the document declares for its status (tests/api-server.ts). Runs go through
 * the real engine on the simulated provider.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createSwitchyardClient, type SwitchyardClient } from "../../lib/api/client";
import { responseProblems } from "../../lib/testing/openapi-responses";
import { makeApiKey, makeTenant } from "../../prisma/factories";
import { useApiServer } from "../api-server";
import { useRuntime } from "../runtime-harness";

const rt = useRuntime("openapi_contract");
const server = useApiServer();
let tenant: Awaited<ReturnType<typeof makeTenant>>;
let api: SwitchyardClient;
let viewer: SwitchyardClient;

const spec = {
  name: "Contract digest",
  nodes: [
    { id: "summarise", type: "agent" as const, model: "sim:fast", prompt: "Summarise {{input.topic}}" },
    { id: "result", type: "output" as const, needs: ["summarise"], value: "{{nodes.summarise.output}}" },
  ],
};
const gated = {
  name: "Contract sign-off",
  nodes: [
    { id: "gate", type: "approval" as const, title: "Sign off {{input.topic}}", assignees: [{ role: "owner" }] },
    { id: "done", type: "output" as const, needs: ["gate"], value: "{{nodes.gate.output.decision}}" },
  ],
};

beforeAll(async () => {
  tenant = await makeTenant("Contract Co");
  api = createSwitchyardClient({ baseUrl: server.url, apiKey: tenant.apiKey.key });
  viewer = createSwitchyardClient({ baseUrl: server.url, apiKey: (await makeApiKey(tenant.workspace.id, "viewer")).key });
});

describe("the API answers what its OpenAPI document declares", () => {
  let graphId: string;
  let runId: string;

  it("graphs: create 201, read, save a version, list, one version, archive and unarchive", async () => {
    const created = await api.POST("/graphs", { body: spec });
    expect(created.response.status).toBe(201);
    graphId = created.data!.id;
    expect(created.data).toMatchObject({ version: 1, warnings: [] });

    const read = await api.GET("/graphs/{id}", { params: { path: { id: graphId } } });
    expect(read.data?.spec.nodes).toHaveLength(2);

    const saved = await api.PUT("/graphs/{id}", { params: { path: { id: graphId } }, body: { spec: { ...spec, description: "v2" }, message: "describe it" } });
    expect(saved.data).toMatchObject({ id: graphId, version: 2, unchanged: false });

    const list = await api.GET("/graphs", { params: { query: { archived: "false" } } });
    expect(list.data?.graphs.map((g) => g.id)).toContain(graphId);
    const version = await api.GET("/graphs/{id}/versions/{version}", { params: { path: { id: graphId, version: "1" } } });
    expect(version.data).toMatchObject({ graphId, version: 1 });

    const archived = await api.POST("/graphs/{id}/archive", { params: { path: { id: graphId } } });
    expect(archived.data?.archivedAt).toEqual(expect.any(String));
    const refused = await api.POST("/graphs/{id}/runs", { params: { path: { id: graphId } }, body: { input: { topic: "Q3" } } });
    expect(refused.response.status).toBe(409);
    expect(refused.error?.code).toBe("conflict");
    const unarchived = await api.POST("/graphs/{id}/unarchive", { params: { path: { id: graphId } } });
    expect(unarchived.data?.archivedAt).toBeNull();
  });

  it("runs: start 202, the same idempotency key 200, read, list with filters and a cursor, trace, provenance", async () => {
    const started = await api.POST("/graphs/{id}/runs", { params: { path: { id: graphId } }, body: { input: { topic: "Q3" }, idempotencyKey: "contract-1", tags: ["contract"] } });
    expect(started.response.status).toBe(202);
    expect(started.data?.admission).toBe("started");
    runId = started.data!.runId;
    const again = await api.POST("/graphs/{id}/runs", { params: { path: { id: graphId } }, body: { input: { topic: "Q3" }, idempotencyKey: "contract-1" } });
    expect(again.response.status).toBe(200);
    expect(again.data).toMatchObject({ runId, admission: "duplicate" });
    await rt.waitForRun(runId, (r) => r.status === "succeeded");
    const second = await api.POST("/graphs/{id}/runs", { params: { path: { id: graphId } }, body: { input: { topic: "Q4" } } });
    await rt.waitForRun(second.data!.runId, (r) => r.status === "succeeded");

    const run = await api.GET("/runs/{id}", { params: { path: { id: runId } } });
    expect(run.data?.status).toBe("succeeded");
    expect(run.data?.nodes.map((n) => n.nodeId)).toEqual(expect.arrayContaining(["summarise", "result"]));

    const page1 = await api.GET("/runs", { params: { query: { graphId, status: "succeeded", limit: 1 } } });
    expect(page1.data?.runs).toHaveLength(1);
    expect(page1.data?.nextCursor).toEqual(expect.any(String));
    const page2 = await api.GET("/runs", { params: { query: { graphId, limit: 1, cursor: page1.data!.nextCursor! } } });
    expect(page2.data?.runs[0]?.id).not.toBe(page1.data?.runs[0]?.id);
    const tagged = await api.GET("/runs", { params: { query: { tag: "contract" } } });
    expect(tagged.data?.runs.map((r) => r.id)).toEqual([runId]);

    const trace = await api.GET("/runs/{id}/trace", { params: { path: { id: runId }, query: { after: "0" } } });
    expect(trace.data?.events.length).toBeGreaterThan(0);
    expect((await api.GET("/runs/{id}/provenance", { params: { path: { id: runId } } })).data?.records.length).toBeGreaterThan(0);
    expect((await api.GET("/runs/{id}/provenance/verify", { params: { path: { id: runId } } })).data?.ok).toBe(true);
    expect((await api.GET("/runs/{id}/delegations", { params: { path: { id: runId } } })).data?.data).toEqual([]);
    const cancel = await api.POST("/runs/{id}/cancel", { params: { path: { id: runId } } });
    expect(cancel.response.status).toBe(409);
  });

  it("costs, forecasts and budgets: query, forecast, create 201, read, change, raise, delete 204", async () => {
    const costs = await api.GET("/costs", { params: { query: { groupBy: "graph", graphId, from: "2020-01-01", to: "2100-01-01" } } });
    expect(costs.data?.rows[0]?.key).toBe(graphId);
    expect(Number(costs.data?.total.costUsd)).toBeGreaterThan(0);
    const csv = await api.GET("/costs", { params: { query: { groupBy: "graph", format: "csv" } }, parseAs: "text" });
    expect(csv.response.headers.get("content-type")).toMatch(/^text\/csv/);
    const accuracy = await api.GET("/costs/forecast-accuracy", { params: { query: { graphId, limit: 5 } } });
    expect(accuracy.data?.summary.runs).toEqual(expect.any(Number));

    const forecast = await api.POST("/graphs/{id}/forecast", { params: { path: { id: graphId } }, body: { input: { topic: "Q1" } } });
    expect(forecast.data?.perNode.map((n) => n.nodeId)).toContain("summarise");

    const created = await api.POST("/budgets", { body: { name: "Monthly cap", scope: "workspace", period: "month", limitUsd: "25", thresholds: [50, 80, 100] } });
    expect(created.response.status).toBe(201);
    const budgetId = created.data!.budget.id;
    expect((await api.GET("/budgets", { params: { query: { include: "spec" } } })).data?.budgets.map((b) => b.id)).toContain(budgetId);
    expect((await api.GET("/budgets/{id}", { params: { path: { id: budgetId } } })).data?.budget.limitUsd).toBe("25");
    expect((await api.PATCH("/budgets/{id}", { params: { path: { id: budgetId } }, body: { limitUsd: 30 } })).data?.budget.limitUsd).toBe("30");
    const raised = await api.POST("/budgets/{id}/raise", { params: { path: { id: budgetId } }, body: { byUsd: "5" } });
    expect(raised.data).toMatchObject({ budgetId, raisedByUsd: "5", resumed: [] });
    const deleted = await api.DELETE("/budgets/{id}", { params: { path: { id: budgetId } } });
    expect(deleted.response.status).toBe(204);
  });

  it("approvals: the inbox by run, paged with limit and cursor, then decided", async () => {
    const graph = await api.POST("/graphs", { body: gated });
    const gateId = graph.data!.id;
    const runs: string[] = [];
    for (const topic of ["a", "b"]) {
      const started = await api.POST("/graphs/{id}/runs", { params: { path: { id: gateId } }, body: { input: { topic } } });
      runs.push(started.data!.runId);
    }
    for (const id of runs) await rt.waitForRun(id, (r) => r.status === "waiting");
    const mine = await api.GET("/approvals", { params: { query: { runId: runs[0]!, status: "pending" } } });
    expect(mine.data?.approvals.map((a) => a.runId)).toEqual([runs[0]]);
    const page1 = await api.GET("/approvals", { params: { query: { status: "pending", limit: 1 } } });
    expect(page1.data?.approvals).toHaveLength(1);
    const page2 = await api.GET("/approvals", { params: { query: { status: "pending", limit: 1, cursor: page1.data!.nextCursor! } } });
    expect(page2.data?.approvals[0]?.id).not.toBe(page1.data?.approvals[0]?.id);

    const item = await api.GET("/approvals/{id}", { params: { path: { id: mine.data!.approvals[0]!.id } } });
    expect(item.data?.approval.status).toBe("pending");
    const decided = await api.POST("/approvals/{id}/decision", { params: { path: { id: item.data!.approval.id } }, body: { decision: "approve", comment: "fine" } });
    expect(decided.data?.status).toBe("approved");
    const twice = await api.POST("/approvals/{id}/decision", { params: { path: { id: item.data!.approval.id } }, body: { decision: "approve" } });
    expect(twice.response.status).toBe(409);
  });

  it("workspace, members, keys, invitations, settings, notifications, alert webhooks, audit and supervision read as declared", async () => {
    expect((await api.GET("/me")).data?.role).toBe("owner");
    expect((await api.GET("/workspace")).data?.id).toBe(tenant.workspace.id);
    expect((await api.GET("/members")).data?.members).toHaveLength(1);

    const key = await api.POST("/api-keys", { body: { name: "ci", role: "viewer" } });
    expect(key.response.status).toBe(201);
    expect((await api.GET("/api-keys")).data?.apiKeys.map((k) => k.id)).toContain(key.data!.apiKey.id);
    expect((await api.DELETE("/api-keys/{id}", { params: { path: { id: key.data!.apiKey.id } } })).response.status).toBe(204);
    const invitation = await api.POST("/invitations", { body: { role: "editor" } });
    expect(invitation.data?.url).toEqual(expect.any(String));
    expect((await api.GET("/invitations")).data?.invitations).toHaveLength(1);
    expect((await api.DELETE("/invitations/{id}", { params: { path: { id: invitation.data!.invitation.id } } })).response.status).toBe(204);

    expect((await api.GET("/providers")).data?.providers.length).toBeGreaterThan(0);
    expect((await api.PUT("/secrets/{name}", { params: { path: { name: "VENDOR_TOKEN" } }, body: { value: "s3cret" } })).data).toEqual({ name: "VENDOR_TOKEN" });
    expect((await api.GET("/secrets")).data?.secrets.map((x) => x.name)).toEqual(["VENDOR_TOKEN"]);
    expect((await api.DELETE("/secrets/{name}", { params: { path: { name: "VENDOR_TOKEN" } } })).response.status).toBe(204);
    expect((await api.GET("/mcp-servers")).data?.servers).toEqual(expect.any(Array));
    expect((await api.GET("/models")).data?.models.length).toBeGreaterThan(0);

    expect((await api.GET("/notifications", { params: { query: { unread: "true", limit: 10 } } })).data?.notifications).toEqual(expect.any(Array));
    expect((await api.POST("/notifications/read", { body: {} })).data?.updated).toEqual(expect.any(Number));
    const webhook = await api.POST("/webhooks", { body: { url: "http://127.0.0.1:9/alerts" } });
    expect(webhook.response.status).toBe(201);
    expect((await api.GET("/webhooks")).data?.webhooks.map((w) => w.id)).toContain(webhook.data!.webhook.id);
    expect((await api.GET("/webhooks/{id}/deliveries", { params: { path: { id: webhook.data!.webhook.id }, query: { limit: 5 } } })).data?.deliveries).toEqual([]);
    expect((await api.DELETE("/webhooks/{id}", { params: { path: { id: webhook.data!.webhook.id } } })).response.status).toBe(204);

    const audit = await api.GET("/audit", { params: { query: { limit: 2 } } });
    expect(audit.data?.events).toHaveLength(2);
    expect((await api.GET("/audit/verify")).data?.ok).toBe(true);
    expect((await api.GET("/schedules")).data?.schedules).toEqual(expect.any(Array));
    expect((await api.GET("/breakers")).data?.breakers).toEqual(expect.any(Array));
    expect((await api.GET("/breakers/events", { params: { query: { limit: 5 } } })).data?.events).toEqual(expect.any(Array));
    const document = await createSwitchyardClient({ baseUrl: server.url }).GET("/openapi.json");
    expect(document.data?.openapi).toBe("3.1.0");
  });

  it("errors have the documented shape: 400 malformed JSON, 401 no key, 403 a viewer, 404 unknown, 422 an invalid spec or query", async () => {
    const malformed = await fetch(`${server.url}/api/v1/graphs`, { method: "POST", headers: { authorization: `Bearer ${tenant.apiKey.key}`, "content-type": "application/json" }, body: "{ not json" });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: "invalid_json" });

    const anonymous = createSwitchyardClient({ baseUrl: server.url });
    expect((await anonymous.GET("/runs")).response.status).toBe(401);
    const forbidden = await viewer.POST("/graphs", { body: spec });
    expect(forbidden.response.status).toBe(403);
    expect(forbidden.error?.code).toBe("forbidden");
    const missing = await api.GET("/runs/{id}", { params: { path: { id: "run_00000000000000000000000000" } } });
    expect(missing.response.status).toBe(404);
    const invalid = await api.POST("/graphs", { body: { name: "", nodes: [] } });
    expect(invalid.response.status).toBe(422);
    expect(invalid.error?.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(["name"]));
    const badQuery = await api.GET("/approvals", { params: { query: { limit: 0 } } });
    expect(badQuery.response.status).toBe(422);
  });

  it("a status or body the document does not declare is reported", () => {
    expect(responseProblems({ method: "GET", path: "/runs/{id}", status: 418, contentType: "application/json", body: "{}" })[0]).toMatch(/answered 418, which the OpenAPI document does not declare/);
    expect(responseProblems({ method: "POST", path: "/graphs", status: 201, contentType: "application/json", body: JSON.stringify({ id: "gr_1", version: "1", warnings: [] }) })[0]).toMatch(
      /\/version must be integer/,
    );
    expect(responseProblems({ method: "GET", path: "/runs/{id}", status: 404, contentType: "application/json", body: JSON.stringify({ message: "gone" }) })[0]).toMatch(
      /must have required property 'error'/,
    );
    expect(responseProblems({ method: "DELETE", path: "/budgets/{id}", status: 204, contentType: null, body: "" })).toEqual([]);
  });
});
