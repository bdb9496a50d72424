import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { WorkspaceContext } from "../auth/context";
import { readEscalationChain } from "./escalation-chain";
import { notifyAssignees } from "./notify-assignees";
import { resolveAssignees } from "./open-approval";
import { recordApprovalEvent } from "./record-approval-event";

/**
 * Moves a pending item to step `level` (1-based) of its escalation chain: its assignees become
 * that step's people (resolved as when an item opens: nobody resolvable → the admins, with the
 * reason in its note), the level and time are recorded on the item and in its history, audited,
 * and the new assignees are notified.
 *
 * Idempotent, for a step of a durable wait run again after a crash: only the item still at
 * level `level − 1` moves (one conditional update), and a level whose move was recorded but
 * whose assignees were not yet told is told now. Several waits on one item move it once.
 *
 * Returns whether the item is still pending, read last (a decision made meanwhile ends the wait).
 *
 * @example
 * const { pending } = await escalateApproval(ctx, approvalId, 1);
 */
export async function escalateApproval(ctx: WorkspaceContext, approvalId: string, level: number): Promise<{ pending: boolean; moved: boolean }> {
  const item = await ctx.db.approval.findFirst({ where: { id: approvalId } });
  if (!item || item.status !== "pending") return { pending: false, moved: false };
  const step = readEscalationChain(item.escalationChain)[level - 1];
  if (!step) return { pending: true, moved: false };
  let moved = false;
  if (item.escalationLevel === level - 1) {
    const resolved = await resolveAssignees(ctx, step.to);
    const eventId = await ctx.db.$transaction(async (tx) => {
      const { count } = await tx.approval.updateMany({
        where: { id: approvalId, status: "pending", escalationLevel: level - 1 },
        data: { assigneeRoles: resolved.roles, assigneeUserIds: resolved.userIds, assignmentNote: resolved.note, escalationLevel: level, escalatedAt: new Date() },
      });
      if (!count) return null;
      return recordApprovalEvent(tx, {
        approvalId,
        kind: "escalated",
        actor: "system",
        level,
        data: {
          from: { roles: item.assigneeRoles, userIds: item.assigneeUserIds },
          to: { roles: resolved.roles, userIds: resolved.userIds },
          reason: `No decision within ${step.after} at level ${level - 1}`,
          note: resolved.note,
        },
      });
    });
    if (eventId) {
      moved = true;
      await recordAuditEvent(ctx.actor, {
        workspaceId: ctx.workspace.id,
        action: "approval.escalated",
        targetType: "approval",
        targetId: approvalId,
        data: { runId: item.runId, nodeId: item.nodeId, level, after: step.after, roles: resolved.roles, userIds: resolved.userIds },
      });
    }
  }
  // tell the assignees of this level, once (a crash after the move but before the notice tells them now)
  const escalated = await ctx.db.approvalEvent.findFirst({ where: { approvalId, kind: "escalated", level }, orderBy: { createdAt: "asc" } });
  const told = await ctx.db.approvalEvent.count({ where: { approvalId, kind: "notified", level, data: { path: ["reason"], equals: "escalated" } } });
  const now = await ctx.db.approval.findFirst({ where: { id: approvalId } });
  if (escalated && !told && now && now.status === "pending" && now.escalationLevel === level) await notifyAssignees(ctx, now, "escalated", escalated.id);
  const last = await ctx.db.approval.findFirst({ where: { id: approvalId }, select: { status: true } });
  return { pending: last?.status === "pending", moved };
}
