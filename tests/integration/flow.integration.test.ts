/**
 * Graph flow control (`flow`) on every run start: a bounded queue (reject with Retry-After,
 * drop_oldest, coalesce), throttle per key, debounce (last payload wins, maxWait), maxAge, and 50
 * concurrent duplicate starts — through the route handlers, on the real engine and database.
 * Runs are held queued by a concurrency limit of 1 behind a run that waits for an event.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { graphApi } from "../graph-api";
import { getPrisma } from "../../lib/db/client";
import { makeTenant } from "../../prisma/factories";
import * as runsRoute from "../../app/api/v1/graphs/[id]/runs/route";
import * as cancelRoute from "../../app/api/v1/runs/[id]/cancel/route";
import * as eventsRoute from "../../app/api/v1/events/route";
import * as graphsRoute from "../../app/api/v1/graphs/route";

const rt = useRuntime("flow");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
beforeAll(async () => {
  tenant = await makeTenant("Flow Co");
});
const api = graphApi(() => tenant.apiKey.key);
const db = () => getPrisma();
const ended = (r: { status: string }) => ["succeeded", "failed", "cancelled"].includes(r.status);
const begun = (r: { status: string }) => r.status !== "queued";

async function start(graphId: string, input: Record<string, unknown>, headers: Record<string, string> = {}) {
  return callRoute(runsRoute.POST as never, { key: tenant.apiKey.key, params: { id: graphId }, body: { input }, headers });
}
async function started(graphId: string, input: Record<string, unknown>) {
  const res = await start(graphId, input);
  expect([200, 202], res.text).toContain(res.status);
  return res.json as { runId: string; status: string; admission: string };
}
const cancel = (runId: string) => callRoute(cancelRoute.POST as never, { key: tenant.apiKey.key, params: { id: runId } });
async function sendEvent(body: unknown) {
  const res = await callRoute(eventsRoute.POST as never, { key: tenant.apiKey.key, body });
  expect(res.status, res.text).toBe(202);
  return res.json as { runs: { outcome: string; runId: string | null; reason: string | null }[] };
}

/** A graph whose runs take turns (concurrency 1) and each waits for `flowtest.go` with its `n`. */
function heldGraph(name: string, flow: unknown, extra: Record<string, unknown> = {}) {
  return api.createGraph({
    name,
    concurrency: { limit: 1 },
    flow,
    ...extra,
    nodes: [
      { id: "hold", type: "wait", timeout: "2m", event: { name: "flowtest.go", when: "event.data.n == input.n" } },
      { id: "out", type: "output", needs: ["hold"], value: { n: "{{input.n}}" } },
    ],
  });
}
/** Lets the run with input `n` through its wait (sent until it ends: a wait only sees events from when it is registered). */
async function release(runId: string, n: number) {
  return rt.waitFor(
    async () => {
      await sendEvent({ name: "flowtest.go", data: { n } });
      return db().run.findUniqueOrThrow({ where: { id: runId } });
    },
    ended,
    30_000,
  );
}

