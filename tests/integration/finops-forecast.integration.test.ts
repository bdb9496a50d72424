/**
 * Forecasts through the REST handler: without history of the version, from counted prompts with
 * p90 at every call's output limit and p50 at the workspace's typical output of the model (or a
 * prior before the model has been called); with history, from the version's ledger history
 * (scaled by input size, re-priced today).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { callRoute, useTestDatabase } from "../use-test-database";
import { getPrisma } from "../../lib/db/client";
import { makeTenant } from "../../prisma/factories";
import * as forecastRoute from "../../app/api/v1/graphs/[id]/forecast/route";
import { costOf, usd } from "../../lib/finops/money";
import { getCataloguePrice } from "../../lib/finops/catalogue-prices";
import { recordCost } from "../../lib/finops/record-cost";
import { loadSpendContext } from "../../lib/finops/load-spend-context";
import type { TGraphSpec } from "../../lib/graphs/spec/schema";
import { ctxFor, makeGraphVersion, makeRun } from "../../lib/finops/testing/fixtures";
import { MIN_MODEL_CALLS, PRIOR_OUTPUT_CAP, priorOutputTokens } from "../../lib/finops/forecast-run";

useTestDatabase("finops-forecast");

let tenant: Awaited<ReturnType<typeof makeTenant>>;
beforeAll(async () => {
  tenant = await makeTenant("Forecast Co");
});

const spec = {
  name: "Quote review",
  nodes: [
    { id: "extract", type: "agent", model: "sim:fast", prompt: "Extract the supplier and total from: {{input.email}}", maxOutputTokens: 400 },
    { id: "assess", type: "agent", model: "sim:strong", prompt: "Assess {{nodes.extract.output}}", needs: ["extract"], maxOutputTokens: 1000 },
    { id: "out", type: "output", value: "{{nodes.assess.output}}", needs: ["assess"] },
  ],
} as unknown as TGraphSpec;

async function forecast(graphId: string, input: unknown, key = tenant.apiKey.key) {
  const res = await callRoute(forecastRoute.POST as never, { key, params: { id: graphId }, body: { input } });
  expect(res.status, res.text).toBe(200);
  return res.json;
}

describe("forecast", () => {
  it("without any history, p90 is the output limits and p50 the prior, both from counted prompts growing with the input", async () => {
    await getPrisma().graph.deleteMany({ where: { workspaceId: tenant.workspace.id } });
    const gv = await makeGraphVersion(tenant.workspace.id, spec);
    const small = await forecast(gv.graphId, { email: "Total 100 EUR from ACME." });
    expect(small).toMatchObject({ basis: "estimate", version: 1, simulated: true });
    expect(small.basisDetail).toContain("sim:fast, sim:strong, not called here yet");
    expect(small.perNode.map((n: { nodeId: string; modelId: string }) => [n.nodeId, n.modelId])).toEqual([["extract", "sim:fast"], ["assess", "sim:strong"]]);
    const strong = small.perNode[1];
    // the prior: 15 % of the 1,000-token limit; p90 the whole limit, at sim:strong's $75/MTok
    expect(priorOutputTokens(1000)).toBe(150);
    expect(priorOutputTokens(8192)).toBe(PRIOR_OUTPUT_CAP);
    expect(strong).toMatchObject({ outputBasis: "prior", modelCalls: 0, p50OutputTokens: 150, maxOutputTokens: 1000 });
    expect(small.perNode[0]).toMatchObject({ outputBasis: "prior", p50OutputTokens: 60, maxOutputTokens: 400 });
    expect(usd(strong.p90Usd).minus(usd(strong.p50Usd)).toString()).toBe(usd(850).times(75).div(1_000_000).toString());
    expect(usd(small.p90Usd).gt(usd(small.p50Usd))).toBe(true);
    const large = await forecast(gv.graphId, { email: "Total 100 EUR from ACME. ".repeat(200) });
    expect(large.perNode[0].p50InputTokens).toBeGreaterThan(small.perNode[0].p50InputTokens + 500);
    expect(usd(large.p50Usd).gt(usd(small.p50Usd))).toBe(true);
  });

  it("without history of the version, p50 takes the median output of the workspace's recent calls of the same model, from any graph", async () => {
    const other = await makeTenant("Forecast Models Co");
    const ctx = await ctxFor(other.workspace.id);
    const gv = await makeGraphVersion(other.workspace.id, spec);
    const elsewhere = await makeGraphVersion(other.workspace.id, { ...spec, name: "Another graph" } as TGraphSpec);
    const strongP = getCataloguePrice("sim:strong")!;
    const fast = getCataloguePrice("sim:fast")!;
    const runId = await makeRun(other.workspace.id, elsewhere, { input: {}, status: "succeeded" });
    const spend = await loadSpendContext(ctx, { runId, nodeId: "draft" });
    // sim:strong: five successful calls (median 70) and failed attempts that wrote nothing — not counted
    for (const out of [40, 70, 90, 60, 5000]) await recordCost(ctx, { attribution: spend, modelId: "sim:strong", usage: { inputTokens: 500, outputTokens: out }, prices: strongP });
    for (let i = 0; i < 3; i++) await recordCost(ctx, { attribution: spend, modelId: "sim:strong", usage: { inputTokens: 500, outputTokens: 0 }, prices: strongP, success: false });
    // sim:fast: fewer calls than needed, so the prior still applies
    for (let i = 0; i < MIN_MODEL_CALLS - 1; i++) await recordCost(ctx, { attribution: { agent: "outside-bot" }, modelId: "sim:fast", usage: { inputTokens: 100, outputTokens: 20 }, prices: fast });

    const f = await forecast(gv.graphId, { email: "Total 100 EUR from ACME." }, other.apiKey.key);
    expect(f).toMatchObject({ basis: "estimate", runs: 0 });
    const [extract, assess] = f.perNode;
    expect(assess).toMatchObject({ nodeId: "assess", outputBasis: "model-history", modelCalls: 5, p50OutputTokens: 70, maxOutputTokens: 1000 });
    expect(extract).toMatchObject({ nodeId: "extract", outputBasis: "prior", modelCalls: 0, p50OutputTokens: 60 });
    expect(f.basisDetail).toContain("recent calls of sim:strong (5)");
    expect(f.basisDetail).toContain("for sim:fast, not called here yet");
    // p90 is still the ceiling: the whole limit
    expect(usd(assess.p90Usd).toString()).toBe(costOf({ inputTokens: assess.p50InputTokens, outputTokens: 1000 }, strongP).toString());
    expect(usd(assess.p50Usd).toString()).toBe(costOf({ inputTokens: assess.p50InputTokens, outputTokens: 70 }, strongP).toString());

    // the fifth sim:fast call makes it history; a median above the node's limit is capped at the limit
    await recordCost(ctx, { attribution: { agent: "outside-bot" }, modelId: "sim:fast", usage: { inputTokens: 100, outputTokens: 20 }, prices: fast });
    for (let i = 0; i < 10; i++) await recordCost(ctx, { attribution: { agent: "outside-bot" }, modelId: "sim:fast", usage: { inputTokens: 100, outputTokens: 900 }, prices: fast });
    const g = await forecast(gv.graphId, { email: "Total 100 EUR from ACME." }, other.apiKey.key);
    expect(g.perNode[0]).toMatchObject({ outputBasis: "model-history", modelCalls: 15, p50OutputTokens: 400 });
    expect(g.perNode[0].p50Usd).toBe(g.perNode[0].p90Usd);
  });

  it("with history, takes p50/p90 over past runs of the version, scaled by input size and re-priced", async () => {
    const ctx = await ctxFor(tenant.workspace.id);
    const gv = await makeGraphVersion(tenant.workspace.id, { ...spec, name: "Quote review 2" } as TGraphSpec);
    const email = "x".repeat(100);
    const fast = getCataloguePrice("sim:fast")!;
    const strongP = getCataloguePrice("sim:strong")!;
    const expectedTotals: ReturnType<typeof usd>[] = [];
    for (const [i, out] of [100, 200, 300, 400, 500].entries()) {
      const runId = await makeRun(tenant.workspace.id, gv, { input: { email }, status: "succeeded" });
      const spend = await loadSpendContext(ctx, { runId, nodeId: "extract" });
      await recordCost(ctx, { attribution: spend, modelId: "sim:fast", usage: { inputTokens: 1000, outputTokens: out }, prices: fast });
      await recordCost(ctx, { attribution: { ...spend, nodeId: "assess", agent: "assess" }, modelId: "sim:strong", usage: { inputTokens: 2000, outputTokens: out * 2 }, prices: strongP });
      expectedTotals.push(costOf({ inputTokens: 1000, outputTokens: out }, fast).plus(costOf({ inputTokens: 2000, outputTokens: out * 2 }, strongP)));
      expect(i).toBeLessThan(5);
    }
    const same = await forecast(gv.graphId, { email });
    expect(same).toMatchObject({ basis: "history", runs: 5 });
    expect(same.basisDetail).toMatch(/^From the last 5 runs of version 1/);
    expect(same.p50Usd).toBe(expectedTotals[2]!.toFixed());
    // p90 of five ordered totals: 0.6 of the way from the 4th to the 5th
    expect(same.p90Usd).toBe(expectedTotals[3]!.plus(expectedTotals[4]!.minus(expectedTotals[3]!).times(0.6)).toFixed());
    expect(same.perNode[0]).toMatchObject({ nodeId: "extract", basis: "history", p50InputTokens: 1000, p50OutputTokens: 300, outputBasis: "history" });
    // twice the input ({"email":"…"} is 112 characters, now 224): input tokens scale, output does not
    const doubled = await forecast(gv.graphId, { email: "x".repeat(212) });
    expect(doubled.perNode[0].p50InputTokens).toBe(2000);
    expect(doubled.perNode[0].p50OutputTokens).toBe(300);
  });

  it("404s for another workspace's graph and 422s for a bad body", async () => {
    const other = await makeTenant("Other");
    const gv = await makeGraphVersion(other.workspace.id, spec);
    expect((await callRoute(forecastRoute.POST as never, { key: tenant.apiKey.key, params: { id: gv.graphId }, body: { input: {} } })).status).toBe(404);
    const bad = await callRoute(forecastRoute.POST as never, { key: tenant.apiKey.key, params: { id: gv.graphId }, body: { input: [], version: 0 } });
    expect(bad.status).toBe(422);
    expect(bad.json.issues.map((i: { path: string }) => i.path).sort()).toEqual(["input", "version"]);
  });
});
