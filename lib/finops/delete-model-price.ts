import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { recordAuditEvent } from "../audit/record-audit-event";
import { notFound } from "../errors";
import { assertKnownProvider, ZModelIdParam } from "./schemas";

/**
 * Removes the workspace's price override (every dated row of it); the catalogue price applies
 * again. Operator-wide rows are not the workspace's to delete: the scoped client only reaches
 * the workspace's own rows. A model without an override is a 404.
 *
 * @example
 * await deleteModelPrice(ctx, "openai:gpt-4o-mini");
 */
export async function deleteModelPrice(ctx: WorkspaceContext, modelId: string): Promise<void> {
  const id = ZModelIdParam.parse(modelId);
  assertKnownProvider(id);
  const colon = id.indexOf(":");
  const { count } = await ctx.db.modelPrice.deleteMany({ where: { provider: id.slice(0, colon), model: id.slice(colon + 1) } });
  if (!count) throw notFound(`A price override for ${id}`);
  await recordAuditEvent(ctx.actor, { workspaceId: ctx.workspace.id, action: "model_price.deleted", targetType: "model", targetId: id });
}