describe("flow.queue", () => {
  it("reject: past max waiting runs a start gets 429 queue_full with Retry-After; once one begins there is room again", async () => {
    const graphId = await heldGraph("Queue reject", { queue: { max: 2, policy: "reject" } });
    const first = await started(graphId, { n: 1 });
    await rt.waitForRun(first.runId, begun);
    const second = await started(graphId, { n: 2 });
    const third = await started(graphId, { n: 3 });
    expect([second.admission, third.admission]).toEqual(["started", "started"]);
    const refused = await start(graphId, { n: 4 });
    expect(refused.status, refused.text).toBe(429);
    expect(refused.json).toMatchObject({ code: "queue_full" });
    expect(refused.json.error).toMatch(/queue/);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // the refused start left no run behind
    expect(await db().run.count({ where: { graphId } })).toBe(3);
    await release(first.runId, 1);
    await rt.waitForRun(second.runId, begun);
    const fourth = await start(graphId, { n: 4 });
    expect(fourth.status, fourth.text).toBe(202);
    for (const r of [second.runId, third.runId, fourth.json.runId]) await cancel(r);
  });

  it("reject under a race: 20 concurrent starts into a queue of 5 admit exactly 5, the rest get 429", async () => {
    const graphId = await heldGraph("Queue race", { queue: { max: 5, policy: "reject" } });
    const first = await started(graphId, { n: 1 });
    await rt.waitForRun(first.runId, begun);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => start(graphId, { n: 100 + i })));
    expect(answers.filter((a) => a.status === 202)).toHaveLength(5);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(15);
    expect(await db().run.count({ where: { graphId, status: "queued" } })).toBe(5);
    for (const a of answers.filter((x) => x.status === 202)) await cancel(a.json.runId);
    await cancel(first.runId);
  });

  it("drop_oldest: a start past max cancels the oldest waiting run with the reason, and its fire shows it", async () => {
    const graphId = await heldGraph("Queue drop", { queue: { max: 2, policy: "drop_oldest" } }, { triggers: [{ type: "event", id: "on-drop", name: "flowtest.drop" }] });
    const first = await started(graphId, { n: 1 });
    await rt.waitForRun(first.runId, begun);
    const viaTrigger = (await sendEvent({ name: "flowtest.drop", data: { n: 2 } })).runs[0]!;
    expect(viaTrigger.outcome).toBe("started");
    const third = await started(graphId, { n: 3 });
    const fourth = await started(graphId, { n: 4 });
    expect(fourth.admission).toBe("started");
    const dropped = await rt.waitForRun(viaTrigger.runId!, (r) => ended(r) && r.nodeRuns.every((n: { status: string }) => n.status === "cancelled"));
    expect(dropped.status).toBe("cancelled");
    expect(dropped.error).toMatchObject({ code: "queue_dropped", message: expect.stringMatching(/drop_oldest/) });
    expect(dropped.nodeRuns.every((n: { status: string }) => n.status === "cancelled")).toBe(true);
    const fire = await db().triggerFire.findFirstOrThrow({ where: { runId: viaTrigger.runId! } });
    expect(fire).toMatchObject({ outcome: "queue_full", reason: expect.stringMatching(/Dropped/) });
    // the others go on in order: third, then fourth
    await release(first.runId, 1);
    expect((await release(third.runId, 3)).status).toBe("succeeded");
    expect((await release(fourth.runId, 4)).status).toBe("succeeded");
  });

  it("coalesce: a start past max goes into the newest waiting run, which runs with that payload", async () => {
    const graphId = await heldGraph("Queue coalesce", { queue: { max: 2, policy: "coalesce" } });
    const first = await started(graphId, { n: 1 });
    await rt.waitForRun(first.runId, begun);
    const second = await started(graphId, { n: 2 });
    const third = await started(graphId, { n: 3 });
    const res = await start(graphId, { n: 4 });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ runId: third.runId, admission: "coalesced" });
    expect(await db().run.count({ where: { graphId } })).toBe(3);
    await release(first.runId, 1);
    await release(second.runId, 2);
    const coalesced = await release(third.runId, 4);
    expect(coalesced.status).toBe("succeeded");
    expect(coalesced.output).toEqual({ n: 4 });
  });
});

describe("flow.throttle", () => {
  it("starts at most limit runs per period per key; the rest wait queued and start as the window has room", async () => {
    const graphId = await api.createGraph({
      name: "Throttled",
      flow: { throttle: { limit: 2, period: "2s", key: "{{input.customer}}" } },
      nodes: [{ id: "out", type: "output", value: { i: "{{input.i}}" } }],
    });
    const a = await Promise.all(Array.from({ length: 6 }, (_, i) => started(graphId, { customer: "a", i })));
    const b = await Promise.all(Array.from({ length: 2 }, (_, i) => started(graphId, { customer: "b", i })));
    // a throttled start is still accepted with its run id
    expect(new Set([...a, ...b].map((s) => s.admission))).toEqual(new Set(["started"]));
    const runs = await Promise.all([...a, ...b].map((s) => rt.waitForRun(s.runId, ended, 60_000)));
    expect(runs.every((r) => r.status === "succeeded")).toBe(true);
    const startsOf = (list: typeof runs) => list.map((r) => r.nodeRuns[0]!.startedAt!.getTime()).sort((x, y) => x - y);
    const aStarts = startsOf(runs.slice(0, 6));
    // no three of key a within one period: unthrottled, all six would start within a second (the
    // slack is the time from the gate to the node's start, which varies under load)
    for (let i = 2; i < aStarts.length; i++) expect(aStarts[i]! - aStarts[i - 2]!).toBeGreaterThan(2000 - 700);
    expect(aStarts[5]! - aStarts[0]!).toBeGreaterThan(2 * 2000 - 700);
    // the gate's own clock is exact: releases of key a are at least a period apart two by two
    const released = (await db().run.findMany({ where: { graphId, throttleKey: "a" }, select: { releasedAt: true } })).map((r) => r.releasedAt!.getTime()).sort((x, y) => x - y);
    for (let i = 2; i < released.length; i++) expect(released[i]! - released[i - 2]!).toBeGreaterThanOrEqual(2000);
    // key b has its own window: both of its runs start in the first one
    const bStarts = startsOf(runs.slice(6));
    expect(bStarts[1]! - aStarts[0]!).toBeLessThan(2000);
  });
});

