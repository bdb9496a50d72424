/**
 * A supervisor survives an engine crash mid-delegation: the engine process is killed with
 * SIGKILL while delegations are in flight and started again; the supervision resumes, and
 * delegations that had ended are neither run nor paid for again (one ledger row each).
 */
import type { ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { callRoute } from "../use-test-database";
import { getPrisma } from "../../lib/db/client";
import { createTestDatabase, type TestDatabase } from "../../lib/testing/test-database";
import { makeTenant } from "../../prisma/factories";
import { spawnEngine } from "../../lib/engine/reliability-helpers";

let db: TestDatabase;
let engine: ChildProcess | null = null;
let enginePort = 0;
let appServer: http.Server;
let appUrl = "";
const savedLatency = process.env.SWITCHYARD_SIM_LATENCY_MS;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

async function startEngineProcess() {
  engine = await spawnEngine({ DATABASE_URL: db.url, ENGINE_APP_URLS: appUrl, ENGINE_RETRY_BASE_MS: "50", ENGINE_LEASE_MS: "2000", ENGINE_LOG_LEVEL: "warn" }, enginePort);
}

beforeAll(async () => {
  db = await createTestDatabase("supcrash");
  process.env.DATABASE_URL = db.url;
  process.env.SWITCHYARD_SECRET ??= "integration-test-secret-0123456789abcdef";
  // every simulated call takes 300 ms, so delegations are in flight when the engine dies
  process.env.SWITCHYARD_SIM_LATENCY_MS = "300";
  enginePort = await freePort();
  process.env.INNGEST_DEV = "1";
  process.env.INNGEST_BASE_URL = `http://127.0.0.1:${enginePort}`;
  const { serve } = await import("inngest/node");
  const { functions, inngest } = await import("../../inngest");
  const handler = serve({ client: inngest, functions });
  appServer = http.createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => appServer.listen(0, "127.0.0.1", () => r()));
  appUrl = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}/api/inngest`;
  await startEngineProcess();
}, 120_000);

afterAll(async () => {
  process.env.SWITCHYARD_SIM_LATENCY_MS = savedLatency;
  engine?.kill("SIGKILL");
  appServer?.closeAllConnections();
  await new Promise<void>((r) => appServer.close(() => r()));
  await getPrisma().$disconnect();
  await db?.drop();
});

it("resumes a supervisor after SIGKILL of the engine mid-delegation without paying twice", async () => {
  const tenant = await makeTenant("Crash Supervision Co");
  const { POST: createGraph } = await import("../../app/api/v1/graphs/route");
  const { POST: startRun } = await import("../../app/api/v1/graphs/[id]/runs/route");
  // six agents whose descriptions (and so the tasks the supervisor gives them) grow longer one
  // after the other: each delegation's model call has its own prompt size, which tells the
  // ledger rows apart (a call run again has the same prompt, so the same size)
  const names = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"];
  const spec = {
    name: "Crash supervision",
    nodes: [
      {
        id: "lead",
        type: "supervisor",
        model: "sim:strong",
        task: "Collect six opinions",
        maxDelegations: 6,
        maxParallel: 2,
        agents: names.map((name, i) => ({ name, description: `Gives the ${name} opinion${" on quality".repeat(i * 2)}`, model: "sim:fast" })),
      },
    ],
  };
  const graph = await callRoute(createGraph as never, { key: tenant.apiKey.key, body: spec });
  expect(graph.status, graph.text).toBe(201);
  const started = await callRoute(startRun as never, { key: tenant.apiKey.key, params: { id: graph.json.id }, body: { input: {} } });
  const runId = started.json.runId as string;

  // let two delegations end, then kill the engine while the next ones are in flight
  for (let i = 0; i < 600; i++) {
    if ((await getPrisma().delegation.count({ where: { runId, status: "done" } })) >= 2) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  engine!.kill("SIGKILL");
  await new Promise((r) => engine!.once("exit", r));
  const endedBeforeCrash = (await getPrisma().delegation.findMany({ where: { runId, status: "done" }, select: { agent: true } })).map((d) => d.agent);
  expect(endedBeforeCrash.length).toBeGreaterThanOrEqual(2);
  expect(endedBeforeCrash.length).toBeLessThan(6);
  await startEngineProcess();

  let run = await getPrisma().run.findUniqueOrThrow({ where: { id: runId } });
  for (let i = 0; i < 1200 && !["succeeded", "failed"].includes(run.status); i++) {
    await new Promise((r) => setTimeout(r, 50));
    run = await getPrisma().run.findUniqueOrThrow({ where: { id: runId } });
  }
  expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
  const rows = await getPrisma().delegation.findMany({ where: { runId }, orderBy: { seq: "asc" } });
  expect(rows.map((r) => [r.seq, r.agent, r.status])).toEqual(names.map((name, i) => [i + 1, name, "done"]));
  const ledger = await getPrisma().costEntry.findMany({ where: { runId }, select: { model: true, inputTokens: true } });
  const sizes = [...new Set(ledger.filter((e) => e.model === "sim:fast").map((e) => e.inputTokens))].sort((a, b) => a - b);
  expect(sizes).toHaveLength(names.length);
  const calls = (agent: string) => ledger.filter((e) => e.model === "sim:fast" && e.inputTokens === sizes[names.indexOf(agent)]).length;
  // a delegation that had ended was not run again: one model call, one ledger row
  for (const agent of endedBeforeCrash) expect(calls(agent), agent).toBe(1);
  // one in flight at the crash may have been called once more (its step had not been recorded); never more
  for (const agent of names) {
    expect(calls(agent), agent).toBeGreaterThanOrEqual(1);
    expect(calls(agent), agent).toBeLessThanOrEqual(2);
  }
  expect(ledger.filter((e) => e.model === "sim:fast").length).toBeLessThanOrEqual(names.length + 2);
  // the planning turns: delegate, then answer (the one in flight at the crash may have run again)
  const turns = ledger.filter((e) => e.model === "sim:strong").length;
  expect(turns).toBeGreaterThanOrEqual(2);
  expect(turns).toBeLessThanOrEqual(3);
}, 120_000);
