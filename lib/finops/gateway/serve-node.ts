import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "../../errors";
import { processMetrics } from "../../metrics/registry";
import { MAX_GATEWAY_BODY_BYTES } from "./consts";
import { ANTHROPIC_DIALECT, OPENAI_DIALECT, OPENAI_EMBEDDINGS_DIALECT, OPENAI_RESPONSES_DIALECT, type Dialect } from "./dialects";
import { gatewayError, proxyLlmCall, type GatewayResponse } from "./proxy-llm-request";

/** The gateway's endpoints, by path (the same URLs as the route handlers under app/api/v1/llm). */
const ENDPOINTS: Record<string, Dialect> = {
  "/api/v1/llm/openai/v1/chat/completions": OPENAI_DIALECT,
  "/api/v1/llm/openai/v1/responses": OPENAI_RESPONSES_DIALECT,
  "/api/v1/llm/openai/v1/embeddings": OPENAI_EMBEDDINGS_DIALECT,
  "/api/v1/llm/anthropic/v1/messages": ANTHROPIC_DIALECT,
};

/**
 * The dialect of a request the Node server answers itself: a POST with an API key to a gateway
 * path. Anything else (other methods, browser sessions) is left to Next.js, whose route
 * handlers give the same answers.
 */
export function gatewayDialectOf(req: IncomingMessage): Dialect | null {
  if (req.method !== "POST" || !req.url?.startsWith(PREFIX)) return null;
  const dialect = ENDPOINTS[pathOf(req)];
  if (!dialect || (!req.headers.authorization && !req.headers["x-api-key"])) return null;
  return dialect;
}

const PREFIX = "/api/v1/llm/";
const pathOf = (req: IncomingMessage) => {
  const q = req.url!.indexOf("?");
  return q < 0 ? req.url! : req.url!.slice(0, q);
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      if (size > MAX_GATEWAY_BODY_BYTES) return; // refused already: the rest is read and dropped
      size += chunk.length;
      if (size > MAX_GATEWAY_BODY_BYTES) {
        chunks.length = 0;
        reject(new AppError("payload_too_large", `The request body is larger than ${MAX_GATEWAY_BODY_BYTES} bytes.`));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const headersOf = (req: IncomingMessage) => ({
  get(name: string): string | null {
    const v = req.headers[name.toLowerCase()];
    return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
  },
});

async function send(res: ServerResponse, out: GatewayResponse) {
  if (typeof out.body === "string") {
    res.writeHead(out.status, { ...out.headers, "content-length": Buffer.byteLength(out.body) });
    res.end(out.body);
    return;
  }
  res.writeHead(out.status, out.headers);
  res.flushHeaders();
  const reader = out.body.getReader();
  // The client went away: cancelling the stream stops the upstream and settles what was used.
  const onClose = () => {
    if (!res.writableFinished) reader.cancel(new Error("client closed")).catch(() => {});
  };
  res.on("close", onClose);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await new Promise<void>((r) => res.once("drain", r).once("close", r));
    }
    res.end();
  } catch {
    res.destroy();
  } finally {
    res.off("close", onClose);
  }
}

/**
 * Serves one gateway call straight from Node's HTTP server, outside the Next.js request
 * pipeline (which costs more per call than everything the gateway itself does; see
 * bench/finops/README.md). Answers exactly as the route handlers do.
 *
 * @example
 * const dialect = gatewayDialectOf(req);
 * if (dialect) return serveGateway(req, res, dialect);
 */
export async function serveGateway(req: IncomingMessage, res: ServerResponse, dialect: Dialect): Promise<void> {
  const started = performance.now();
  const endpoint = pathOf(req).slice(PREFIX.length);
  // the client left before the answer was sent: the upstream call is cut
  const abort = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) abort.abort();
  });
  let out: GatewayResponse;
  try {
    out = await proxyLlmCall(dialect, { headers: headersOf(req), text: await readBody(req), signal: abort.signal });
  } catch (err) {
    // a body refused part-way is not read to its end: the connection closes after the answer
    out = gatewayError(err);
    out.headers.connection = "close";
  }
  const metrics = processMetrics();
  metrics.gatewayRequests.inc({ endpoint, status: String(out.status) });
  metrics.gatewayDuration.observe({ endpoint }, (performance.now() - started) / 1000);
  if (res.destroyed) return;
  await send(res, out);
}

/**
 * Answers `req` if it is a gateway call (see {@link gatewayDialectOf}); false otherwise. For the
 * web process and anything else that serves the gateway from a Node HTTP server.
 *
 * @example
 * http.createServer((req, res) => handleGateway(req, res) || next(req, res));
 */
export function handleGateway(req: IncomingMessage, res: ServerResponse): boolean {
  const dialect = gatewayDialectOf(req);
  if (!dialect) return false;
  serveGateway(req, res, dialect).catch((err) => {
    console.error(JSON.stringify({ level: "error", msg: "gateway request failed", error: String(err) }));
    if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: "Internal error.", code: "internal_error" }));
    else res.destroy();
  });
  return true;
}
