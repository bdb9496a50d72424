/**
 * Model ids are `provider:model` (`openai:gpt-4o-mini`, `anthropic:claude-sonnet-4-5`,
 * `openai-compatible:llama3.1:8b`, `sim:fast`). The provider is everything before the first
 * colon; the model may itself contain colons (Ollama tags such as `llama3.1:8b`).
 */
import { ProviderConfigError } from "./errors";

/** Providers the runtime can call. */
export const PROVIDERS = ["openai", "anthropic", "openai-compatible", "sim"] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** A model id split into its parts. */
export interface ParsedModelId {
  provider: ProviderName;
  model: string;
}

/**
 * Splits `provider:model`, or returns `null` when the id is malformed or the provider is not
 * one of {@link PROVIDERS}.
 *
 * @example
 * parseModelId("openai-compatible:llama3.1:8b"); // { provider: "openai-compatible", model: "llama3.1:8b" }
 * parseModelId("gpt-4o"); // null
 */
export function parseModelId(modelId: string): ParsedModelId | null {
  const colon = modelId.indexOf(":");
  if (colon <= 0 || colon === modelId.length - 1) return null;
  const provider = modelId.slice(0, colon);
  const model = modelId.slice(colon + 1);
  if (!(PROVIDERS as readonly string[]).includes(provider) || /\s/.test(model)) return null;
  return { provider: provider as ProviderName, model };
}

/**
 * Like {@link parseModelId} but throws a {@link ProviderConfigError} that says what is wrong.
 *
 * @example
 * parseModelIdOrThrow("sim:fast"); // { provider: "sim", model: "fast" }
 */
export function parseModelIdOrThrow(modelId: string): ParsedModelId {
  const parsed = parseModelId(modelId);
  if (parsed) return parsed;
  const colon = modelId.indexOf(":");
  if (colon > 0 && !(PROVIDERS as readonly string[]).includes(modelId.slice(0, colon))) {
    throw new ProviderConfigError(
      "unknown_provider",
      `Model "${modelId}" names an unknown provider "${modelId.slice(0, colon)}". ` +
        `Use one of ${PROVIDERS.map((p) => `"${p}:"`).join(", ")}.`,
      { provider: modelId.slice(0, colon) },
    );
  }
  throw new ProviderConfigError(
    "invalid_model_id",
    `Model "${modelId}" is not a "provider:model" id. Write it as e.g. "openai:gpt-4o-mini" or "sim:fast".`,
    {},
  );
}
