/**
 * The web process: Next.js (`dev` or `start`) behind Node's own HTTP server, which answers
 * the LLM gateway's calls itself (lib/finops/gateway/serve-node.ts) and Prometheus's scrapes
 * (`GET /metrics`, lib/metrics/serve-metrics.ts) and live-update streams (`GET /api/v1/live`,
 * lib/live/serve-node.ts) before the Next.js request pipeline, whose fixed cost per request is larger than the gateway's own work. Same port,
 * same URLs. It keeps what gateway calls read in memory (lib/finops/gateway/config-cache.ts), and
 * releases budget reservations whose holder died (every 30 s) and tidies the live-updates outbox (every minute). On SIGTERM it sends the trace spans it
 * still holds (lib/telemetry) before it exits.
 *
 *   tsx --conditions=react-server scripts/web-server.ts <dev|start> <port>
 */
import { createServer } from "node:http";

const mode = process.argv[2] === "dev" ? "dev" : "start";
const port = Number(process.argv[3] ?? process.env.PORT ?? 3000);
// as `next dev` / `next start` set it, before Next.js loads
(process.env as Record<string, string>).NODE_ENV = mode === "dev" ? "development" : "production";

const { default: next } = await import("next");
const { handleGateway } = await import("../lib/finops/gateway/serve-node");
const { gatewayConfigCache } = await import("../lib/finops/gateway/config-cache");
const { serveMetrics } = await import("../lib/metrics/serve-metrics");
const { handleLive } = await import("../lib/live/serve-node");
const { releaseAllExpiredReservations, RESERVATION_REAPER_INTERVAL_MS } = await import("../lib/finops/release-expired-reservations");
const { shutdownTelemetry } = await import("../lib/telemetry/tracer");
const { tidyLiveChangesForever } = await import("../lib/live/feed");

// keys, credentials, prices and budgets stay in memory until the database says they changed
gatewayConfigCache().enable();
// the live-updates outbox keeps a minute of changes, whether or not anyone watches
const liveTidy = tidyLiveChangesForever();

const app = next({ dev: mode === "dev", dir: process.cwd(), port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  if (handleGateway(req, res)) return;
  if (handleLive(req, res)) return;
  if (req.url === "/metrics" || req.url?.startsWith("/metrics?")) {
    serveMetrics(req, res).catch((err) => {
      console.error(JSON.stringify({ level: "error", msg: "metrics request failed", error: String(err) }));
      if (!res.headersSent) res.writeHead(500).end();
    });
    return;
  }
  void handle(req, res);
});
server.on("upgrade", app.getUpgradeHandler());
server.keepAliveTimeout = 65_000;

const reaper = setInterval(() => {
  releaseAllExpiredReservations().catch((err) => console.warn(JSON.stringify({ level: "warn", msg: "releasing expired reservations failed", error: String(err) })));
}, RESERVATION_REAPER_INTERVAL_MS);
reaper.unref();

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    clearInterval(reaper);
    liveTidy.stop();
    // the durable functions run in this process: the spans they buffered go out before it exits (at most 4 s)
    server.close(() => void shutdownTelemetry(4_000).finally(() => process.exit(0)));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}

server.listen(port, () => console.log(`▲ Next.js ${mode === "dev" ? "dev server" : "server"} with the LLM gateway in front, on port ${port}`));
