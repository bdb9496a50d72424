import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { ZWorkspaceEvent } from "@/lib/events/workspace-event";
import { sendWorkspaceEvent } from "@/lib/events/workspace-events";

/**
 * POST /api/v1/events `{ name, data?, id? }` → 202 `{ name, eventId }`: delivers the event to
 * this workspace's runs waiting for it (`wait` nodes with `event.name`). The same `id` within
 * 24 hours is delivered once.
 */
export const POST = withWorkspace("runs:start", async ({ req, ctx }) => {
  const event = await readJson(req, ZWorkspaceEvent);
  const sent = await sendWorkspaceEvent(ctx, event);
  return json({ name: event.name, eventId: sent.eventId }, 202);
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
