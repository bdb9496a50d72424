import "server-only";
import { z } from "zod";
import { AppError, notFound } from "../errors";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { WorkspaceContext } from "../auth/context";
import { inngest } from "../events/client";
import { EVENTS } from "../events/names";

export const ZDecideApprovalRequestSchema = z.object({
  decision: z.enum(["approve", "reject"]),
  comment: z.string().trim().max(4000).optional(),
  /** replaces the output the run continues with (an approver's edit) */
  output: z.unknown().optional(),
});
export type TDecideApprovalRequest = z.infer<typeof ZDecideApprovalRequestSchema>;

/** Whether the caller may decide this item: an assignee by user or role; owners and admins always (and only they when it has no assignee). */
export function mayDecide(ctx: WorkspaceContext, approval: { assigneeUserIds: string[]; assigneeRoles: string[] }): boolean {
  if (ctx.role === "owner" || ctx.role === "admin") return true;
  if (ctx.actor.userId && approval.assigneeUserIds.includes(ctx.actor.userId)) return true;
  return approval.assigneeRoles.includes(ctx.role);
}

/**
 * Records a decision and resumes the waiting run. The row is updated only if
 * it is still pending, so two approvers deciding at once get one winner and
 * one 409.
 */
export async function decideApproval(ctx: WorkspaceContext, id: string, input: TDecideApprovalRequest) {
  const approval = await ctx.db.approval.findFirst({ where: { id } });
  if (!approval) throw notFound("Approval");
  if (approval.status !== "pending") throw new AppError("conflict", `This item was already ${approval.status}.`);
  if (!mayDecide(ctx, approval)) {
    throw new AppError("forbidden", `This item is assigned to ${[...approval.assigneeRoles.map((r) => `the ${r} role`), ...(approval.assigneeUserIds.length ? ["named people"] : [])].join(" and ")}.`);
  }
  const decidedBy = ctx.actor.userId ? `user:${ctx.actor.userId}` : `apikey:${ctx.actor.apiKeyId}`;
  const now = new Date();
  const { count } = await ctx.db.approval.updateMany({
    where: { id, status: "pending" },
    data: {
      status: input.decision === "approve" ? "approved" : "rejected",
      decision: input.decision,
      comment: input.comment ?? null,
      output: (input.output === undefined ? undefined : input.output) as never,
      decidedById: ctx.actor.userId ?? null,
      decidedAt: now,
    },
  });
  if (!count) throw new AppError("conflict", "Someone else decided this item a moment ago.");
  await inngest.send({
    name: EVENTS.approvalDecided,
    data: { approvalId: id, runId: approval.runId, workspaceId: ctx.workspace.id, decision: input.decision, decidedBy, comment: input.comment ?? null, output: input.output ?? null },
  });
  await recordAuditEvent(ctx.actor, {
    workspaceId: ctx.workspace.id,
    action: `approval.${input.decision === "approve" ? "approved" : "rejected"}`,
    targetType: "approval",
    targetId: id,
    data: { runId: approval.runId, nodeId: approval.nodeId, kind: approval.kind, comment: input.comment ?? null, editedOutput: input.output !== undefined },
  });
  return { id, status: input.decision === "approve" ? "approved" : "rejected", decidedAt: now };
}
