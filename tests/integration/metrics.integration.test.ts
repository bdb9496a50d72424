/**
 * `GET /metrics` as the web process serves it, scraped over real HTTP: what the database knows
 * (runs, inbox, budgets, the engine's queue, breakers) and what the process observed (node
 * durations, gateway calls), in Prometheus's text format; open to loopback, closed to other
 * addresses without the token.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../use-test-database";
import { getPrisma } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/migrator";
import { ENGINE_MIGRATIONS_DIR } from "../../lib/engine/engine";
import { MIGRATIONS_LOCK_KEY, MIGRATIONS_TABLE } from "../../lib/engine/consts";
import { newId } from "../../lib/ids";
import { usd } from "../../lib/finops/money";
import { ctxFor, makeGraphVersion, makeRun } from "../../lib/finops/testing/fixtures";
import { handleGateway } from "../../lib/finops/gateway/serve-node";
import { completeNode, failNode } from "../../lib/runtime/run-state";
import { METRICS_ALLOW_ENV, METRICS_TOKEN_ENV, serveMetrics } from "../../lib/metrics/serve-metrics";
import { makeTenant } from "../../prisma/factories";

const db = useTestDatabase("metrics");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
let server: http.Server;
let base: string;

const spec = (name: string) => ({ name, nodes: [{ id: "draft", type: "agent", prompt: "Draft." }] }) as never;

beforeAll(async () => {
  await getPrisma().$executeRawUnsafe("create schema if not exists engine");
  await applyMigrations(db.url, { dir: ENGINE_MIGRATIONS_DIR, table: MIGRATIONS_TABLE, lockKey: MIGRATIONS_LOCK_KEY });
  tenant = await makeTenant("Metrics Co");
  const ws = tenant.workspace.id;
  const prisma = getPrisma();
  const procurement = await makeGraphVersion(ws, spec("Procurement"));
  for (const status of ["succeeded", "succeeded", "failed", "running"] as const) {
    const id = await makeRun(ws, procurement);
    await prisma.run.update({ where: { id }, data: { status } });
  }
  await prisma.approval.create({ data: { id: newId("approval"), workspaceId: ws, kind: "approval", title: "Approve PR-2291", createdAt: new Date(Date.now() - 10 * 60_000) } });
  const budgetId = newId("budget");
  await prisma.budget.create({ data: { id: budgetId, workspaceId: ws, name: "Procurement monthly", scope: "workspace", period: "month", limitUsd: usd(10) } });
  await prisma.budgetWindow.create({ data: { id: newId("budgetWindow"), workspaceId: ws, budgetId, windowKey: new Date().toISOString().slice(0, 7), spentUsd: usd(2), reservedUsd: usd("0.5") } });
  await prisma.circuitBreaker.create({ data: { id: newId("breaker"), workspaceId: ws, key: "model:openai:gpt-4o-mini", state: "open" } });
  await prisma.$executeRaw`insert into engine.queue ("kind", "run_at", "sort_at") values ('call', now() - interval '5 seconds', now() - interval '5 seconds'), ('timer', now() + interval '1 hour', now() + interval '1 hour')`;

  server = http.createServer((req, res) => {
    if (!handleGateway(req, res)) void serveMetrics(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  if (server) await new Promise((r) => server.close(r));
  delete process.env[METRICS_ALLOW_ENV];
  delete process.env[METRICS_TOKEN_ENV];
});

/** The value of one series in a Prometheus text exposition, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split("\n")) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

const scrape = async (headers: Record<string, string> = {}) => {
  const res = await fetch(`${base}/metrics`, { headers });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
};

describe("GET /metrics", () => {
  it("exports runs, the inbox, budgets, the engine's queue and breakers as the database has them", async () => {
    const { status, type, text } = await scrape();
    expect(status).toBe(200);
    expect(type).toContain("text/plain");
    const ws = tenant.workspace.slug;
    expect(sample(text, "switchyard_runs_started_total", { workspace: ws, graph: "Procurement" })).toBe(4);
    expect(sample(text, "switchyard_runs_ended_total", { workspace: ws, graph: "Procurement", status: "succeeded" })).toBe(2);
    expect(sample(text, "switchyard_runs_ended_total", { workspace: ws, graph: "Procurement", status: "failed" })).toBe(1);
    expect(sample(text, "switchyard_runs_active", { workspace: ws, graph: "Procurement", status: "running" })).toBe(1);
    expect(sample(text, "switchyard_inbox_items_waiting", { workspace: ws, kind: "approval" })).toBe(1);
    expect(sample(text, "switchyard_inbox_oldest_item_age_seconds", { workspace: ws, kind: "approval" })).toBeGreaterThanOrEqual(600);
    const budget = { workspace: ws, budget: "Procurement monthly" };
    expect(sample(text, "switchyard_budget_spent_usd", budget)).toBe(2);
    expect(sample(text, "switchyard_budget_limit_usd", budget)).toBe(10);
    expect(sample(text, "switchyard_budget_remaining_usd", budget)).toBe(7.5);
    expect(sample(text, "switchyard_engine_queue_ready", { kind: "call" })).toBe(1);
    expect(sample(text, "switchyard_engine_queue_oldest_ready_age_seconds", { kind: "call" })).toBeGreaterThanOrEqual(5);
    expect(sample(text, "switchyard_engine_queue_scheduled", { kind: "timer" })).toBe(1);
    expect(sample(text, "switchyard_breaker_state", { workspace: ws, breaker: "model:openai:gpt-4o-mini", state: "open" })).toBe(1);
    expect(sample(text, "switchyard_breaker_state", { workspace: ws, breaker: "model:openai:gpt-4o-mini", state: "closed" })).toBe(0);
    // the Node.js runtime's own
    expect(sample(text, "switchyard_process_resident_memory_bytes")).toBeGreaterThan(0);
  });

  it("follows the database: a run that ends moves from active to ended", async () => {
    const gv = await makeGraphVersion(tenant.workspace.id, spec("Vendor check"));
    const runId = await makeRun(tenant.workspace.id, gv);
    const ws = tenant.workspace.slug;
    expect(sample((await scrape()).text, "switchyard_runs_active", { workspace: ws, graph: "Vendor check", status: "running" })).toBe(1);
    await getPrisma().run.update({ where: { id: runId }, data: { status: "cancelled" } });
    const text = (await scrape()).text;
    expect(sample(text, "switchyard_runs_active", { workspace: ws, graph: "Vendor check", status: "running" })).toBeUndefined();
    expect(sample(text, "switchyard_runs_ended_total", { workspace: ws, graph: "Vendor check", status: "cancelled" })).toBe(1);
  });

  it("observes node durations and gateway calls in the process", async () => {
    const gv = await makeGraphVersion(tenant.workspace.id, spec("Pricing"));
    const runId = await makeRun(tenant.workspace.id, gv, { nodes: ["draft", "check"] });
    await getPrisma().nodeRun.updateMany({ where: { runId }, data: { status: "running", startedAt: new Date(Date.now() - 2_000) } });
    const before = (await scrape()).text;
    const count = (text: string, status: string) => sample(text, "switchyard_node_duration_seconds_count", { type: "agent", status }) ?? 0;
    const ctx = await ctxFor(tenant.workspace.id);
    await completeNode(ctx, runId, "draft", { ok: true });
    await failNode(ctx, runId, "check", { message: "vendor API down" }, 1, false);
    await failNode(ctx, runId, "check", { message: "vendor API down" }, 2, true);
    const res = await fetch(`${base}/api/v1/llm/openai/v1/chat/completions`, { method: "POST", headers: { authorization: "Bearer sy_unknown" }, body: "{}" });
    expect(res.status).toBe(401);
    const after = (await scrape()).text;
    expect(count(after, "succeeded") - count(before, "succeeded")).toBe(1);
    // a retry is not an end: only the final failure counts
    expect(count(after, "failed") - count(before, "failed")).toBe(1);
    // both took about 2 s: in the (1, 2.5] bucket, not below
    expect(sample(after, "switchyard_node_duration_seconds_bucket", { type: "agent", status: "succeeded", le: "1" })).toBe(sample(before, "switchyard_node_duration_seconds_bucket", { type: "agent", status: "succeeded", le: "1" }) ?? 0);
    expect(sample(after, "switchyard_gateway_requests_total", { endpoint: "openai/v1/chat/completions", status: "401" })).toBeGreaterThanOrEqual(1);
    expect(sample(after, "switchyard_gateway_request_duration_seconds_count", { endpoint: "openai/v1/chat/completions" })).toBeGreaterThanOrEqual(1);
  });

  it("answers other addresses only with the token", async () => {
    process.env[METRICS_ALLOW_ENV] = "10.0.0.0/8";
    try {
      expect((await scrape()).status).toBe(401);
      process.env[METRICS_TOKEN_ENV] = "scrape-token-0123456789";
      expect((await scrape({ authorization: "Bearer wrong-token-0123456789" })).status).toBe(401);
      const ok = await scrape({ authorization: "Bearer scrape-token-0123456789" });
      expect(ok.status).toBe(200);
      expect(ok.text).toContain("switchyard_runs_started_total");
      process.env[METRICS_ALLOW_ENV] = "127.0.0.1";
      expect((await scrape()).status).toBe(200);
    } finally {
      delete process.env[METRICS_ALLOW_ENV];
      delete process.env[METRICS_TOKEN_ENV];
    }
    expect((await fetch(`${base}/metrics`, { method: "POST" })).status).toBe(405);
  });
});
