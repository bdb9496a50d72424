import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { inngest } from "../events/client";
import { EVENTS, type ApprovalNoticeRequestedData } from "../events/names";
import { newId } from "../ids";
import { deliverApprovalNotice } from "./deliver-approval-notice";
import { formatDue } from "../format/duration";
import { recordApprovalEvent } from "./record-approval-event";

/** The inbox item fields a notice needs. */
export interface NoticeItem {
  id: string;
  kind: string;
  title: string;
  runId: string | null;
  nodeId: string | null;
  dueAt: Date | null;
  assigneeUserIds: string[];
  assigneeRoles: string[];
  escalationLevel: number;
}

const HEADLINE: Record<ApprovalNoticeRequestedData["reason"], string> = {
  opened: "Waiting for your decision",
  reassigned: "Reassigned to you",
  escalated: "Escalated to you",
};

/**
 * Tells an item's assignees about it: an in-app notification for each member assigned by name
 * or by role (written here, at once), then webhooks of the workspace subscribed to
 * `approval.<reason>` and an e-mail to each of them when SMTP is configured — both sent by the
 * `deliver-approval-notice` function (retried, off the caller's path), or here when the engine
 * cannot take the request. Never throws: an item opens, moves or escalates even when telling
 * people fails (the failure is logged by id).
 *
 * @example
 * await notifyAssignees(ctx, approval, "opened", openedEventId);
 */
export async function notifyAssignees(ctx: WorkspaceContext, item: NoticeItem, reason: ApprovalNoticeRequestedData["reason"], eventId: string): Promise<void> {
  try {
    const members = await ctx.db.membership.findMany({
      where: { OR: [{ userId: { in: item.assigneeUserIds } }, { role: { in: item.assigneeRoles as never } }] },
      select: { userId: true },
    });
    const userIds = [...new Set(members.map((m) => m.userId))];
    const due = item.dueAt ? ` — ${formatDue(item.dueAt, new Date())}` : "";
    if (userIds.length) {
      await ctx.db.notification.createMany({
        data: userIds.map((userId) => ({
          id: newId("notification"),
          workspaceId: ctx.workspace.id,
          userId,
          kind: `approval.${reason}`,
          title: `${HEADLINE[reason]}: ${item.title}`.slice(0, 500),
          body: `${item.kind === "escalation" ? "Escalation" : "Inbox item"}${due}.`,
          data: { approvalId: item.id, kind: item.kind, runId: item.runId, level: item.escalationLevel, reason } as never,
        })),
      });
    }
    await recordApprovalEvent(ctx.db, { approvalId: item.id, kind: "notified", actor: "system", level: item.escalationLevel, data: { reason, channel: "app", users: userIds } });
    const data: ApprovalNoticeRequestedData = { workspaceId: ctx.workspace.id, approvalId: item.id, reason, eventId, userIds };
    try {
      await inngest.send({ name: EVENTS.approvalNoticeRequested, id: `approval-notice-${eventId}`, data });
    } catch {
      // no engine to take it (a tool run without one): deliver now, without retries
      await deliverApprovalNotice(ctx, data);
    }
  } catch (err) {
    console.warn(JSON.stringify({ level: "warn", msg: "approval notice failed", approvalId: item.id, reason, error: (err as Error).name }));
  }
}
