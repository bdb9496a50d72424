/**
 * The setup of the crash tests (a process killed with SIGKILL mid-run and started again): a
 * database of their own, the engine and the product's functions, one of them in a child process
 * that `crash()` kills and `restart()` starts again.
 * - `kill: "engine"`: the engine is the child (scripts/engine.ts), the app serves in this process;
 * - `kill: "app"`: the app is the child (tests/crash-app.ts, where the steps run), the engine is
 *   in this process.
 *
 * Import this module before anything that imports the product's Inngest client: the client
 * takes the engine's URL as it is created, so the port is fixed (and set) here.
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { getPrisma } from "../lib/db/client";
import { createTestDatabase, type TestDatabase } from "../lib/testing/test-database";
import type { RunningEngine } from "../lib/engine";
import { kill, spawnEngine } from "../lib/engine/reliability-helpers";

/** The engine's port for this test process (one per vitest worker). */
export const CRASH_ENGINE_PORT = 21000 + (process.pid % 20000);
process.env.INNGEST_DEV = "1";
process.env.INNGEST_BASE_URL = `http://127.0.0.1:${CRASH_ENGINE_PORT}`;

/** How long the app child may take to answer after it is started. */
const APP_START_MS = 120_000;

export interface CrashHarness {
  db: TestDatabase;
  /** SIGKILL the child process (engine or app) and wait for it to exit */
  crash(): Promise<void>;
  /** start it again */
  restart(): Promise<void>;
  /** polls the run until it succeeded or failed (or `timeoutMs`), and returns it */
  waitForEnd(runId: string, timeoutMs?: number): Promise<Awaited<ReturnType<ReturnType<typeof getPrisma>["run"]["findUniqueOrThrow"]>>>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

export function useCrashHarness(label: string, opts: { kill: "engine" | "app"; env?: Record<string, string> }): CrashHarness {
  const h = {} as CrashHarness;
  const saved: Record<string, string | undefined> = {};
  let child: ChildProcess | null = null;
  let engine: RunningEngine | null = null;
  let appServer: http.Server | null = null;
  let appUrl = "";
  let appPort = 0;

  const startEngineChild = async () => {
    child = await spawnEngine({ DATABASE_URL: h.db.url, ENGINE_APP_URLS: appUrl, ENGINE_RETRY_BASE_MS: "50", ENGINE_LEASE_MS: "2000", ENGINE_LOG_LEVEL: "warn" }, CRASH_ENGINE_PORT);
  };
  const startAppChild = async () => {
    const app = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.resolve("tests/crash-app.ts")], {
      env: { ...process.env, APP_PORT: String(appPort) },
      stdio: ["ignore", "ignore", "inherit"],
    });
    child = app;
    // a cold start compiles the product's functions: on a loaded machine that takes a while
    const until = Date.now() + APP_START_MS;
    while (Date.now() < until) {
      if (app.exitCode !== null) throw new Error(`app exited with ${app.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${appPort}/api/inngest`).then((r) => r.status < 500, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the app did not answer within ${APP_START_MS / 1000} s`);
  };

  beforeAll(async () => {
    for (const [k, v] of Object.entries(opts.env ?? {})) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    h.db = await createTestDatabase(label);
    process.env.DATABASE_URL = h.db.url;
    process.env.SWITCHYARD_SECRET ??= "integration-test-secret-0123456789abcdef";
    if (opts.kill === "engine") {
      const { serve } = await import("inngest/node");
      const { functions, inngest } = await import("../inngest");
      const handler = serve({ client: inngest, functions });
      appServer = http.createServer((req, res) => void handler(req, res));
      await new Promise<void>((r) => appServer!.listen(0, "127.0.0.1", () => r()));
      appUrl = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}/api/inngest`;
      await startEngineChild();
    } else {
      const { startEngine } = await import("../lib/engine");
      // the app is down while it restarts (a minute or more on a loaded machine): calls that
      // find it down back off from 200 ms, so the run's 10 retries span minutes, not seconds
      engine = await startEngine({ databaseUrl: h.db.url, port: CRASH_ENGINE_PORT, options: { retryBaseMs: 200, pollMs: 200, leaseMs: 2000 } });
      appPort = await freePort();
      await startAppChild();
      await engine.syncApp(`http://127.0.0.1:${appPort}/api/inngest`);
    }
  }, 240_000);

  afterAll(async () => {
    if (child) await kill(child);
    await engine?.stop(2000);
    appServer?.closeAllConnections();
    await new Promise<void>((r) => (appServer ? appServer.close(() => r()) : r()));
    await getPrisma().$disconnect();
    await h.db?.drop();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  h.crash = async () => {
    if (child) await kill(child);
    child = null;
  };
  h.restart = () => (opts.kill === "engine" ? startEngineChild() : startAppChild());
  h.waitForEnd = async (runId, timeoutMs = 60_000) => {
    const until = Date.now() + timeoutMs;
    let run = await getPrisma().run.findUniqueOrThrow({ where: { id: runId } });
    while (!["succeeded", "failed", "cancelled"].includes(run.status) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
      run = await getPrisma().run.findUniqueOrThrow({ where: { id: runId } });
    }
    return run;
  };
  return h;
}

/**
 * Starts, with `key`, a run of eight HTTP tool steps in a chain (each GETs `<stubUrl>/s<i>`)
 * and an output: the graph the crash tests kill a process in the middle of. → the run id and
 * the step ids.
 */
export async function startEightStepRun(key: string, stubUrl: string): Promise<{ runId: string; steps: string[] }> {
  const { callRoute } = await import("./use-test-database");
  const { POST: createGraph } = await import("../app/api/v1/graphs/route");
  const { POST: startRun } = await import("../app/api/v1/graphs/[id]/runs/route");
  const steps = Array.from({ length: 8 }, (_, i) => `s${i}`);
  const spec = {
    name: "Eight steps",
    nodes: [
      ...steps.map((id, i) => ({ id, type: "tool", ...(i ? { needs: [steps[i - 1]] } : {}), tool: { kind: "http", method: "GET", url: `${stubUrl}/${id}` } })),
      { id: "out", type: "output", needs: [steps.at(-1)], value: { last: `{{nodes.${steps.at(-1)}.output.body.step}}` } },
    ],
  };
  const graph = await callRoute(createGraph as never, { key, body: spec });
  const started = await callRoute(startRun as never, { key, params: { id: graph.json.id }, body: { input: {} } });
  return { runId: started.json.runId as string, steps };
}
