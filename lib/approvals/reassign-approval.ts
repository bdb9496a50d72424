import "server-only";
import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { WorkspaceContext } from "../auth/context";
import { isRole, ROLES } from "../auth/permissions";
import { AppError, notFound, type Issue } from "../errors";
import { mayDecide } from "./decide-approval";
import { notifyAssignees } from "./notify-assignees";
import { actorOf, recordApprovalEvent } from "./record-approval-event";

/** Body of `POST /api/v1/approvals/:id/reassign`. */
export const ZReassignApprovalRequestSchema = z.strictObject({
  to: z
    .array(z.union([z.strictObject({ user: z.string().trim().min(1).max(320) }), z.strictObject({ role: z.string().trim().min(1).max(40) })]), {
      error: 'must be a list of people or roles, e.g. [{ "user": "ana@example.com" }, { "role": "admin" }]',
    })
    .min(1, { error: "needs at least one person or role" })
    .max(20),
  comment: z.string().trim().max(4000).optional(),
});
export type TReassignApprovalRequest = z.infer<typeof ZReassignApprovalRequestSchema>;

/**
 * Gives a pending item to other people: members named by id or e-mail, or workspace roles. Who
 * may: owners and admins, and the item's current assignees. Every name must resolve (a 422 names
 * the entry that does not: `to[1].user`); a decided item cannot move (409). The move is recorded
 * in the item's history (from, to, by, comment), audited, and the new assignees are notified.
 * Votes already cast on the item stay; its escalation chain keeps its timing.
 *
 * @example
 * await reassignApproval(ctx, "apr_…", { to: [{ role: "admin" }], comment: "Needs a second look" });
 */
export async function reassignApproval(ctx: WorkspaceContext, id: string, input: TReassignApprovalRequest) {
  const item = await ctx.db.approval.findFirst({ where: { id } });
  if (!item) throw notFound("Approval");
  if (item.status !== "pending") throw new AppError("conflict", `This item was already ${item.status}; only a pending item can be reassigned.`);
  if (!mayDecide(ctx, item)) throw new AppError("forbidden", "Only the item's assignees, admins and owners may reassign it.");

  const members = await ctx.db.membership.findMany({ select: { user: { select: { id: true, email: true } } } });
  const roles: string[] = [];
  const userIds: string[] = [];
  const issues: Issue[] = [];
  input.to.forEach((a, i) => {
    if ("role" in a) {
      if (isRole(a.role)) roles.push(a.role);
      else issues.push({ path: `to[${i}].role`, message: `is not a workspace role (one of ${ROLES.join(", ")})` });
    } else {
      const m = members.find((x) => x.user.id === a.user || x.user.email.toLowerCase() === a.user.toLowerCase());
      if (m) userIds.push(m.user.id);
      else issues.push({ path: `to[${i}].user`, message: `${a.user} is not a member of this workspace` });
    }
  });
  if (issues.length) throw new AppError("validation_failed", `Cannot reassign: ${issues.map((x) => `${x.path} ${x.message}`).join("; ")}.`, issues);

  const to = { roles: [...new Set(roles)], userIds: [...new Set(userIds)] };
  const eventId = await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.approval.updateMany({
      where: { id, status: "pending" },
      data: { assigneeRoles: to.roles as never, assigneeUserIds: to.userIds, assignmentNote: null },
    });
    if (!count) return null;
    return recordApprovalEvent(tx, {
      approvalId: id,
      kind: "reassigned",
      actor: actorOf(ctx),
      level: item.escalationLevel,
      data: { from: { roles: item.assigneeRoles, userIds: item.assigneeUserIds }, to, comment: input.comment ?? null },
    });
  });
  if (!eventId) throw new AppError("conflict", "Someone decided this item a moment ago; it can no longer be reassigned.");
  await recordAuditEvent(ctx.actor, {
    workspaceId: ctx.workspace.id,
    action: "approval.reassigned",
    targetType: "approval",
    targetId: id,
    data: { runId: item.runId, nodeId: item.nodeId, from: { roles: item.assigneeRoles, userIds: item.assigneeUserIds }, to, comment: input.comment ?? null },
  });
  const updated = await ctx.db.approval.findFirst({ where: { id } });
  if (updated) await notifyAssignees(ctx, updated, "reassigned", eventId);
  return { id, status: "pending" as const, assigneeRoles: to.roles, assigneeUserIds: to.userIds, escalationLevel: item.escalationLevel };
}
