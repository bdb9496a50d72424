import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { WorkspaceContext } from "../auth/context";
export { ZUpdateWorkspaceRequestSchema } from "../schemas/account";

export async function renameWorkspace(ctx: WorkspaceContext, name: string) {
  const workspace = await ctx.db.workspace.update({ where: { id: ctx.workspace.id }, data: { name } });
  await recordAuditEvent(ctx.actor, {
    workspaceId: ctx.workspace.id,
    action: "workspace.renamed",
    targetType: "workspace",
    targetId: ctx.workspace.id,
    data: { from: ctx.workspace.name, to: name },
  });
  return { id: workspace.id, slug: workspace.slug, name: workspace.name };
}
