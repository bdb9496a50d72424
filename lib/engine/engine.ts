/**
 * `startEngine()`: applies the engine's migrations, then runs the HTTP server, the worker
 * and the notification listener in this process. Several processes may share one database.
 */
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { applyMigrations } from "../db/migrator";
import { DB_SCHEMA, DEFAULT_PORT, MIGRATIONS_LOCK_KEY, MIGRATIONS_TABLE } from "./consts";
import type { EngineContext, EngineOptions } from "./context";
import { createPool } from "./db";
import { token } from "./ids";
import { Listener } from "./listener";
import { silentLogger, type Logger } from "./log";
import { Registry } from "./registry";
import { createServer } from "./server";
import { syncAppUrl } from "./sync";
import { Worker } from "./worker";

export const ENGINE_MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

export interface StartEngineOptions {
  /** PostgreSQL URL; tables live in schema `engine` */
  databaseUrl: string;
  /** 0 picks a free port; default 8288 */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** enables signing of call requests and checks of SDK/admin requests; absent = dev mode */
  signingKey?: string;
  /** when set, `POST /e/:key` requires this key */
  eventKey?: string;
  /** stable id of this process; a restart with the same id takes back its leases at once */
  workerId?: string;
  /** parallel calls this process makes (default 32) */
  concurrency?: number;
  /** app serve URLs to sync at start (retried with backoff until they answer) */
  appUrls?: string[];
  log?: Logger;
  /** tuning, mostly for tests */
  options?: Partial<Omit<EngineOptions, "concurrency">>;
}

export interface RunningEngine {
  /** base URL, e.g. http://127.0.0.1:8288 — give it to the SDK as `baseUrl` */
  url: string;
  port: number;
  /** stops claiming, finishes or releases calls in flight, closes the server and pool */
  stop: (graceMs?: number) => Promise<void>;
  /** in-band sync of one app (same as `POST /v0/apps/sync`) */
  syncApp: (url: string) => Promise<unknown>;
}

/**
 * Starts an engine in this process.
 *
 * @example
 * const engine = await startEngine({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
 * const inngest = new Inngest({ id: "my-app", isDev: true, baseUrl: engine.url });
 * await engine.syncApp("http://127.0.0.1:3000/api/inngest");
 */
export async function startEngine(opts: StartEngineOptions): Promise<RunningEngine> {
  const log = opts.log ?? silentLogger;
  // The migrator's bookkeeping table lives in the schema, so the schema must exist first.
  const boot = new pg.Client({ connectionString: opts.databaseUrl });
  await boot.connect();
  try {
    await boot.query(`create schema if not exists ${DB_SCHEMA}`);
  } finally {
    await boot.end();
  }
  await applyMigrations(opts.databaseUrl, {
    dir: ENGINE_MIGRATIONS_DIR,
    table: MIGRATIONS_TABLE,
    lockKey: MIGRATIONS_LOCK_KEY,
    log: (line) => log("info", line),
  });

  const options: EngineOptions = {
    leaseMs: 30_000,
    retryBaseMs: 1000,
    retryCapMs: 3_600_000,
    callTimeoutMs: 15 * 60_000,
    pollMs: 1000,
    retentionMs: 7 * 86_400_000,
    ...opts.options,
    concurrency: opts.concurrency ?? 32,
  };
  const db = createPool(opts.databaseUrl, Math.max(10, options.concurrency + 6), log);
  const leaseDb = createPool(opts.databaseUrl, 8, log, true);
  const registry = new Registry(db, log);
  const ctx: EngineContext = {
    db,
    leaseDb,
    registry,
    log,
    workerId: opts.workerId ?? `${os.hostname()}:${process.pid}:${token(4)}`,
    signingKey: opts.signingKey || undefined,
    eventKey: opts.eventKey || undefined,
    options,
    wake: () => worker.wake(),
  };
  const worker = new Worker(ctx);
  await registry.reload();
  const listener = new Listener(opts.databaseUrl, log, () => worker.wake(), () => void registry.reload().catch(() => {}));
  await listener.start();
  await worker.start();

  const server = createServer(ctx, worker);
  server.keepAliveTimeout = 65_000;
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? DEFAULT_PORT, host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  log("info", "engine started", { url, worker_id: ctx.workerId, mode: ctx.signingKey ? "signed" : "dev" });

  let stopped = false;
  const syncing = new Set<AbortController>();
  for (const appUrl of opts.appUrls ?? []) {
    const ac = new AbortController();
    syncing.add(ac);
    void (async () => {
      for (let delay = 250; !ac.signal.aborted; delay = Math.min(delay * 2, 10_000)) {
        try {
          const r = await syncAppUrl(ctx, appUrl);
          log("info", "app synced at start", { url: appUrl, app_id: r.appId, functions: r.functions });
          break;
        } catch (err) {
          log("warn", "app not reachable yet; retrying sync", { url: appUrl, retry_ms: delay, error: (err as Error).message });
          await new Promise((r) => setTimeout(r, delay));
        }
      }
      syncing.delete(ac);
    })();
  }

  return {
    url,
    port,
    syncApp: (u) => syncAppUrl(ctx, u),
    stop: async (graceMs = 10_000) => {
      if (stopped) return;
      stopped = true;
      for (const ac of syncing) ac.abort();
      // Calls in flight still need the checkpoint endpoint: stop the worker first.
      await worker.stop(graceMs);
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      await listener.stop();
      await db.end().catch(() => {});
      await leaseDb.end().catch(() => {});
      log("info", "engine stopped", { worker_id: ctx.workerId });
    },
  };
}
