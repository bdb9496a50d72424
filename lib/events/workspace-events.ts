/**
 * Sends a workspace's event to the engine (see `workspace-event.ts`).
 */
import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { inngest } from "./client";
import { workspaceEventName, type TWorkspaceEvent } from "./workspace-event";

/**
 * Sends a workspace event to the engine. Returns the engine's event id (the first one's, when
 * the same `id` was sent before: the duplicate is not delivered again).
 */
export async function sendWorkspaceEvent(ctx: WorkspaceContext, event: TWorkspaceEvent): Promise<{ eventId: string | null }> {
  const workspaceId = ctx.workspace.id;
  const sent = await inngest.send({
    name: workspaceEventName(workspaceId, event.name),
    data: event.data,
    ...(event.id ? { id: `${workspaceId}:${event.id}` } : {}),
  });
  return { eventId: sent.ids[0] ?? null };
}
