/**
 * Model routing against a workspace's real configuration: configured providers, price
 * overrides, budget-aware downgrade from live budget windows, shared rate limits, and the
 * cheaper model for `onExceed: downgrade`.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../use-test-database";
import { getPrisma } from "../../lib/db/client";
import { encryptSecret } from "../../lib/crypto";
import { newId } from "../../lib/ids";
import { makeTenant } from "../../prisma/factories";
import { getBudgetUsage, getCheaperModel, routeModel, RateLimitedError } from "../../lib/finops";
import { consumeRateLimit } from "../../lib/finops/consume-rate-limit";
import { loadSpendContext } from "../../lib/finops/load-spend-context";
import { reserveBudget } from "../../lib/finops/reserve-budget";
import { settleReservation } from "../../lib/finops/settle-reservation";
import { usd } from "../../lib/finops/money";
import type { TGraphSpec } from "../../lib/graphs/spec/schema";
import { ctxFor, makeGraphVersion, makeRun } from "../../lib/finops/testing/fixtures";

useTestDatabase("finops-routing");

let tenant: Awaited<ReturnType<typeof makeTenant>>;
beforeAll(async () => {
  delete process.env.OPENAI_API_KEY;
  delete process.env.ANTHROPIC_API_KEY;
  delete process.env.OPENAI_COMPATIBLE_BASE_URL;
  tenant = await makeTenant("Routing Co");
});

describe("routeModel", () => {
  it("uses only the simulated provider until a real one is configured", async () => {
    const ctx = await ctxFor(tenant.workspace.id);
    expect(await routeModel(ctx, { tier: "balanced" })).toMatchObject({ modelId: "sim:balanced", alternatives: [] });
    await getPrisma().providerCredential.create({ data: { id: newId("providerCredential"), workspaceId: tenant.workspace.id, provider: "anthropic", encryptedKey: encryptSecret("sk-ant-test") } });
    const d = await routeModel(ctx, { tier: "balanced" });
    expect(d.modelId).toBe("anthropic:claude-sonnet-4-5");
    expect(d.alternatives).toEqual(["sim:balanced"]);
    // a workspace price override changes the choice
    await getPrisma().modelPrice.create({ data: { id: newId("modelPrice"), workspaceId: tenant.workspace.id, provider: "sim", model: "balanced", inputUsdPerMTok: usd("0.5"), outputUsdPerMTok: usd("1"), source: "override" } });
    expect((await routeModel(ctx, { tier: "balanced", maxUsdPerMTok: 1 })).modelId).toBe("sim:balanced");
  });

  it("moves down a tier as the node's budget fills", async () => {
    const ctx = await ctxFor(tenant.workspace.id);
    const spec = { name: "Research", budget: { perRunUsd: 1 }, nodes: [{ id: "write", type: "agent", model: { tier: "strong" }, prompt: "x" }] } as unknown as TGraphSpec;
    const gv = await makeGraphVersion(tenant.workspace.id, spec);
    const runId = await makeRun(tenant.workspace.id, gv);
    const spend = await loadSpendContext(ctx, { runId, nodeId: "write" });
    expect((await getBudgetUsage(ctx, spend)).usedPct).toBe(0);
    await settleReservation(ctx, await reserveBudget(ctx, spend, usd("0.85")), usd("0.85"));
    const usage = await getBudgetUsage(ctx, spend);
    expect(usage).toMatchObject({ usedPct: 85, windowKey: runId });
    expect(await routeModel(ctx, { tier: "strong" }, { budgetUsage: usage })).toMatchObject({ tier: "balanced", downgradedFrom: "strong" });
    await settleReservation(ctx, await reserveBudget(ctx, spend, usd("0.1")), usd("0.1"));
    expect(await routeModel(ctx, { tier: "strong" }, { budgetUsage: await getBudgetUsage(ctx, spend) })).toMatchObject({ tier: "cheap" });
  });

  it("shares per-minute rate limits across callers and routes around a model at its limit", async () => {
    const ctx = await ctxFor(tenant.workspace.id);
    await getPrisma().modelPrice.create({
      data: { id: newId("modelPrice"), workspaceId: tenant.workspace.id, provider: "anthropic", model: "claude-haiku-4-5", inputUsdPerMTok: usd(1), outputUsdPerMTok: usd(5), requestsPerMinute: 5, source: "override" },
    });
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => consumeRateLimit(ctx, "anthropic:claude-haiku-4-5", 100, { requestsPerMinute: 5 })));
    // the five slots of this minute go to five callers, whatever the interleaving
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    expect(results.filter((r) => r.status === "rejected").every((r) => (r as PromiseRejectedResult).reason instanceof RateLimitedError)).toBe(true);
    const d = await routeModel(ctx, { tier: "cheap", fallbacks: ["sim:fast"] });
    expect(d.modelId).not.toBe("anthropic:claude-haiku-4-5");
    expect([...d.alternatives, d.modelId]).not.toContain("anthropic:claude-haiku-4-5");
    // a failed model is excluded on retry
    const retry = await routeModel(ctx, { tier: "cheap" }, { exclude: [d.modelId] });
    expect(retry.modelId).not.toBe(d.modelId);
  });

  it("gives the next cheaper model for onExceed: downgrade", async () => {
    const ctx = await ctxFor(tenant.workspace.id);
    const { listModels } = await import("../../lib/finops/list-models");
    const { blendedPrice } = await import("../../lib/finops/choose-by-policy");
    const { candidates } = await listModels(ctx);
    const price = (id: string) => blendedPrice(candidates.find((c) => c.modelId === id)!)!;
    const cheaper = (await getCheaperModel(ctx, "sim:strong"))!;
    expect(price(cheaper).lt(price("sim:strong"))).toBe(true);
    // one step down: no available model sits between the two
    const between = candidates.filter((c) => c.available && blendedPrice(c) && blendedPrice(c)!.gt(price(cheaper)) && blendedPrice(c)!.lt(price("sim:strong")));
    expect(between).toEqual([]);
    expect(candidates.find((c) => c.modelId === cheaper)!.available).toBe(true);
    expect(await getCheaperModel(ctx, "sim:fast")).toBeNull();
  });
});
