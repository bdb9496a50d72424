import "server-only";
import type { ServerResponse } from "node:http";
import { coalesceKey, LIVE_COALESCE_MS, type LiveChange } from "./events";
import { liveHub } from "./hub";
import { AppError } from "../errors";
import { liveMaxStreams } from "../env";

/** A stream whose reader falls this far behind is closed; its browser reconnects and re-reads. */
const MAX_BUFFERED_BYTES = 256 * 1024;
/** What a browser waits before reconnecting a dropped stream. */
const RETRY_MS = 2_000;

/** The headers of a live stream's answer. */
export const LIVE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  // no-transform keeps compression from buffering the events
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
} as const;

/** Where a feed writes: text out, how much is still unsent, and closing. */
interface Sink {
  write(text: string): void;
  buffered(): number;
  close(): void;
}

/**
 * The server-sent events of one workspace, written to `sink` until `stop` is called or the
 * sink falls {@link MAX_BUFFERED_BYTES} behind. Changes are coalesced per kind and run: the
 * first one after a quiet spell goes out at once, later ones within {@link LIVE_COALESCE_MS}
 * together, so a 1,000-item map sends a few events a second, not a thousand. Starts with what
 * was missed since `lastEventId` when the hub can tell, else with `reset`. `reset` is sent only
 * once the hub is listening: from it on, every change arrives. `paused` says changes are being
 * missed until the next `reset`.
 */
function openFeed(workspaceId: string, lastEventId: string | null, sink: Sink): () => void {
  const hub = liveHub();
  const pending = new Map<string, LiveChange>();
  let pendingId = "";
  let lastFlush = 0;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  let unsubscribe = () => {};

  const stop = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    if (timer) clearTimeout(timer);
    sink.close();
  };
  const write = (text: string) => {
    if (closed) return;
    if (sink.buffered() > MAX_BUFFERED_BYTES) return stop();
    sink.write(text);
  };
  const flush = () => {
    timer = null;
    if (pending.size === 0) return;
    lastFlush = Date.now();
    write(`id: ${pendingId}\nevent: changes\ndata: ${JSON.stringify([...pending.values()])}\n\n`);
    pending.clear();
  };
  const queue = (id: string, change: LiveChange) => {
    pending.set(coalesceKey(change), change);
    pendingId = id;
    if (!timer) timer = setTimeout(flush, Math.max(0, lastFlush + LIVE_COALESCE_MS - Date.now()));
  };
  const reset = (id: string) => {
    pending.clear();
    if (timer) clearTimeout(timer);
    timer = null;
    write(`id: ${id}\nevent: reset\ndata: {}\n\n`);
  };

  write(`retry: ${RETRY_MS}\n\n`);
  // the catch-up and the subscription happen in one tick: no change falls between them
  const missed = lastEventId ? hub.since(workspaceId, lastEventId.slice(0, 64)) : null;
  unsubscribe = hub.subscribe(workspaceId, { change: queue, reset, paused: () => write("event: paused\ndata: {}\n\n"), heartbeat: () => write(": ping\n\n") });
  if (missed) for (const m of missed) queue(m.id, m.change);
  // not listening yet (the first stream of the process, or the connection is being made again): the hub resets every stream once it is
  else if (hub.active) reset(hub.lastId);
  return stop;
}

/** Refuses a new stream when the process holds its most (`SWITCHYARD_LIVE_MAX_STREAMS`): 503, and the screen polls. */
export function checkLiveCapacity() {
  const max = liveMaxStreams();
  if (liveHub().streams >= max) {
    throw new AppError("unavailable", `This server holds its most live-update streams (${max}); poll the REST API, or try again later.`, undefined, {
      headers: { "retry-after": "30" },
    });
  }
}

/** The feed as the body of a route handler's `Response`. */
export function liveEventStream(workspaceId: string, lastEventId: string | null, signal?: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      stop = openFeed(workspaceId, lastEventId, {
        write: (text) => controller.enqueue(encoder.encode(text)),
        buffered: () => -(controller.desiredSize ?? 0),
        close: () => {
          if (!open) return;
          open = false;
          try {
            controller.close();
          } catch {
            // already closed by the reader going away
          }
        },
      });
      signal?.addEventListener("abort", () => stop(), { once: true });
    },
    cancel() {
      stop();
    },
  });
}

/** The feed written straight to a Node response (the web process serves streams this way: lighter than a route handler's). */
export function writeLiveEvents(res: ServerResponse, workspaceId: string, lastEventId: string | null) {
  res.writeHead(200, LIVE_HEADERS);
  res.socket?.setNoDelay(true);
  res.socket?.setKeepAlive(true);
  const stop = openFeed(workspaceId, lastEventId, {
    write: (text) => res.write(text),
    buffered: () => res.writableLength,
    close: () => res.end(),
  });
  res.on("close", stop);
}
