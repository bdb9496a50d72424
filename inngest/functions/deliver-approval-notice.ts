import { inngest } from "../../lib/events/client";
import { EVENTS, type ApprovalNoticeRequestedData } from "../../lib/events/names";
import type { InngestFunction } from "inngest";
import { deliverApprovalNotice } from "../../lib/approvals/deliver-approval-notice";
import { systemContext } from "../../lib/runtime/system-context";

/**
 * Tells an inbox item's assignees outside the app that it opened, was reassigned or escalated:
 * the workspace's webhooks (one step; a failed first attempt is retried by `deliver-webhook`),
 * then e-mail when SMTP is configured (one step). Started by
 * `switchyard/approval.notice-requested` (lib/approvals/notify-assignees.ts), one per history event.
 */
export const deliverApprovalNoticeFn: InngestFunction.Any = inngest.createFunction(
  {
    id: "deliver-approval-notice",
    name: "Deliver approval notice",
    retries: 3,
    triggers: [{ event: EVENTS.approvalNoticeRequested }],
    concurrency: [{ key: "event.data.workspaceId", limit: 10 }],
  },
  async ({ event, step }) => {
    const notice = event.data as ApprovalNoticeRequestedData;
    const webhooks = await step.run("webhooks", async () => (await deliverApprovalNotice(await systemContext(notice.workspaceId), notice, "webhooks")).webhooks);
    const emails = await step.run("email", async () => (await deliverApprovalNotice(await systemContext(notice.workspaceId), notice, "email")).emails);
    return { webhooks, emails };
  },
);
