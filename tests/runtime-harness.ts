/**
 * The whole runtime for integration tests, nothing mocked: a migrated product
 * database, the embedded engine (in this process) on the same database, and
 * the product's own Inngest functions served over HTTP with the real SDK.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { getPrisma } from "../lib/db/client";
import { createTestDatabase, type TestDatabase } from "../lib/testing/test-database";
import type { RunningEngine } from "../lib/engine";

export interface RuntimeHarness {
  engine: RunningEngine;
  db: TestDatabase;
  appUrl: string;
  /** polls the run row until `predicate` holds */
  waitForRun: (runId: string, predicate: (run: any) => boolean, timeoutMs?: number) => Promise<any>;
  waitFor: <T>(fn: () => Promise<T>, predicate: (v: T) => boolean, timeoutMs?: number) => Promise<T>;
}

export function useRuntime(label: string): RuntimeHarness {
  const h = {} as RuntimeHarness;
  let server: http.Server;
  beforeAll(async () => {
    h.db = await createTestDatabase(label);
    process.env.DATABASE_URL = h.db.url;
    process.env.SWITCHYARD_SECRET ??= "integration-test-secret-0123456789abcdef";
    process.env.SWITCHYARD_SIM_LATENCY_MS = "0";
    const { startEngine } = await import("../lib/engine");
    h.engine = await startEngine({ databaseUrl: h.db.url, port: 0, options: { retryBaseMs: 50, pollMs: 200 } });
    process.env.INNGEST_DEV = "1";
    process.env.INNGEST_BASE_URL = h.engine.url;
    const { serve } = await import("inngest/node");
    const { functions, inngest } = await import("../inngest");
    const handler = serve({ client: inngest, functions });
    server = http.createServer((req, res) => void handler(req, res));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    h.appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/inngest`;
    await h.engine.syncApp(h.appUrl);
  }, 60_000);
  afterAll(async () => {
    await h.engine?.stop(2000);
    server?.closeAllConnections();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    await getPrisma().$disconnect();
    await h.db?.drop();
  });
  h.waitFor = async (fn, predicate, timeoutMs = 30_000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const v = await fn();
      if (predicate(v)) return v;
      if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(v)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  h.waitForRun = (runId, predicate, timeoutMs) =>
    h.waitFor(() => getPrisma().run.findUniqueOrThrow({ where: { id: runId }, include: { nodeRuns: true } }), predicate, timeoutMs);
  return h;
}

/** A real HTTP server on 127.0.0.1 standing in for an outside service. */
export async function startHttpStub(handler: (req: http.IncomingMessage, body: string) => Promise<{ status?: number; json?: unknown; delayMs?: number }>) {
  const calls: { method: string; url: string; body: string; headers: http.IncomingHttpHeaders }[] = [];
  const server = http.createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    calls.push({ method: req.method!, url: req.url!, body, headers: req.headers });
    const r = await handler(req, body);
    if (r.delayMs) await new Promise((x) => setTimeout(x, r.delayMs));
    res.writeHead(r.status ?? 200, { "content-type": "application/json" });
    res.end(JSON.stringify(r.json ?? {}));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
