import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { SY } from "./attributes";
import { readRunScope } from "./run-scope";
import { spanIdOf } from "./span-ids";
import { exportLater } from "./tracer";

/**
 * The span of a human wait that ended: an inbox item of a run (an approval, an escalation, a
 * budget or forecast pause) from when it was opened to its decision, expiry or cancellation.
 * Its parent is the delegation it decides on (a supervisor's escalation), else its node, else
 * its run (a forecast gate). Off, it does nothing.
 *
 * @example
 * exportHumanWaitSpan(ctx, approvalId);
 */
export function exportHumanWaitSpan(ctx: WorkspaceContext, approvalId: string): void {
  exportLater(async (emit) => {
    const item = await ctx.db.approval.findFirst({
      where: { id: approvalId },
      select: { kind: true, status: true, runId: true, nodeId: true, decision: true, decidedById: true, decidedAt: true, createdAt: true },
    });
    if (!item?.runId || item.status === "pending") return;
    const [scope, delegation] = await Promise.all([readRunScope(ctx, item.runId), ctx.db.delegation.findFirst({ where: { approvalId }, select: { id: true } })]);
    if (!scope) return;
    const parentSpanId = delegation ? spanIdOf({ delegation: delegation.id }) : item.nodeId ? spanIdOf({ node: { runId: item.runId, nodeId: item.nodeId } }) : spanIdOf({ run: item.runId });
    emit({
      name: `human_wait ${item.kind}`,
      traceId: scope.traceId,
      spanId: spanIdOf({ approval: approvalId }),
      parentSpanId,
      start: item.createdAt,
      end: item.decidedAt ?? new Date(),
      attributes: {
        ...scope.attributes,
        ...(item.nodeId ? { [SY.nodeId]: item.nodeId } : {}),
        [SY.approvalId]: approvalId,
        [SY.approvalKind]: item.kind,
        [SY.status]: item.status,
        ...(item.decision ? { [SY.decision]: item.decision } : {}),
        ...(item.decidedById ? { [SY.decidedBy]: `user:${item.decidedById}` } : {}),
      },
    });
  });
}
