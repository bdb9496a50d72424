import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { authorize } from "../api/handler";
import { checkRequestShape } from "../api/check-request";
import { getSessionUserFromCookies } from "../auth/session";
import { toErrorBody } from "../errors";
import { checkLiveCapacity, writeLiveEvents } from "./stream";

const PATH = "/api/v1/live";

/**
 * Answers `GET /api/v1/live` in the web process, before Next.js: the same authentication
 * (API key, or the session cookie plus `?workspace=`), permission and request limits as the
 * route handler (app/api/v1/live/route.ts), then the events written straight to the socket.
 * An open stream costs a socket and a subscription instead of a route handler's request,
 * web streams and context. Returns false for any other request.
 */
export function handleLive(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "GET" || !req.url || (req.url !== PATH && !req.url.startsWith(`${PATH}?`))) return false;
  void serve(req, res);
  return true;
}

async function serve(req: IncomingMessage, res: ServerResponse) {
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    // the path and query only: a Host header is the caller's to make up and names nothing here
    const request = new Request(`http://localhost${req.url}`, { headers });
    checkRequestShape(request, {});
    const ctx = await authorize(request, "runs:read", () => getSessionUserFromCookies(req.headers.cookie));
    if (res.destroyed) return;
    checkLiveCapacity();
    const lastEventId = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId");
    writeLiveEvents(res, ctx.workspace.id, lastEventId);
  } catch (err) {
    const { status, body, headers } = toErrorBody(err);
    if (!res.headersSent) res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
    res.end(JSON.stringify(body));
  }
}
