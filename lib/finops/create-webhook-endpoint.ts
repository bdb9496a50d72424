import "server-only";
import { z } from "zod";
import type { WorkspaceContext } from "../auth/context";
import { recordAuditEvent } from "../audit/record-audit-event";
import { encryptSecret, randomToken } from "../crypto";
import { newId } from "../ids";
import { assertWebhookUrl } from "./assert-webhook-url";
import { BUDGET_THRESHOLD_EVENT } from "./deliver-budget-alerts";
import { APPROVAL_WEBHOOK_EVENTS } from "../approvals/deliver-approval-notice";

export const WEBHOOK_EVENTS = [BUDGET_THRESHOLD_EVENT, ...APPROVAL_WEBHOOK_EVENTS, "*"] as const;

/** Body of `POST /api/v1/webhooks`. */
export const ZCreateWebhookRequestSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000),
  events: z.array(z.enum(WEBHOOK_EVENTS)).max(10).default([BUDGET_THRESHOLD_EVENT]),
});

/**
 * Registers an outbound webhook; a URL on a private, loopback or link-local address is refused
 * (422 on `url`) unless the deployment allows it (assert-webhook-url.ts). The signing secret is
 * returned once, here; deliveries carry
 * `x-switchyard-signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">` (see lib/crypto.ts
 * verifySignature for the receiving side).
 *
 * @example
 * const { secret } = await createWebhookEndpoint(ctx, { url: "https://ops.example.com/hooks/budget", events: ["budget.threshold"] });
 */
export async function createWebhookEndpoint(ctx: WorkspaceContext, input: z.infer<typeof ZCreateWebhookRequestSchema>) {
  await assertWebhookUrl(input.url);
  const secret = `whsec_${randomToken(24)}`;
  const row = await ctx.db.webhookEndpoint.create({
    data: { id: newId("webhook"), workspaceId: ctx.workspace.id, url: input.url, events: input.events, encryptedSecret: encryptSecret(secret) },
  });
  await recordAuditEvent(ctx.actor, { workspaceId: ctx.workspace.id, action: "webhook.created", targetType: "webhook", targetId: row.id, data: { events: input.events } });
  return { id: row.id, url: row.url, events: row.events, enabled: row.enabled, createdAt: row.createdAt, secret };
}
