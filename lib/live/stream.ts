import "server-only";
import { coalesceKey, LIVE_COALESCE_MS, type LiveChange } from "./events";
import { liveHub } from "./hub";

/** A stream whose reader falls this far behind is closed; its browser reconnects and re-reads. */
const MAX_BUFFERED_BYTES = 256 * 1024;
/** What a browser waits before reconnecting a dropped stream. */
const RETRY_MS = 2_000;

const encoder = new TextEncoder();

/**
 * The server-sent events of one workspace, as a byte stream for a `text/event-stream` answer.
 * Changes are coalesced per kind and run: the first one after a quiet spell goes out at once,
 * later ones within {@link LIVE_COALESCE_MS} together, so a 1,000-item map sends a few events a
 * second, not a thousand. Starts with what was missed since `lastEventId` when the hub can
 * tell, else with `reset`. `reset` is sent only once the hub is listening: from it on, every
 * change arrives. `paused` says changes are being missed until the next `reset`.
 */
export function liveEventStream(workspaceId: string, lastEventId: string | null, signal?: AbortSignal): ReadableStream<Uint8Array> {
  const hub = liveHub();
  let unsubscribe = () => {};
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const pending = new Map<string, LiveChange>();
      let pendingId = "";
      let lastFlush = 0;

      const close = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        if (timer) clearTimeout(timer);
        try {
          controller.close();
        } catch {
          // already closed by the reader going away
        }
      };
      const write = (text: string) => {
        if (closed) return;
        if ((controller.desiredSize ?? 0) < -MAX_BUFFERED_BYTES) return close();
        controller.enqueue(encoder.encode(text));
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
      const missed = lastEventId ? hub.since(workspaceId, lastEventId) : null;
      unsubscribe = hub.subscribe(workspaceId, { change: queue, reset, paused: () => write("event: paused\ndata: {}\n\n"), heartbeat: () => write(": ping\n\n") });
      if (missed) for (const m of missed) queue(m.id, m.change);
      // not listening yet (the first stream of the process, or the connection is being made again): the hub resets every stream once it is
      else if (hub.active) reset(hub.lastId);
      signal?.addEventListener("abort", close, { once: true });
    },
    cancel() {
      closed = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
    },
  });
}
