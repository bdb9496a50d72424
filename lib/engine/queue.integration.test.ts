/**
 * Queue mechanics against real PostgreSQL: leases, fencing after expiry, the reaper,
 * exactly-once step recording, concurrency keys across workers, and two engine processes
 * sharing one database.
 */
import { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { recordCheckpoint } from "./checkpoint";
import type { EngineContext } from "./context";
import { createPool, type Db } from "./db";
import { startEngine } from "./engine";
import { silentLogger } from "./log";
import { claimItems, reapExpired } from "./queue";
import { Registry } from "./registry";
import { serveApp } from "./test-helpers";

let tdb: TestDatabase;
let db: Db;
let ctx: EngineContext;

beforeAll(async () => {
  tdb = await createTestDatabase("engine", { empty: true });
  // starting and stopping an engine applies the migrations
  await (await startEngine({ databaseUrl: tdb.url, port: 0 })).stop();
  db = createPool(tdb.url, 5, silentLogger);
  ctx = {
    db,
    leaseDb: db,
    registry: new Registry(db, silentLogger),
    log: silentLogger,
    workerId: "t",
    options: { leaseMs: 30_000, retryBaseMs: 50, retryCapMs: 1000, callTimeoutMs: 1000, pollMs: 200, concurrency: 4, retentionMs: 86_400_000 },
    wake: () => {},
  };
});
afterAll(async () => {
  await db?.end();
  await tdb?.drop();
});

async function newRun(id: string, ckeys: string[] | null = null, climits: number[] | null = null): Promise<void> {
  await db.query("insert into engine.runs (id, function_id, events, status, max_attempts) values ($1, 'f', '[]', 'running', 1)", [id]);
  await db.query("insert into engine.queue (kind, run_id, ckeys, climits) values ('call', $1, $2, $3)", [id, ckeys, climits]);
}

describe("migrations", () => {
  it("re-applying the engine migrations changes nothing", async () => {
    const { applyMigrations } = await import("../db/migrator");
    const { ENGINE_MIGRATIONS_DIR } = await import("./engine");
    const { MIGRATIONS_LOCK_KEY, MIGRATIONS_TABLE } = await import("./consts");
    const r = await applyMigrations(tdb.url, { dir: ENGINE_MIGRATIONS_DIR, table: MIGRATIONS_TABLE, lockKey: MIGRATIONS_LOCK_KEY });
    expect(r.applied).toEqual([]);
    expect(r.alreadyApplied).toEqual(["0001_init", "0002_retention", "0003_registry_generation", "0004_singleton", "0005_invoke_parent"]);
  });
});

describe("leases and fencing", () => {
  it("a worker whose lease expired cannot record steps for the newer claim", async () => {
    await newRun("R1");
    const [a] = await claimItems(db, "worker-a", 1, 30_000);
    expect(a?.run_id).toBe("R1");
    expect(await claimItems(db, "worker-b", 1, 30_000)).toHaveLength(0); // leased: nobody else gets it
    const step = (id: string, data: unknown) => ({ op: "StepRun", id, data });
    expect(await recordCheckpoint(ctx, "R1", { qi_id: `${a!.id}.${a!.lease_token}`, steps: [step("s1", 1)] })).toBe("ok");

    await db.query("update engine.queue set locked_until = now() - interval '1 second' where id = $1", [a!.id]);
    expect(await reapExpired(db)).toBe(1);
    const [b] = await claimItems(db, "worker-b", 1, 30_000);
    expect(b?.id).toBe(a!.id);
    expect(await recordCheckpoint(ctx, "R1", { qi_id: `${a!.id}.${a!.lease_token}`, steps: [step("s2", "stale")] })).toBe("stale");
    expect(await recordCheckpoint(ctx, "R1", { qi_id: `${b!.id}.${b!.lease_token}`, steps: [step("s1", "again"), step("s2", 2)] })).toBe("ok");
    const steps = await db.query("select id, memo from engine.steps where run_id = 'R1' order by seq");
    // s1 keeps its first value (exactly once); s2 comes from the live claim only
    expect(steps.rows).toEqual([
      { id: "s1", memo: { data: 1 } },
      { id: "s2", memo: { data: 2 } },
    ]);
  });

  it("never lets two workers exceed a concurrency key's limit", async () => {
    for (let i = 0; i < 6; i++) await newRun(`C${i}`, ["k"], [2]);
    const [x, y] = await Promise.all([claimItems(db, "wx", 6, 30_000), claimItems(db, "wy", 6, 30_000)]);
    expect(x.length + y.length).toBe(2);
  });
});

describe("two engine processes on one database", () => {
  it("run every step exactly once between them", { timeout: 60_000 }, async () => {
    const e1 = await startEngine({ databaseUrl: tdb.url, port: 0, workerId: "e1", concurrency: 4 });
    const e2 = await startEngine({ databaseUrl: tdb.url, port: 0, workerId: "e2", concurrency: 4 });
    const hits = new Map<string, number>();
    const appId = `multi${Math.random().toString(36).slice(2, 8)}`;
    const client = new Inngest({ id: appId, isDev: true, baseUrl: e1.url });
    const fn = client.createFunction({ id: "five", triggers: [{ event: "multi/go" }] }, async ({ step, event }) => {
      for (let i = 0; i < 5; i++) {
        await step.run(`s${i}`, () => hits.set(`${event.data.n}:${i}`, (hits.get(`${event.data.n}:${i}`) ?? 0) + 1).size);
        if (i === 2) await step.sleep("z", "1s");
      }
      return event.data.n;
    });
    const app = await serveApp(client, [fn]);
    try {
      await e1.syncApp(app.url);
      // send half the events to each engine
      const ids: string[] = [];
      for (let n = 0; n < 30; n++) {
        const url = n % 2 ? e1.url : e2.url;
        const res = await fetch(`${url}/e/k`, { method: "POST", body: JSON.stringify({ name: "multi/go", data: { n } }) });
        ids.push(((await res.json()) as { ids: string[] }).ids[0]!);
      }
      const until = Date.now() + 40_000;
      let done = 0;
      while (Date.now() < until && done < 30) {
        const r = await db.query("select count(*)::int as n from engine.runs where function_id = $1 and status = 'completed'", [`${appId}-five`]);
        done = r.rows[0].n;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(done).toBe(30);
      expect(hits.size).toBe(150);
      expect([...hits.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await e1.stop(1000);
      await e2.stop(1000);
      await app.close();
    }
  });
});

describe("a sync on one engine process", () => {
  it("is seen by another process's registry before it routes an event, notification or not", async () => {
    // `ctx.registry` belongs to a "process" that listens to nothing: only the generation
    // read with the stored event can tell it about the sync.
    await ctx.registry.reload();
    const e1 = await startEngine({ databaseUrl: tdb.url, port: 0, workerId: "g1" });
    const client = new Inngest({ id: "late", isDev: true, baseUrl: e1.url });
    const fn = client.createFunction({ id: "f", triggers: [{ event: "late/go" }] }, async () => 1);
    const app = await serveApp(client, [fn]);
    try {
      await e1.syncApp(app.url);
      const { tx } = await import("./db");
      const { ingestEvents } = await import("./ingest");
      const res = await tx(db, (c) => ingestEvents(c, ctx, [{ name: "late/go" }]));
      expect(res.runIds).toHaveLength(1);
    } finally {
      await app.close();
      await e1.stop(1000);
    }
  });

  it("routes the very next event sent to another process", { timeout: 60_000 }, async () => {
    const e1 = await startEngine({ databaseUrl: tdb.url, port: 0, workerId: "s1" });
    const e2 = await startEngine({ databaseUrl: tdb.url, port: 0, workerId: "s2" });
    try {
      // Each round syncs a new app on e1 and at once sends its event to e2, which has not
      // necessarily heard the sync's notification yet: it must still start the run.
      for (let i = 0; i < 15; i++) {
        const client = new Inngest({ id: `fresh${i}`, isDev: true, baseUrl: e1.url });
        const fn = client.createFunction({ id: "f", triggers: [{ event: `fresh${i}/go` }] }, async () => i);
        const app = await serveApp(client, [fn]);
        try {
          await e1.syncApp(app.url);
          const res = await fetch(`${e2.url}/e/k`, { method: "POST", body: JSON.stringify({ name: `fresh${i}/go` }) });
          const [id] = ((await res.json()) as { ids: string[] }).ids;
          const runs = await db.query("select count(*)::int as n from engine.run_events where event_id = $1", [id]);
          expect(runs.rows[0].n, `event ${i} started no run`).toBe(1);
        } finally {
          await app.close();
        }
      }
    } finally {
      await e1.stop(1000);
      await e2.stop(1000);
    }
  });
});
