/**
 * Catalogue prices: what a model costs before any workspace override.
 *
 * Real providers come from `@pydantic/genai-prices` (a maintained, dated price list that ships
 * inside the package — nothing is fetched at run time). Simulated `sim:*` models get prices of
 * their own, modelled on real models of their tier, so that budgets, reports and forecasts
 * behave offline exactly as they would with a paid provider; their source is `simulated`.
 * Self-hosted OpenAI-compatible servers (Ollama, vLLM) cost nothing per token by default.
 *
 * Catalogue prices are computed on the fly, not seeded into `ModelPrice`: the package is the
 * source of truth and upgrading it updates prices without a migration. `ModelPrice` rows hold
 * only overrides (per workspace) and custom models.
 */
import { calcPrice } from "@pydantic/genai-prices";
import { getModelInfo } from "@/lib/models/model-catalogue";
import { parseModelId } from "@/lib/models/model-id";
import { usd, type UnitPrices } from "./money";

/** Where a price came from. */
export type PriceSource = "catalogue" | "simulated" | "self-hosted" | "override" | "custom";

export interface CataloguePrice extends UnitPrices {
  source: PriceSource;
  /** The catalogue's own id of the model (`gpt-4o-mini` for `openai:gpt-4o-mini-2024-07-18`). */
  catalogueModel: string;
}

/**
 * Prices of the simulated models: `sim:fast` is priced like a small model (gpt-4o-mini),
 * `sim:balanced` like a mid-size one (Claude Sonnet), `sim:strong` like a large one (Claude Opus).
 * Simulated money, labelled as such wherever it is shown.
 */
export const SIM_PRICES: Record<string, { input: string; output: string; cached: string }> = {
  fast: { input: "0.15", output: "0.6", cached: "0.075" },
  balanced: { input: "3", output: "15", cached: "0.3" },
  strong: { input: "15", output: "75", cached: "1.5" },
};

/**
 * The models the router chooses among and `GET /api/v1/models` lists, besides custom models.
 * Ordered cheapest first within each provider.
 */
export const CATALOGUE_MODELS = [
  "sim:fast",
  "sim:balanced",
  "sim:strong",
  "openai:gpt-4.1-nano",
  "openai:gpt-5-nano",
  "openai:gpt-4o-mini",
  "openai:gpt-4.1-mini",
  "openai:gpt-5-mini",
  "openai:o4-mini",
  "openai:gpt-5",
  "openai:gpt-4.1",
  "openai:gpt-4o",
  "openai:o3",
  "anthropic:claude-3-5-haiku",
  "anthropic:claude-haiku-4-5",
  "anthropic:claude-sonnet-4-5",
  "anthropic:claude-opus-4-5",
] as const;

function base(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  // Long-context tiers (e.g. Anthropic above 200k input tokens): the base price applies to
  // every call the catalogue's context windows allow without the long-context beta.
  if (value && typeof value === "object" && typeof (value as { base?: unknown }).base === "number") return (value as { base: number }).base;
  return undefined;
}

const cache = new Map<string, CataloguePrice | null>();

/**
 * The catalogue price of a model, or `null` when no catalogue knows it.
 *
 * @example
 * getCataloguePrice("openai:gpt-4o-mini")?.inputUsdPerMTok.toString(); // "0.15"
 * getCataloguePrice("sim:strong")?.source; // "simulated"
 * getCataloguePrice("openai-compatible:llama3.1:8b")?.source; // "self-hosted"
 */
export function getCataloguePrice(modelId: string, at?: Date): CataloguePrice | null {
  const key = `${modelId}@${at ? at.toISOString().slice(0, 10) : ""}`;
  if (cache.has(key)) return cache.get(key)!;
  const result = lookup(modelId, at);
  cache.set(key, result);
  return result;
}

function lookup(modelId: string, at?: Date): CataloguePrice | null {
  const parsed = parseModelId(modelId);
  if (!parsed) return null;
  const { provider, model } = parsed;
  if (provider === "sim") {
    const tier = getModelInfo(modelId)?.tier ?? "balanced";
    const p = SIM_PRICES[model] ?? SIM_PRICES[tier === "cheap" ? "fast" : tier]!;
    return { inputUsdPerMTok: usd(p.input), outputUsdPerMTok: usd(p.output), cachedUsdPerMTok: usd(p.cached), source: "simulated", catalogueModel: model };
  }
  if (provider === "openai-compatible") {
    return { inputUsdPerMTok: usd(0), outputUsdPerMTok: usd(0), cachedUsdPerMTok: usd(0), source: "self-hosted", catalogueModel: model };
  }
  const result = calcPrice({ input_tokens: 0, output_tokens: 0 }, model, { providerId: provider, ...(at ? { timestamp: at } : {}) });
  if (!result) return null;
  const input = base(result.model_price.input_mtok);
  if (input === undefined) return null;
  // Embedding models are priced by input alone: they produce no billable output.
  const output = base(result.model_price.output_mtok) ?? 0;
  const cached = base(result.model_price.cache_read_mtok) ?? input;
  return { inputUsdPerMTok: usd(input), outputUsdPerMTok: usd(output), cachedUsdPerMTok: usd(cached), source: "catalogue", catalogueModel: result.model.id };
}
