import { withWorkspace } from "@/lib/api/handler";
import { liveEventStream } from "@/lib/live/stream";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/live — server-sent events telling what changed in the caller's workspace
 * (runs, node runs, delegations, inbox items; lib/live/events.ts), pushed from PostgreSQL
 * LISTEN/NOTIFY. Resumes after `Last-Event-ID` (header, or `lastEventId` query parameter).
 * A browser's EventSource names the workspace with `?workspace=<slug>`.
 */
export const GET = withWorkspace("runs:read", async ({ req, ctx }) => {
  const lastEventId = req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("lastEventId");
  return new Response(liveEventStream(ctx.workspace.id, lastEventId ? lastEventId.slice(0, 64) : null, req.signal), {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform keeps compression from buffering the events
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
});
