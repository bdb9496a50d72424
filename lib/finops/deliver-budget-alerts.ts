import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { sendEmail } from "../email/send-email";
import { appUrl, smtpUrl } from "../env";
import { newId } from "../ids";
import { inngest } from "../events/client";
import { EVENTS } from "../events/names";
import { attemptWebhookDelivery } from "./attempt-webhook-delivery";
import type { BudgetAlert } from "./claim-budget-alerts";
import { formatMoney } from "../format/money";

export { SIGNATURE_HEADER } from "./attempt-webhook-delivery";
/** Event name of budget threshold alerts (webhook `events` filter, notification kind). */
export const BUDGET_THRESHOLD_EVENT = "budget.threshold";

/**
 * Sends alerts already recorded as notifications (see settleReservation) to the outside: a
 * signed POST to every enabled webhook endpoint subscribed to `budget.threshold` (or to all
 * events), and an e-mail to the workspace's owners, admins and finance members when SMTP is
 * configured. Never fails the spend that crossed the threshold.
 *
 * Each (alert, endpoint) is a `WebhookDelivery` row. The first attempt is made here, at once;
 * when it fails (and may be retried) the `deliver-webhook` function retries it durably with
 * backoff (lib/finops/attempt-webhook-delivery.ts), every attempt logged on the row and shown in
 * Settings → Webhooks.
 *
 * @example
 * await deliverBudgetAlerts(ctx, alerts);
 */
export async function deliverBudgetAlerts(ctx: WorkspaceContext, alerts: BudgetAlert[]): Promise<void> {
  if (!alerts.length) return;
  const endpoints = await ctx.db.webhookEndpoint.findMany({ where: { enabled: true } });
  const subscribed = endpoints.filter((e) => e.events.length === 0 || e.events.includes(BUDGET_THRESHOLD_EVENT) || e.events.includes("*"));
  const deliveries: Promise<void>[] = [];
  for (const alert of alerts) {
    const body = JSON.stringify({ type: BUDGET_THRESHOLD_EVENT, workspaceId: ctx.workspace.id, createdAt: new Date().toISOString(), data: alert });
    for (const endpoint of subscribed) deliveries.push(deliverWebhook(ctx, endpoint.id, BUDGET_THRESHOLD_EVENT, body));
  }
  deliveries.push(emailAlerts(ctx, alerts));
  await Promise.all(deliveries);
}

/** Records a delivery, makes its first attempt, and hands a failed one to the retrying function. */
export async function deliverWebhook(ctx: WorkspaceContext, endpointId: string, event: string, body: string): Promise<void> {
  try {
    const id = newId("webhookDelivery");
    await ctx.db.webhookDelivery.create({ data: { id, endpointId, event, body } as never });
    const first = await attemptWebhookDelivery(ctx, id, 1);
    if (first.done) return;
    try {
      await inngest.send({ name: EVENTS.webhookRetryRequested, id: `webhook-retry-${id}`, data: { deliveryId: id, workspaceId: ctx.workspace.id } });
    } catch (err) {
      // without the engine nothing would retry it: say so on the row rather than leave it pending
      await ctx.db.webhookDelivery.updateMany({
        where: { id, status: "pending" },
        data: { status: "failed", nextAttemptAt: null, lastError: `Retries could not be scheduled (${(err as Error).name}); the first attempt failed.` },
      });
    }
  } catch (err) {
    console.warn(JSON.stringify({ level: "warn", msg: "webhook delivery failed", webhookId: endpointId, error: (err as Error).name }));
  }
}

async function emailAlerts(ctx: WorkspaceContext, alerts: BudgetAlert[]): Promise<void> {
  if (!smtpUrl()) return;
  try {
    const members = await ctx.db.membership.findMany({ where: { role: { in: ["owner", "admin", "finance"] } }, select: { user: { select: { email: true } } } });
    const text = alerts.map((a) => `Budget "${a.budgetName}" reached ${a.thresholdPct}%: ${formatMoney(a.spentUsd)} of ${formatMoney(a.limitUsd)} (${a.windowKey}).`).join("\n");
    for (const m of members) {
      await sendEmail({ to: m.user.email, subject: `[Switchyard] ${ctx.workspace.name}: budget alert`, text: `${text}\n\n${appUrl()}/${ctx.workspace.slug}/costs\n` });
    }
  } catch (err) {
    console.warn(JSON.stringify({ level: "warn", msg: "budget alert e-mail failed", workspaceId: ctx.workspace.id, error: (err as Error).name }));
  }
}
