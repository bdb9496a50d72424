/**
 * Why an agent run stopped early. Each error says what happened and what to change; `code`
 * is stable for callers (the node executor, FinOps) — one of the product's error codes
 * (lib/errors.ts) — and `retryable` says whether running the same node again may succeed.
 */
import type { ErrorCode } from "../../errors";

export type AgentErrorCode = Extract<ErrorCode, "model_call_failed" | "output_invalid" | "max_turns" | "tool_loop">;

/** Base class of the errors {@link runAgent} raises on its own account. */
export abstract class AgentError extends Error {
  abstract readonly code: AgentErrorCode;
  abstract readonly retryable: boolean;
}

/**
 * A model call failed: the provider answered with an error status, the network failed, or the
 * response could not be read. `status` is the HTTP status when there was one; `retryable` is
 * true for rate limits (429), overload and server errors (408, 409, 5xx) and network failures,
 * so the caller can retry with backoff or fall back to another model.
 *
 * @example
 * try {
 *   await runAgent(options);
 * } catch (err) {
 *   if (err instanceof ModelCallError && err.retryable) scheduleRetry(err.retryAfterMs);
 * }
 */
export class ModelCallError extends AgentError {
  readonly code = "model_call_failed";
  readonly retryable: boolean;
  readonly status?: number;
  readonly modelId: string;
  /** From the provider's `retry-after`/`retry-after-ms` header, when it sent one. */
  readonly retryAfterMs?: number;

  constructor(options: { modelId: string; message: string; status?: number; retryable: boolean; retryAfterMs?: number; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.name = "ModelCallError";
    this.modelId = options.modelId;
    this.status = options.status;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** One reason an output failed its schema: a JSON path (`lines[0].sku`, `(root)`) and a message. */
export interface OutputIssue {
  path: string;
  message: string;
}

/**
 * The model's final answer did not match the node's output schema, even after one repair
 * attempt that sent the validation errors back. `issues` name the failing paths.
 */
export class AgentOutputError extends AgentError {
  readonly code = "output_invalid";
  readonly retryable = false;
  readonly issues: OutputIssue[];

  constructor(modelId: string, issues: OutputIssue[]) {
    const listed = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join("; ");
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : "";
    super(
      `${modelId} returned output that does not match the node's output schema after one repair attempt — ${listed}${more}. ` +
        `Simplify the schema, describe the expected fields in the instructions, or use a stronger model.`,
    );
    this.name = "AgentOutputError";
    this.issues = issues;
  }
}

/** The agent was still calling tools when it used up `maxTurns` model calls. */
export class MaxTurnsError extends AgentError {
  readonly code = "max_turns";
  readonly retryable = false;
  readonly maxTurns: number;

  constructor(maxTurns: number) {
    super(
      `The agent was still calling tools after ${maxTurns} turns (maxTurns) without giving a final answer. ` +
        `Raise maxTurns on the node, or make the instructions say when to stop calling tools.`,
    );
    this.name = "MaxTurnsError";
    this.maxTurns = maxTurns;
  }
}

/**
 * The model asked for the same tool with the same arguments `count` times in one run — it is
 * stuck, and every further turn would only spend tokens. The repeated call is not executed.
 */
export class ToolLoopError extends AgentError {
  readonly code = "tool_loop";
  readonly retryable = false;
  readonly toolName: string;
  readonly args: unknown;
  readonly count: number;

  constructor(toolName: string, args: unknown, count: number) {
    super(
      `The agent called ${toolName} with the same arguments ${count} times in one run, so it was stopped as a loop. ` +
        `Check that the tool's result answers what the agent asks, or tell the agent in its instructions what to do when it does not.`,
    );
    this.name = "ToolLoopError";
    this.toolName = toolName;
    this.args = args;
    this.count = count;
  }
}
