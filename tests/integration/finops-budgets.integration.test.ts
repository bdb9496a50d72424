/**
 * The ledger and budgets against real PostgreSQL: attribution and decimal exactness, roll-up to
 * ancestor runs, atomic reservations under concurrency, thresholds alerting once, delegation.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../use-test-database";
import { getPrisma } from "../../lib/db/client";
import { encryptSecret, verifySignature } from "../../lib/crypto";
import { newId } from "../../lib/ids";
import { makeTenant } from "../../prisma/factories";
import { createSpendGuard } from "../../lib/runtime/agent/create-spend-guard";
import { BudgetExceededError, LoopDetectedError } from "../../lib/finops/errors";
import { getPriceOrThrow } from "../../lib/finops/get-price";
import { loadSpendContext } from "../../lib/finops/load-spend-context";
import { usd } from "../../lib/finops/money";
import { recordCost } from "../../lib/finops/record-cost";
import { reserveBudget } from "../../lib/finops/reserve-budget";
import { settleReservation } from "../../lib/finops/settle-reservation";
import { raiseBudget } from "../../lib/finops/raise-budget";
import type { TGraphSpec } from "../../lib/graphs/spec/schema";
import { ctxFor, makeGraphVersion, makeRun } from "../../lib/finops/testing/fixtures";

useTestDatabase("finops-budgets");

let tenant: Awaited<ReturnType<typeof makeTenant>>;
const spec = (extra: Partial<TGraphSpec> = {}): TGraphSpec =>
  ({ name: "Procurement", nodes: [{ id: "draft", type: "agent", model: "sim:fast", prompt: "Draft", tags: ["drafting"] }, { id: "out", type: "output", value: 1 }], ...extra }) as TGraphSpec;

beforeAll(async () => {
  tenant = await makeTenant("FinOps Co");
});

const call = (turn: number, usage = { inputTokens: 1000, outputTokens: 200, cachedTokens: 0 }) => ({
  before: { modelId: "sim:fast", estimatedInputTokens: usage.inputTokens, maxOutputTokens: 500, turn, purpose: "turn" as const },
  after: { modelId: "sim:fast", usage, durationMs: 5, ok: true, turn, purpose: "turn" as const, finishReason: "stop" as const, simulated: true },
});

describe("ledger", () => {
  it("records one row per call with full attribution, the unit prices used and an exact decimal cost", async () => {
    const ctx = await ctxFor(tenant.workspace.id);
    const gv = await makeGraphVersion(tenant.workspace.id, spec({ tags: ["procurement"] }));
    const runId = await makeRun(tenant.workspace.id, gv, { tags: ["procurement", "eu"], customerKey: "REQ-1042", nodes: ["draft"] });
    const guard = createSpendGuard({ ctx, plan: { runId, spec: gv.spec }, nodeId: "draft", attempt: 2 });
    const c = call(1, { inputTokens: 1234, outputTokens: 567, cachedTokens: 200 });
    await guard.beforeModelCall(c.before);
    await guard.afterModelCall(c.after);
    // a failed retry is recorded too
    await guard.beforeModelCall(call(2).before);
    await guard.afterModelCall({ ...call(2).after, ok: false, usage: { inputTokens: 1000, outputTokens: 0, cachedTokens: 0 }, finishReason: "error", error: new Error("503") });

    const rows = await getPrisma().costEntry.findMany({ where: { runId }, orderBy: { id: "asc" } });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      workspaceId: tenant.workspace.id, kind: "model", graphId: gv.graphId, graphVersionId: gv.graphVersionId, graphVersion: 1,
      nodeId: "draft", agent: "draft", attempt: 2, provider: "sim", model: "sim:fast", inputTokens: 1234, outputTokens: 567, cachedTokens: 200,
      tags: ["drafting", "eu", "procurement"], customerKey: "REQ-1042", rootRunId: runId, success: true,
    });
    // sim:fast is $0.15 in / $0.075 cached / $0.60 out per MTok: 1034×0.15 + 200×0.075 + 567×0.6 = 155.1 + 15 + 340.2 = 510.3 µ$
    expect(rows[0]!.inputUsdPerMTok!.toString()).toBe("0.15");
    expect(rows[0]!.costUsd.toString()).toBe("0.0005103");
    expect(rows[1]).toMatchObject({ success: false, inputTokens: 1000 });
    expect(rows[1]!.costUsd.toString()).toBe("0.00015");

    const run = await getPrisma().run.findUniqueOrThrow({ where: { id: runId } });
    const node = await getPrisma().nodeRun.findFirstOrThrow({ where: { runId, nodeId: "draft" } });
    expect(run.costUsd.toString()).toBe("0.0006603");
    expect(node.costUsd.toString()).toBe("0.0006603");
    expect(guard.spentUsd().toString()).toBe("0.0006603");
  });

  it("rolls a sub-run's spend up to every ancestor run", async () => {
    const ctx = await ctxFor(tenant.workspace.id);
    const gv = await makeGraphVersion(tenant.workspace.id, spec());
    const root = await makeRun(tenant.workspace.id, gv);
    const child = await makeRun(tenant.workspace.id, gv, { parentRunId: root, parentNodeId: "delegate" });
    const grandchild = await makeRun(tenant.workspace.id, gv, { parentRunId: child, parentNodeId: "delegate", rootRunId: root });
    const spend = await loadSpendContext(ctx, { runId: grandchild, nodeId: "draft" });
    expect(spend.ancestors.map((a) => a.runId)).toEqual([child, root]);
    expect(spend.rootRunId).toBe(root);
    await recordCost(ctx, { attribution: spend, modelId: "sim:strong", usage: { inputTokens: 1_000_000, outputTokens: 0 }, prices: await getPriceOrThrow(ctx, "sim:strong") });
    const runs = await getPrisma().run.findMany({ where: { id: { in: [root, child, grandchild] } } });
    expect(runs.map((r) => r.costUsd.toString())).toEqual(["15", "15", "15"]);
  });

  it("sums concurrent micro-dollar rows exactly (decimals, not floats)", async () => {
    const ctx = await ctxFor(tenant.workspace.id);
    const prices = { inputUsdPerMTok: usd("0.1"), outputUsdPerMTok: usd("0.2"), cachedUsdPerMTok: usd("0.1") };
    const gv = await makeGraphVersion(tenant.workspace.id, spec());
    const runId = await makeRun(tenant.workspace.id, gv);
    const spend = await loadSpendContext(ctx, { runId, nodeId: "draft" });
    await Promise.all(Array.from({ length: 30 }, () => recordCost(ctx, { attribution: spend, modelId: "sim:fast", usage: { inputTokens: 1, outputTokens: 1 }, prices })));
    const run = await getPrisma().run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.costUsd.toString()).toBe("0.000009"); // 30 × 0.3 µ$, where 30 float additions of 3e-7 give 8.999999999999999e-6
  });
});

describe("reservations", () => {
  it("never overshoots a budget under 32 parallel calls", async () => {
    const ctx = await ctxFor(tenant.workspace.id);
    // 32 calls whose worst case is ~$0.000466 each against a $0.005 run budget: only 10 fit.
    const gv = await makeGraphVersion(tenant.workspace.id, spec({ budget: { perRunUsd: 0.005, onExceed: "stop" } }));
    const runId = await makeRun(tenant.workspace.id, gv, { nodes: ["draft"] });
    const results = await Promise.allSettled(
      Array.from({ length: 32 }, async (_, i) => {
        const guard = createSpendGuard({ ctx, plan: { runId, spec: gv.spec }, nodeId: "draft", attempt: 1 });
        const c = call(i + 1, { inputTokens: 1000, outputTokens: 500, cachedTokens: 0 });
        await guard.beforeModelCall(c.before);
        await new Promise((r) => setTimeout(r, Math.random() * 20));
        await guard.afterModelCall(c.after);
      }),
    );
    const refused = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
    expect(refused.every((e) => e instanceof BudgetExceededError && e.onExceed === "stop" && e.scope === "run")).toBe(true);
    const made = results.length - refused.length;
    expect(made).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    const settled = await getPrisma().costEntry.aggregate({ where: { runId }, _sum: { costUsd: true } });
    expect(settled._sum.costUsd!.lte(usd("0.005"))).toBe(true);
    const window = await getPrisma().budgetWindow.findFirstOrThrow({ where: { windowKey: runId } });
    expect(window.spentUsd.toString()).toBe(settled._sum.costUsd!.toString());
    expect(window.reservedUsd.toString()).toBe("0");
    // worst case 1116 in + 500 out at sim:fast = 0.0004674 → floor(0.005 / 0.0004674) = 10 reservations fit
    // at once; a call that settles below its worst case gives the difference back, so a call
    // reserving after that may fit too (11 when the timing allows) — never past the limit (above)
    expect(made).toBeGreaterThanOrEqual(10);
    expect(made).toBeLessThanOrEqual(11);
    // 10 concurrent settlements and 22 refusals never announce a threshold twice; the refusals
    // announce 100% (lower thresholds are skipped once a higher one is out)
    const notes = await getPrisma().notification.findMany({ where: { workspaceId: tenant.workspace.id, kind: "budget.threshold" } });
    const mine = notes.filter((n) => (n.data as { windowKey: string }).windowKey === runId).map((n) => (n.data as { thresholdPct: number }).thresholdPct);
    expect(new Set(mine).size).toBe(mine.length);
    expect(mine).toContain(100);
    expect(mine.filter((p) => p === 100)).toHaveLength(1);
  });

  it("reserves in every applicable budget or in none", async () => {
    const ctx = await ctxFor(tenant.workspace.id);
    const ws = tenant.workspace.id;
    const tagBudget = await getPrisma().budget.create({ data: { id: newId("budget"), workspaceId: ws, name: "EU tag", scope: "tag", scopeRef: "atomic-eu", period: "day", limitUsd: usd("1") } });
    const customerBudget = await getPrisma().budget.create({ data: { id: newId("budget"), workspaceId: ws, name: "Per customer", scope: "customer", period: "month", limitUsd: usd("0.5"), onExceed: "pause" } });
    const gv = await makeGraphVersion(ws, spec());
    const runId = await makeRun(ws, gv, { tags: ["atomic-eu"], customerKey: "ACME" });
    const spend = await loadSpendContext(ctx, { runId, nodeId: "draft" });
    const ok = await reserveBudget(ctx, spend, usd("0.4"));
    expect(ok.windows.map((w) => w.budgetId).sort()).toEqual([tagBudget.id, customerBudget.id].sort());
    const err = await reserveBudget(ctx, spend, usd("0.2")).catch((e) => e);
    expect(err).toBeInstanceOf(BudgetExceededError);
    expect(err).toMatchObject({ budgetId: customerBudget.id, onExceed: "pause", limitUsd: "0.5", reservedUsd: "0.4", requestedUsd: "0.2", shortfallUsd: "0.1", windowKey: expect.stringMatching(/\|ACME$/) });
    // the tag window was not left holding the refused $0.2
    const tagWindow = await getPrisma().budgetWindow.findFirstOrThrow({ where: { budgetId: tagBudget.id } });
    expect(tagWindow.reservedUsd.toString()).toBe("0.4");
    await settleReservation(ctx, ok, usd("0.25"));
    await settleReservation(ctx, ok, usd("0.25")); // idempotent
    const after = await getPrisma().budgetWindow.findFirstOrThrow({ where: { budgetId: tagBudget.id } });
    expect([after.spentUsd.toString(), after.reservedUsd.toString()]).toEqual(["0.25", "0"]);
    // another customer has its own window
    const other = await makeRun(ws, gv, { tags: ["atomic-eu"], customerKey: "GLOBEX" });
    await expect(reserveBudget(ctx, await loadSpendContext(ctx, { runId: other }), usd("0.45"))).resolves.toMatchObject({ windows: expect.any(Array) });
  });

  it("a raise granted to the window lets the refused call through", async () => {
    const ctx = await ctxFor(tenant.workspace.id);
    const gv = await makeGraphVersion(tenant.workspace.id, spec({ budget: { perRunUsd: 0.001 } }));
    const runId = await makeRun(tenant.workspace.id, gv);
    const spend = await loadSpendContext(ctx, { runId, nodeId: "draft" });
    const err = (await reserveBudget(ctx, spend, usd("0.003")).catch((e) => e)) as BudgetExceededError;
    expect(err.onExceed).toBe("pause");
    await raiseBudget(ctx, err.budgetId, err.shortfallUsd, { windowKey: err.windowKey });
    await expect(reserveBudget(ctx, spend, usd("0.003"))).resolves.toBeTruthy();
    // the raise is for this run only: the next run of the version has the declared limit
    const next = await makeRun(tenant.workspace.id, gv);
    await expect(reserveBudget(ctx, await loadSpendContext(ctx, { runId: next }), usd("0.003"))).rejects.toBeInstanceOf(BudgetExceededError);
  });

  it("a sub-run gets at most its parent's remaining run budget", async () => {
    const ctx = await ctxFor(tenant.workspace.id);
    const parentGv = await makeGraphVersion(tenant.workspace.id, spec({ budget: { perRunUsd: 1 } }));
    const childGv = await makeGraphVersion(tenant.workspace.id, spec({ name: "Child", budget: { perRunUsd: 5 } }));
    const parent = await makeRun(tenant.workspace.id, parentGv);
    const parentSpend = await loadSpendContext(ctx, { runId: parent, nodeId: "draft" });
    await settleReservation(ctx, await reserveBudget(ctx, parentSpend, usd("0.7")), usd("0.7"));
    const child = await makeRun(tenant.workspace.id, childGv, { parentRunId: parent, parentNodeId: "delegate" });
    const childSpend = await loadSpendContext(ctx, { runId: child, nodeId: "draft" });
    const err = await reserveBudget(ctx, childSpend, usd("0.5")).catch((e) => e);
    expect(err).toMatchObject({ windowKey: parent, limitUsd: "1", spentUsd: "0.7" });
    await expect(reserveBudget(ctx, childSpend, usd("0.3"))).resolves.toBeTruthy();
  });
});

describe("thresholds and runaway loops", () => {
  it("alerts once per threshold and window: notification, signed webhook", async () => {
    const ctx = await ctxFor(tenant.workspace.id);
    const received: { body: string; signature: string }[] = [];
    const server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push({ body, signature: String(req.headers["x-switchyard-signature"] ?? "") });
        res.end("ok");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const ws = tenant.workspace.id;
    await getPrisma().webhookEndpoint.create({ data: { id: newId("webhook"), workspaceId: ws, url, events: ["budget.threshold"], encryptedSecret: encryptSecret("whsec_test") } });
    const budget = await getPrisma().budget.create({ data: { id: newId("budget"), workspaceId: ws, name: "Alerts", scope: "tag", scopeRef: "alerting", period: "month", limitUsd: usd("1"), thresholds: [50, 80, 100] } });
    const gv = await makeGraphVersion(ws, spec());
    const runId = await makeRun(ws, gv, { tags: ["alerting"] });
    const spend = await loadSpendContext(ctx, { runId, nodeId: "draft" });
    const spendOnce = async (amount: string) => {
      const r = await reserveBudget(ctx, spend, usd(amount));
      const alerts = await settleReservation(ctx, r, usd(amount));
      const { deliverBudgetAlerts } = await import("../../lib/finops/deliver-budget-alerts");
      await deliverBudgetAlerts(ctx, alerts);
      return alerts.map((a) => a.thresholdPct);
    };
    expect(await spendOnce("0.3")).toEqual([]);
    expect(await spendOnce("0.25")).toEqual([50]);
    expect(await spendOnce("0.1")).toEqual([]); // 65%: still 50, already announced
    expect(await spendOnce("0.3")).toEqual([80]); // 95%: jumps to 80 only
    expect(await spendOnce("0.05")).toEqual([100]);
    const notes = await getPrisma().notification.findMany({ where: { workspaceId: ws, kind: "budget.threshold" }, orderBy: { createdAt: "asc" } });
    expect(notes.filter((n) => (n.data as { budgetId: string }).budgetId === budget.id).map((n) => (n.data as { thresholdPct: number }).thresholdPct)).toEqual([50, 80, 100]);
    server.close();
    expect(received).toHaveLength(3);
    for (const r of received) expect(verifySignature("whsec_test", r.body, r.signature)).toBe(true);
    expect(JSON.parse(received[0]!.body)).toMatchObject({ type: "budget.threshold", data: { budgetId: budget.id, thresholdPct: 50 } });
    expect(verifySignature("another-secret", received[0]!.body, received[0]!.signature)).toBe(false);
  });

  it("stops a run whose spend velocity is above the runaway limit", async () => {
    const ctx = await ctxFor(tenant.workspace.id);
    const gv = await makeGraphVersion(tenant.workspace.id, spec());
    const runId = await makeRun(tenant.workspace.id, gv);
    const guard = createSpendGuard({ ctx, plan: { runId, spec: gv.spec }, nodeId: "draft", attempt: 1, maxUsdPerMinute: usd("0.002") });
    let stopped: unknown;
    for (let turn = 1; turn <= 20 && !stopped; turn++) {
      try {
        await guard.beforeModelCall(call(turn).before);
        await guard.afterModelCall(call(turn).after);
      } catch (err) {
        stopped = err;
      }
    }
    expect(stopped).toBeInstanceOf(LoopDetectedError);
    expect((stopped as LoopDetectedError).reason).toBe("loop_detected");
    const rows = await getPrisma().costEntry.count({ where: { runId } });
    expect(rows).toBeGreaterThan(1);
    expect(rows).toBeLessThan(20);
  });
});
