/**
 * Benchmark: schedule lateness on the real engine — `--schedules` graphs (default 100), each with
 * a 6-field schedule firing at the same second (`*\/10 * * * * *`: every 10 s, all together),
 * for `--rounds` slots (default 6). Lateness is a fire's `firedAt − intendedAt` (the fire is
 * recorded once its run is created). Reference, in the same process and the same seconds: 100
 * bare `setTimeout` timers aimed at each slot, their lateness measured the same way.
 *
 *   npm run bench -- cron-lateness [--schedules 100] [--rounds 6] [--every 10]
 *
 * The engine runs in this process with the product's functions served over HTTP (as the
 * integration tests do), on a database of its own on the PostgreSQL of scripts/with-db.ts.
 */
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const SCHEDULES = Number(arg("schedules", "100"));
const ROUNDS = Number(arg("rounds", "6"));
const EVERY = Number(arg("every", "10"));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))]! : Number.NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

if (!process.env.DATABASE_URL) {
  console.error("Run through scripts/with-db.ts (npm run bench -- cron-lateness), which sets DATABASE_URL.");
  process.exit(2);
}
const enginePort = await freePort();
process.env.INNGEST_DEV = "1";
process.env.INNGEST_BASE_URL = `http://127.0.0.1:${enginePort}`;
process.env.SWITCHYARD_SIM_LATENCY_MS = "0";
process.env.SWITCHYARD_SECRET ??= "bench-secret-0123456789abcdef0123456789";
const { createTestDatabase } = await import("../../lib/testing/test-database");
const db = await createTestDatabase("bench_cron");
process.env.DATABASE_URL = db.url;
const { startEngine } = await import("../../lib/engine");
const engine = await startEngine({ databaseUrl: db.url, port: enginePort });
const { serve } = await import("inngest/node");
const { functions, inngest } = await import("../../inngest");
const handler = serve({ client: inngest, functions });
const server = http.createServer((req, res) => void handler(req, res));
await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
await engine.syncApp(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/inngest`);
const { makeTenant } = await import("../../prisma/factories");
const { getPrisma } = await import("../../lib/db/client");
const graphsRoute = await import("../../app/api/v1/graphs/route");
const tenant = await makeTenant("bench_cron");

const graphIds: string[] = [];
for (let i = 0; i < SCHEDULES; i++) {
  const res = await (graphsRoute.POST as unknown as (req: Request, ctx: unknown) => Promise<Response>)(
    new Request("http://localhost/", {
      method: "POST",
      headers: { authorization: `Bearer ${tenant.apiKey.key}`, "content-type": "application/json" },
      body: JSON.stringify({
        name: `Schedule ${i}`,
        triggers: [{ type: "schedule", id: "tick", cron: `*/${EVERY} * * * * *`, overlap: "allow_all", input: { slot: "{{event.scheduledAt}}" } }],
        nodes: [{ id: "o", type: "output", value: { slot: "{{input.slot}}" } }],
      }),
    }),
    { params: Promise.resolve({}) },
  );
  if (res.status !== 201) throw new Error(`${res.status}: ${await res.text()}`);
  graphIds.push(((await res.json()) as { id: string }).id);
}
// measure from the first slot after every schedule is armed (and one round of warm-up)
const periodMs = EVERY * 1000;
const firstSlot = Math.ceil((Date.now() + 1000) / periodMs) * periodMs + periodMs;
const slots = Array.from({ length: ROUNDS }, (_, i) => firstSlot + i * periodMs);
// the reference: 100 bare timers aimed at each slot, in this same process and second
const timerLate: number[] = [];
for (const slot of slots) {
  for (let i = 0; i < SCHEDULES; i++) setTimeout(() => timerLate.push(Date.now() - slot), slot - Date.now());
}
await sleep(slots.at(-1)! - Date.now() + 5000);
const fires = await getPrisma().triggerFire.findMany({
  where: { graphId: { in: graphIds }, intendedAt: { gte: new Date(firstSlot), lte: new Date(slots.at(-1)!) } },
  select: { intendedAt: true, firedAt: true, outcome: true },
});
const late = fires.filter((f) => f.outcome === "started").map((f) => f.firedAt.getTime() - f.intendedAt.getTime());
const outcomes = new Map<string, number>();
for (const f of fires) outcomes.set(f.outcome, (outcomes.get(f.outcome) ?? 0) + 1);
await engine.stop(2000);
server.closeAllConnections();
server.close();
await getPrisma().$disconnect();
await db.drop();

const expected = SCHEDULES * ROUNDS;
console.log(`\n${SCHEDULES} schedules firing in the same second (*/${EVERY} * * * * *), ${ROUNDS} slots each, on the embedded engine\n`);
console.log("| what | fires | p50 | p99 | max |");
console.log("|---|---|---|---|---|");
console.log(`| schedule fire (firedAt − intendedAt) | ${late.length} of ${expected} (${[...outcomes].map(([o, n]) => `${n} ${o}`).join(", ")}) | ${pct(late, 0.5)} ms | ${pct(late, 0.99)} ms | ${Math.max(...late)} ms |`);
console.log(`| reference: bare setTimeout, same process and seconds | ${timerLate.length} | ${pct(timerLate, 0.5)} ms | ${pct(timerLate, 0.99)} ms | ${Math.max(...timerLate)} ms |`);
console.log(`\np50 ratio schedule ÷ setTimeout: ${(pct(late, 0.5) / Math.max(1, pct(timerLate, 0.5))).toFixed(1)}×`);
process.exit(late.length === expected ? 0 : 1);
