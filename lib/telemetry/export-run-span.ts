import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { errorMessage, SY, usdAttribute } from "./attributes";
import { readBudgetIds, runScopeOf } from "./run-scope";
import { spanIdOf } from "./span-ids";
import { exportLater } from "./tracer";

/**
 * The span of a run that ended (succeeded, failed or cancelled), from its row: from its start (or
 * creation) to its end. A top run's span is the root of its trace; a sub-run's is a child of the
 * delegation that started it (a supervisor's saved-graph agent, a map's item), else of the node
 * that started it (a subgraph node). Off, it does nothing.
 *
 * @example
 * if (updated.count) exportRunSpan(ctx, runId);
 */
export function exportRunSpan(ctx: WorkspaceContext, runId: string): void {
  exportLater(async (emit) => {
    const run = await ctx.db.run.findFirst({
      where: { id: runId },
      select: {
        status: true,
        error: true,
        costUsd: true,
        createdAt: true,
        startedAt: true,
        endedAt: true,
        rootRunId: true,
        parentRunId: true,
        parentNodeId: true,
        graphId: true,
        version: true,
        customerKey: true,
        tags: true,
        triggerId: true,
      },
    });
    if (!run?.endedAt) return;
    const [graph, budgetIds, delegation] = await Promise.all([
      ctx.db.graph.findFirst({ where: { id: run.graphId }, select: { name: true } }),
      readBudgetIds(ctx, runId),
      run.parentRunId ? ctx.db.delegation.findFirst({ where: { childRunId: runId }, select: { id: true } }) : null,
    ]);
    const scope = runScopeOf(ctx.workspace.id, runId, run);
    const parentSpanId = !run.parentRunId
      ? undefined
      : delegation
        ? spanIdOf({ delegation: delegation.id })
        : run.parentNodeId
          ? spanIdOf({ node: { runId: run.parentRunId, nodeId: run.parentNodeId } })
          : spanIdOf({ run: run.parentRunId });
    emit({
      name: `run ${graph?.name ?? run.graphId}`,
      traceId: scope.traceId,
      spanId: spanIdOf({ run: runId }),
      parentSpanId,
      start: run.startedAt ?? run.createdAt,
      end: run.endedAt,
      attributes: {
        ...scope.attributes,
        [SY.status]: run.status,
        [SY.costUsd]: usdAttribute(run.costUsd),
        ...(budgetIds.length ? { [SY.budgetIds]: budgetIds } : {}),
      },
      error: run.status === "failed" ? (errorMessage(run.error) ?? "failed") : null,
    });
  });
}
