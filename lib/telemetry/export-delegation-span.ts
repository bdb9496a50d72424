import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { GEN_AI, GEN_AI_OPERATION, SY, usdAttribute } from "./attributes";
import { readRunScope } from "./run-scope";
import { spanIdOf } from "./span-ids";
import { exportLater } from "./tracer";

/**
 * The span of a delegation that ended (a supervisor's sub-agent, a map's item), a child of its
 * node's span, from its row: agent, kind, status, confidence, cost and the child run it started
 * (whose run span is this span's child). Off, it does nothing.
 *
 * @example
 * exportDelegationSpan(ctx, { runId, nodeId: "review", seq: 2 });
 */
export function exportDelegationSpan(ctx: WorkspaceContext, which: { id: string } | { runId: string; nodeId: string; seq: number }): void {
  exportLater(async (emit) => {
    const row = await ctx.db.delegation.findFirst({
      where: "id" in which ? { id: which.id } : { runId: which.runId, nodeId: which.nodeId, seq: which.seq },
      select: {
        id: true,
        runId: true,
        nodeId: true,
        seq: true,
        agent: true,
        kind: true,
        status: true,
        result: true,
        confidence: true,
        costUsd: true,
        childRunId: true,
        startedAt: true,
        endedAt: true,
      },
    });
    if (!row?.endedAt) return;
    const scope = await readRunScope(ctx, row.runId);
    if (!scope) return;
    const result = (row.result ?? {}) as { rationale?: unknown; error?: { message?: unknown } };
    const failed = row.status === "failed" || row.status === "unavailable";
    const reason = typeof result.error?.message === "string" ? result.error.message : typeof result.rationale === "string" ? result.rationale : row.status;
    emit({
      name: `${GEN_AI_OPERATION.invokeAgent} ${row.agent}`,
      traceId: scope.traceId,
      spanId: spanIdOf({ delegation: row.id }),
      parentSpanId: spanIdOf({ node: { runId: row.runId, nodeId: row.nodeId } }),
      start: row.startedAt,
      end: row.endedAt,
      attributes: {
        ...scope.attributes,
        [SY.nodeId]: row.nodeId,
        [GEN_AI.operationName]: GEN_AI_OPERATION.invokeAgent,
        [GEN_AI.agentName]: row.agent,
        [SY.delegationId]: row.id,
        [SY.delegationKind]: row.kind,
        [SY.delegationSeq]: row.seq,
        [SY.status]: row.status,
        [SY.costUsd]: usdAttribute(row.costUsd),
        ...(row.confidence != null ? { "switchyard.delegation.confidence": row.confidence } : {}),
        ...(row.childRunId ? { [SY.childRunId]: row.childRunId } : {}),
      },
      error: failed ? reason : null,
    });
  });
}
