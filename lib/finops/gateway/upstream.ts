import "server-only";
import { Readable } from "node:stream";
import { Agent, request } from "undici";
import { outboundDispatcher } from "../../net/outbound";
import { UPSTREAM_TIMEOUT_MS } from "./consts";

/** A provider's answer: status, headers, and the body read whole or relayed as a stream. */
export interface UpstreamResponse {
  status: number;
  ok: boolean;
  header(name: string): string | null;
  text(): Promise<string>;
  stream(): ReadableStream<Uint8Array>;
}

/** Keep-alive connections to the providers the server itself configures (OPENAI_BASE_URL, …). */
const trusted = new Agent({ keepAliveTimeout: 30_000, connections: 256 });

/**
 * POSTs a gateway call to its provider with undici's `request` (several times cheaper per call
 * than `fetch`, see bench/finops/README.md). A base URL a workspace chose (`guarded`) goes
 * through the outbound guard's dispatcher; the server's own is trusted. The call is cut when
 * `signal` aborts (the client left) or after {@link UPSTREAM_TIMEOUT_MS} in all.
 *
 * @example
 * const res = await postUpstream("https://api.openai.com/v1/chat/completions", headers, body, { signal, guarded: false });
 */
export async function postUpstream(url: string, headers: Record<string, string>, body: string, opts: { signal: AbortSignal; guarded: boolean }): Promise<UpstreamResponse> {
  const abort = new AbortController();
  const cut = () => abort.abort(opts.signal.reason);
  if (opts.signal.aborted) cut();
  opts.signal.addEventListener("abort", cut, { once: true });
  const timer = setTimeout(() => abort.abort(new Error(`The provider took longer than ${UPSTREAM_TIMEOUT_MS / 60_000} minutes.`)), UPSTREAM_TIMEOUT_MS);
  timer.unref();
  const done = () => {
    clearTimeout(timer);
    opts.signal.removeEventListener("abort", cut);
  };
  let res: Awaited<ReturnType<typeof request>>;
  try {
    res = await request(url, {
      method: "POST",
      headers,
      body,
      signal: abort.signal,
      dispatcher: opts.guarded ? outboundDispatcher(new URL(url)) : trusted,
      headersTimeout: UPSTREAM_TIMEOUT_MS,
      bodyTimeout: UPSTREAM_TIMEOUT_MS,
    });
  } catch (err) {
    done();
    throw err;
  }
  res.body.once("close", done);
  return {
    status: res.statusCode,
    ok: res.statusCode >= 200 && res.statusCode < 300,
    header(name) {
      const v = res.headers[name];
      return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
    },
    text: () => res.body.text(),
    stream: () => Readable.toWeb(res.body) as ReadableStream<Uint8Array>,
  };
}
