/**
 * Budget-alert webhooks: every delivery is recorded; a failed one is retried durably with
 * backoff by the engine (the `deliver-webhook` function) until it is delivered or gives up,
 * each attempt logged and visible through the API; private, loopback and link-local targets
 * are refused unless SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS=1. Real engine, real HTTP receivers on
 * 127.0.0.1.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { getPrisma } from "../../lib/db/client";
import { verifySignature } from "../../lib/crypto";
import { makeTenant } from "../../prisma/factories";
import { systemContext } from "../../lib/runtime/system-context";
import { deliverBudgetAlerts } from "../../lib/finops/deliver-budget-alerts";
import { assertWebhookUrl } from "../../lib/finops/assert-webhook-url";
import type { BudgetAlert } from "../../lib/finops/settle-reservation";
import * as webhooksRoute from "../../app/api/v1/webhooks/route";
import * as deliveriesRoute from "../../app/api/v1/webhooks/[id]/deliveries/route";

const rt = useRuntime("webhook_delivery");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
const saved = { outbound: process.env.SWITCHYARD_OUTBOUND_ALLOW, webhooks: process.env.SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS, retry: process.env.SWITCHYARD_WEBHOOK_RETRY_MS };

beforeAll(async () => {
  tenant = await makeTenant("Webhook Co");
  // retries 50 ms, 150 ms, 450 ms, … apart instead of minutes
  process.env.SWITCHYARD_WEBHOOK_RETRY_MS = "50";
});
afterEach(() => {
  for (const [k, v] of [["SWITCHYARD_OUTBOUND_ALLOW", saved.outbound], ["SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS", saved.webhooks]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

/** A receiver on 127.0.0.1 answering each request with the next status of `statuses` (the last one repeats). */
async function receiver(statuses: number[]) {
  const received: { body: string; signature: string; delivery: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ body, signature: String(req.headers["x-switchyard-signature"] ?? ""), delivery: String(req.headers["x-switchyard-delivery"] ?? "") });
      res.writeHead(statuses[Math.min(received.length - 1, statuses.length - 1)]!);
      res.end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

const alert = (pct: number): BudgetAlert => ({ notificationId: `ntf_${pct}`, budgetId: "bdg_test", budgetName: "Monthly", scope: "workspace", scopeRef: null, windowKey: "2026-11", thresholdPct: pct, spentUsd: "8", limitUsd: "10" });

async function addWebhook(url: string) {
  const res = await callRoute(webhooksRoute.POST as never, { key: tenant.apiKey.key, body: { url, events: ["budget.threshold"] } });
  return res;
}

