import "server-only";
import type { WorkspaceContext } from "../../auth/context";
import { isPlainObject } from "../../graphs/spec/json";
import type { TTriggerOf } from "../../graphs/spec/schema";
import { extractReferences, renderTemplate, renderValue } from "../../graphs/spec/template";
import { outboundFetch } from "../../net/outbound";
import { loadSecrets } from "../../secrets/secrets";
import { readCappedBody } from "../../net/read-capped";

/** How long a poll may take, connection and body included. */
export const WATCH_TIMEOUT_MS = 10_000;
/** The largest response a poll reads; a bigger one is a failed poll. */
export const WATCH_MAX_BYTES = 1024 * 1024;

/** What a watch's `when`, `key` and `input` see as `event`. */
export interface WatchEvent {
  status: number;
  /** response headers, lower-case names */
  headers: Record<string, string>;
  /** the parsed JSON when the response says it is JSON, else the text */
  body: unknown;
  /** when the poll was made (ISO) */
  polledAt: string;
}

/** A poll that did not produce a response to evaluate; `message` names no secret value. */
export class WatchPollError extends Error {
  override readonly name = "WatchPollError";
}

type TWatch = TTriggerOf<"watch">;

/** Names of the workspace secrets a watch's request reads. */
export function watchSecretNames(watch: TWatch): string[] {
  const names = new Set<string>();
  const scan = (value: unknown): void => {
    if (typeof value === "string") {
      for (const ref of extractReferences(value)) if (ref.root === "secrets" && ref.path[0]) names.add(ref.path[0]);
    } else if (Array.isArray(value)) value.forEach(scan);
    else if (isPlainObject(value)) Object.values(value).forEach(scan);
  };
  scan(watch.url);
  scan(watch.headers ?? {});
  scan(watch.body);
  return [...names];
}

/** Replaces every secret value in `text` by `***`, so an error kept on the row or in a fire never shows one. */
function scrub(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const value of secrets) if (value.length >= 4) out = out.split(value).join("***");
  return out;
}

/**
 * Reads a response body up to {@link WATCH_MAX_BYTES}, cancelling the stream past it.
 *
 * @throws WatchPollError when the body is larger.
 */
async function readCapped(res: Response): Promise<string> {
  const bytes = await readCappedBody(res, WATCH_MAX_BYTES, (declared) =>
    new WatchPollError(declared === undefined ? `the response is more than the ${WATCH_MAX_BYTES} bytes a watch reads` : `the response is ${declared} bytes, more than the ${WATCH_MAX_BYTES} a watch reads`),
  );
  return bytes.toString("utf8");
}

/**
 * Polls a watch's source once: renders its request with the workspace's secrets, sends it
 * through the outbound guard (private addresses refused unless the deployment allows them)
 * with a {@link WATCH_TIMEOUT_MS} timeout, reads at most {@link WATCH_MAX_BYTES}, and returns
 * what its condition sees. Any HTTP status is a response (the condition decides); a refused
 * address, a network error, a timeout, an oversized or unparsable body is a WatchPollError.
 *
 * @example
 * const event = await pollWatchSource(ctx, { type: "watch", url: "https://status.example.com/api", every: "1m", when: "event.body.down" }, new Date());
 * event.body; // { down: false }
 */
export async function pollWatchSource(ctx: WorkspaceContext, watch: TWatch, now: Date): Promise<WatchEvent> {
  const names = watchSecretNames(watch);
  const secrets = await loadSecrets(ctx, names);
  const values = [...secrets.values()];
  try {
    const context = { secret: (name: string) => secrets.get(name) };
    const url = String(renderTemplate(watch.url, context));
    const headers: Record<string, string> = { "user-agent": "Switchyard-Watch/1", accept: "application/json, text/plain;q=0.9, */*;q=0.5" };
    for (const [name, value] of Object.entries(watch.headers ?? {})) headers[name.toLowerCase()] = String(renderTemplate(value, context));
    const method = watch.method ?? "GET";
    let body: string | undefined;
    if (method !== "GET" && watch.body !== undefined) {
      const rendered = renderValue(watch.body, context);
      body = typeof rendered === "string" ? rendered : JSON.stringify(rendered);
      headers["content-type"] ??= typeof rendered === "string" ? "text/plain; charset=utf-8" : "application/json";
    }
    const res = await outboundFetch(url, { method, headers, body, signal: AbortSignal.timeout(WATCH_TIMEOUT_MS) });
    const text = await readCapped(res);
    const type = res.headers.get("content-type") ?? "";
    let parsed: unknown = text;
    if (/[/+]json\b/i.test(type) && text.trim() !== "") {
      try {
        parsed = JSON.parse(text);
      } catch (err) {
        throw new WatchPollError(`the response says it is JSON (${type}) but does not parse: ${(err as Error).message}`);
      }
    }
    return { status: res.status, headers: Object.fromEntries(res.headers), body: parsed, polledAt: now.toISOString() };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const detail =
      e.name === "TimeoutError" || e.name === "AbortError"
        ? `no answer within ${WATCH_TIMEOUT_MS / 1000} s`
        : e.cause?.message && e.message === "fetch failed"
          ? `the request failed: ${e.cause.message}`
          : e.message;
    throw new WatchPollError(scrub(detail, values));
  }
}
