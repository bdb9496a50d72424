/**
 * Wraps every model call the agent makes — each tool-loop step and the repair call — with the
 * FinOps and tracing hooks. Hooking at the model (AI SDK middleware) rather than around
 * `generateText` is what makes the hooks exact: one `beforeModelCall` per request actually
 * sent, with the tokens of the compacted prompt, and one `afterModelCall` per request with
 * the provider's own usage numbers, failures included.
 */
import type { LanguageModelV3Content, LanguageModelV3FunctionTool, LanguageModelV3Middleware } from "@ai-sdk/provider";
import { countMessagesTokens, countTokens } from "@/lib/models/tokens";
import { ToolLoopError } from "./errors";
import type { LoopDetector } from "./loop-detector";
import type { RunLedger } from "./run-ledger";
import { toModelCallError } from "./to-model-call-error";
import type { ModelCallUsage, ModelFinishReason, RunAgentOptions } from "./types";

/** What the middleware needs from the run. */
export interface ModelCallMiddlewareOptions {
  modelId: string;
  ledger: RunLedger;
  loops: LoopDetector;
  /** Provider-safe tool name → the name the caller gave. */
  toolNames: ReadonlyMap<string, string>;
  maxOutputTokens: number;
  beforeModelCall?: RunAgentOptions["beforeModelCall"];
  afterModelCall?: RunAgentOptions["afterModelCall"];
}

const NO_USAGE: ModelCallUsage = { inputTokens: 0, outputTokens: 0, cachedTokens: 0 };

/**
 * The middleware; apply it with `wrapLanguageModel({ model, middleware })`.
 *
 * @example
 * const model = wrapLanguageModel({ model: base, middleware: createModelCallMiddleware({ modelId, ledger, loops, toolNames, maxOutputTokens }) });
 */
export function createModelCallMiddleware(options: ModelCallMiddlewareOptions): LanguageModelV3Middleware {
  const { modelId, ledger } = options;
  return {
    specificationVersion: "v3",
    wrapGenerate: async ({ doGenerate, params, model }) => {
      const turn = ++ledger.turn;
      const purpose = ledger.purpose;
      const tools = (params.tools ?? []).filter((t): t is LanguageModelV3FunctionTool => t.type === "function");
      const schema = params.responseFormat?.type === "json" ? params.responseFormat.schema : undefined;
      const estimatedInputTokens =
        countMessagesTokens(params.prompt, modelId, tools) + (schema ? countTokens(JSON.stringify(schema), modelId) : 0);
      const maxOutputTokens = params.maxOutputTokens ?? options.maxOutputTokens;
      // May throw (a budget refusal): the call is not made and the error propagates as is.
      await options.beforeModelCall?.({ modelId, estimatedInputTokens, maxOutputTokens, turn, purpose });

      const started = performance.now();
      let result: Awaited<ReturnType<typeof doGenerate>>;
      try {
        result = await doGenerate();
      } catch (thrown) {
        const error = toModelCallError(thrown, modelId);
        const durationMs = Math.round(performance.now() - started);
        const simulated = model.provider === "sim";
        ledger.modelCalls.push({ turn, purpose, modelId, usage: NO_USAGE, durationMs, ok: false, finishReason: "error", simulated, error: error.message });
        await options.afterModelCall?.({ modelId, usage: NO_USAGE, durationMs, ok: false, error, turn, purpose, finishReason: "error", simulated });
        throw error;
      }

      const durationMs = Math.round(performance.now() - started);
      const usage: ModelCallUsage = {
        inputTokens: result.usage.inputTokens.total ?? 0,
        outputTokens: result.usage.outputTokens.total ?? 0,
        cachedTokens: result.usage.inputTokens.cacheRead ?? 0,
      };
      const finishReason: ModelFinishReason = result.finishReason.unified;
      const simulated = model.provider === "sim" || result.providerMetadata?.sim?.simulated === true;
      ledger.modelCalls.push({ turn, purpose, modelId, usage, durationMs, ok: true, finishReason, simulated });
      await options.afterModelCall?.({ modelId, usage, durationMs, ok: true, turn, purpose, finishReason, simulated, responseModel: result.response?.modelId });

      detectLoop(result.content, options);
      return result;
    },
  };
}

/** Throws before the tools run when a call repeats for the `threshold`-th time. */
function detectLoop(content: LanguageModelV3Content[], options: ModelCallMiddlewareOptions): void {
  for (const part of content) {
    if (part.type !== "tool-call" || part.providerExecuted) continue;
    const args = parseArgs(part.input);
    const name = options.toolNames.get(part.toolName) ?? part.toolName;
    const count = options.loops.record(name, args);
    if (options.loops.isLoop(count)) {
      options.ledger.trace("tool.failed", `Stopped: ${name} called ${count} times with the same arguments`, {
        tool: name,
        args,
        count,
        turn: options.ledger.turn,
        loop: true,
      });
      throw new ToolLoopError(name, args, count);
    }
  }
}

function parseArgs(input: string): unknown {
  try {
    return JSON.parse(input);
  } catch {
    return input;
  }
}
