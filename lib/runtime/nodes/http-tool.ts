import "server-only";
import { renderTemplate, renderValue, type TTemplateContext } from "../../graphs/spec/template";
import type { TNodeSpec } from "../../graphs/spec/schema";
import { OutboundBlockedError, outboundFetch } from "../../net/outbound";
import { NodeError } from "./errors";

type ToolNode = Extract<TNodeSpec, { type: "tool" }>;
type HttpTool = Extract<ToolNode["tool"], { kind: "http" }>;

const MAX_RESPONSE_BYTES = 2 * 1024 * 1024;

/**
 * Calls an HTTP endpoint with the node's templates rendered. Output:
 * `{ status, headers, body }` (body parsed as JSON when it is JSON).
 * 429 and 5xx are retryable; other non-success statuses are not.
 */
export async function runHttpTool(tool: HttpTool, ctx: TTemplateContext, opts: { timeoutMs: number; signal?: AbortSignal }) {
  const url = new URL(String(renderTemplate(tool.url, ctx)));
  for (const [k, v] of Object.entries(tool.query ?? {})) url.searchParams.set(k, String(renderTemplate(v, ctx) ?? ""));
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new NodeError(`tool.url must be http(s), got ${url.protocol}`, false);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(tool.headers ?? {})) headers[k.toLowerCase()] = String(renderTemplate(v, ctx) ?? "");
  let body: string | undefined;
  if (tool.body !== undefined && tool.method !== "GET" && tool.method !== "HEAD") {
    const rendered = renderValue(tool.body, ctx);
    body = typeof rendered === "string" ? rendered : JSON.stringify(rendered);
    headers["content-type"] ??= typeof rendered === "string" ? "text/plain" : "application/json";
  }
  const signals = [AbortSignal.timeout(opts.timeoutMs), ...(opts.signal ? [opts.signal] : [])];
  let res: Response;
  const started = Date.now();
  try {
    res = await outboundFetch(url, { method: tool.method, headers, body, signal: AbortSignal.any(signals), redirect: "follow" });
  } catch (err) {
    if (err instanceof OutboundBlockedError) throw new NodeError(`tool.url: ${err.message}`, false, { url: `${url.origin}${url.pathname}` });
    const timedOut = (err as Error).name === "TimeoutError";
    throw new NodeError(timedOut ? `${tool.method} ${url.host}${url.pathname} timed out after ${opts.timeoutMs} ms` : `${tool.method} ${url.host}${url.pathname} failed: ${(err as Error).message}`, true, {
      url: `${url.origin}${url.pathname}`,
    });
  }
  const text = await res.text();
  if (Buffer.byteLength(text) > MAX_RESPONSE_BYTES) throw new NodeError(`The response of ${url.host} is larger than ${MAX_RESPONSE_BYTES} bytes.`, false);
  let parsed: unknown = text;
  if ((res.headers.get("content-type") ?? "").includes("json")) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  const ok = tool.okStatus ? tool.okStatus.includes(res.status) : res.status >= 200 && res.status < 300;
  if (!ok) {
    const retryable = res.status === 429 || res.status >= 500;
    throw new NodeError(`${tool.method} ${url.host}${url.pathname} answered ${res.status}`, retryable, { status: res.status, body: typeof parsed === "string" ? parsed.slice(0, 500) : parsed });
  }
  return {
    status: res.status,
    headers: Object.fromEntries([...res.headers.entries()].filter(([k]) => ["content-type", "etag", "location", "x-request-id"].includes(k))),
    body: parsed,
    durationMs: Date.now() - started,
  };
}
