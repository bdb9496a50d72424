/**
 * Benchmark: the runs list with 100,000 runs in the database — server time of
 * the first page of `GET /api/v1/runs` (target < 300 ms).
 *
 * Seeds (once, idempotent) a workspace `bench-runs` holding 100,000 runs over
 * 5 graphs × 3 versions, 90 days, every status, tags and customer keys,
 * through Prisma into the running app's database, then calls the REST API of
 * the running app with an API key of that workspace: 3 warm-up requests, then
 * `--samples` timed requests per query. The time is measured to the first
 * response byte on localhost (the handler's work: auth, query, JSON), the same
 * request the runs screen makes. Prints medians and p95.
 *
 *   npx tsx --conditions=react-server bench/ui/runs-list.ts [--base http://localhost:3000] [--samples 25]
 *
 * DATABASE_URL defaults to the embedded PostgreSQL of `npm run dev`
 * (port from .data/pg.json, user postgres, password switchyard).
 */
import fs from "node:fs";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const BASE = arg("base", process.env.BASE_URL ?? "http://localhost:3000");
const SAMPLES = Number(arg("samples", "25"));
const TOTAL = 100_000;
const SLUG = "bench-runs";

if (!process.env.DATABASE_URL) {
  const { port } = JSON.parse(fs.readFileSync(".data/pg.json", "utf8")) as { port: number };
  process.env.DATABASE_URL = `postgres://postgres:switchyard@localhost:${port}/switchyard`;
}
const { getPrisma } = await import("../../lib/db/client");
const { newId } = await import("../../lib/ids");
const { makeApiKey } = await import("../../prisma/factories");

const STATUSES = ["succeeded", "succeeded", "succeeded", "succeeded", "failed", "cancelled", "running", "waiting", "queued", "paused"] as const;

async function seed() {
  const db = getPrisma();
  const ws = (await db.workspace.findFirst({ where: { slug: SLUG } })) ?? (await db.workspace.create({ data: { id: newId("workspace"), slug: SLUG, name: "Bench: runs list" } }));
  const graphs = await db.graph.findMany({ where: { workspaceId: ws.id }, include: { versions: true } });
  if (!graphs.length) {
    for (let g = 0; g < 5; g++) {
      const graph = await db.graph.create({ data: { id: newId("graph"), workspaceId: ws.id, name: `Bench graph ${g + 1}`, latestVersion: 3 } });
      const versions = [];
      for (let v = 1; v <= 3; v++) {
        versions.push(await db.graphVersion.create({ data: { id: newId("graphVersion"), workspaceId: ws.id, graphId: graph.id, version: v, spec: { name: graph.name, nodes: [{ id: "out", type: "output", value: v }] }, specHash: `bench-${g}-${v}`, message: "bench" } }));
      }
      graphs.push({ ...graph, versions });
    }
  }
  const have = await db.run.count({ where: { workspaceId: ws.id } });
  const now = Date.now();
  for (let done = have; done < TOTAL; ) {
    const n = Math.min(5000, TOTAL - done);
    await db.run.createMany({
      data: Array.from({ length: n }, (_, k) => {
        const i = done + k;
        const graph = graphs[i % graphs.length];
        const version = graph.versions[i % 3];
        const status = STATUSES[i % STATUSES.length];
        const created = new Date(now - Math.floor(((TOTAL - i) / TOTAL) * 90 * 86_400_000));
        const ended = ["succeeded", "failed", "cancelled"].includes(status);
        return {
          id: newId("run"), workspaceId: ws.id, graphId: graph.id, graphVersionId: version.id, version: version.version, status,
          input: { i }, tags: i % 4 === 0 ? ["priority"] : ["bulk"], customerKey: `REQ-${i % 5000}`, costUsd: ((i % 1000) / 10000).toFixed(4),
          createdAt: created, startedAt: new Date(created.getTime() + 200), endedAt: ended ? new Date(created.getTime() + 2000 + (i % 60) * 1000) : null, startedBy: "bench",
        };
      }),
    });
    done += n;
    process.stdout.write(`\rseeded ${done} runs`);
  }
  if (have < TOTAL) process.stdout.write("\n");
  const key = await makeApiKey(ws.id, "viewer");
  return { key: key.key, keyId: key.id, graphId: graphs[0].id };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];

const { key, keyId, graphId } = await seed();
const total = await getPrisma().run.count();
console.log(`runs in the database: ${total.toLocaleString()} (workspace ${SLUG}: ${TOTAL.toLocaleString()})`);

async function timed(path: string): Promise<{ ms: number; body: { runs: unknown[]; nextCursor: string | null } }> {
  const t = performance.now();
  const res = await fetch(`${BASE}${path}`, { headers: { authorization: `Bearer ${key}` } });
  const ms = performance.now() - t; // first byte: headers are sent once the handler has the JSON
  const body = await res.json();
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(body)}`);
  return { ms, body };
}

const first = await timed("/api/v1/runs?limit=50");
const queries: [string, string][] = [
  ["first page (50, newest first)", "/api/v1/runs?limit=50"],
  ["second page (cursor)", `/api/v1/runs?limit=50&cursor=${first.body.nextCursor}`],
  ["status=failed", "/api/v1/runs?limit=50&status=failed"],
  ["graphId + version", `/api/v1/runs?limit=50&graphId=${graphId}&version=2`],
  ["tag=priority", "/api/v1/runs?limit=50&tag=priority"],
  ["customerKey", "/api/v1/runs?limit=50&customerKey=REQ-42"],
  ["last 7 days", `/api/v1/runs?limit=50&from=${new Date(Date.now() - 7 * 86_400_000).toISOString()}`],
];
const rows: string[] = [];
for (const [label, path] of queries) {
  for (let i = 0; i < 3; i++) await timed(path);
  const ms: number[] = [];
  let count = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const r = await timed(path);
    ms.push(r.ms);
    count = r.body.runs.length;
  }
  rows.push(`| ${label} | ${count} | ${median(ms).toFixed(1)} | ${p95(ms).toFixed(1)} |`);
}
await getPrisma().apiKey.deleteMany({ where: { id: keyId } });
console.log(`\n| query | rows | median ms | p95 ms |\n|---|---|---|---|\n${rows.join("\n")}`);
console.log(`\nfirst page median: target < 300 ms`);
process.exit(0);
