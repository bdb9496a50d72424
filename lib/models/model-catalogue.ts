/**
 * What the runtime needs to know about a model before calling it: its context window (for
 * compaction and routing), its output limit (for worst-case budget reservations) and its tier
 * (for routing policies). Prices live in the FinOps price catalogue, not here.
 *
 * Entries are keyed by model family; dated snapshots and tags resolve to their family
 * (`gpt-4o-mini-2024-07-18` → `gpt-4o-mini`, `claude-sonnet-4-5-20250929` →
 * `claude-sonnet-4-5`, `llama3.1:8b` → `llama3.1`).
 */
import type { MODEL_TIERS } from "@/lib/graphs/spec/schema";
import { parseModelId, type ProviderName } from "./model-id";

export type ModelTier = (typeof MODEL_TIERS)[number];

/** Catalogue facts about one model. */
export interface ModelInfo {
  provider: ProviderName;
  /** The model name as given, without the provider prefix. */
  model: string;
  /** Input + output tokens the model accepts in one call. */
  contextWindow: number;
  /** The most output tokens one call may produce. */
  maxOutputTokens: number;
  tier: ModelTier;
  /** True for `sim:*` models, whose output is generated locally and costs nothing. */
  simulated: boolean;
}

type Entry = Pick<ModelInfo, "contextWindow" | "maxOutputTokens" | "tier">;

const K = 1_000;

const FAMILIES: Record<Exclude<ProviderName, "sim">, Record<string, Entry>> = {
  openai: {
    "gpt-4o": { contextWindow: 128 * K, maxOutputTokens: 16_384, tier: "balanced" },
    "gpt-4o-mini": { contextWindow: 128 * K, maxOutputTokens: 16_384, tier: "cheap" },
    "gpt-4.1": { contextWindow: 1_047_576, maxOutputTokens: 32_768, tier: "strong" },
    "gpt-4.1-mini": { contextWindow: 1_047_576, maxOutputTokens: 32_768, tier: "balanced" },
    "gpt-4.1-nano": { contextWindow: 1_047_576, maxOutputTokens: 32_768, tier: "cheap" },
    "gpt-5": { contextWindow: 400 * K, maxOutputTokens: 128 * K, tier: "strong" },
    "gpt-5-mini": { contextWindow: 400 * K, maxOutputTokens: 128 * K, tier: "balanced" },
    "gpt-5-nano": { contextWindow: 400 * K, maxOutputTokens: 128 * K, tier: "cheap" },
    o3: { contextWindow: 200 * K, maxOutputTokens: 100 * K, tier: "strong" },
    "o3-mini": { contextWindow: 200 * K, maxOutputTokens: 100 * K, tier: "balanced" },
    "o4-mini": { contextWindow: 200 * K, maxOutputTokens: 100 * K, tier: "balanced" },
    "gpt-4-turbo": { contextWindow: 128 * K, maxOutputTokens: 4_096, tier: "strong" },
    "gpt-3.5-turbo": { contextWindow: 16_385, maxOutputTokens: 4_096, tier: "cheap" },
  },
  anthropic: {
    "claude-opus-4-5": { contextWindow: 200 * K, maxOutputTokens: 64 * K, tier: "strong" },
    "claude-opus-4-1": { contextWindow: 200 * K, maxOutputTokens: 32 * K, tier: "strong" },
    "claude-opus-4": { contextWindow: 200 * K, maxOutputTokens: 32 * K, tier: "strong" },
    "claude-sonnet-4-5": { contextWindow: 200 * K, maxOutputTokens: 64 * K, tier: "balanced" },
    "claude-sonnet-4": { contextWindow: 200 * K, maxOutputTokens: 64 * K, tier: "balanced" },
    "claude-3-7-sonnet": { contextWindow: 200 * K, maxOutputTokens: 64 * K, tier: "balanced" },
    "claude-haiku-4-5": { contextWindow: 200 * K, maxOutputTokens: 64 * K, tier: "cheap" },
    "claude-3-5-haiku": { contextWindow: 200 * K, maxOutputTokens: 8_192, tier: "cheap" },
  },
  // Common open-weight models as Ollama and vLLM name them; limits are the models' own,
  // a server may be configured with a smaller context.
  "openai-compatible": {
    "llama3.1": { contextWindow: 128 * K, maxOutputTokens: 8_192, tier: "cheap" },
    "llama3.2": { contextWindow: 128 * K, maxOutputTokens: 8_192, tier: "cheap" },
    "llama3.3": { contextWindow: 128 * K, maxOutputTokens: 8_192, tier: "balanced" },
    "qwen2.5": { contextWindow: 32 * K, maxOutputTokens: 8_192, tier: "cheap" },
    "mistral": { contextWindow: 32 * K, maxOutputTokens: 8_192, tier: "cheap" },
    "gpt-oss": { contextWindow: 128 * K, maxOutputTokens: 32 * K, tier: "balanced" },
  },
};

