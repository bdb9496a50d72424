import { describe, expect, it } from "vitest";
import { CATALOGUE_MODELS, getCataloguePrice } from "./catalogue-prices";

describe("getCataloguePrice", () => {
  it("reads OpenAI and Anthropic prices from the maintained catalogue, dated snapshots included", () => {
    const mini = getCataloguePrice("openai:gpt-4o-mini-2024-07-18")!;
    expect(mini.source).toBe("catalogue");
    expect(mini.catalogueModel).toBe("gpt-4o-mini");
    expect(mini.inputUsdPerMTok.toString()).toBe("0.15");
    expect(mini.outputUsdPerMTok.toString()).toBe("0.6");
    expect(getCataloguePrice("anthropic:claude-sonnet-4-5")!.outputUsdPerMTok.toString()).toBe("15");
  });

  it("prices embedding models by input alone", () => {
    const small = getCataloguePrice("openai:text-embedding-3-small")!;
    expect(small.inputUsdPerMTok.toString()).toBe("0.02");
    expect(small.outputUsdPerMTok.toString()).toBe("0");
  });

  it("prices simulated models by tier and labels them", () => {
    const fast = getCataloguePrice("sim:fast")!;
    const strong = getCataloguePrice("sim:strong")!;
    expect(fast.source).toBe("simulated");
    expect(strong.outputUsdPerMTok.gt(fast.outputUsdPerMTok)).toBe(true);
  });

  it("knows every model the router may choose", () => {
    for (const id of CATALOGUE_MODELS) expect(getCataloguePrice(id), id).not.toBeNull();
  });

  it("returns null for unknown models and malformed ids", () => {
    expect(getCataloguePrice("openai:no-such-model-xyz")).toBeNull();
    expect(getCataloguePrice("gpt-4o")).toBeNull();
  });
});
