/**
 * Function options with the real SDK: onFailure, cancelOn, cancellation by API,
 * timeouts, concurrency (keyed), throttle, rateLimit, debounce, idempotency,
 * priority, batchEvents and cron triggers.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./test-helpers";

let h: Harness;
const failures = new Map<string, { message: string; runId: string; tag: unknown }>();
const starts = new Map<string, number[]>();
const active = new Map<string, number>();
const maxActive = new Map<string, number>();
let cronTicks = 0;
/** cron with jitter: ms between the tick (event ts) and the run starting */
const jitterDelays: number[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mark = (k: string) => starts.set(k, [...(starts.get(k) ?? []), Date.now()]);

async function track(key: string, ms: number) {
  const n = (active.get(key) ?? 0) + 1;
  active.set(key, n);
  maxActive.set(key, Math.max(maxActive.get(key) ?? 0, n));
  await sleep(ms);
  active.set(key, (active.get(key) ?? 1) - 1);
}

beforeAll(async () => {
  h = await createHarness("opt");
  const c = h.client;
  await h.serve([
    c.createFunction(
      {
        id: "fails",
        retries: 0,
        triggers: [{ event: "opt/fail" }],
        onFailure: async ({ error, event }: { error: Error; event: { data: Record<string, unknown> } }) => {
          const orig = event.data.event as { data: { tag: string } };
          failures.set(orig.data.tag, { message: error.message, runId: event.data.run_id as string, tag: orig.data.tag });
        },
      },
      async () => {
        throw new Error("boom for onFailure");
      },
    ),
    c.createFunction(
      { id: "cancellable", triggers: [{ event: "opt/long" }], cancelOn: [{ event: "opt/cancel", match: "data.id" }] },
      async ({ step }) => {
        await step.sleep("long", "30s");
        return "not cancelled";
      },
    ),
    c.createFunction({ id: "finish-timeout", timeouts: { finish: "1s" }, triggers: [{ event: "opt/slow" }] }, async ({ step }) => {
      await step.sleep("long", "10s");
      return "too late";
    }),
    c.createFunction(
      { id: "start-timeout", concurrency: 1, timeouts: { start: "1s" }, triggers: [{ event: "opt/start" }] },
      async ({ step }) => step.run("hold", () => sleep(2500).then(() => "held")),
    ),
    c.createFunction(
      { id: "conc", concurrency: { limit: 1, key: "event.data.user" }, triggers: [{ event: "opt/conc" }] },
      async ({ step, event }) => {
        await step.run("work", async () => {
          await Promise.all([track(`conc:${event.data.user}`, 300), track("conc:all", 300)]);
        });
        return event.data.user;
      },
    ),
    c.createFunction({ id: "throttled", throttle: { limit: 1, period: "1s" }, triggers: [{ event: "opt/throttle" }] }, async () => {
      mark("throttle");
      return "ok";
    }),
    c.createFunction(
      { id: "limited", rateLimit: { limit: 1, period: "10s", key: "event.data.k" }, triggers: [{ event: "opt/rate" }] },
      async () => "ok",
    ),
    c.createFunction({ id: "debounced", debounce: { period: "1s" }, triggers: [{ event: "opt/debounce" }] }, async ({ event }) => {
      return event.data.n;
    }),
    c.createFunction({ id: "idem", idempotency: "event.data.orderId", triggers: [{ event: "opt/idem" }] }, async () => "ok"),
    c.createFunction({ id: "debounced-wait", debounce: { period: "1s" }, triggers: [{ event: "opt/debounce-wait" }] }, async ({ step }) => {
      return step.waitForEvent("ping", { event: "opt/ping", timeout: "1500ms" });
    }),
    c.createFunction(
      { id: "prio", concurrency: 1, priority: { run: "event.data.prio" }, triggers: [{ event: "opt/prio" }] },
      async ({ event, step }) => {
        await step.run("go", async () => {
          mark(`prio:${event.data.name}`);
          if (event.data.name === "blocker") await sleep(800);
        });
        return event.data.name;
      },
    ),
    c.createFunction(
      { id: "batch", batchEvents: { maxSize: 3, timeout: "1s" }, triggers: [{ event: "opt/batch" }] },
      async ({ events }) => events.map((e: { data: Record<string, unknown> }) => e.data.n),
    ),
    c.createFunction({ id: "cron", triggers: [{ cron: "TZ=Europe/Paris * * * * * *" }] }, async ({ event }) => {
      cronTicks++;
      return event.name;
    }),
    c.createFunction({ id: "cron-jitter", triggers: [{ cron: "*/2 * * * * *", jitter: "1500ms" } as { cron: string }] }, async ({ event }) => {
      jitterDelays.push(Date.now() - event.ts!);
      return "ok";
    }),
    ...(["skip", "cancel"] as const).map((mode) =>
      c.createFunction(
        { id: `single-${mode}`, singleton: { key: "event.data.k", mode }, triggers: [{ event: `opt/single-${mode}` }] },
        async ({ event, step }) => {
          await step.sleep("hold", "800ms");
          return event.data.n;
        },
      ),
    ),
  ]);
});
afterAll(async () => h?.close());

const runsOf = (eventId: string, fn: string) => h.runsFor(eventId).then((rs) => rs.filter((r) => r.function_id === `opt-${fn}`));

describe("function options", () => {
  it("calls onFailure with the error and original event after a run fails", async () => {
    const [id] = await h.send({ name: "opt/fail", data: { tag: "f1" } });
    const [run] = await h.finished(id!);
    expect(run!.status).toBe("failed");
    await h.waitFor(async () => failures.get("f1"), (v) => !!v);
    expect(failures.get("f1")).toMatchObject({ message: "boom for onFailure", runId: run!.id });
  });

  it("cancels a run on a matching cancelOn event only", async () => {
    const [a, b] = await h.send([
      { name: "opt/long", data: { id: "A" } },
      { name: "opt/long", data: { id: "B" } },
    ]);
    await h.waitFor(() => runsOf(a!, "cancellable"), (rs) => rs[0]?.status === "running");
    await h.send({ name: "opt/cancel", data: { id: "A" } });
    const [ra] = await h.finished(a!);
    expect(ra!.status).toBe("cancelled");
    const [rb] = await runsOf(b!, "cancellable");
    expect(rb!.status).toBe("running");
    const res = await fetch(`${h.engine.url}/v1/runs/${rb!.id}/cancel`, { method: "POST" });
    expect(res.status).toBe(200);
    expect((await h.run(rb!.id)).status).toBe("cancelled");
  });

  it("cancels a run that exceeds timeouts.finish", async () => {
    const [id] = await h.send({ name: "opt/slow" });
    const [run] = await h.finished(id!, 1, 8000);
    expect(run!.status).toBe("cancelled");
    expect(run!.error?.message).toMatch(/timeouts.finish/);
  });

  it("cancels a run that could not start within timeouts.start", async () => {
    const [first] = await h.send({ name: "opt/start", data: { n: 1 } });
    await h.waitFor(() => runsOf(first!, "start-timeout"), (rs) => rs[0]?.status === "running");
    const [second] = await h.send({ name: "opt/start", data: { n: 2 } });
    const [r2] = await h.finished(second!, 1, 10_000);
    expect(r2!.status).toBe("cancelled");
    expect(r2!.error?.message).toMatch(/timeouts.start/);
    expect((await h.finished(first!, 1, 10_000))[0]!.output).toBe("held");
  });

  it("limits concurrency per key", async () => {
    const ids = await h.send(["a", "a", "a", "b", "b"].map((user) => ({ name: "opt/conc", data: { user } })));
    for (const id of ids) await h.finished(id, 1, 15_000);
    expect(maxActive.get("conc:a")).toBe(1);
    expect(maxActive.get("conc:b")).toBe(1);
    expect(maxActive.get("conc:all")).toBeGreaterThanOrEqual(2);
  });

  it("throttles starts to the limit per period", async () => {
    const sentAt = Date.now();
    const ids = await h.send([1, 2, 3].map((n) => ({ name: "opt/throttle", data: { n } })));
    for (const id of ids) await h.finished(id, 1, 15_000);
    const t = starts.get("throttle")!.sort((x, y) => x - y);
    expect(t).toHaveLength(3);
    // lower bounds by design: the n-th admission may not start before sent + (n-1) periods
    expect(t[1]! - sentAt).toBeGreaterThanOrEqual(950);
    expect(t[2]! - sentAt).toBeGreaterThanOrEqual(1950);
  });

  it("drops events over the rate limit, per key", async () => {
    const ids = await h.send([
      { name: "opt/rate", data: { k: "x" } },
      { name: "opt/rate", data: { k: "x" } },
      { name: "opt/rate", data: { k: "y" } },
    ]);
    await h.finished(ids[0]!);
    await h.finished(ids[2]!);
    expect(await runsOf(ids[1]!, "limited")).toHaveLength(0);
  });

  it("debounces to one run with the last event", async () => {
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      ids.push(...(await h.send({ name: "opt/debounce", data: { n } })));
      await sleep(100);
    }
    const [run] = await h.finished(ids[2]!, 1, 10_000);
    expect(run!.output).toBe(3);
    expect((await runsOf(ids[0]!, "debounced"))[0]?.id).toBe(run!.id);
  });

  it("skips runs with a used idempotency key", async () => {
    const ids = await h.send([
      { name: "opt/idem", data: { orderId: "o-1" } },
      { name: "opt/idem", data: { orderId: "o-1" } },
    ]);
    await h.finished(ids[0]!);
    expect(await runsOf(ids[1]!, "idem")).toHaveLength(0);
  });

  it("an event id is taken once: repeats within one request and in a later one get the first's engine id and start nothing", async () => {
    const tag = `dup-${Date.now()}`;
    const ids = await h.send([
      { name: "opt/start", id: `${tag}-a`, data: { n: 1 } },
      { name: "opt/start", id: `${tag}-a`, data: { n: 2 } },
      { name: "opt/start", id: `${tag}-b`, data: { n: 3 } },
      { name: "opt/start", data: { n: 4 } },
    ]);
    expect(ids).toHaveLength(4);
    expect(ids[1]).toBe(ids[0]);
    expect(new Set(ids).size).toBe(3);
    const again = await h.send([{ name: "opt/start", id: `${tag}-b`, data: { n: 5 } }, { name: "opt/start", id: `${tag}-c`, data: { n: 6 } }]);
    expect(again[0]).toBe(ids[2]);
    expect(again[1]).not.toBe(ids[2]);
    for (const id of [ids[0]!, ids[2]!, ids[3]!, again[1]!]) expect(await h.finished(id)).toHaveLength(1);
    // the first event of an id is the one delivered
    const runs = await h.runsFor(ids[0]!);
    expect(runs).toHaveLength(1);
    const pgc = new pg.Client({ connectionString: h.db.url });
    await pgc.connect();
    try {
      const stored = await pgc.query<{ n: number; external_id: string }>(`select (payload->'data'->>'n')::int as n, external_id from engine.events where id = $1`, [ids[0]]);
      expect(stored.rows[0]).toEqual({ n: 1, external_id: `${tag}-a` });
    } finally {
      await pgc.end();
    }
  });

  it("a debounced run's wait does not see events from before the run started", async () => {
    const [id] = await h.send({ name: "opt/debounce-wait" });
    await h.send({ name: "opt/ping", data: { early: true } }); // inside the debounce period
    const [run] = await h.finished(id!, 1, 10_000);
    expect(run).toMatchObject({ status: "completed", output: null });
  });

  it("starts higher-priority runs first", async () => {
    const [blocker] = await h.send({ name: "opt/prio", data: { name: "blocker", prio: 0 } });
    await h.waitFor(async () => starts.get("prio:blocker"), (v) => !!v);
    const ids = await h.send([
      { name: "opt/prio", data: { name: "low", prio: 0 } },
      { name: "opt/prio", data: { name: "high", prio: 300 } },
    ]);
    for (const id of [blocker!, ...ids]) await h.finished(id, 1, 10_000);
    expect(starts.get("prio:high")![0]!).toBeLessThan(starts.get("prio:low")![0]!);
  });

  it("batches events by size and by timeout", async () => {
    const ids = await h.send([1, 2, 3, 4].map((n) => ({ name: "opt/batch", data: { n } })));
    const [full] = await h.finished(ids[0]!);
    expect(full!.output).toEqual([1, 2, 3]);
    const [rest] = await h.finished(ids[3]!, 1, 8000);
    expect(rest!.output).toEqual([4]);
  });

  it("fires cron triggers", async () => {
    await h.waitFor(async () => cronTicks, (n) => n >= 2, 8000);
  });

  it("spreads cron starts over the trigger's jitter", async () => {
    await h.waitFor(async () => jitterDelays.length, (n) => n >= 3, 15_000);
    // every start lies within the jitter window (plus dispatch time), and they are not all at the tick
    expect(Math.max(...jitterDelays)).toBeLessThan(1500 + 1000);
    expect(jitterDelays.some((ms) => ms > 150)).toBe(true);
  });

  it("singleton skip: a second event for a key with an active run starts nothing", async () => {
    const [a, b, other] = await h.send([
      { name: "opt/single-skip", data: { k: "x", n: 1 } },
      { name: "opt/single-skip", data: { k: "x", n: 2 } },
      { name: "opt/single-skip", data: { k: "y", n: 3 } },
    ]);
    const [ra] = await h.finished(a!);
    expect(ra).toMatchObject({ status: "completed", output: 1 });
    expect(await runsOf(b!, "single-skip")).toEqual([]);
    expect((await h.finished(other!))[0]).toMatchObject({ status: "completed", output: 3 });
    // once the key's run is over, the key is free again
    const [again] = await h.send({ name: "opt/single-skip", data: { k: "x", n: 4 } });
    expect((await h.finished(again!))[0]).toMatchObject({ status: "completed", output: 4 });
  });

  it("singleton cancel: a second event for a key replaces the active run", async () => {
    const [a] = await h.send({ name: "opt/single-cancel", data: { k: "x", n: 1 } });
    await h.waitFor(() => runsOf(a!, "single-cancel"), (rs) => rs[0]?.status === "running");
    const [b] = await h.send({ name: "opt/single-cancel", data: { k: "x", n: 2 } });
    const [ra] = await h.finished(a!);
    expect(ra!.status).toBe("cancelled");
    expect(ra!.error?.message).toMatch(/newer run with the same singleton key/);
    expect((await h.finished(b!))[0]).toMatchObject({ status: "completed", output: 2 });
  });
});