/** Simulated models: the three tiers by name; any other `sim:<name>` behaves like `balanced`. */
const SIM_MODELS: Record<string, Entry> = {
  fast: { contextWindow: 128 * K, maxOutputTokens: 4_096, tier: "cheap" },
  balanced: { contextWindow: 200 * K, maxOutputTokens: 8_192, tier: "balanced" },
  strong: { contextWindow: 200 * K, maxOutputTokens: 16_384, tier: "strong" },
};

/**
 * Separators that may follow a family name in a concrete model name: dated snapshots
 * (`-2024-07-18`, `-20250929`), aliases (`-latest`), tags (`:8b`), vLLM paths are not matched.
 */
const SUFFIX = /^(?:-\d{4}-?\d{2}-?\d{2}|-latest|-preview|:[\w.-]+|@[\w.-]+)$/;

/**
 * Catalogue facts for a model id, or `null` for a model the catalogue does not know (callers
 * then fall back to conservative defaults, or require the node to set limits explicitly).
 *
 * @example
 * getModelInfo("openai:gpt-4o-mini-2024-07-18");
 * // { provider: "openai", model: "gpt-4o-mini-2024-07-18", contextWindow: 128000,
 * //   maxOutputTokens: 16384, tier: "cheap", simulated: false }
 * getModelInfo("sim:fast")?.simulated; // true
 * getModelInfo("openai:unknown-model"); // null
 */
export function getModelInfo(modelId: string): ModelInfo | null {
  const parsed = parseModelId(modelId);
  if (!parsed) return null;
  const { provider, model } = parsed;
  if (provider === "sim") {
    return { provider, model, ...(SIM_MODELS[model] ?? SIM_MODELS.balanced!), simulated: true };
  }
  const families = FAMILIES[provider];
  const exact = families[model];
  if (exact) return { provider, model, ...exact, simulated: false };
  // Longest family name first, so `gpt-4o-mini-…` is not taken for `gpt-4o`.
  const family = Object.keys(families)
    .filter((name) => model.startsWith(name) && SUFFIX.test(model.slice(name.length)))
    .sort((a, b) => b.length - a.length)[0];
  return family ? { provider, model, ...families[family]!, simulated: false } : null;
}

/**
 * Every model the catalogue knows by name (one entry per family; simulated tiers included),
 * for routing policies that pick a model by tier and context size.
 *
 * @example
 * listModels().filter((m) => m.tier === "cheap" && !m.simulated).map((m) => `${m.provider}:${m.model}`);
 * // ["openai:gpt-4o-mini", "openai:gpt-4.1-nano", …]
 */
export function listModels(): ModelInfo[] {
  const real = (Object.keys(FAMILIES) as Array<keyof typeof FAMILIES>).flatMap((provider) =>
    Object.entries(FAMILIES[provider]).map(([model, entry]) => ({ provider, model, ...entry, simulated: false })),
  );
  const simulated = Object.entries(SIM_MODELS).map(([model, entry]) => ({ provider: "sim" as const, model, ...entry, simulated: true }));
  return [...real, ...simulated];
}
