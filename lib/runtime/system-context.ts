import "server-only";
import { getPrisma } from "../db/client";
import { scopedDb } from "../db/scoped";
import type { WorkspaceContext } from "../auth/context";

/**
 * The context runtime code acts in: the run's workspace, as the system. The
 * engine only passes ids; everything is read back through the scoped client.
 */
export async function systemContext(workspaceId: string): Promise<WorkspaceContext> {
  const ws = await getPrisma().workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { id: true, slug: true, name: true } });
  return { workspace: ws, role: "owner", actor: { type: "system", userId: null, apiKeyId: null }, db: scopedDb(workspaceId) };
}
