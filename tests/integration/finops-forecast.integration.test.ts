/**
 * Forecasts through the REST handler: from counted prompts and output limits without history,
 * from the version's ledger history (scaled by input size, re-priced today) with it.
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

async function forecast(graphId: string, input: unknown) {
  const res = await callRoute(forecastRoute.POST as never, { key: tenant.apiKey.key, params: { id: graphId }, body: { input } });
  expect(res.status, res.text).toBe(200);
  return res.json;
}

describe("forecast", () => {
  it("without history, estimates from counted prompts and output limits, growing with the input", async () => {
    await getPrisma().graph.deleteMany({ where: { workspaceId: tenant.workspace.id } });
    const gv = await makeGraphVersion(tenant.workspace.id, spec);
    const small = await forecast(gv.graphId, { email: "Total 100 EUR from ACME." });
    expect(small).toMatchObject({ basis: "estimate", version: 1, simulated: true });
    expect(small.perNode.map((n: { nodeId: string; modelId: string }) => [n.nodeId, n.modelId])).toEqual([["extract", "sim:fast"], ["assess", "sim:strong"]]);
    const strong = small.perNode[1];
    // p90 = the full output limit at sim:strong's $75/MTok, p50 a quarter of it
    expect(usd(strong.p90Usd).minus(usd(strong.p50Usd)).toString()).toBe(usd(750).times(75).div(1_000_000).toString());
    expect(usd(small.p90Usd).gt(usd(small.p50Usd))).toBe(true);
    const large = await forecast(gv.graphId, { email: "Total 100 EUR from ACME. ".repeat(200) });
    expect(large.perNode[0].p50InputTokens).toBeGreaterThan(small.perNode[0].p50InputTokens + 500);
    expect(usd(large.p50Usd).gt(usd(small.p50Usd))).toBe(true);
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
    expect(same.p50Usd).toBe(expectedTotals[2]!.toFixed());
    // p90 of five ordered totals: 0.6 of the way from the 4th to the 5th
    expect(same.p90Usd).toBe(expectedTotals[3]!.plus(expectedTotals[4]!.minus(expectedTotals[3]!).times(0.6)).toFixed());
    expect(same.perNode[0]).toMatchObject({ nodeId: "extract", basis: "history", p50InputTokens: 1000, p50OutputTokens: 300 });
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
