/**
 * Runs one agent: a multi-turn tool-calling conversation with a model through the AI SDK,
 * ending in text or in structured output validated against the node's JSON Schema.
 *
 * The loop is `generateText` with the caller's tools and a stop condition of `maxTurns` model
 * calls. Around it:
 * - every model call passes through {@link createModelCallMiddleware}: the FinOps hooks, typed
 *   provider errors ({@link ModelCallError}) and loop detection ({@link ToolLoopError});
 * - before every call the conversation is compacted if it nears the context window;
 * - structured output gets one repair call that shows the model its validation errors, then
 *   fails with {@link AgentOutputError};
 * - a model still calling tools after `maxTurns` calls fails with {@link MaxTurnsError}.
 *
 * The AI SDK's own retries are off (`maxRetries: 0`): retrying costs money, so the caller
 * decides, with the node's retry policy and the budget, using `ModelCallError.retryable`.
 */
import type { ModelMessage } from "ai";
import { generateText, stepCountIs, wrapLanguageModel } from "ai";
import { getModelInfo } from "@/lib/models/model-catalogue";
import { resolveLanguageModel } from "@/lib/runtime/providers/resolve-language-model";
import { wireTools } from "./agent-tools";
import { compactMessages } from "./compact-messages";
import { AgentOutputError, MaxTurnsError } from "./errors";
import { rawJsonOutput } from "./json-output";
import { compileJsonSchema } from "./json-schema-validator";
import { LoopDetector } from "./loop-detector";
import { createModelCallMiddleware } from "./model-call-middleware";
import { parseStructuredOutput } from "./parse-structured-output";
import { RunLedger } from "./run-ledger";
import {
  DEFAULT_CONTEXT_WINDOW,
  DEFAULT_LOOP_THRESHOLD,
  DEFAULT_MAX_OUTPUT_TOKENS,
  DEFAULT_MAX_TURNS,
  type AgentResult,
  type ModelFinishReason,
  type OutputIssue,
  type RunAgentOptions,
} from "./types";

/**
 * Share of the context window (after reserving the output limit) a request may fill before it
 * is compacted. The margin covers tokenizer differences for non-OpenAI models.
 */
const CONTEXT_FILL_LIMIT = 0.9;

/**
 * Runs an agent to completion.
 *
 * @throws {ModelCallError} a provider call failed (`status`, `retryable`).
 * @throws {AgentOutputError} the output did not match `outputSchema` after one repair.
 * @throws {MaxTurnsError} the model was still calling tools after `maxTurns` calls.
 * @throws {ToolLoopError} the same tool call (same arguments) was requested `loopThreshold` times.
 * @throws whatever `beforeModelCall` throws, unchanged.
 *
 * @example
 * const result = await runAgent({
 *   modelId: "openai:gpt-4o-mini",
 *   credentials: { openai: { apiKey } },
 *   instructions: "You extract invoice data.",
 *   prompt: "supplier: ACME Corp\ntotal: 120.50",
 *   outputSchema: { type: "object", properties: { supplier: { type: "string" }, total: { type: "number" } }, required: ["supplier", "total"] },
 *   beforeModelCall: async ({ estimatedInputTokens, maxOutputTokens }) => budget.reserve(estimatedInputTokens, maxOutputTokens),
 *   afterModelCall: async ({ usage, ok }) => ledger.settle(usage, ok),
 *   onTrace: (event) => trace.write(event.type, event.message, event.data),
 * });
 * result.output; // { supplier: "ACME Corp", total: 120.5 }
 */
