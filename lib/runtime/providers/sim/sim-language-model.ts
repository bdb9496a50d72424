/**
 * The simulated provider: a real AI SDK `LanguageModelV3` that answers locally, so the product
 * runs end to end without network access or API keys, at no cost.
 *
 * It is deterministic (the reply is seeded by a hash of the model name and the whole request),
 * reports realistic token usage (prompt counted with gpt-tokenizer, output counted from the
 * generated text), takes realistic time (see `latency.ts`), and:
 * - with a JSON response format, returns an object that validates against the requested
 *   schema, echoing values the prompt or tool results state (`supplier: ACME Corp`);
 * - with tools offered that the request names (or a forced tool choice), calls each once with
 *   schema-valid arguments, then answers from their results on the next call;
 * - otherwise writes a few sentences built from the request's words.
 *
 * Every response is labelled: provider metadata `{ sim: { simulated: true, seed } }` and a
 * response model id `sim:<name>`.
 */
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3FinishReason,
  LanguageModelV3FunctionTool,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
  LanguageModelV3Usage,
} from "@ai-sdk/provider";
import { countMessagesTokens, countTokens, truncateToTokens } from "@/lib/models/tokens";
import { composeText } from "./compose-text";
import { generateJson, type GenerateJsonContext, type JsonSchema } from "./generate-json";
import { LATENCY_PROFILES, latencySettingFromEnv, simulatedLatencyMs, sleep, type LatencySetting } from "./latency";
import { readPrompt, type PromptReading } from "./read-prompt";
import { createSeededRandom } from "./seeded-random";
import { isEnvelopeSchema, isSupervisorRequest, simEnvelope, simSupervisorReply } from "./supervise";

/** Options for {@link createSimLanguageModel}. */
export interface SimLanguageModelOptions {
  /** Overrides `SWITCHYARD_SIM_LATENCY_MS` and the default latency. */
  latency?: LatencySetting;
}

/** Body sentences per reply, by model name: stronger tiers write more. */
const SENTENCES: Record<string, number> = { fast: 2, balanced: 4, strong: 6 };

/** What one simulated call answers, before latency is applied. */
interface SimReply {
  content: LanguageModelV3Content[];
  finishReason: LanguageModelV3FinishReason;
  usage: LanguageModelV3Usage;
  seed: string;
  outputTokens: number;
}

/**
 * A simulated model (`sim:fast`, `sim:balanced`, `sim:strong`, or any `sim:<name>`).
 *
 * @example
 * const { text, providerMetadata } = await generateText({ model: createSimLanguageModel("fast"), prompt: "Hi" });
 * providerMetadata?.sim?.simulated; // true
 */
export function createSimLanguageModel(name: string, options: SimLanguageModelOptions = {}): LanguageModelV3 {
  return new SimLanguageModel(name, options);
}

class SimLanguageModel implements LanguageModelV3 {
  readonly specificationVersion = "v3";
  readonly provider = "sim";
  readonly modelId: string;
  readonly supportedUrls = {};
  readonly #options: SimLanguageModelOptions;

  constructor(name: string, options: SimLanguageModelOptions) {
    this.modelId = name;
    this.#options = options;
  }

