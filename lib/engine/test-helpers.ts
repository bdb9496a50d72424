/**
 * Shared setup for the engine's integration tests: a fresh database, an engine in this
 * process, and a real Inngest app served with `inngest/node` on 127.0.0.1.
 * Nothing here is mocked.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest, type InngestFunction } from "inngest";
import { serve } from "inngest/node";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { startEngine, type RunningEngine, type StartEngineOptions } from "./engine";
import { jsonLogger } from "./log";
import { testSettings } from "../env";

export interface TestApp {
  url: string;
  /** POST requests (calls) the app received */
  calls: () => number;
  close: () => Promise<void>;
}

/** Serves functions on 127.0.0.1 with the real SDK handler. */
export async function serveApp(client: Inngest.Any, functions: InngestFunction.Any[], port = 0): Promise<TestApp> {
  const handler = serve({ client, functions });
  let calls = 0;
  const server = http.createServer((req, res) => {
    if (req.method === "POST") calls++;
    void handler(req, res);
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", () => r()));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}/api/inngest`,
    calls: () => calls,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

export interface Harness {
  db: TestDatabase;
  engine: RunningEngine;
  client: Inngest.Any;
  /** sync an app built from functions of `client` */
  serve: (functions: InngestFunction.Any[]) => Promise<TestApp>;
  /** GET /v1/runs/:id */
  run: (id: string) => Promise<RunView>;
  /** runs started by an event */
  runsFor: (eventId: string) => Promise<RunView[]>;
  /** poll until `predicate` holds, or throw with the last value */
  waitFor: <T>(fn: () => Promise<T>, predicate: (v: T) => boolean, timeoutMs?: number) => Promise<T>;
  /** wait until a run (found via event) ends */
  finished: (eventId: string, count?: number, timeoutMs?: number) => Promise<RunView[]>;
  send: (events: unknown) => Promise<string[]>;
  close: () => Promise<void>;
}

export interface RunView {
  id: string;
  function_id: string;
  status: string;
  output: unknown;
  error: { name?: string; message?: string } | null;
  steps: number;
}

const DONE = new Set(["completed", "failed", "cancelled"]);

export async function createHarness(appId: string, engineOpts: Partial<StartEngineOptions> = {}): Promise<Harness> {
  const db = await createTestDatabase("engine", { empty: true });
  const engine = await startEngine({
    databaseUrl: db.url,
    port: 0,
    // ENGINE_TEST_LOG=debug shows the engine's log lines while a test runs
    ...(testSettings.engineLog() ? { log: jsonLogger(testSettings.engineLog() as "debug") } : {}),
    options: { retryBaseMs: 50, pollMs: 200, ...engineOpts.options },
    ...engineOpts,
  });
  const client = new Inngest({ id: appId, isDev: true, baseUrl: engine.url });
  const apps: TestApp[] = [];
  const h: Harness = {
    db,
    engine,
    client,
    serve: async (functions) => {
      const app = await serveApp(client, functions);
      apps.push(app);
      await engine.syncApp(app.url);
      return app;
    },
    run: async (id) => (await (await fetch(`${engine.url}/v1/runs/${id}`)).json()) as RunView,
    runsFor: async (eventId) => ((await (await fetch(`${engine.url}/v1/events/${eventId}/runs`)).json()) as { data: RunView[] }).data,
    waitFor: async (fn, predicate, timeoutMs = 20_000) => {
      const until = Date.now() + timeoutMs;
      let last: Awaited<ReturnType<typeof fn>>;
      for (;;) {
        last = await fn();
        if (predicate(last)) return last;
        if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    finished: async (eventId, count = 1, timeoutMs = 20_000) =>
      h.waitFor(
        () => h.runsFor(eventId),
        (runs) => runs.length >= count && runs.every((r) => DONE.has(r.status)),
        timeoutMs,
      ),
    send: async (events) => {
      const res = await fetch(`${engine.url}/e/test-key`, { method: "POST", body: JSON.stringify(events) });
      const body = (await res.json()) as { ids: string[] };
      if (res.status !== 200) throw new Error(`send failed: ${res.status} ${JSON.stringify(body)}`);
      return body.ids;
    },
    close: async () => {
      await engine.stop(2000);
      for (const a of apps) await a.close();
      await db.drop();
    },
  };
  return h;
}