export async function runAgent(options: RunAgentOptions): Promise<AgentResult> {
  const { modelId } = options;
  const info = getModelInfo(modelId);
  const maxTurns = positiveInteger("maxTurns", options.maxTurns) ?? DEFAULT_MAX_TURNS;
  const maxOutputTokens =
    positiveInteger("maxOutputTokens", options.maxOutputTokens) ?? Math.min(info?.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS, DEFAULT_MAX_OUTPUT_TOKENS);
  const contextWindow = positiveInteger("contextWindow", options.contextWindow) ?? info?.contextWindow ?? DEFAULT_CONTEXT_WINDOW;
  const limitTokens = Math.max(1, Math.floor((contextWindow - maxOutputTokens) * CONTEXT_FILL_LIMIT));
  const validate = options.outputSchema ? compileJsonSchema(options.outputSchema, "node's output schema") : undefined;

  const ledger = new RunLedger(options.onTrace);
  const agentTools = options.tools ?? [];
  const { toolSet, names } = wireTools(agentTools, ledger);
  const model = wrapLanguageModel({
    model: options.model ?? resolveLanguageModel(modelId, options.credentials),
    middleware: createModelCallMiddleware({
      modelId,
      ledger,
      loops: new LoopDetector(options.loopThreshold ?? DEFAULT_LOOP_THRESHOLD),
      toolNames: names,
      maxOutputTokens,
      beforeModelCall: options.beforeModelCall,
      afterModelCall: options.afterModelCall,
    }),
  });
  const system = options.instructions?.trim() ? options.instructions : undefined;

  const common = {
    model,
    system,
    tools: agentTools.length > 0 ? toolSet : undefined,
    maxRetries: 0,
    maxOutputTokens,
    temperature: options.temperature,
    abortSignal: options.abortSignal,
    ...(options.outputSchema ? { output: rawJsonOutput(options.outputSchema) } : {}),
    providerOptions: {
      openai: {
        // Send the whole conversation each turn instead of references to responses stored at
        // OpenAI: runs stay self-contained and work for zero-data-retention organisations.
        store: false,
        // Strict mode would reject output schemas that do not list every property as required.
        ...(options.outputSchema ? { strictJsonSchema: false } : {}),
      },
    },
    prepareStep: ({ messages }: { messages: ModelMessage[] }) => {
      const outcome = compactMessages(messages, { modelId, limitTokens, system, tools: agentTools });
      if (!outcome.compaction) return undefined;
      const record = { turn: ledger.turn + 1, ...outcome.compaction };
      ledger.compactions.push(record);
      ledger.trace(
        "context.compacted",
        `Compacted the conversation from ${record.tokensBefore} to ${record.tokensAfter} tokens to fit the context window`,
        { ...record, limitTokens, contextWindow },
      );
      return { messages: outcome.messages };
    },
  };

  const userMessage: ModelMessage = { role: "user", content: options.prompt };
  const loop = await generateText({ ...common, messages: [userMessage], stopWhen: stepCountIs(maxTurns) });
  if (loop.finishReason === "tool-calls") throw new MaxTurnsError(maxTurns);

  let text = loop.text;
  let output: unknown = text;
  let repaired = false;
  let finishReason: ModelFinishReason = loop.finishReason;
  if (validate) {
    let outcome = parseStructuredOutput(text, validate);
    if (!outcome.ok) {
      ledger.trace("output.repair", `Output did not match the schema (${outcome.issues.length} issues); asking the model to repair it`, {
        issues: outcome.issues,
      });
      ledger.purpose = "repair";
      const repair = await generateText({
        ...common,
        // Tools stay declared (providers reject tool history without them) but cannot be called.
        toolChoice: "none",
        messages: [userMessage, ...loop.response.messages, { role: "user", content: repairRequest(outcome.issues) }],
        stopWhen: stepCountIs(1),
      });
      text = repair.text;
      finishReason = repair.finishReason;
      repaired = true;
      outcome = parseStructuredOutput(text, validate);
      if (!outcome.ok) {
        ledger.trace("output.invalid", `Output still did not match the schema after one repair (${outcome.issues.length} issues)`, {
          issues: outcome.issues,
        });
        throw new AgentOutputError(modelId, outcome.issues);
      }
    }
    output = outcome.value;
  }

  return {
    output,
    text,
    usage: ledger.totals(),
    turns: ledger.modelCalls.length,
    modelCalls: ledger.modelCalls,
    toolCalls: ledger.toolCalls,
    compactions: ledger.compactions,
    repaired,
    finishReason,
    modelId,
    simulated: ledger.modelCalls.some((call) => call.simulated) || info?.simulated === true,
  };
}

/** Checks an optional limit, so a bad value fails here rather than as a confusing provider error. */
function positiveInteger(name: string, value: number | undefined): number | undefined {
  if (value === undefined || (Number.isInteger(value) && value > 0)) return value;
  throw new RangeError(`runAgent: ${name} must be a positive integer, got ${value}.`);
}

/** The repair message: what failed, where, and what to send instead. Carries no prompt text. */
function repairRequest(issues: OutputIssue[]): string {
  const lines = issues.slice(0, 20).map((issue) => `- ${issue.path}: ${issue.message}`);
  return [
    "Your previous answer does not match the required JSON schema:",
    ...lines,
    "Reply with only the corrected JSON value that matches the schema — no explanations, no Markdown.",
  ].join("\n");
}
