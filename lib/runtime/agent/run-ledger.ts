/**
 * The bookkeeping of one agent run: model calls, tool calls and compactions as they happen,
 * the current turn, and the trace sink. The middleware, the tool wrappers and the loop all
 * write here, and {@link runAgent} builds its result from it — so a run that fails midway has
 * still accounted for every call it made.
 */
import type {
  AgentTraceEvent,
  AgentTraceType,
  CompactionRecord,
  ModelCallPurpose,
  ModelCallRecord,
  ModelCallUsage,
  ToolCallRecord,
} from "./types";

/** Mutable state of one run. */
export class RunLedger {
  readonly modelCalls: ModelCallRecord[] = [];
  readonly toolCalls: ToolCallRecord[] = [];
  readonly compactions: CompactionRecord[] = [];
  /** Model calls started so far; the current call's `turn`. */
  turn = 0;
  /** What the next model calls are for. */
  purpose: ModelCallPurpose = "turn";
  readonly #onTrace?: (event: AgentTraceEvent) => void;

  constructor(onTrace?: (event: AgentTraceEvent) => void) {
    this.#onTrace = onTrace;
  }

  /** Sends a trace event; a failing trace sink must not fail the run. */
  trace(type: AgentTraceType, message: string, data: Record<string, unknown>): void {
    try {
      this.#onTrace?.({ type, message, data });
    } catch {
      // Tracing is best-effort by design: the run's result and hooks are the source of truth.
    }
  }

  /** Token totals over every model call. */
  totals(): ModelCallUsage & { totalTokens: number } {
    const sum = (key: keyof ModelCallUsage) => this.modelCalls.reduce((acc, call) => acc + call.usage[key], 0);
    const inputTokens = sum("inputTokens");
    const outputTokens = sum("outputTokens");
    return { inputTokens, outputTokens, cachedTokens: sum("cachedTokens"), totalTokens: inputTokens + outputTokens };
  }
}
