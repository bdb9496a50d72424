/**
 * Turns a model id from a graph spec into an AI SDK model the agent loop can call.
 *
 * Credentials come from the workspace (decrypted by the caller) and fall back to the
 * process environment, so a self-hosted install can configure one key for everyone while a
 * workspace can bring its own. Workspace values win field by field.
 */
import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModelV3 } from "@ai-sdk/provider";
import { PROVIDER_ENV, serverEnv } from "../../env";
import { outboundFetch } from "../../net/outbound";
import { ProviderConfigError } from "../../models/errors";
import { parseModelIdOrThrow } from "../../models/model-id";
import { createSimLanguageModel } from "./sim/sim-language-model";

/** One provider's connection settings. */
export interface ProviderCredential {
  apiKey?: string;
  /** API root including the version segment, e.g. `http://127.0.0.1:11434/v1`. */
  baseUrl?: string;
}

/** Decrypted workspace credentials, by provider. Every field is optional. */
export interface ProviderCredentials {
  openai?: ProviderCredential;
  anthropic?: ProviderCredential;
  "openai-compatible"?: ProviderCredential;
}

/** Options for {@link resolveLanguageModel}; the defaults suit production. */
export interface ResolveLanguageModelOptions {
  /** Environment to read fallbacks from; default the server's (lib/env.ts). */
  env?: Record<string, string | undefined>;
  /** OpenAI API flavour for `openai:*` models; default `"responses"`. */
  openaiApi?: "responses" | "chat";
  /** Custom fetch (instrumentation, proxies). */
  fetch?: typeof globalThis.fetch;
}

/** Environment variables each provider falls back to. */
export { PROVIDER_ENV };

const LABEL = { openai: "OpenAI", anthropic: "Anthropic", "openai-compatible": "OpenAI-compatible" } as const;

/**
 * Resolves `provider:model` to an AI SDK language model.
 *
 * - `openai:<model>` — OpenAI Responses API (`OPENAI_API_KEY`, optional `OPENAI_BASE_URL`).
 * - `anthropic:<model>` — Anthropic Messages API (`ANTHROPIC_API_KEY`, optional `ANTHROPIC_BASE_URL`).
 * - `openai-compatible:<model>` — any Chat Completions server such as Ollama or vLLM; needs a
 *   base URL (`OPENAI_COMPATIBLE_BASE_URL`), the key is optional (`OPENAI_COMPATIBLE_API_KEY`).
 * - `sim:<name>` — the deterministic simulated model; needs nothing.
 *
 * Nothing is sent over the network here: a wrong key surfaces on the first call.
 *
 * @throws {ProviderConfigError} for a malformed id, an unknown provider, or a missing
 *   credential (the message names the environment variable and workspace credential).
 *
 * @example
 * const model = resolveLanguageModel("openai:gpt-4o-mini", { openai: { apiKey: decryptedKey } });
 * const { text } = await generateText({ model, prompt: "Hello" });
 *
 * @example
 * // Ollama on the same host
 * resolveLanguageModel("openai-compatible:llama3.1", {
 *   "openai-compatible": { baseUrl: "http://127.0.0.1:11434/v1" },
 * });
 */
export function resolveLanguageModel(
  modelId: string,
  credentials: ProviderCredentials = {},
  options: ResolveLanguageModelOptions = {},
): LanguageModelV3 {
  const { provider, model } = parseModelIdOrThrow(modelId);
  if (provider === "sim") return createSimLanguageModel(model);

  const env = options.env ?? serverEnv();
  const apiKey = nonEmpty(credentials[provider]?.apiKey) ?? nonEmpty(env[PROVIDER_ENV[provider].apiKey]);
  const workspaceBaseUrl = nonEmpty(credentials[provider]?.baseUrl);
  const baseURL = (workspaceBaseUrl ?? nonEmpty(env[PROVIDER_ENV[provider].baseUrl]))?.replace(/\/+$/, "");
  // A base URL a workspace chose may not point into the deployment's private network
  // (unless SWITCHYARD_OUTBOUND_ALLOW says so); one set on the server is trusted.
  const fetch = options.fetch ?? (workspaceBaseUrl ? (outboundFetch as typeof globalThis.fetch) : undefined);

  switch (provider) {
    case "openai": {
      const openai = createOpenAI({ apiKey: apiKey ?? missing(provider, modelId, "apiKey"), baseURL, fetch });
      return options.openaiApi === "chat" ? openai.chat(model) : openai.responses(model);
    }
    case "anthropic":
      return createAnthropic({ apiKey: apiKey ?? missing(provider, modelId, "apiKey"), baseURL, fetch })(model);
    case "openai-compatible":
      return createOpenAICompatible({
        name: "openai-compatible",
        baseURL: baseURL ?? missing(provider, modelId, "baseUrl"),
        apiKey,
        fetch,
        // Stream usage is opt-in on the Chat Completions API; budgets need it.
        includeUsage: true,
        // Ollama and vLLM accept `response_format: json_schema`; without this the SDK would
        // downgrade to `json_object` and drop the schema.
        supportsStructuredOutputs: true,
      }).chatModel(model);
  }
}

function missing(provider: keyof typeof PROVIDER_ENV, modelId: string, field: "apiKey" | "baseUrl"): never {
  const envVar = PROVIDER_ENV[provider][field];
  const what = field === "apiKey" ? "an API key" : "a base URL";
  const example = field === "baseUrl" ? ` (e.g. http://127.0.0.1:11434/v1 for Ollama)` : "";
  throw new ProviderConfigError(
    "missing_credential",
    `${LABEL[provider]} model "${modelId}" needs ${what}${example}: add the workspace's ${LABEL[provider]} ` +
      `credential (${field}) in Settings, or set ${envVar} on the server.`,
    { provider, missing: { envVar, credential: `${provider}.${field}` } },
  );
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== "" ? value.trim() : undefined;
}
