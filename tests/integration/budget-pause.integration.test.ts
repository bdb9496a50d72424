/**
 * A budget pause in a wide parallel run: eight agents (an OpenAI provider, a scripted stub on
 * 127.0.0.1) against `budget: { perRunUsd: 0.5, onExceed: "pause" }`, on the real engine.
 * Each call may cost up to $0.10 and costs $0.09, so at most five fit and at least three are
 * refused — some while others still hold reservations, some after others settled. Whatever
 * the interleaving: one inbox item for the run, asking for a positive raise; the run shows
 * `paused` with its reason; one approval resumes every waiting node; each agent is paid once
 * and the ledger adds up to the run's cost. Raising the budget through the API resumes the
 * run as well, and a rejection fails it with the reason instead of leaving it paused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { startOpenAIStub, type ApiStub } from "../stubs/openai-stub";
import { getPrisma } from "../../lib/db/client";
import { makeApiKey, makeTenant } from "../../prisma/factories";
import * as graphsRoute from "../../app/api/v1/graphs/route";
import * as runsRoute from "../../app/api/v1/graphs/[id]/runs/route";
import * as runRoute from "../../app/api/v1/runs/[id]/route";
import * as approvalsRoute from "../../app/api/v1/approvals/route";
import * as decisionRoute from "../../app/api/v1/approvals/[id]/decision/route";
import * as raiseRoute from "../../app/api/v1/budgets/[id]/raise/route";
import * as providerRoute from "../../app/api/v1/providers/[provider]/route";
import * as priceRoute from "../../app/api/v1/models/[modelId]/price/route";
import { BudgetExceededError } from "../../lib/finops/errors";
import { loadSpendContext } from "../../lib/finops/load-spend-context";
import { usd } from "../../lib/finops/money";
import { raiseBudget, reserveRaisingShortfall } from "../../lib/finops/raise-budget";
import { reserveBudget } from "../../lib/finops/reserve-budget";
import { settleReservation } from "../../lib/finops/settle-reservation";
import { ctxFor, makeGraphVersion, makeRun } from "../../lib/finops/testing/fixtures";
import type { TGraphSpec } from "../../lib/graphs/spec/schema";

const WIDTH = 8;
/** how many runs the fan-out scenario makes (SWITCHYARD_BUDGET_PAUSE_RUNS overrides), this many at a time */
const RUNS = Number(process.env.SWITCHYARD_BUDGET_PAUSE_RUNS) || 20;
const AT_ONCE = Number(process.env.SWITCHYARD_BUDGET_PAUSE_AT_ONCE) || 5;
const MODEL = "openai:gpt-4o-mini";

const rt = useRuntime("budget_pause");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
let finance: Awaited<ReturnType<typeof makeApiKey>>;
let openai: ApiStub;
let graphId: string;
const saved = process.env.SWITCHYARD_DECISION_RECHECK_MS;

const spec = {
  name: "Wide research",
  budget: { perRunUsd: 0.5, onExceed: "pause" },
  nodes: [
    { id: "brief", type: "output", value: "Compare eight suppliers of ergonomic chairs." },
    ...Array.from({ length: WIDTH }, (_, i) => ({ id: `a${i + 1}`, type: "agent", needs: ["brief"], model: MODEL, maxOutputTokens: 100, prompt: `Agent a${i + 1} of {{run.id}}: {{nodes.brief.output}}` })),
    { id: "report", type: "output", needs: Array.from({ length: WIDTH }, (_, i) => `a${i + 1}`), value: { first: "{{nodes.a1.output}}", last: `{{nodes.a${WIDTH}.output}}` } },
  ],
};

beforeAll(async () => {
  // a node whose wait started after the decision sees it on the row within a second
  process.env.SWITCHYARD_DECISION_RECHECK_MS = "1000";
  tenant = await makeTenant("Pause Co");
  finance = await makeApiKey(tenant.workspace.id, "finance");
  openai = await startOpenAIStub();
  const provider = await callRoute(providerRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { provider: "openai" }, body: { apiKey: "sk-test-pause", baseUrl: openai.url } });
  expect(provider.status, provider.text).toBe(200);
  // $1,000 per million output tokens, input free: a call's worst case (100 tokens) is exactly $0.10
  const price = await callRoute(priceRoute.PUT as never, { key: finance.key, method: "PUT", params: { modelId: MODEL }, body: { inputUsdPerMTok: 0, outputUsdPerMTok: 1000 } });
  expect(price.status, price.text).toBe(200);
  const g = await callRoute(graphsRoute.POST as never, { key: tenant.apiKey.key, body: spec });
  expect(g.status, g.text).toBe(201);
  graphId = g.json.id;
}, 60_000);
afterAll(async () => {
  process.env.SWITCHYARD_DECISION_RECHECK_MS = saved;
  await openai?.close();
});

