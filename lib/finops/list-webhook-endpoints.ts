import "server-only";
import type { WorkspaceContext } from "../auth/context";

/**
 * The workspace's webhook endpoints, without their secrets, each with its latest delivery
 * (status, attempts, last HTTP status or error) and how many deliveries are failed or still
 * retrying.
 *
 * @example
 * await listWebhookEndpoints(ctx); // [{ id, url, events, enabled, createdAt, lastDelivery: { status: "delivered", … } | null, failedDeliveries: 0, pendingDeliveries: 0 }]
 */
export async function listWebhookEndpoints(ctx: WorkspaceContext) {
  const endpoints = await ctx.db.webhookEndpoint.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, url: true, events: true, enabled: true, createdAt: true } });
  if (!endpoints.length) return [];
  const counts = await ctx.db.webhookDelivery.groupBy({ by: ["endpointId", "status"], where: { endpointId: { in: endpoints.map((e) => e.id) }, status: { in: ["failed", "pending"] } }, _count: true });
  const out = [];
  for (const e of endpoints) {
    const lastDelivery = await ctx.db.webhookDelivery.findFirst({
      where: { endpointId: e.id },
      orderBy: { createdAt: "desc" },
      select: { id: true, event: true, status: true, attempts: true, lastStatusCode: true, lastError: true, nextAttemptAt: true, deliveredAt: true, createdAt: true },
    });
    const count = (status: string) => counts.find((c) => c.endpointId === e.id && c.status === status)?._count ?? 0;
    out.push({ ...e, lastDelivery, failedDeliveries: count("failed"), pendingDeliveries: count("pending") });
  }
  return out;
}