  /** The full `sim:<name>` id, as graph specs and the cost ledger name the model. */
  get #fullId(): string {
    return `sim:${this.modelId}`;
  }

  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const reply = this.#reply(options);
    await sleep(this.#latencyMs(reply.outputTokens), options.abortSignal);
    return {
      content: reply.content,
      finishReason: reply.finishReason,
      usage: reply.usage,
      providerMetadata: { sim: { simulated: true, seed: reply.seed } },
      response: { id: `sim-${reply.seed}`, modelId: this.#fullId, timestamp: new Date() },
      warnings: [],
    };
  }

  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const reply = this.#reply(options);
    const parts = streamParts(reply, this.#fullId);
    const totalMs = this.#latencyMs(reply.outputTokens);
    const chunks = Math.max(1, parts.filter((p) => p.type === "text-delta" || p.type === "tool-input-delta").length);
    const signal = options.abortSignal;
    let index = 0;
    const stream = new ReadableStream<LanguageModelV3StreamPart>({
      async pull(controller) {
        const part = parts[index++];
        if (!part) return controller.close();
        // Time to first token up front, then the rest spread over the deltas.
        if (index === 1) await sleep(totalMs * 0.3, signal).catch(() => undefined);
        if (part.type === "text-delta" || part.type === "tool-input-delta") {
          await sleep((totalMs * 0.7) / chunks, signal).catch(() => undefined);
        }
        if (signal?.aborted) return controller.error(signal.reason);
        controller.enqueue(part);
      },
    });
    return { stream };
  }

  #latencyMs(outputTokens: number): number {
    const profile = LATENCY_PROFILES[this.modelId] ?? LATENCY_PROFILES.balanced!;
    return simulatedLatencyMs(profile, outputTokens, this.#options.latency ?? latencySettingFromEnv());
  }

  #reply(options: LanguageModelV3CallOptions): SimReply {
    const tools = (options.tools ?? []).filter((t): t is LanguageModelV3FunctionTool => t.type === "function");
    const random = createSeededRandom(
      JSON.stringify([this.#fullId, options.prompt.map(({ providerOptions: _, ...m }) => m), options.responseFormat ?? null, tools, options.toolChoice ?? null]),
    );
    const reading = readPrompt(options.prompt);
    const context = {
      random,
      // Tool results first: they are fresher than what the prompt stated.
      source: [...reading.toolResults.map((r) => r.text), reading.user, reading.system].join("\n"),
      keywords: reading.keywords,
    };
    const inputTokens = countMessagesTokens(options.prompt, this.#fullId, tools);

    if (isSupervisorRequest(tools)) {
      const move = simSupervisorReply(tools, reading, options, context);
      if (move.kind === "calls") {
        const content: LanguageModelV3Content[] = move.calls.map((call, i) => ({ type: "tool-call", toolCallId: `sim_${random.seed}_${i}`, toolName: call.name, input: JSON.stringify(call.input) }));
        const outputTokens = content.reduce((sum, part) => sum + (part.type === "tool-call" ? countTokens(part.toolName + part.input, this.#fullId) : 0), 0);
        return { content, finishReason: { unified: "tool-calls", raw: "tool_calls" }, usage: usage(inputTokens, outputTokens), seed: random.seed, outputTokens };
      }
      const outputTokens = countTokens(move.text, this.#fullId);
      return { content: [{ type: "text", text: move.text }], finishReason: { unified: "stop", raw: "stop" }, usage: usage(inputTokens, outputTokens), seed: random.seed, outputTokens };
    }
    const toolsToCall = options.toolChoice?.type === "none" || reading.toolResults.length > 0 ? [] : requestedTools(tools, reading, options);
    if (toolsToCall.length > 0) {
      const content: LanguageModelV3Content[] = toolsToCall.map((tool, i) => ({
        type: "tool-call",
        toolCallId: `sim_${random.seed}_${i}`,
        toolName: tool.name,
        input: JSON.stringify(generateJson(tool.inputSchema as JsonSchema, context)),
      }));
      const outputTokens = content.reduce(
        (sum, part) => sum + (part.type === "tool-call" ? countTokens(part.toolName + part.input, this.#fullId) : 0),
        0,
      );
      return { content, finishReason: { unified: "tool-calls", raw: "tool_calls" }, usage: usage(inputTokens, outputTokens), seed: random.seed, outputTokens };
    }

    let text = this.#answer(options, reading, context);
    let finishReason: LanguageModelV3FinishReason = { unified: "stop", raw: "stop" };
    if (options.maxOutputTokens !== undefined && countTokens(text, this.#fullId) > options.maxOutputTokens) {
      // Like a real model, run out of tokens mid-answer (mid-JSON, too).
      text = truncateToTokens(text, options.maxOutputTokens, this.#fullId);
      finishReason = { unified: "length", raw: "length" };
    }
    const outputTokens = countTokens(text, this.#fullId);
    return { content: [{ type: "text", text }], finishReason, usage: usage(inputTokens, outputTokens), seed: random.seed, outputTokens };
  }

  #answer(options: LanguageModelV3CallOptions, reading: PromptReading, context: GenerateJsonContext): string {
    const sentences = SENTENCES[this.modelId] ?? SENTENCES.balanced!;
    if (options.responseFormat?.type === "json") {
      const schema = options.responseFormat.schema as JsonSchema | undefined;
      if (schema && isEnvelopeSchema(schema)) return JSON.stringify(simEnvelope(schema, reading, context));
      const value = schema ? generateJson(schema, context) : { answer: composeText(reading, context.random, sentences) };
      return JSON.stringify(value);
    }
    return composeText(reading, context.random, sentences);
  }
}

/**
 * The tools a request asks for: those named in the instructions or user text (`lookup_vendor`
 * or "lookup vendor"), the forced tool of a `toolChoice`, or — when the text just says to use
 * a tool, or the choice is `required` — the first tool.
 */
function requestedTools(
  tools: LanguageModelV3FunctionTool[],
  reading: PromptReading,
  options: LanguageModelV3CallOptions,
): LanguageModelV3FunctionTool[] {
  if (tools.length === 0) return [];
  const choice = options.toolChoice;
  if (choice?.type === "tool") return tools.filter((t) => t.name === choice.toolName);
  const text = `${reading.system}\n${reading.user}`.toLowerCase();
  const mentions = (phrase: string) => new RegExp(`(^|[^a-z0-9_])${escapeRegExp(phrase)}($|[^a-z0-9_])`).test(text);
  const named = tools.filter((tool) => mentions(tool.name.toLowerCase()) || mentions(tool.name.toLowerCase().replace(/[_-]+/g, " ")));
  if (named.length > 0) return named;
  const asksForTool = /\b(use|call|invoke|run|consult)\b[^.\n]{0,40}\btools?\b/.test(text);
  return asksForTool || choice?.type === "required" ? [tools[0]!] : [];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function usage(inputTokens: number, outputTokens: number): LanguageModelV3Usage {
  return {
    inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: outputTokens, text: outputTokens, reasoning: 0 },
  };
}

/** The stream a provider would send for `reply`: text in word-sized deltas, tool input whole. */
function streamParts(reply: SimReply, modelId: string): LanguageModelV3StreamPart[] {
  const parts: LanguageModelV3StreamPart[] = [
    { type: "stream-start", warnings: [] },
    { type: "response-metadata", id: `sim-${reply.seed}`, modelId, timestamp: new Date() },
  ];
  reply.content.forEach((part, i) => {
    if (part.type === "text") {
      const id = `text_${i}`;
      parts.push({ type: "text-start", id });
      for (const delta of part.text.match(/\S+\s*|\s+/g) ?? []) parts.push({ type: "text-delta", id, delta });
      parts.push({ type: "text-end", id });
    } else if (part.type === "tool-call") {
      parts.push({ type: "tool-input-start", id: part.toolCallId, toolName: part.toolName });
      parts.push({ type: "tool-input-delta", id: part.toolCallId, delta: part.input });
      parts.push({ type: "tool-input-end", id: part.toolCallId });
      parts.push(part);
    }
  });
  parts.push({
    type: "finish",
    finishReason: reply.finishReason,
    usage: reply.usage,
    providerMetadata: { sim: { simulated: true, seed: reply.seed } },
  });
  return parts;
}
