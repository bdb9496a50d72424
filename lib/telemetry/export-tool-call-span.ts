import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { GEN_AI, GEN_AI_OPERATION, SY } from "./attributes";
import { readRunScope } from "./run-scope";
import { spanIdOf } from "./span-ids";
import { exportLater } from "./tracer";

/** One tool call of a node's attempt: a tool node's HTTP or MCP call, or a tool an agent called. */
export interface ToolCallSpan {
  runId: string;
  nodeId: string;
  attempt: number;
  /** Unique within the attempt: the agent's tool call id, or the tool node's own name for its one call. */
  call: string;
  name: string;
  start: Date;
  end: Date;
  error?: string | null;
  /** Extra attributes (e.g. `http.response.status_code`). */
  attributes?: Record<string, string | number | boolean>;
}

/**
 * A GenAI `execute_tool` span, a child of its node's span. Off, it does nothing.
 *
 * @example
 * exportToolCallSpan(ctx, { runId, nodeId: "vendor", attempt: 1, call: "http", name: "GET registry.example/vendors", start, end: new Date() });
 */
export function exportToolCallSpan(ctx: WorkspaceContext, t: ToolCallSpan): void {
  exportLater(async (emit) => {
    const scope = await readRunScope(ctx, t.runId);
    if (!scope) return;
    emit({
      name: `${GEN_AI_OPERATION.executeTool} ${t.name}`,
      kind: "client",
      traceId: scope.traceId,
      spanId: spanIdOf({ tool: { runId: t.runId, nodeId: t.nodeId, attempt: t.attempt, call: t.call } }),
      parentSpanId: spanIdOf({ node: { runId: t.runId, nodeId: t.nodeId } }),
      start: t.start,
      end: t.end,
      attributes: {
        ...scope.attributes,
        [SY.nodeId]: t.nodeId,
        [SY.attempt]: t.attempt,
        [GEN_AI.operationName]: GEN_AI_OPERATION.executeTool,
        [GEN_AI.toolName]: t.name,
        [GEN_AI.toolCallId]: t.call,
        [SY.status]: t.error ? "failed" : "succeeded",
        ...t.attributes,
      },
      error: t.error ?? null,
    });
  });
}