/** Starts a run whose agents each answer after `delayMs` and are billed 90 output tokens ($0.09). */
async function startRun(delayMs: number) {
  for (let i = 0; i < WIDTH; i++) openai.enqueue({ text: `Findings ${i + 1}`, delayMs, usage: { inputTokens: 30, outputTokens: 90 } });
  const r = await callRoute(runsRoute.POST as never, { key: tenant.apiKey.key, params: { id: graphId }, body: { input: {} } });
  expect(r.status, r.text).toBe(202);
  return r.json.runId as string;
}

/** Waits until every agent has either succeeded or is paused on the budget, and the run's one item lists all the paused ones. */
async function waitForPause(runId: string) {
  const db = getPrisma();
  await rt.waitFor(
    async () => {
      const nodes = await db.nodeRun.findMany({ where: { runId, nodeId: { startsWith: "a" } }, select: { nodeId: true, status: true, attempts: true, error: true } });
      const items = await db.approval.findMany({ where: { runId, kind: "budget" }, select: { context: true } });
      const paused = nodes.filter((n) => n.status === "paused").length;
      const listed = items.reduce((sum, i) => sum + ((i.context as { waiting?: unknown[] } | null)?.waiting?.length ?? 0), 0);
      const settled = nodes.filter((n) => n.status === "succeeded" || n.status === "paused").length;
      const others = nodes.filter((n) => n.status !== "succeeded" && n.status !== "paused");
      return { runId, settled, paused, listed, failed: nodes.some((n) => n.status === "failed"), others };
    },
    (s) => s.failed || (s.settled === WIDTH && s.paused > 0 && s.listed === s.paused),
    60_000,
  );
  const run = await callRoute(runRoute.GET as never, { key: tenant.apiKey.key, params: { id: runId } });
  return run.json;
}

async function pendingItems(runId: string) {
  const inbox = await callRoute(approvalsRoute.GET as never, { key: finance.key, path: `/api/v1/approvals?status=pending&runId=${runId}` });
  expect(inbox.status, inbox.text).toBe(200);
  return inbox.json.approvals as { id: string; kind: string; title: string; canDecide: boolean; context: any }[];
}

/** The run finished: each agent paid exactly once, the ledger adds up to the run's cost. */
async function expectPaidOnce(runId: string) {
  const run = (await callRoute(runRoute.GET as never, { key: tenant.apiKey.key, params: { id: runId } })).json;
  expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
  expect(run.pausedReason).toBeNull();
  const ledger = await getPrisma().costEntry.findMany({ where: { runId }, select: { nodeId: true, costUsd: true } });
  expect(ledger.map((e) => e.nodeId).sort()).toEqual(Array.from({ length: WIDTH }, (_, i) => `a${i + 1}`).sort());
  const total = ledger.reduce((sum, e) => sum + Number(e.costUsd), 0);
  expect(total).toBeCloseTo(WIDTH * 0.09, 9);
  expect(run.costUsd).toBeCloseTo(total, 9);
  // one model call per agent: nothing refused reached the provider, nothing was called twice
  const calls = openai.requests.map((r) => JSON.stringify(r.body).match(/Agent (a\d+) of (run_\w+)/)).filter((m) => m?.[2] === runId);
  expect(calls).toHaveLength(WIDTH);
  expect(new Set(calls.map((m) => m![1])).size).toBe(WIDTH);
  return run;
}

