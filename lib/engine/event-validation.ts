/**
 * Validation of events sent to `POST /e/:key`. Pure, so every rule has a unit test.
 */
import { Limits } from "./consts";
import { HttpError } from "./http-util";
import type { IncomingEvent } from "./ingest";

/**
 * Checks one request body (an event or an array of events) and returns the events.
 * Throws HttpError 400 (shape) or 413 (size) with a message naming the event index and field.
 */
export function validateEvents(body: unknown, maxEventBytes: number = Limits.maxEventBytes): IncomingEvent[] {
  const list = Array.isArray(body) ? body : [body];
  if (!list.length) throw new HttpError(400, "No events: send an event object or a non-empty array of events.");
  return list.map((e, i) => {
    const at = list.length > 1 || Array.isArray(body) ? `event ${i}` : "event";
    if (!e || typeof e !== "object" || Array.isArray(e)) throw new HttpError(400, `${at} must be a JSON object with a "name".`);
    const ev = e as Record<string, unknown>;
    if (typeof ev.name !== "string" || !ev.name.trim()) throw new HttpError(400, `${at} has no "name"; every event needs a non-empty string name.`);
    if (ev.data !== undefined && ev.data !== null && (typeof ev.data !== "object" || Array.isArray(ev.data))) {
      throw new HttpError(400, `${at} (${ev.name}): "data" must be an object.`);
    }
    if (ev.id !== undefined && ev.id !== null && typeof ev.id !== "string") throw new HttpError(400, `${at} (${ev.name}): "id" must be a string.`);
    if (ev.ts !== undefined && ev.ts !== null && (typeof ev.ts !== "number" || !Number.isFinite(ev.ts))) {
      throw new HttpError(400, `${at} (${ev.name}): "ts" must be a number of milliseconds since the epoch.`);
    }
    const size = Buffer.byteLength(JSON.stringify(ev));
    if (size > maxEventBytes) {
      throw new HttpError(413, `${at} (${ev.name}) is ${size} bytes; the limit is ${maxEventBytes} bytes (${maxEventBytes / 1024} KiB) per event.`);
    }
    const out: IncomingEvent = { name: ev.name, data: (ev.data as Record<string, unknown>) ?? {} };
    if (typeof ev.id === "string" && ev.id) out.id = ev.id;
    if (typeof ev.ts === "number") out.ts = ev.ts;
    if (ev.user !== undefined) out.user = ev.user;
    if (typeof ev.v === "string") out.v = ev.v;
    return out;
  });
}
