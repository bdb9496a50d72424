/**
 * Helpers for the reliability tests: a counting HTTP stub (the steps' side effect),
 * free ports, and an engine child process (`scripts/engine.ts`) that can be SIGKILLed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { serverEnv } from "../env";

export interface CountingStub {
  url: string;
  counts: Map<string, number>;
  close: () => Promise<void>;
}

/** `GET /hit?k=<key>` increments counts[key] after `delayMs` and answers the new count. */
export async function countingStub(delayMs = 0): Promise<CountingStub> {
  const counts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const k = new URL(req.url ?? "/", "http://x").searchParams.get("k") ?? "";
    const n = (counts.get(k) ?? 0) + 1;
    counts.set(k, n);
    setTimeout(() => res.end(String(n)), delayMs);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hit`,
    counts,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const port = (srv.address() as AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

/** Starts `scripts/engine.ts` as a child process and waits until /health answers. */
export async function spawnEngine(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/engine.ts")], {
    env: { ...serverEnv(), ENGINE_PORT: String(port), ENGINE_LOG_LEVEL: "error", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`engine child exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill("SIGKILL");
  throw new Error("engine child did not become healthy within 20 s");
}

export function kill(child: ChildProcess, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}
