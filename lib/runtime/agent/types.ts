/**
 * The contract of {@link runAgent}: what the caller passes in (model, prompt, tools, output
 * schema, limits, hooks) and what it gets back. Hooks are how FinOps (budgets, the cost ledger)
 * and tracing plug in without the agent loop knowing about either.
 */
import type { LanguageModelV3 } from "@ai-sdk/provider";
import type { ProviderCredentials } from "@/lib/runtime/providers/resolve-language-model";
import type { OutputIssue } from "./errors";

/** A JSON Schema document, as graph specs store it. */
export type JsonSchema = { [key: string]: unknown };

/**
 * A tool the agent may call. The caller implements it (HTTP, MCP, built-ins); the agent loop
 * only offers it to the model, validates the model's arguments against `inputSchema`, and runs
 * `execute`. A thrown error is shown to the model as the tool's result, so it can recover.
 */
export interface AgentTool {
  /** As the spec names it (`lookup_vendor`, `mcp:crm/find`); made provider-safe internally. */
  name: string;
  description?: string;
  /** JSON Schema of the arguments (an object schema). */
  inputSchema: JsonSchema;
  execute(args: unknown, context: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/** Why a model call is made: a turn of the tool loop, or the one output repair. */
export type ModelCallPurpose = "turn" | "repair";

/** Passed to {@link RunAgentOptions.beforeModelCall} before every model call. */
export interface BeforeModelCallEvent {
  modelId: string;
  /** Tokens of the request as it will be sent (messages, tool definitions, output schema). */
  estimatedInputTokens: number;
  /** The output limit sent with the call: the most the call can spend on output. */
  maxOutputTokens: number;
  /** 1-based index of this model call within the run (the repair call included). */
  turn: number;
  purpose: ModelCallPurpose;
}

/** Token usage of one model call, as the provider reported it (0 when it reported none). */
export interface ModelCallUsage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens served from the provider's prompt cache (part of `inputTokens`). */
  cachedTokens: number;
}

/** Why a model call ended; `error` when it failed. */
export type ModelFinishReason = "stop" | "length" | "content-filter" | "tool-calls" | "error" | "other";

/** Passed to {@link RunAgentOptions.afterModelCall} after every model call that was made. */
export interface AfterModelCallEvent {
  modelId: string;
  usage: ModelCallUsage;
  durationMs: number;
  ok: boolean;
  /** The typed error when `ok` is false (a {@link ModelCallError} for provider failures). */
  error?: Error;
  turn: number;
  purpose: ModelCallPurpose;
  finishReason: ModelFinishReason;
  /** True when the simulated provider answered (no cost, labelled in the UI). */
  simulated: boolean;
  /** The model the provider says answered, when it says (it may name a dated snapshot of the one asked for). */
  responseModel?: string;
}

/** Trace event types {@link runAgent} emits. */
export type AgentTraceType =
  | "tool.called"
  | "tool.succeeded"
  | "tool.failed"
  | "context.compacted"
  | "output.repair"
  | "output.invalid";

/**
 * A step worth showing in the run's trace. `message` is a one-line summary without prompt or
 * output text; `data` carries the details (tool arguments and results included — the caller
 * decides what to persist).
 */
export interface AgentTraceEvent {
  type: AgentTraceType;
  message: string;
  data: Record<string, unknown>;
}

/** Options of {@link runAgent}. */
export interface RunAgentOptions {
  /** `provider:model`, e.g. `openai:gpt-4o-mini` or `sim:fast` (a concrete model, routing is done). */
  modelId: string;
  /** A model already resolved for `modelId`; otherwise resolved from `credentials` and the environment. */
  model?: LanguageModelV3;
  credentials?: ProviderCredentials;
  /** System instructions (rendered). */
  instructions?: string;
  /** The user message (rendered). */
  prompt: string;
  tools?: AgentTool[];
  /** JSON Schema of the structured output; without it the output is the final text. */
  outputSchema?: JsonSchema;
  /** Most model calls in the tool loop; default {@link DEFAULT_MAX_TURNS}. */
  maxTurns?: number;
  /** Output limit per call (what budgets reserve for); default the smaller of the model's limit and {@link DEFAULT_MAX_OUTPUT_TOKENS}. */
  maxOutputTokens?: number;
  temperature?: number;
  /** Context window to compact against; default the catalogue's, or {@link DEFAULT_CONTEXT_WINDOW}. */
  contextWindow?: number;
  /** Identical tool calls (same tool, same arguments) that stop the run; default 3. */
  loopThreshold?: number;
  abortSignal?: AbortSignal;
  /**
   * Called before every model call with what it may cost. Throw to refuse the call (e.g. a
   * budget that cannot reserve the worst case): the run stops and the error propagates
   * unchanged; `afterModelCall` is not called for a call that was not made.
   */
  beforeModelCall?: (event: BeforeModelCallEvent) => Promise<void> | void;
  /** Called after every model call that was made, failed ones and the repair call included. */
  afterModelCall?: (event: AfterModelCallEvent) => Promise<void> | void;
  /** Tool calls and results, context compaction, output repair. */
  onTrace?: (event: AgentTraceEvent) => void;
}

/** One model call of a run. */
export interface ModelCallRecord {
  turn: number;
  purpose: ModelCallPurpose;
  modelId: string;
  usage: ModelCallUsage;
  durationMs: number;
  ok: boolean;
  finishReason: ModelFinishReason;
  simulated: boolean;
  /** The error message when the call failed. */
  error?: string;
}

/** One tool call of a run. */
export interface ToolCallRecord {
  /** The tool's name as the caller gave it. */
  name: string;
  args: unknown;
  /** The model call (turn) that asked for it. */
  turn: number;
  result?: unknown;
  /** The error message when the tool (or argument validation) failed. */
  error?: string;
  /** When the call started; with `durationMs`, its span (lib/telemetry). */
  startedAt: Date;
  durationMs: number;
  /** The model's id for the call. */
  toolCallId?: string;
}

/** A compaction of the conversation before a model call. */
export interface CompactionRecord {
  turn: number;
  tokensBefore: number;
  tokensAfter: number;
  /** Tool results replaced by a short placeholder, oldest first. */
  elidedToolResults: number;
  /** Older messages dropped entirely (assistant turns with their tool results). */
  droppedMessages: number;
}

/** What {@link runAgent} returns. */
export interface AgentResult {
  /** The validated object when an output schema was given, else the final text. */
  output: unknown;
  /** The final answer's text (JSON text for structured output). */
  text: string;
  /** Sums over every model call. */
  usage: ModelCallUsage & { totalTokens: number };
  /** Model calls made (tool-loop turns plus the repair call, if any). */
  turns: number;
  modelCalls: ModelCallRecord[];
  toolCalls: ToolCallRecord[];
  compactions: CompactionRecord[];
  /** True when the output needed the repair call. */
  repaired: boolean;
  finishReason: ModelFinishReason;
  modelId: string;
  simulated: boolean;
}

export type { OutputIssue };

/** Default for {@link RunAgentOptions.maxTurns}. */
export const DEFAULT_MAX_TURNS = 10;
/** Default output limit per call, so the worst case a budget reserves stays reasonable. */
export const DEFAULT_MAX_OUTPUT_TOKENS = 8_192;
/** Context window assumed for models the catalogue does not know (small on purpose: compacting early is safe). */
export const DEFAULT_CONTEXT_WINDOW = 32_000;
/** Identical tool calls that count as a loop. */
export const DEFAULT_LOOP_THRESHOLD = 3;