describe("flow.debounce", () => {
  it("a burst of 10 becomes one run with the last payload; every request gets its id", async () => {
    const graphId = await api.createGraph({
      name: "Debounced",
      flow: { debounce: { period: "1s", key: "{{input.doc}}" } },
      nodes: [{ id: "out", type: "output", value: { i: "{{input.i}}" } }],
    });
    const answers = [];
    for (let i = 1; i <= 10; i++) {
      answers.push(await started(graphId, { doc: "d1", i }));
      await new Promise((r) => setTimeout(r, 50));
    }
    const other = await started(graphId, { doc: "d2", i: 99 });
    const runIds = new Set(answers.map((a) => a.runId));
    expect(runIds.size).toBe(1);
    expect(answers.map((a) => a.admission)).toEqual(["started", ...Array(9).fill("debounced")]);
    expect(other.runId).not.toBe(answers[0]!.runId);
    const run = await rt.waitForRun(answers[0]!.runId, ended, 30_000);
    expect(run.status).toBe("succeeded");
    expect(run.output).toEqual({ i: 10 });
    // it began a period after the last request, not after the first
    const last = run.requestedAt!.getTime();
    expect(run.startedAt!.getTime() - last).toBeGreaterThanOrEqual(1000 - 50);
    expect(await db().run.count({ where: { graphId, input: { path: ["doc"], equals: "d1" } } })).toBe(1);
    expect((await rt.waitForRun(other.runId, ended)).output).toEqual({ i: 99 });
  });

  it("maxWait: a burst that never goes quiet still starts a run maxWait after its first request", async () => {
    const graphId = await api.createGraph({
      name: "Debounced with maxWait",
      flow: { debounce: { period: "1s", maxWait: "2s" } },
      nodes: [{ id: "out", type: "output", value: { i: "{{input.i}}" } }],
    });
    const t0 = Date.now();
    const answers = [];
    for (let i = 0; Date.now() - t0 < 4000; i++) {
      answers.push(await started(graphId, { i }));
      await new Promise((r) => setTimeout(r, 300));
    }
    const first = await rt.waitForRun(answers[0]!.runId, ended, 30_000);
    expect(first.status).toBe("succeeded");
    const waited = first.startedAt!.getTime() - first.createdAt.getTime();
    expect(waited).toBeGreaterThanOrEqual(2000 - 50);
    expect(waited).toBeLessThan(3500);
    // the requests after it began went into a new run
    expect(new Set(answers.map((a) => a.runId)).size).toBeGreaterThanOrEqual(2);
  });
});

describe("flow.maxAge", () => {
  it("a run whose request is older than maxAge when it would begin is not executed, with the reason; a fresh one runs", async () => {
    const graphId = await api.createGraph({
      name: "Fresh only",
      flow: { throttle: { limit: 1, period: "3s" }, maxAge: "1s" },
      triggers: [{ type: "event", id: "on-tick", name: "flowtest.tick" }],
      nodes: [{ id: "out", type: "output", value: { i: "{{input.i}}" } }],
    });
    const fresh = await started(graphId, { i: 1 });
    const late = (await sendEvent({ name: "flowtest.tick", data: { i: 2 } })).runs[0]!;
    expect(late.outcome).toBe("started");
    expect((await rt.waitForRun(fresh.runId, ended)).status).toBe("succeeded");
    const stale = await rt.waitForRun(late.runId!, (r) => ended(r) && r.nodeRuns.every((n: { status: string }) => n.status === "cancelled"), 30_000);
    expect(stale.status).toBe("cancelled");
    expect(stale.error).toMatchObject({ code: "stale", message: expect.stringMatching(/old .*maxAge \(1s\)/) });
    expect(stale.nodeRuns.every((n: { status: string }) => n.status === "cancelled")).toBe(true);
    expect(await db().triggerFire.findFirstOrThrow({ where: { runId: late.runId! } })).toMatchObject({ outcome: "stale", reason: expect.stringMatching(/maxAge/) });
  });
});

describe("idempotency under flow control", () => {
  it("50 concurrent starts with one idempotency key create exactly one run, and all get its id", async () => {
    const graphId = await api.createGraph({
      name: "Once",
      flow: { queue: { max: 100, policy: "reject" }, throttle: { limit: 10, period: "1s" } },
      nodes: [{ id: "out", type: "output", value: { ok: true } }],
    });
    const answers = await Promise.all(Array.from({ length: 50 }, () => start(graphId, { x: 1 }, { "idempotency-key": "once-1" })));
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(49).fill(200), 202]);
    expect(new Set(answers.map((a) => a.json.runId)).size).toBe(1);
    expect(await db().run.count({ where: { graphId } })).toBe(1);
    expect((await rt.waitForRun(answers[0]!.json.runId, ended)).status).toBe("succeeded");
  });
});

describe("flow validation on save", () => {
  it("refuses flow settings that contradict themselves, naming the field", async () => {
    const bad = async (flow: unknown) => {
      const res = await callRoute(graphsRoute.POST as never, { key: tenant.apiKey.key, body: { name: "Bad flow", flow, nodes: [{ id: "out", type: "output", value: 1 }] } });
      expect(res.status, res.text).toBe(422);
      return res.json.issues.map((i: { path: string; message: string }) => `${i.path}: ${i.message}`).join("\n");
    };
    expect(await bad({ debounce: { period: "10s", maxWait: "5s" } })).toMatch(/flow\.debounce\.maxWait.*at least period/);
    expect(await bad({ debounce: { period: "10s" }, maxAge: "5s" })).toMatch(/flow\.maxAge.*debounce\.period/);
    expect(await bad({ throttle: { limit: 1, period: "0s" } })).toMatch(/flow\.throttle\.period/);
    expect(await bad({ queue: { max: 0 } })).toMatch(/flow\.queue\.max/);
  });
});
