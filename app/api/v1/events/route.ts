import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { ZWorkspaceEvent } from "@/lib/events/workspace-event";
import { sendWorkspaceEvent } from "@/lib/events/workspace-events";
import { fireEventTriggers } from "@/lib/triggers/fire-event-triggers";

/**
 * POST /api/v1/events `{ name, data?, id? }` → 202 `{ name, eventId, runs }`: delivers the event
 * to this workspace's runs waiting for it (`wait` nodes with `event.name`) and starts the graphs
 * whose `event` triggers match it (`runs`: each trigger's outcome and run). The same `id` is
 * delivered once within 24 hours, and starts each graph once.
 */
export const POST = withWorkspace("runs:start", async ({ req, ctx }) => {
  const event = await readJson(req, ZWorkspaceEvent);
  const sent = await sendWorkspaceEvent(ctx, event);
  const runs = await fireEventTriggers(ctx, event, sent.eventId);
  return json({ name: event.name, eventId: sent.eventId, runs }, 202);
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