describe("webhook delivery", () => {
  it("retries a failing receiver with backoff until it accepts, logging every attempt", async () => {
    const hook = await receiver([503, 500, 200]);
    const created = await addWebhook(hook.url);
    expect(created.status, created.text).toBe(201);
    const secret = created.json.webhook.secret as string;
    await deliverBudgetAlerts(await systemContext(tenant.workspace.id), [alert(80)]);
    // the first attempt is made at once and failed; the engine does the rest
    const row = await rt.waitFor(() => getPrisma().webhookDelivery.findFirstOrThrow({ where: { endpointId: created.json.webhook.id } }), (d) => d.status !== "pending", 30_000);
    expect(row).toMatchObject({ status: "delivered", attempts: 3, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
    expect((row.attemptLog as { attempt: number; statusCode: number }[]).map((a) => [a.attempt, a.statusCode])).toEqual([[1, 503], [2, 500], [3, 200]]);
    // the same body each time, signed afresh, under one delivery id
    expect(hook.received).toHaveLength(3);
    expect(new Set(hook.received.map((r) => r.body)).size).toBe(1);
    expect(new Set(hook.received.map((r) => r.delivery))).toEqual(new Set([row.id]));
    for (const r of hook.received) expect(verifySignature(secret, r.body, r.signature)).toBe(true);
    expect(JSON.parse(hook.received[0]!.body)).toMatchObject({ type: "budget.threshold", data: { thresholdPct: 80, budgetName: "Monthly" } });

    // visible through the API the settings screen reads
    const list = await callRoute(webhooksRoute.GET as never, { key: tenant.apiKey.key });
    const mine = list.json.webhooks.find((w: { id: string }) => w.id === created.json.webhook.id);
    expect(mine).toMatchObject({ lastDelivery: { id: row.id, status: "delivered", attempts: 3, lastStatusCode: 200 }, failedDeliveries: 0, pendingDeliveries: 0 });
    const deliveries = await callRoute(deliveriesRoute.GET as never, { key: tenant.apiKey.key, params: { id: created.json.webhook.id }, path: `/api/v1/webhooks/${created.json.webhook.id}/deliveries` });
    expect(deliveries.status).toBe(200);
    expect(deliveries.json.deliveries).toEqual([expect.objectContaining({ id: row.id, status: "delivered", attempts: 3 })]);
    expect(deliveries.json.deliveries[0].attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual([503, 500, 200]);
    expect(deliveries.text).not.toContain("whsec_");
    await hook.close();
  });

  it("gives up after six attempts and says why", async () => {
    const hook = await receiver([500]);
    const created = await addWebhook(hook.url);
    await deliverBudgetAlerts(await systemContext(tenant.workspace.id), [alert(100)]);
    const row = await rt.waitFor(() => getPrisma().webhookDelivery.findFirstOrThrow({ where: { endpointId: created.json.webhook.id } }), (d) => d.status !== "pending", 45_000);
    expect(row).toMatchObject({ status: "failed", attempts: 6, lastStatusCode: 500, lastError: "HTTP 500", nextAttemptAt: null });
    expect(hook.received).toHaveLength(6);
    const list = await callRoute(webhooksRoute.GET as never, { key: tenant.apiKey.key });
    expect(list.json.webhooks.find((w: { id: string }) => w.id === created.json.webhook.id)).toMatchObject({ failedDeliveries: 1, lastDelivery: { status: "failed" } });
    await hook.close();
  }, 60_000);

  it("refuses private, loopback and link-local targets unless SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS=1", async () => {
    process.env.SWITCHYARD_OUTBOUND_ALLOW = "";
    delete process.env.SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS;
    const hook = await receiver([200]);
    for (const url of [hook.url, "http://169.254.169.254/latest/meta-data", "http://10.1.2.3/hook", "http://[::1]:8080/hook", "http://localhost:9/hook"]) {
      const res = await addWebhook(url);
      expect(res.status, url).toBe(422);
      expect(res.json.issues, url).toEqual([expect.objectContaining({ path: "url", message: expect.stringMatching(/private, loopback or link-local address.*SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS=1/) })]);
    }
    // a name resolving to a private address is refused too (DNS answer injected)
    await expect(assertWebhookUrl("https://hooks.internal.example/x", { lookup: async () => [{ address: "192.168.1.20" }] })).rejects.toThrow(/url: hooks\.internal\.example \(192\.168\.1\.20\) is a private/);
    await expect(assertWebhookUrl("https://hooks.example.com/x", { lookup: async () => [{ address: "93.184.215.14" }] })).resolves.toBeUndefined();

    // an endpoint that points at a private address anyway (registered while allowed, or DNS
    // changed since) is refused when connecting: failed for good, nothing sent, no retries
    const ws = tenant.workspace.id;
    process.env.SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS = "1";
    const allowed = await addWebhook(hook.url);
    expect(allowed.status, allowed.text).toBe(201);
    delete process.env.SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS;
    await deliverBudgetAlerts(await systemContext(ws), [alert(50)]);
    const blocked = await getPrisma().webhookDelivery.findFirstOrThrow({ where: { endpointId: allowed.json.webhook.id } });
    expect(blocked).toMatchObject({ status: "failed", attempts: 1, lastStatusCode: null });
    expect(blocked.lastError).toMatch(/127\.0\.0\.1 is a private, loopback or link-local address.*SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS=1/);
    expect(hook.received).toHaveLength(0);

    // allowed by the deployment: delivered
    process.env.SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS = "1";
    await deliverBudgetAlerts(await systemContext(ws), [alert(80)]);
    const latest = await getPrisma().webhookDelivery.findFirstOrThrow({ where: { endpointId: allowed.json.webhook.id }, orderBy: { createdAt: "desc" } });
    expect(latest).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 200 });
    expect(hook.received).toHaveLength(1);
    await hook.close();
  });
});
