import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { errorMessage, GEN_AI, GEN_AI_OPERATION, SY, usdAttribute } from "./attributes";
import { readBudgetIds, readRunScope } from "./run-scope";
import { spanIdOf } from "./span-ids";
import { exportLater } from "./tracer";

/** Node types whose node is an agent at work (GenAI `invoke_agent`). */
const AGENT_TYPES = new Set(["agent", "supervisor"]);

/**
 * The span of a node run that ended (succeeded, failed, cancelled with its run, or skipped by a
 * router: no length, at the moment it was skipped), a child of its run's span, from the row:
 * its first attempt's start to its end, its status, attempts,
 * cost and the budgets its spend was reserved in. Model calls, tool calls, delegations and
 * human waits of the node are its children. Off, it does nothing.
 *
 * @example
 * exportNodeSpan(ctx, runId, "intake");
 */
export function exportNodeSpan(ctx: WorkspaceContext, runId: string, nodeId: string): void {
  exportLater(async (emit) => {
    const [node, scope, budgetIds] = await Promise.all([
      ctx.db.nodeRun.findFirst({
        where: { runId, nodeId },
        select: { nodeType: true, status: true, attempts: true, error: true, model: true, costUsd: true, startedAt: true, endedAt: true },
      }),
      readRunScope(ctx, runId),
      readBudgetIds(ctx, runId, nodeId),
    ]);
    if (!node?.endedAt || !scope) return;
    // `startedAt` is the last attempt's: a node tried again starts at its first attempt, so its
    // earlier attempts' model and tool calls fall inside it
    const first = node.attempts > 1 ? await ctx.db.traceEvent.findFirst({ where: { runId, nodeId, type: "node.started" }, orderBy: { id: "asc" }, select: { createdAt: true } }) : null;
    const start = [first?.createdAt, node.startedAt].filter((d): d is Date => !!d).sort((a, b) => a.getTime() - b.getTime())[0] ?? node.endedAt;
    const agent = AGENT_TYPES.has(node.nodeType);
    emit({
      name: agent ? `${GEN_AI_OPERATION.invokeAgent} ${nodeId}` : `${node.nodeType} ${nodeId}`,
      traceId: scope.traceId,
      spanId: spanIdOf({ node: { runId, nodeId } }),
      parentSpanId: spanIdOf({ run: runId }),
      start,
      end: node.endedAt,
      attributes: {
        ...scope.attributes,
        [SY.nodeId]: nodeId,
        [SY.nodeType]: node.nodeType,
        [SY.status]: node.status,
        [SY.attempt]: node.attempts,
        [SY.costUsd]: usdAttribute(node.costUsd),
        ...(budgetIds.length ? { [SY.budgetIds]: budgetIds } : {}),
        ...(agent ? { [GEN_AI.operationName]: GEN_AI_OPERATION.invokeAgent, [GEN_AI.agentName]: nodeId } : {}),
      },
      error: node.status === "failed" ? (errorMessage(node.error) ?? "failed") : null,
    });
  });
}
