/**
 * Token counting for budgets, forecasts and context compaction.
 *
 * Counts use OpenAI's byte-pair encodings from `gpt-tokenizer`: `o200k_base` for the GPT-4o,
 * GPT-4.1, GPT-5 and o-series families, `cl100k_base` for GPT-4 and GPT-3.5. Anthropic, Llama
 * and other models use tokenizers of their own that are not published for JavaScript, so for
 * them the count is an approximation (`o200k_base`, typically within ±15% for English text).
 * Provider-reported usage, not these counts, is what the cost ledger records.
 */
import * as cl100k from "gpt-tokenizer/encoding/cl100k_base";
import * as o200k from "gpt-tokenizer/encoding/o200k_base";
import type { LanguageModelV3FunctionTool, LanguageModelV3Message } from "@ai-sdk/provider";
import type { ModelMessage } from "ai";

/**
 * Tokens each message adds for its role and delimiters, as in OpenAI's published counting
 * recipe for chat models; the reply itself is primed with {@link REPLY_PRIMING_TOKENS}.
 */
const PER_MESSAGE_TOKENS = 3;
const REPLY_PRIMING_TOKENS = 3;

/** Images and other files: providers bill them by size; this is a floor for a small image. */
const FILE_PART_TOKENS = 85;

/** Special-token markers in user text are counted as plain text instead of throwing. */
const ENCODE_OPTIONS = { disallowedSpecial: new Set<string>() };

type Encoding = {
  countTokens: (text: string, options?: typeof ENCODE_OPTIONS) => number;
  encode: (text: string, options?: typeof ENCODE_OPTIONS) => number[];
  decode: (tokens: Iterable<number>) => string;
};

/** `cl100k_base` models; every other model uses `o200k_base`. */
const CL100K_MODELS = /^(gpt-4(-|$)|gpt-4-turbo|gpt-4-32k|gpt-3\.5|text-embedding-(ada|3))/;

function encodingFor(modelId: string): Encoding {
  const model = modelId.includes(":") ? modelId.slice(modelId.indexOf(":") + 1) : modelId;
  return modelId.startsWith("openai:") && CL100K_MODELS.test(model) ? cl100k : o200k;
}

/**
 * Counts the tokens of a text for a model (`provider:model`).
 *
 * Exact for OpenAI models; an approximation for other providers (see module doc).
 *
 * @example
 * countTokens("Summarise the invoice.", "openai:gpt-4o-mini"); // 5
 */
export function countTokens(text: string, modelId: string): number {
  if (text.length === 0) return 0;
  return encodingFor(modelId).countTokens(text, ENCODE_OPTIONS);
}

/**
 * The longest prefix of `text` that fits in `maxTokens` tokens, as a model stopped by its
 * output limit would produce it.
 *
 * @example
 * truncateToTokens("one two three four", 2, "openai:gpt-4o"); // "one two"
 */
export function truncateToTokens(text: string, maxTokens: number, modelId: string): string {
  const encoding = encodingFor(modelId);
  const tokens = encoding.encode(text, ENCODE_OPTIONS);
  return tokens.length <= maxTokens ? text : encoding.decode(tokens.slice(0, Math.max(0, maxTokens)));
}

/** A message as the AI SDK's callers (`ModelMessage`) or its providers (`LanguageModelV3Message`) see it. */
export type CountableMessage = ModelMessage | LanguageModelV3Message;

/**
 * Counts the tokens a conversation sends to a model: every message's text, tool calls (name
 * and JSON arguments) and tool results (as JSON), plus per-message overhead. Pass `tools` to
 * include the tool definitions the request carries.
 *
 * Exact up to a few tokens for OpenAI models; an approximation for other providers.
 *
 * @example
 * countMessagesTokens(
 *   [{ role: "system", content: "Be brief." }, { role: "user", content: "Hi" }],
 *   "anthropic:claude-sonnet-4-5",
 * ); // 14
 */
export function countMessagesTokens(
  messages: ReadonlyArray<CountableMessage>,
  modelId: string,
  tools?: ReadonlyArray<Pick<LanguageModelV3FunctionTool, "name" | "description" | "inputSchema">>,
): number {
  const encoding = encodingFor(modelId);
  const count = (text: string) => (text.length === 0 ? 0 : encoding.countTokens(text, ENCODE_OPTIONS));
  let total = REPLY_PRIMING_TOKENS;
  for (const message of messages) {
    total += PER_MESSAGE_TOKENS + countContent(message.content, count);
  }
  for (const tool of tools ?? []) {
    total += count(tool.name) + count(tool.description ?? "") + count(JSON.stringify(tool.inputSchema ?? {}));
  }
  return total;
}

function countContent(content: unknown, count: (text: string) => number): number {
  if (typeof content === "string") return count(content);
  if (!Array.isArray(content)) return 0;
  let total = 0;
  for (const part of content as Array<Record<string, unknown>>) {
    switch (part.type) {
      case "text":
      case "reasoning":
        total += count(String(part.text ?? ""));
        break;
      case "tool-call":
        total += count(String(part.toolName ?? "")) + count(stringify(part.input));
        break;
      case "tool-result":
        total += count(String(part.toolName ?? "")) + count(stringify(toolResultValue(part)));
        break;
      case "image":
      case "file":
        total += FILE_PART_TOKENS;
        break;
      default:
        total += count(stringify(part));
    }
  }
  return total;
}

/** Tool results carry `output: { type, value }` (AI SDK 5+); older shapes carry `result`. */
function toolResultValue(part: Record<string, unknown>): unknown {
  const output = part.output as { value?: unknown } | undefined;
  return output && typeof output === "object" && "value" in output ? output.value : (output ?? part.result);
}

function stringify(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "";
  return JSON.stringify(value) ?? "";
}