describe("budget pause in a parallel fan-out", () => {
  /** One run of the scenario, start to finish. */
  async function scenario(i: number) {
    // vary the interleaving: answers that come back at once, or after every reservation was tried
    const runId = await startRun([0, 50, 300][i % 3]!);
    const paused = await waitForPause(runId);
    expect(paused.status, `run ${i + 1}`).toBe("paused");
    expect(paused.pausedReason).toBe("budget");
    const waiting = paused.nodes.filter((n: { status: string }) => n.status === "paused").map((n: { nodeId: string }) => n.nodeId);
    expect(waiting.length, `run ${i + 1}: at most five calls of $0.10 fit in $0.50`).toBeGreaterThanOrEqual(3);

    const items = await pendingItems(runId);
    expect(items, `run ${i + 1}: one item per run and budget window`).toHaveLength(1);
    const [item] = items;
    expect(item).toMatchObject({ kind: "budget", canDecide: true });
    const b = item!.context.budget;
    // the refusal and its shortfall come from one read: positive, and what those figures say
    expect(Number(b.shortfallUsd)).toBeGreaterThan(0);
    expect(Number(b.shortfallUsd)).toBeCloseTo(Number(b.spentUsd) + Number(b.reservedUsd) + Number(b.requestedUsd) - Number(b.limitUsd), 9);
    expect(Number(item!.context.shortfallUsd)).toBeGreaterThan(0);
    expect(item!.title).toMatch(/^Raise budget ".+" by \$[0-9.,]+ and resume Wide research, or stop it$/);
    expect(item!.context.waiting.map((w: { nodeId: string }) => w.nodeId).sort()).toEqual([...waiting].sort());

    const decided = await callRoute(decisionRoute.POST as never, { key: finance.key, params: { id: item!.id }, body: { decision: "approve" } });
    expect(decided.status, decided.text).toBe(200);
    await rt.waitForRun(runId, (r) => r.status === "succeeded" || r.status === "failed", 60_000);
    await expectPaidOnce(runId);
    expect(await getPrisma().approval.count({ where: { runId } }), `run ${i + 1}: no second pause`).toBe(1);
    // only what was missing was raised: enough for what the run spent, never more than the waiting calls' worst case
    const window = await getPrisma().budgetWindow.findFirstOrThrow({ where: { budgetId: b.budgetId, windowKey: runId } });
    expect(Number(window.boostUsd) + 1e-9).toBeGreaterThanOrEqual(WIDTH * 0.09 - 0.5);
    expect(Number(window.boostUsd)).toBeLessThanOrEqual((WIDTH - waiting.length) * 0.09 + waiting.length * 0.1 - 0.5 + 1e-9);
  }

  it(`one inbox item, one approval resumes every waiting node: ${RUNS} runs, every one succeeds`, async () => {
    for (let i = 0; i < RUNS; i += AT_ONCE) {
      await Promise.all(Array.from({ length: Math.min(AT_ONCE, RUNS - i) }, (_, j) => scenario(i + j)));
    }
  }, RUNS * 20_000);

  it("POST /budgets/:id/raise resumes the runs paused on that budget, raising nothing more", async () => {
    const runId = await startRun(50);
    const paused = await waitForPause(runId);
    expect(paused.status).toBe("paused");
    const [item] = await pendingItems(runId);
    const { budgetId, windowKey } = item!.context.budget;
    expect(windowKey).toBe(runId);

    const raised = await callRoute(raiseRoute.POST as never, { key: finance.key, params: { id: budgetId }, body: { byUsd: "0.5", windowKey } });
    expect(raised.status, raised.text).toBe(200);
    expect(raised.json).toMatchObject({ budgetId, windowKey, raisedByUsd: "0.5", resumed: [{ approvalId: item!.id, runId }] });
    await rt.waitForRun(runId, (r) => r.status === "succeeded" || r.status === "failed", 30_000);
    await expectPaidOnce(runId);
    expect(await getPrisma().approval.findUniqueOrThrow({ where: { id: item!.id } })).toMatchObject({ status: "approved" });
    // $0.50 + $0.50 covers the $0.72 spent: the resumed nodes raised nothing on top
    const window = await getPrisma().budgetWindow.findFirstOrThrow({ where: { budgetId, windowKey } });
    expect(Number(window.boostUsd)).toBe(0.5);
  }, 60_000);

  it("a rejected raise fails the run with the reason instead of leaving it paused", async () => {
    const runId = await startRun(50);
    await waitForPause(runId);
    const [item] = await pendingItems(runId);
    const decided = await callRoute(decisionRoute.POST as never, { key: finance.key, params: { id: item!.id }, body: { decision: "reject", comment: "Not this month" } });
    expect(decided.status, decided.text).toBe(200);
    const done = await rt.waitForRun(runId, (r) => r.status === "succeeded" || r.status === "failed", 30_000);
    expect(done.status).toBe("failed");
    expect(done.pausedReason).toBeNull();
    expect((done.error as { message: string }).message).toMatch(/would be exceeded and the raise was rejected/);
    expect(done.nodeRuns.filter((n: { status: string }) => n.status === "paused")).toHaveLength(0);
  }, 60_000);
});

