import { describe, expect, it } from "vitest";
import { getModelInfo, listModels } from "./model-catalogue";
import { parseModelId, parseModelIdOrThrow } from "./model-id";
import { ProviderConfigError } from "./errors";

describe("getModelInfo", () => {
  it("knows common OpenAI and Anthropic models", () => {
    expect(getModelInfo("openai:gpt-4o-mini")).toEqual({
      provider: "openai",
      model: "gpt-4o-mini",
      contextWindow: 128_000,
      maxOutputTokens: 16_384,
      tier: "cheap",
      simulated: false,
    });
    expect(getModelInfo("anthropic:claude-sonnet-4-5")).toMatchObject({ contextWindow: 200_000, tier: "balanced" });
    expect(getModelInfo("anthropic:claude-haiku-4-5")?.tier).toBe("cheap");
  });

  it("resolves dated snapshots, aliases and tags to their family, longest name first", () => {
    expect(getModelInfo("openai:gpt-4o-mini-2024-07-18")).toMatchObject({ model: "gpt-4o-mini-2024-07-18", tier: "cheap" });
    expect(getModelInfo("openai:gpt-4o-2024-08-06")?.tier).toBe("balanced");
    expect(getModelInfo("anthropic:claude-sonnet-4-5-20250929")?.tier).toBe("balanced");
    expect(getModelInfo("anthropic:claude-3-5-haiku-latest")?.maxOutputTokens).toBe(8_192);
    expect(getModelInfo("openai-compatible:llama3.1:8b")).toMatchObject({ provider: "openai-compatible", contextWindow: 128_000 });
  });

  it("labels simulated models and gives each tier its own", () => {
    expect(getModelInfo("sim:fast")).toMatchObject({ tier: "cheap", simulated: true });
    expect(getModelInfo("sim:balanced")).toMatchObject({ tier: "balanced", simulated: true });
    expect(getModelInfo("sim:strong")).toMatchObject({ tier: "strong", simulated: true });
    expect(getModelInfo("sim:anything")).toMatchObject({ model: "anything", tier: "balanced", simulated: true });
  });

  it("returns null for unknown models and malformed ids", () => {
    expect(getModelInfo("openai:gpt-4omg")).toBeNull();
    expect(getModelInfo("openai:not-a-model")).toBeNull();
    expect(getModelInfo("gpt-4o")).toBeNull();
    expect(getModelInfo("mystery:model")).toBeNull();
  });
});

describe("parseModelId", () => {
  it("splits at the first colon", () => {
    expect(parseModelId("openai-compatible:qwen2.5:7b")).toEqual({ provider: "openai-compatible", model: "qwen2.5:7b" });
    expect(parseModelId("openai:")).toBeNull();
  });

  it("explains what is wrong", () => {
    expect(() => parseModelIdOrThrow("mistral:large")).toThrow(/unknown provider "mistral"/);
    expect(() => parseModelIdOrThrow("gpt-4o")).toThrow(ProviderConfigError);
    expect(() => parseModelIdOrThrow("gpt-4o")).toThrow(/"provider:model"/);
  });
});

describe("listModels", () => {
  it("lists every family once, each resolvable by getModelInfo with the same facts", () => {
    const models = listModels();
    const ids = models.map((m) => `${m.provider}:${m.model}`);
    expect(new Set(ids).size).toBe(ids.length);
    for (const info of models) expect(getModelInfo(`${info.provider}:${info.model}`)).toEqual(info);
    for (const tier of ["cheap", "balanced", "strong"] as const) {
      expect(models.some((m) => m.tier === tier && !m.simulated)).toBe(true);
      expect(models.some((m) => m.tier === tier && m.simulated)).toBe(true);
    }
  });
});
