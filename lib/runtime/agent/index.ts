/**
 * The agent loop: {@link runAgent} with its options, result, hook and trace types, and the
 * errors it raises.
 */
export { runAgent } from "./run-agent";
export { AgentError, AgentOutputError, ToolLoopError, MaxTurnsError, ModelCallError, type AgentErrorCode, type OutputIssue } from "./errors";
export { compactMessages, type CompactionOptions, type CompactionOutcome } from "./compact-messages";
export {
  DEFAULT_CONTEXT_WINDOW,
  DEFAULT_LOOP_THRESHOLD,
  DEFAULT_MAX_OUTPUT_TOKENS,
  DEFAULT_MAX_TURNS,
  type AfterModelCallEvent,
  type AgentResult,
  type AgentTool,
  type AgentTraceEvent,
  type AgentTraceType,
  type BeforeModelCallEvent,
  type CompactionRecord,
  type JsonSchema,
  type ModelCallPurpose,
  type ModelCallRecord,
  type ModelCallUsage,
  type ModelFinishReason,
  type RunAgentOptions,
  type ToolCallRecord,
} from "./types";
