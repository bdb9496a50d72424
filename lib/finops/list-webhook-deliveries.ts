import "server-only";
import { z } from "zod";
import type { WorkspaceContext } from "../auth/context";
import { notFound } from "../errors";
import type { AttemptLogEntry } from "./attempt-webhook-delivery";

/** Query of `GET /api/v1/webhooks/:id/deliveries`. */
export const ZListWebhookDeliveriesRequestSchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

/**
 * An endpoint's most recent deliveries, newest first, with every attempt (time, HTTP status or
 * error, duration), the status (`pending` while retries remain, `delivered`, `failed`) and when
 * the next retry is due. Bodies are not returned (the receiver has them).
 *
 * @example
 * await listWebhookDeliveries(ctx, "whk_…", { limit: 20 });
 * // [{ id, event, status: "delivered", attempts: 2, attemptLog: [{ attempt: 1, statusCode: 503, … }, { attempt: 2, statusCode: 200, … }], … }]
 */
export async function listWebhookDeliveries(ctx: WorkspaceContext, endpointId: string, q: z.infer<typeof ZListWebhookDeliveriesRequestSchema>) {
  const endpoint = await ctx.db.webhookEndpoint.findFirst({ where: { id: endpointId }, select: { id: true } });
  if (!endpoint) throw notFound("Webhook");
  const rows = await ctx.db.webhookDelivery.findMany({
    where: { endpointId },
    orderBy: { createdAt: "desc" },
    take: q.limit,
    select: { id: true, event: true, status: true, attempts: true, attemptLog: true, lastStatusCode: true, lastError: true, nextAttemptAt: true, deliveredAt: true, createdAt: true },
  });
  return rows.map((r) => ({ ...r, attemptLog: r.attemptLog as unknown as AttemptLogEntry[] }));
}
