import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { recordAuditEvent } from "../audit/record-audit-event";
import { notFound } from "../errors";

/**
 * Removes a webhook endpoint; 404 when the workspace has none with this id.
 *
 * @example
 * await deleteWebhookEndpoint(ctx, "whk_…");
 */
export async function deleteWebhookEndpoint(ctx: WorkspaceContext, id: string): Promise<void> {
  const { count } = await ctx.db.webhookEndpoint.deleteMany({ where: { id } });
  if (!count) throw notFound("Webhook endpoint");
  await recordAuditEvent(ctx.actor, { workspaceId: ctx.workspace.id, action: "webhook.deleted", targetType: "webhook", targetId: id });
}
