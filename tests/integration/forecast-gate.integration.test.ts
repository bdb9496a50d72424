/**
 * Forecasts at run start. A graph can require approval when a run's cost forecast exceeds a
 * threshold (`budget.requireApprovalAboveUsd`): the run waits durably in the approvals inbox
 * before any node runs; approved, it runs; rejected, it ends failed with reason
 * forecast_rejected and nothing spent. Every run keeps the forecast it started with, and
 * `GET /api/v1/costs/forecast-accuracy` sets it beside what the run cost. Real engine, real
 * database, the product's own routes.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { getPrisma } from "../../lib/db/client";
import { makeApiKey, makeTenant } from "../../prisma/factories";
import * as graphsRoute from "../../app/api/v1/graphs/route";
import * as runsRoute from "../../app/api/v1/graphs/[id]/runs/route";
import * as runRoute from "../../app/api/v1/runs/[id]/route";
import * as approvalsRoute from "../../app/api/v1/approvals/route";
import * as decisionRoute from "../../app/api/v1/approvals/[id]/decision/route";
import * as accuracyRoute from "../../app/api/v1/costs/forecast-accuracy/route";
import { usd } from "../../lib/finops/money";
import { formatMoney } from "../../lib/format";

const rt = useRuntime("forecast_gate");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
let finance: Awaited<ReturnType<typeof makeApiKey>>;
beforeAll(async () => {
  tenant = await makeTenant("Forecast Gate Co");
  finance = await makeApiKey(tenant.workspace.id, "finance");
});

// Without history the p90 is one call using the whole output limit: 4,000 tokens × $0.60/MTok ≈ $0.0024 + the prompt.
const spec = (name: string, thresholdUsd: number) => ({
  name,
  budget: { requireApprovalAboveUsd: thresholdUsd },
  nodes: [
    { id: "first", type: "output", value: "before the agent" },
    { id: "summarise", type: "agent", needs: ["first"], model: "sim:fast", maxOutputTokens: 4000, prompt: "Summarise: supplier {{input.supplier}} offers 40 chairs." },
    { id: "done", type: "output", needs: ["summarise"], value: { summary: "{{nodes.summarise.output}}" } },
  ],
});

async function startRun(s: unknown) {
  const g = await callRoute(graphsRoute.POST as never, { key: tenant.apiKey.key, body: s });
  expect(g.status, g.text).toBe(201);
  const r = await callRoute(runsRoute.POST as never, { key: tenant.apiKey.key, params: { id: g.json.id }, body: { input: { supplier: "ACME" } } });
  expect(r.status, r.text).toBe(202);
  return r.json.runId as string;
}

async function pendingItem(runId: string) {
  const inbox = await rt.waitFor(
    () => callRoute(approvalsRoute.GET as never, { key: finance.key, path: `/api/v1/approvals?status=pending&runId=${runId}` }),
    (res) => res.json.approvals?.length > 0,
  );
  return inbox.json.approvals[0];
}

describe("forecast approval before a run starts", () => {
  it("waits before any node runs when the forecast p90 exceeds the threshold; approved, it runs", async () => {
    const runId = await startRun(spec("Costly summary (approve)", 0.001));
    const paused = await rt.waitForRun(runId, (r) => r.status === "paused" || r.status === "failed" || r.status === "succeeded");
    expect(paused.status).toBe("paused");
    expect(paused.pausedReason).toBe("forecast");
    // nothing ran, nothing was spent — not even the output node that needs no model
    expect(paused.nodeRuns.map((n: { status: string }) => n.status)).toEqual(["queued", "queued", "queued"]);
    expect(await getPrisma().costEntry.count({ where: { runId } })).toBe(0);

    const item = await pendingItem(runId);
    expect(item).toMatchObject({ kind: "forecast", canDecide: true, nodeId: null });
    expect(item.title).toMatch(/^Forecast \$0\.00[0-9]+ exceeds the threshold \$0\.001 of Costly summary \(approve\): approve to start, or reject$/);
    expect(item.context.thresholdUsd).toBe("0.001");
    expect(item.context.forecast).toMatchObject({ basis: "estimate", simulated: true });
    expect(Number(item.context.forecast.p90Usd)).toBeGreaterThan(0.001);
    // the title writes the amount for people; the context keeps the exact decimal
    expect(item.title).toContain(`Forecast ${formatMoney(item.context.forecast.p90Usd)} exceeds`);

    const decided = await callRoute(decisionRoute.POST as never, { key: finance.key, params: { id: item.id }, body: { decision: "approve", comment: "expected" } });
    expect(decided.status, decided.text).toBe(200);
    await rt.waitForRun(runId, (r) => r.status === "succeeded" || r.status === "failed");
    const run = (await callRoute(runRoute.GET as never, { key: tenant.apiKey.key, params: { id: runId } })).json;
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    expect(run.costUsd).toBeGreaterThan(0);
    const events = await getPrisma().traceEvent.findMany({ where: { runId, type: { in: ["run.paused", "run.resumed"] } }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["run.paused", "run.resumed"]);
    expect(events[1]!.message).toMatch(/^Start approved by apikey:.+: expected$/);
  });

  it("rejected: the run ends failed with reason forecast_rejected, no node ran and nothing was spent", async () => {
    const runId = await startRun(spec("Costly summary (reject)", 0.001));
    await rt.waitForRun(runId, (r) => r.status === "paused");
    const item = await pendingItem(runId);
    const decided = await callRoute(decisionRoute.POST as never, { key: finance.key, params: { id: item.id }, body: { decision: "reject", comment: "too much" } });
    expect(decided.status, decided.text).toBe(200);
    const ended = await rt.waitForRun(runId, (r) => r.status === "failed" || r.status === "succeeded");
    expect(ended.status).toBe("failed");
    expect(ended.error).toMatchObject({ reason: "forecast_rejected", thresholdUsd: "0.001" });
    expect(ended.error.message).toMatch(/^Not started: the forecast \$[0-9.]+ \(p90\) exceeds the graph's threshold \$0\.001 and the start was rejected by apikey:.+ \(“too much”\)\.$/);
    expect(ended.nodeRuns.map((n: { status: string }) => n.status)).toEqual(["skipped", "skipped", "skipped"]);
    expect(await getPrisma().costEntry.count({ where: { runId } })).toBe(0);
  });

  it("a decision the run's wait never saw (made before the wait was registered) is read from the inbox row within seconds", async () => {
    const saved = process.env.SWITCHYARD_DECISION_RECHECK_MS;
    process.env.SWITCHYARD_DECISION_RECHECK_MS = "1500"; // the run re-checks the row after 1.5 s instead of 20 s
    const runId = await startRun(spec("Costly summary (unseen)", 0.001));
    const approval = await rt.waitFor(() => getPrisma().approval.findFirst({ where: { runId } }), (a) => a !== null, 30_000);
    // decided in the inbox, but its event is never delivered to the run (what a decision landing
    // before the wait starts amounts to)
    await getPrisma().approval.update({ where: { id: approval!.id }, data: { status: "approved", decision: "approve", decidedAt: new Date() } });
    const started = Date.now();
    const run = await rt.waitForRun(runId, (r) => r.status === "succeeded" || r.status === "failed", 50_000);
    process.env.SWITCHYARD_DECISION_RECHECK_MS = saved;
    expect(run.status).toBe("succeeded");
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 60_000);

  it("a forecast under the threshold starts at once, without an inbox item", async () => {
    const runId = await startRun(spec("Cheap summary", 5));
    const run = await rt.waitForRun(runId, (r) => r.status === "succeeded" || r.status === "failed" || r.status === "paused");
    expect(run.status).toBe("succeeded");
    expect(await getPrisma().approval.count({ where: { runId } })).toBe(0);
  });

  it("refuses a negative threshold, naming the field", async () => {
    const res = await callRoute(graphsRoute.POST as never, { key: tenant.apiKey.key, body: spec("Bad threshold", -1) });
    expect(res.status).toBe(422);
    expect(res.json.issues).toEqual([expect.objectContaining({ path: "budget.requireApprovalAboveUsd", message: expect.stringContaining("must be zero or a positive amount of US dollars") })]);
  });
});

describe("forecast vs actual", () => {
  it("keeps each run's start forecast (estimate, then history) and reports it beside the actual cost", async () => {
    const g = await callRoute(graphsRoute.POST as never, {
      key: tenant.apiKey.key,
      body: { name: "Forecast accuracy", nodes: [{ id: "draft", type: "agent", model: "sim:fast", maxOutputTokens: 600, prompt: "Draft a reply to: {{input.text}}" }] },
    });
    expect(g.status, g.text).toBe(201);
    const graphId = g.json.id as string;
    const runIds: string[] = [];
    for (const text of ["short", "a somewhat longer request about forty chairs", "tiny", "a request of middling length"]) {
      const r = await callRoute(runsRoute.POST as never, { key: tenant.apiKey.key, params: { id: graphId }, body: { input: { text } } });
      const run = await rt.waitForRun(r.json.runId, (x) => x.status === "succeeded" || x.status === "failed");
      expect(run.status).toBe("succeeded");
      runIds.push(run.id);
    }
    const stored = await getPrisma().runForecast.findMany({ where: { runId: { in: runIds } } });
    const byRun = new Map(stored.map((f) => [f.runId, f]));
    expect(runIds.map((id) => byRun.get(id)?.basis)).toEqual(["estimate", "estimate", "estimate", "history"]);
    expect(byRun.get(runIds[3])!.historyRuns).toBe(3);
    expect(byRun.get(runIds[0])!.perNode).toEqual([expect.objectContaining({ nodeId: "draft", modelId: "sim:fast" })]);

    const res = await callRoute(accuracyRoute.GET as never, { key: finance.key, path: `/api/v1/costs/forecast-accuracy?graphId=${graphId}` });
    expect(res.status, res.text).toBe(200);
    const report = res.json;
    expect(report.runs.map((r: { runId: string }) => r.runId)).toEqual([...runIds].reverse());
    const runs = await getPrisma().run.findMany({ where: { id: { in: runIds } } });
    const errors: number[] = [];
    for (const row of report.runs) {
      const run = runs.find((r) => r.id === row.runId)!;
      const f = byRun.get(row.runId)!;
      expect(row).toMatchObject({ graphName: "Forecast accuracy", version: 1, status: "succeeded", actualUsd: run.costUsd.toFixed(), p50Usd: f.p50Usd.toFixed(), p90Usd: f.p90Usd.toFixed(), basis: f.basis });
      expect(row.withinP90).toBe(run.costUsd.lessThanOrEqualTo(f.p90Usd));
      const err = f.p50Usd.minus(run.costUsd).div(run.costUsd);
      expect(row.errorPct).toBeCloseTo(err.times(100).toNumber(), 1);
      errors.push(err.abs().toNumber());
    }
    errors.sort((a, b) => a - b);
    expect(report.summary).toMatchObject({
      runs: 4,
      unforecastRuns: 0,
      withinP90: report.runs.filter((r: { withinP90: boolean }) => r.withinP90).length,
      actualUsd: runs.reduce((s, r) => s.plus(r.costUsd), usd(0)).toFixed(),
      forecastP50Usd: stored.reduce((s, f) => s.plus(f.p50Usd), usd(0)).toFixed(),
    });
    expect(report.summary.medianAbsErrorPct).toBeCloseTo(((errors[1]! + errors[2]!) / 2) * 100, 1);
    expect(report.byBasis.map((b: { basis: string; runs: number }) => [b.basis, b.runs])).toEqual([["estimate", 3], ["history", 1]]);

    // a run rejected at the forecast gate never ran: it is not compared
    const rejected = await callRoute(accuracyRoute.GET as never, { key: finance.key, path: `/api/v1/costs/forecast-accuracy?limit=500` });
    expect(rejected.json.runs.some((r: { graphName: string }) => r.graphName === "Costly summary (reject)")).toBe(false);
    expect(rejected.json.runs.some((r: { graphName: string }) => r.graphName === "Costly summary (approve)")).toBe(true);

    const bad = await callRoute(accuracyRoute.GET as never, { key: finance.key, path: `/api/v1/costs/forecast-accuracy?limit=0&from=yesterday` });
    expect(bad.status).toBe(422);
    expect(bad.json.issues.map((i: { path: string }) => i.path).sort()).toEqual(["from", "limit"]);
  });
});
