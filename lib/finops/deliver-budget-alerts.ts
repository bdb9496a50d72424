import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { decryptSecret, signPayload } from "../crypto";
import { sendEmail } from "../email/send-email";
import { appUrl, smtpUrl } from "../env";
import type { BudgetAlert } from "./settle-reservation";

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">` on outbound webhooks. */
export const SIGNATURE_HEADER = "x-switchyard-signature";
/** Event name of budget threshold alerts (webhook `events` filter, notification kind). */
export const BUDGET_THRESHOLD_EVENT = "budget.threshold";

const WEBHOOK_TIMEOUT_MS = 5_000;

/**
 * Sends alerts already recorded as notifications (see settleReservation) to the outside: a
 * signed POST to every enabled webhook endpoint subscribed to `budget.threshold` (or to all
 * events), and an e-mail to the workspace's owners, admins and finance members when SMTP is
 * configured. Best effort: a failing endpoint or mail server is logged by id, never retried
 * here and never fails the spend that crossed the threshold.
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
    for (const endpoint of subscribed) {
      deliveries.push(
        (async () => {
          try {
            const signature = signPayload(decryptSecret(endpoint.encryptedSecret), body);
            const res = await fetch(endpoint.url, {
              method: "POST",
              headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signature, "user-agent": "Switchyard-Webhooks/1" },
              body,
              redirect: "manual",
              signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
            });
            await res.body?.cancel();
            if (!res.ok) console.warn(JSON.stringify({ level: "warn", msg: "webhook delivery failed", webhookId: endpoint.id, status: res.status }));
          } catch (err) {
            console.warn(JSON.stringify({ level: "warn", msg: "webhook delivery failed", webhookId: endpoint.id, error: (err as Error).name }));
          }
        })(),
      );
    }
  }
  deliveries.push(emailAlerts(ctx, alerts));
  await Promise.all(deliveries);
}

async function emailAlerts(ctx: WorkspaceContext, alerts: BudgetAlert[]): Promise<void> {
  if (!smtpUrl()) return;
  try {
    const members = await ctx.db.membership.findMany({ where: { role: { in: ["owner", "admin", "finance"] } }, select: { user: { select: { email: true } } } });
    const text = alerts.map((a) => `Budget "${a.budgetName}" reached ${a.thresholdPct}%: $${a.spentUsd} of $${a.limitUsd} (${a.windowKey}).`).join("\n");
    for (const m of members) {
      await sendEmail({ to: m.user.email, subject: `[Switchyard] ${ctx.workspace.name}: budget alert`, text: `${text}\n\n${appUrl()}/${ctx.workspace.slug}/costs\n` });
    }
  } catch (err) {
    console.warn(JSON.stringify({ level: "warn", msg: "budget alert e-mail failed", workspaceId: ctx.workspace.id, error: (err as Error).name }));
  }
}
