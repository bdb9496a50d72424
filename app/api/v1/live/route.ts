import { withWorkspace } from "@/lib/api/handler";
import { checkLiveCapacity, LIVE_HEADERS, liveEventStream } from "@/lib/live/stream";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/live — server-sent events telling what changed in the caller's workspace
 * (runs, node runs, delegations, inbox items, breakers, schedules; lib/live/events.ts), read
 * from the database's change outbox (lib/live/feed.ts). Resumes after `Last-Event-ID` (header,
 * or `lastEventId` query parameter).
 * A browser's EventSource names the workspace with `?workspace=<slug>`. The web process
 * answers these itself (lib/live/serve-node.ts); this handler serves `next` run bare and tests.
 */
export const GET = withWorkspace("runs:read", async ({ req, ctx }) => {
  checkLiveCapacity();
  const lastEventId = req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("lastEventId");
  return new Response(liveEventStream(ctx.workspace.id, lastEventId, req.signal), { headers: LIVE_HEADERS });
});