describe("reserving while others settle", () => {
  async function freshRun() {
    const ctx = await ctxFor(tenant.workspace.id);
    const gv = await makeGraphVersion(tenant.workspace.id, spec as unknown as TGraphSpec);
    const runId = await makeRun(tenant.workspace.id, gv);
    return { ctx, runId, spend: await loadSpendContext(ctx, { runId, nodeId: "a1" }) };
  }
  const window = (runId: string) => getPrisma().budgetWindow.findFirstOrThrow({ where: { windowKey: runId } });

  it("every refusal names a positive shortfall read with the state that refused it", async () => {
    for (let round = 0; round < 5; round++) {
      const { ctx, runId, spend } = await freshRun();
      const held = await Promise.all(Array.from({ length: 5 }, () => reserveBudget(ctx, spend, usd("0.1"))));
      // settlements free $0.01 each while twelve more calls try to reserve
      const outcomes = await Promise.allSettled([
        ...held.map((r) => settleReservation(ctx, r, usd("0.09")).then(() => null)),
        ...Array.from({ length: 12 }, () => reserveBudget(ctx, spend, usd("0.1"))),
      ]);
      const refusals = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason] : []));
      expect(refusals.length).toBeGreaterThan(0);
      for (const err of refusals) {
        expect(err).toBeInstanceOf(BudgetExceededError);
        const e = err as BudgetExceededError;
        expect(Number(e.shortfallUsd)).toBeGreaterThan(0);
        expect(Number(e.shortfallUsd)).toBeCloseTo(Number(e.spentUsd) + Number(e.reservedUsd) + Number(e.requestedUsd) - Number(e.limitUsd), 12);
        expect(e.message).not.toContain("by at least $0 ");
      }
      const w = await window(runId);
      expect(Number(w.spentUsd) + Number(w.reservedUsd)).toBeLessThanOrEqual(0.5 + 1e-12);
    }
  });

  it("a resume raises only what is missing (maybe nothing), and the node's first call takes over its reservation", async () => {
    const { ctx, runId, spend } = await freshRun();
    const held = await Promise.all(Array.from({ length: 5 }, () => reserveBudget(ctx, spend, usd("0.1"))));
    const refused = (await reserveBudget(ctx, spend, usd("0.1")).catch((e) => e)) as BudgetExceededError;
    expect(refused.shortfallUsd).toBe("0.1");
    const budget = { budgetId: refused.budgetId, windowKey: refused.windowKey };
    // two settle meanwhile at $0.09: $0.02 freed, so $0.08 is still missing
    for (const r of held.slice(0, 2)) await settleReservation(ctx, r, usd("0.09"));
    const resumed = await reserveRaisingShortfall(ctx, spend, refused.requestedUsd, budget, { approvalId: "apr_test" });
    expect(resumed.raisedUsd?.toFixed()).toBe("0.08");
    expect(Number((await window(runId)).boostUsd)).toBeCloseTo(0.08, 12);
    // the re-run's first call replaces it in one transaction: $0.1 held, not $0.2
    const call = await reserveBudget(ctx, spend, usd("0.1"), { replaces: resumed });
    expect(Number((await window(runId)).reservedUsd)).toBeCloseTo(0.4, 12);
    expect(await getPrisma().budgetReservation.findUniqueOrThrow({ where: { id: resumed.id! } })).toMatchObject({ status: "released" });
    // everything settles below its worst case: the next resume finds room and raises nothing
    for (const r of [...held.slice(2), call]) await settleReservation(ctx, r, usd("0.01"));
    const again = await reserveRaisingShortfall(ctx, spend, "0.1", budget, { approvalId: "apr_test" });
    expect(again.raisedUsd).toBeUndefined();
    expect(Number((await window(runId)).boostUsd)).toBeCloseTo(0.08, 12);
    // raising by zero is not an error
    await expect(raiseBudget(ctx, budget.budgetId, "0", { windowKey: budget.windowKey })).resolves.toMatchObject({ raisedByUsd: "0" });
  });
});
