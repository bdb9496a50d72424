import { describe, expect, it } from "vitest";
import { blendedPrice, chooseByPolicy, nextCheaperModel, type RoutingCandidate } from "./choose-by-policy";
import { usd } from "./money";

const c = (modelId: string, tier: string, input: string, output: string, extra: Partial<RoutingCandidate> = {}): RoutingCandidate => ({
  modelId, provider: modelId.split(":")[0]!, tier, contextWindow: 128_000, input: usd(input), output: usd(output), available: true, ...extra,
});
const candidates = [
  c("sim:fast", "cheap", "0.15", "0.6"),
  c("sim:balanced", "balanced", "3", "15"),
  c("sim:strong", "strong", "15", "75"),
  c("openai:gpt-4o-mini", "cheap", "0.15", "0.6"),
  c("openai:gpt-4.1-nano", "cheap", "0.1", "0.4", { contextWindow: 1_000_000 }),
  c("openai:gpt-4o", "balanced", "2.5", "10"),
  c("anthropic:claude-sonnet-4-5", "balanced", "3", "15", { available: false }),
  c("openai:o3", "strong", "2", "8", { contextWindow: 200_000 }),
];

describe("chooseByPolicy", () => {
  it("picks the cheapest available real model of the tier, the simulated one last", () => {
    const d = chooseByPolicy(candidates, { tier: "cheap" })!;
    expect(d.modelId).toBe("openai:gpt-4.1-nano");
    expect(d.alternatives).toEqual(["openai:gpt-4o-mini", "sim:fast"]);
    expect(d.reason).toContain("tier cheap");
  });

  it("respects max blended price and minimum context", () => {
    // gpt-4o blends to (3×2.5 + 10)/4 = 4.375, sim:balanced to 6
    expect(chooseByPolicy(candidates, { tier: "balanced", maxUsdPerMTok: 4.5 })).toMatchObject({ modelId: "openai:gpt-4o", alternatives: [] });
    expect(chooseByPolicy(candidates, { tier: "balanced", maxUsdPerMTok: 4 })).toBeNull();
  });

  it("moves down one tier per downgradeAt threshold reached", () => {
    expect(chooseByPolicy(candidates, { tier: "strong" }, { budgetUsedPct: 50 })!.tier).toBe("strong");
    const at85 = chooseByPolicy(candidates, { tier: "strong" }, { budgetUsedPct: 85 })!;
    expect(at85).toMatchObject({ tier: "balanced", downgradedFrom: "strong", modelId: "openai:gpt-4o" });
    expect(at85.reason).toContain("budget 85% ≥ 80%");
    expect(chooseByPolicy(candidates, { tier: "strong", downgradeAt: [50, 60] }, { budgetUsedPct: 96 })!.tier).toBe("cheap");
  });

  it("falls back in order when models fail or are rate-limited, then to the listed fallbacks", () => {
    const policy = { tier: "strong" as const, fallbacks: ["openai:gpt-4o"] };
    expect(chooseByPolicy(candidates, policy, { exclude: ["openai:o3"] })!.modelId).toBe("sim:strong");
    const limited = candidates.map((x) => (x.tier === "strong" ? { ...x, rateLimited: true } : x));
    const d = chooseByPolicy(limited, policy)!;
    expect(d).toMatchObject({ modelId: "openai:gpt-4o", alternatives: [] });
    expect(d.reason).toContain("fallback");
    expect(chooseByPolicy(limited, { tier: "strong" })).toBeNull();
  });

  it("keeps only models with enough context", () => {
    expect(chooseByPolicy(candidates, { tier: "cheap", minContext: 500_000 })!.alternatives).toEqual([]);
  });
});

describe("nextCheaperModel", () => {
  it("steps down to the next cheaper available model", () => {
    expect(nextCheaperModel(candidates, "sim:strong")!.modelId).toBe("sim:balanced");
    expect(nextCheaperModel(candidates, "openai:gpt-4o")!.modelId).toBe("openai:o3");
    expect(nextCheaperModel(candidates, "openai:gpt-4.1-nano")).toBeNull();
  });

  it("blends prices three input to one output", () => {
    expect(blendedPrice({ input: usd("0.15"), output: usd("0.6") })!.toString()).toBe("0.2625");
  });
});
