import "server-only";
import type { WorkspaceContext } from "../auth/context";

/**
 * The workspace's webhook endpoints, without their secrets.
 *
 * @example
 * await listWebhookEndpoints(ctx); // [{ id, url, events, enabled, createdAt }]
 */
export async function listWebhookEndpoints(ctx: WorkspaceContext) {
  return ctx.db.webhookEndpoint.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, url: true, events: true, enabled: true, createdAt: true } });
}
