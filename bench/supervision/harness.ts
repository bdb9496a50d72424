/**
 * What the supervision benchmarks share: a database of their own on the PostgreSQL of
 * scripts/with-db.ts, the embedded engine and the product's functions served in this process
 * (as the integration tests do), a tenant, API calls through the route handlers, and the
 * engine's own steps/s measured in the same invocation for the ratios.
 */
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";

export const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Starts everything; `run` creates a graph, starts one run with `input` and waits for it to end. */
export async function startBench(label: string) {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    console.error("Run through scripts/with-db.ts (npm run bench -- …), which sets DATABASE_URL.");
    process.exit(2);
  }
  const enginePort = await freePort();
  // the product's Inngest client takes its mode and the engine's URL as it is created
  process.env.INNGEST_DEV = "1";
  process.env.INNGEST_BASE_URL = `http://127.0.0.1:${enginePort}`;
  process.env.SWITCHYARD_SIM_LATENCY_MS = "0";
  process.env.SWITCHYARD_SECRET ??= "bench-secret-0123456789abcdef0123456789";

  const { createTestDatabase } = await import("../../lib/testing/test-database");
  const db = await createTestDatabase(label);
  process.env.DATABASE_URL = db.url;
  const { startEngine } = await import("../../lib/engine");
  const engine = await startEngine({ databaseUrl: db.url, port: enginePort, options: { pollMs: 200 } });
  const { serve } = await import("inngest/node");
  const { functions, inngest } = await import("../../inngest");
  const handler = serve({ client: inngest, functions });
  const server = http.createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  await engine.syncApp(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/inngest`);

  const { makeTenant } = await import("../../prisma/factories");
  const { getPrisma } = await import("../../lib/db/client");
  const graphsRoute = await import("../../app/api/v1/graphs/route");
  const runsRoute = await import("../../app/api/v1/graphs/[id]/runs/route");
  const tenant = await makeTenant(label);
  async function call(h: Handler, body: unknown, params: Record<string, string> = {}) {
    const res = await h(
      new Request("http://localhost/", { method: "POST", headers: { authorization: `Bearer ${tenant.apiKey.key}`, "content-type": "application/json" }, body: JSON.stringify(body) }),
      { params: Promise.resolve(params) },
    );
    const json = await res.json();
    if (res.status >= 300) throw new Error(`${res.status}: ${JSON.stringify(json)}`);
    return json;
  }

  return {
    prisma: getPrisma(),
    /** Creates the graph, runs it with `input` to its end; the wall-clock from the start request. */
    async run(spec: unknown, input: unknown): Promise<{ runId: string; status: string; ms: number }> {
      const graph = await call(graphsRoute.POST as never, spec);
      const t0 = performance.now();
      const started = await call(runsRoute.POST as never, { input }, { id: graph.id });
      for (;;) {
        const run = await getPrisma().run.findUniqueOrThrow({ where: { id: started.runId }, select: { status: true } });
        if (!["queued", "running", "waiting"].includes(run.status)) return { runId: started.runId, status: run.status, ms: performance.now() - t0 };
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    /** Stops the engine and the server, drops the database, and measures the engine's own 16-concurrent steps/s (unless --no-engine). */
    async finish(): Promise<number | null> {
      await engine.stop(2000);
      server.closeAllConnections();
      server.close();
      await getPrisma().$disconnect();
      await db.drop();
      if (process.argv.includes("--no-engine")) return null;
      process.env.BENCH_SEQ_RUNS ??= "20";
      process.env.BENCH_CONC_RUNS ??= "160";
      const { benchEngine } = await import("../engine/engine-bench");
      return (await benchEngine(serverUrl, () => {})).concStepsPerSec;
    },
  };
}
