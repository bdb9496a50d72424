import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { sendEmail } from "../email/send-email";
import { appUrl, smtpUrl } from "../env";
import type { ApprovalNoticeRequestedData } from "../events/names";
import { deliverWebhook } from "../finops/deliver-budget-alerts";
import { formatDue } from "../format/duration";
import { recordApprovalEvent } from "./record-approval-event";

/** Webhook event types of the inbox (a `WebhookEndpoint.events` filter, and `type` of the body). */
export const APPROVAL_WEBHOOK_EVENTS = ["approval.opened", "approval.reassigned", "approval.escalated"] as const;

/**
 * The webhook body of an inbox notice: `{ type: "approval.opened", workspaceId, createdAt,
 * data: { approvalId, kind, title, status, runId, nodeId, dueAt, level, assignees, url } }`.
 * It names the item and where to decide it; the item's context stays in the product.
 */
export function approvalWebhookBody(ctx: WorkspaceContext, reason: ApprovalNoticeRequestedData["reason"], a: ApprovalRow) {
  return JSON.stringify({
    type: `approval.${reason}`,
    workspaceId: ctx.workspace.id,
    createdAt: new Date().toISOString(),
    data: {
      approvalId: a.id,
      kind: a.kind,
      title: a.title,
      status: a.status,
      runId: a.runId,
      nodeId: a.nodeId,
      dueAt: a.dueAt?.toISOString() ?? null,
      level: a.escalationLevel,
      assignees: { roles: a.assigneeRoles, userIds: a.assigneeUserIds },
      url: itemUrl(ctx, a.id),
    },
  });
}

type ApprovalRow = { id: string; kind: string; title: string; status: string; runId: string | null; nodeId: string | null; dueAt: Date | null; escalationLevel: number; assigneeRoles: string[]; assigneeUserIds: string[] };

const itemUrl = (ctx: WorkspaceContext, approvalId: string) => `${appUrl()}/w/${ctx.workspace.slug}/approvals?item=${approvalId}`;

/**
 * Sends one inbox notice outside the app: a signed POST to each enabled webhook endpoint
 * subscribed to `approval.<reason>` (or to every event) — first attempt now, retries by the
 * `deliver-webhook` function — and, when SMTP is configured, an e-mail to each user named in the
 * notice. Records what went out in the item's history. An item decided meanwhile gets nothing.
 *
 * @example
 * await deliverApprovalNotice(ctx, { workspaceId, approvalId, reason: "opened", eventId, userIds });
 */
export async function deliverApprovalNotice(ctx: WorkspaceContext, notice: ApprovalNoticeRequestedData, part: "webhooks" | "email" | "all" = "all"): Promise<{ webhooks: number; emails: number }> {
  const a = await ctx.db.approval.findFirst({ where: { id: notice.approvalId } });
  if (!a || a.status !== "pending") return { webhooks: 0, emails: 0 };
  let webhooks = 0;
  let emails = 0;
  if (part !== "email") {
    const event = `approval.${notice.reason}`;
    const endpoints = await ctx.db.webhookEndpoint.findMany({ where: { enabled: true } });
    const subscribed = endpoints.filter((e) => e.events.length === 0 || e.events.includes(event) || e.events.includes("*"));
    const body = approvalWebhookBody(ctx, notice.reason, a);
    await Promise.all(subscribed.map((e) => deliverWebhook(ctx, e.id, event, body)));
    webhooks = subscribed.length;
    if (webhooks) await recordApprovalEvent(ctx.db, { approvalId: a.id, kind: "notified", actor: "system", level: a.escalationLevel, data: { reason: notice.reason, channel: "webhook", endpoints: subscribed.map((e) => e.id) } });
  }
  if (part !== "webhooks" && smtpUrl() && notice.userIds.length) {
    const members = await ctx.db.membership.findMany({ where: { userId: { in: notice.userIds } }, select: { user: { select: { id: true, email: true } } } });
    const due = a.dueAt ? `It is ${formatDue(a.dueAt, new Date())}.\n` : "";
    const lead = notice.reason === "opened" ? "An item is waiting for your decision" : notice.reason === "escalated" ? `An item was escalated to you (level ${a.escalationLevel})` : "An item was reassigned to you";
    const sent: string[] = [];
    for (const m of members) {
      try {
        await sendEmail({
          to: m.user.email,
          subject: `[Switchyard] ${ctx.workspace.name}: ${a.title}`.slice(0, 200),
          text: `${lead} in ${ctx.workspace.name}:\n\n${a.title}\n${due}\nDecide it here: ${itemUrl(ctx, a.id)}\n`,
        });
        sent.push(m.user.id);
      } catch (err) {
        console.warn(JSON.stringify({ level: "warn", msg: "approval e-mail failed", approvalId: a.id, userId: m.user.id, error: (err as Error).name }));
      }
    }
    emails = sent.length;
    if (emails) await recordApprovalEvent(ctx.db, { approvalId: a.id, kind: "notified", actor: "system", level: a.escalationLevel, data: { reason: notice.reason, channel: "email", users: sent } });
  }
  return { webhooks, emails };
}
