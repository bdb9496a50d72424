import "server-only";
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import net from "node:net";
import { METRICS_ALLOW_ENV, METRICS_TOKEN_ENV, metricsAccess } from "../env";
import { collectDatabaseMetrics } from "./collect-database";
import { processMetrics } from "./registry";

export { METRICS_ALLOW_ENV, METRICS_TOKEN_ENV };

function allowList(value: string): net.BlockList {
  const list = new net.BlockList();
  for (const raw of value.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [address, bits] = raw.split("/");
    const type = net.isIPv6(address!) ? "ipv6" : "ipv4";
    if (!net.isIP(address!)) continue;
    if (bits === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, Number(bits), type);
  }
  return list;
}

/** Whether a scraper at `address` with these headers may read the metrics. */
export function metricsAllowed(address: string | undefined, authorization: string | undefined): boolean {
  const { token, allow } = metricsAccess();
  if (token && authorization) {
    const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(authorization)?.[1] ?? "");
    const expected = Buffer.from(token);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
  }
  if (!address) return false;
  const plain = address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
  return allowList(allow).check(plain, net.isIPv6(plain) ? "ipv6" : "ipv4");
}

/**
 * `GET /metrics` in Prometheus's text format: this process's own metrics (gateway calls, node
 * durations, the Node.js runtime) and what the database knows (runs, inbox, budgets, the
 * engine's queue, breakers). Open to loopback and {@link METRICS_ALLOW_ENV}; elsewhere it needs
 * `Authorization: Bearer <SWITCHYARD_METRICS_TOKEN>`.
 *
 * @example
 * if (req.url === "/metrics") return serveMetrics(req, res);
 */
export async function serveMetrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD", "content-type": "application/json" }).end(JSON.stringify({ error: `${req.method} is not allowed on /metrics; it allows GET.`, code: "method_not_allowed" }));
    return;
  }
  if (!metricsAllowed(req.socket.remoteAddress, req.headers.authorization)) {
    res
      .writeHead(401, { "content-type": "application/json", "www-authenticate": "Bearer" })
      .end(JSON.stringify({ error: `Metrics are open to ${METRICS_ALLOW_ENV} (default loopback); from elsewhere send Authorization: Bearer <${METRICS_TOKEN_ENV}>.`, code: "unauthorized" }));
    return;
  }
  const { registry } = processMetrics();
  try {
    await collectDatabaseMetrics();
  } catch (err) {
    // the process's own metrics still answer; the database's are missing from this scrape
    console.warn(JSON.stringify({ level: "warn", msg: "metrics: reading the database failed", error: String(err) }));
  }
  const body = await registry.metrics();
  res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" });
  res.end(req.method === "HEAD" ? undefined : body);
}
