/**
 * Schedule triggers on the real engine and database: every-second patterns fire within a second
 * of their slot, pause and resume, a new version re-arms (the old chain exits), overlap policies
 * against runs that are still going, catch-up after a lost chain (the reconciler), concurrent
 * arms and ticks of one slot, the previews, and the research-report template's weekly schedule.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { graphApi } from "../graph-api";
import { getPrisma } from "../../lib/db/client";
import { makeTenant } from "../../prisma/factories";
import { systemContext } from "../../lib/runtime/system-context";
import { ARM_FAILED, armTriggers } from "../../lib/scheduler/arm";
import { runTick } from "../../lib/scheduler/run-tick";
import { reconcileTriggers } from "../../lib/scheduler/reconcile-triggers";
import { cronHandler } from "../../lib/triggers/schedule/cron-handler";
import { claimDueTogether, claimSlot, fireClaimed } from "../../lib/triggers/schedule/fire-together";
import { cancelRun } from "../../lib/runs/cancel-run";
import { startRuns } from "../../lib/runs/start-runs";
import { getGraphTemplate } from "../../lib/graphs/templates";
import type { ScheduledTrigger } from "../../lib/scheduler/types";
import * as pauseRoute from "../../app/api/v1/graphs/[id]/triggers/[name]/pause/route";
import * as resumeRoute from "../../app/api/v1/graphs/[id]/triggers/[name]/resume/route";
import * as previewRoute from "../../app/api/v1/graphs/[id]/triggers/[name]/preview/route";
import * as specPreviewRoute from "../../app/api/v1/schedules/preview/route";
import * as graphsRoute from "../../app/api/v1/graphs/route";

const rt = useRuntime("schedule");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
beforeAll(async () => {
  tenant = await makeTenant("Schedules Co");
});
const api = graphApi(() => tenant.apiKey.key);
const db = () => getPrisma();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const fires = (graphId: string, triggerName: string) => db().triggerFire.findMany({ where: { graphId, triggerName }, orderBy: [{ firedAt: "asc" }, { id: "asc" }] });
const triggerRow = (graphId: string, name: string) => db().trigger.findFirstOrThrow({ where: { graphId, name } });
const pause = (graphId: string, name: string) => callRoute(pauseRoute.POST as never, { key: tenant.apiKey.key, params: { id: graphId, name } });
const resume = (graphId: string, name: string) => callRoute(resumeRoute.POST as never, { key: tenant.apiKey.key, params: { id: graphId, name } });

/** A graph that sleeps `ms` (so its runs overlap the next slots), then answers. */
const slowGraph = (name: string, trigger: Record<string, unknown>, ms = 2500) => ({
  name,
  triggers: [{ type: "schedule", id: "tick", cron: "* * * * * *", input: { slot: "{{event.scheduledAt}}" }, ...trigger }],
  nodes: [
    { id: "nap", type: "wait", sleep: `${ms}ms` },
    { id: "o", type: "output", needs: ["nap"], value: { slot: "{{input.slot}}" } },
  ],
});

describe("schedule triggers on the real engine", () => {
  it("a 6-field every-second schedule fires within a second of each slot, once per slot, with the slot in its input; pause stops it, resume re-arms it", async () => {
    const graphId = await api.createGraph({
      name: "Every second",
      triggers: [{ type: "schedule", id: "tick", cron: "* * * * * *", input: { slot: "{{event.scheduledAt}}", zone: "{{event.timezone}}" } }],
      nodes: [{ id: "o", type: "output", value: { slot: "{{input.slot}}" } }],
    });
    const started = await rt.waitFor(
      async () => (await fires(graphId, "tick")).filter((f) => f.outcome === "started"),
      (f) => f.length >= 3,
      20_000,
    );
    const lateness = started.map((f) => f.firedAt.getTime() - f.intendedAt.getTime()).sort((a, b) => a - b);
    // the bar is a second (bench/scheduling measures it); the shared test machine runs ~10 processes per core, so the
    // test allows twice that for the median rather than flake, and still fails a scheduler that waits for a poll or a minute
    expect(lateness[Math.floor(lateness.length / 2)], `lateness ${lateness.join(", ")} ms`).toBeLessThan(2000);
    expect(lateness.at(-1), `lateness ${lateness.join(", ")} ms`).toBeLessThan(5000);
    for (const fire of started) {
      expect(fire.firedAt.getTime()).toBeGreaterThanOrEqual(fire.intendedAt.getTime());
      expect(fire.dedupeKey).toBe(fire.intendedAt.toISOString());
      const run = await db().run.findUniqueOrThrow({ where: { id: fire.runId! } });
      expect(run.input).toEqual({ slot: fire.dedupeKey, zone: "UTC" });
      expect(run.triggerId).toBe(fire.triggerId);
    }
    expect(new Set(started.map((f) => f.dedupeKey)).size).toBe(started.length);
    const row = await triggerRow(graphId, "tick");
    expect(row.nextFireAt!.getTime()).toBeGreaterThan(Date.now() - 2000);
    expect(row.lastCheckedAt).not.toBeNull();

    expect((await pause(graphId, "tick")).status).toBe(200);
    const pausedAt = Date.now();
    expect((await triggerRow(graphId, "tick")).nextFireAt).toBeNull();
    await sleep(2500);
    // a tick already past its reload when the pause landed may still finish; nothing after
    const afterPause = (await fires(graphId, "tick")).filter((f) => f.firedAt.getTime() > pausedAt + 1000);
    expect(afterPause).toEqual([]);

    expect((await resume(graphId, "tick")).status).toBe(200);
    const resumedAt = Date.now();
    await rt.waitFor(
      async () => (await fires(graphId, "tick")).filter((f) => f.outcome === "started" && f.firedAt.getTime() > resumedAt),
      (f) => f.length >= 1,
      10_000,
    );
    await pause(graphId, "tick");
  }, 60_000);

  it("a new version re-arms the schedule from its new declaration, and the old chain exits", async () => {
    const graphId = await api.createGraph({
      name: "Re-armed",
      triggers: [{ type: "schedule", id: "tick", cron: "* * * * * *", input: { v: 1 } }],
      nodes: [{ id: "o", type: "output", value: { v: "{{input.v}}" } }],
    });
    await rt.waitFor(() => fires(graphId, "tick"), (f) => f.some((x) => x.outcome === "started"), 15_000);
    const before = await triggerRow(graphId, "tick");
    await api.saveGraph(graphId, {
      name: "Re-armed",
      triggers: [{ type: "schedule", id: "tick", cron: "*/2 * * * * *", input: { v: 2 } }],
      nodes: [{ id: "o", type: "output", value: { v: "{{input.v}}" } }],
    });
    const savedAt = Date.now();
    expect((await triggerRow(graphId, "tick")).generation).toBeGreaterThan(before.generation);
    const late = await rt.waitFor(
      async () => (await fires(graphId, "tick")).filter((f) => f.firedAt.getTime() > savedAt + 1000),
      (f) => f.filter((x) => x.outcome === "started").length >= 2,
      20_000,
    );
    for (const fire of late) {
      // only even seconds: the every-second chain is gone
      expect(new Date(fire.dedupeKey!).getUTCSeconds() % 2, fire.dedupeKey!).toBe(0);
      const run = await db().run.findUniqueOrThrow({ where: { id: fire.runId! } });
      expect(run.input).toEqual({ v: 2 });
    }
    await pause(graphId, "tick");
  }, 60_000);
});

describe("a schedule's condition and jitter", () => {
  it("when: a slot whose condition over the schedule's event is false is recorded condition_false and starts nothing", async () => {
    const graphId = await api.createGraph({
      name: "Weekdays only",
      triggers: [{ type: "schedule", id: "tick", cron: "0 0 1 1 *", when: "event.timezone == 'Europe/Berlin'" }],
      nodes: [{ id: "o", type: "output", value: 1 }],
    });
    const row = await db().trigger.findFirstOrThrow({ where: { graphId, name: "tick" } });
    const slot = new Date(Math.floor(Date.now() / 1000) * 1000);
    await cronHandler.tick(await systemContext(tenant.workspace.id), row as unknown as ScheduledTrigger, { intendedAt: slot, now: new Date(slot.getTime() + 10) });
    expect((await fires(graphId, "tick")).map((f) => [f.outcome, f.reason])).toEqual([["condition_false", "Condition event.timezone == 'Europe/Berlin' is false."]]);
    expect(await db().run.count({ where: { graphId } })).toBe(0);
  });

  it("jitter: each slot fires up to the jitter after it, its dedupe key still the slot", async () => {
    const graphId = await api.createGraph({
      name: "Jittered",
      triggers: [{ type: "schedule", id: "tick", cron: "*/4 * * * * *", jitter: "3s" }],
      nodes: [{ id: "o", type: "output", value: 1 }],
    });
    const started = await rt.waitFor(async () => (await fires(graphId, "tick")).filter((f) => f.outcome === "started"), (f) => f.length >= 2, 30_000);
    await pause(graphId, "tick");
    const offsets = started.map((f) => f.intendedAt.getTime() - new Date(f.dedupeKey!).getTime());
    for (const o of offsets) {
      expect(o).toBeGreaterThanOrEqual(0);
      expect(o).toBeLessThan(3000);
    }
    for (const f of started) expect(f.firedAt.getTime()).toBeGreaterThanOrEqual(f.intendedAt.getTime());
    expect(started.every((f) => new Date(f.dedupeKey!).getUTCSeconds() % 4 === 0)).toBe(true);
  }, 60_000);
});

describe("overlap policies, with runs that outlast the slot", () => {
  it("skip: a slot while its run is going is recorded overlap, naming the run, and starts nothing", async () => {
    const graphId = await api.createGraph(slowGraph("Overlap skip", {}));
    const log = await rt.waitFor(() => fires(graphId, "tick"), (f) => f.some((x) => x.outcome === "overlap") && f.some((x) => x.outcome === "started"), 20_000);
    await pause(graphId, "tick");
    const first = log.find((f) => f.outcome === "started")!;
    const overlap = log.find((f) => f.outcome === "overlap")!;
    expect(overlap.runId).toBe(first.runId);
    expect(overlap.reason).toContain("overlap skip");
    // runs of this trigger never overlap
    const runs = await db().run.findMany({ where: { graphId }, orderBy: { createdAt: "asc" } });
    expect(runs.length).toBe(log.filter((f) => f.outcome === "started").length);
  }, 60_000);

  it("buffer_one: one slot waits and starts when the run ends (its fire recorded buffered, then started); further slots are skipped", async () => {
    const graphId = await api.createGraph(slowGraph("Overlap buffer one", { overlap: "buffer_one" }, 2000));
    const log = await rt.waitFor(
      () => fires(graphId, "tick"),
      (f) => f.some((b) => b.outcome === "buffered" && f.some((s) => s.outcome === "started" && s.dedupeKey === b.dedupeKey)),
      30_000,
    );
    await pause(graphId, "tick");
    const buffered = log.find((b) => b.outcome === "buffered" && log.some((s) => s.outcome === "started" && s.dedupeKey === b.dedupeKey))!;
    const startedLater = log.find((s) => s.outcome === "started" && s.dedupeKey === buffered.dedupeKey)!;
    const blocker = await db().run.findUniqueOrThrow({ where: { id: buffered.runId! } });
    const late = await db().run.findUniqueOrThrow({ where: { id: startedLater.runId! } });
    expect(blocker.endedAt).not.toBeNull();
    expect(late.createdAt.getTime()).toBeGreaterThanOrEqual(blocker.endedAt!.getTime());
    expect(late.input).toEqual({ slot: buffered.dedupeKey });
    expect(log.some((f) => f.outcome === "overlap" && f.reason?.includes("buffer_one"))).toBe(true);
  }, 60_000);

  it("buffer_all: every slot during a run waits its turn and starts when the one before ends, oldest first, one run at a time; none is skipped", async () => {
    const graphId = await api.createGraph(slowGraph("Overlap buffer all", { overlap: "buffer_all", cron: "*/2 * * * * *" }, 3000));
    const startedLate = (f: Awaited<ReturnType<typeof fires>>) => f.filter((b) => b.outcome === "buffered" && f.some((s) => s.outcome === "started" && s.dedupeKey === b.dedupeKey));
    const log = await rt.waitFor(() => fires(graphId, "tick"), (f) => startedLate(f).length >= 2, 45_000);
    await pause(graphId, "tick");
    expect(log.filter((f) => f.outcome === "overlap")).toEqual([]);
    // the buffered slots started in slot order, each with its own slot as input
    const late = startedLate(log).map((b) => log.find((s) => s.outcome === "started" && s.dedupeKey === b.dedupeKey)!);
    const lateRuns = await Promise.all(late.map((f) => db().run.findUniqueOrThrow({ where: { id: f.runId! } })));
    lateRuns.forEach((run, i) => expect(run.input).toEqual({ slot: late[i]!.dedupeKey }));
    const bySlot = [...lateRuns].sort((a, b) => String((a.input as { slot: string }).slot).localeCompare(String((b.input as { slot: string }).slot)));
    expect(bySlot.map((r) => r.id)).toEqual([...lateRuns].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map((r) => r.id));
    // one run at a time: each run of the trigger began after the one before it ended
    const runs = await db().run.findMany({ where: { graphId, createdAt: { lte: lateRuns.at(-1)!.createdAt } }, orderBy: { createdAt: "asc" } });
    for (let i = 1; i < runs.length; i++) expect(runs[i]!.createdAt.getTime()).toBeGreaterThanOrEqual(runs[i - 1]!.endedAt!.getTime());
  }, 90_000);

  it("cancel_other: the next slot cancels the run still going and starts its own", async () => {
    const graphId = await api.createGraph(slowGraph("Overlap cancel", { overlap: "cancel_other", cron: "*/2 * * * * *" }, 10_000));
    const log = await rt.waitFor(() => fires(graphId, "tick"), (f) => f.filter((x) => x.outcome === "started").length >= 2, 20_000);
    await pause(graphId, "tick");
    const [first] = log.filter((x) => x.outcome === "started");
    const cancelled = await db().run.findUniqueOrThrow({ where: { id: first!.runId! } });
    expect(cancelled.status).toBe("cancelled");
  }, 60_000);

  it("allow_all: slots start runs while earlier ones are still going", async () => {
    const graphId = await api.createGraph(slowGraph("Overlap allow", { overlap: "allow_all" }, 3000));
    await rt.waitFor(() => fires(graphId, "tick"), (f) => f.filter((x) => x.outcome === "started").length >= 2, 20_000);
    await pause(graphId, "tick");
    const runs = await db().run.findMany({ where: { graphId }, orderBy: { createdAt: "asc" } });
    // the second run started before the first ended
    expect(runs[1]!.createdAt.getTime()).toBeLessThan((runs[0]!.endedAt ?? new Date()).getTime());
  }, 60_000);
});

describe("catch-up after the chain was lost, and the trigger's health", () => {
  /** a minute schedule whose tick the engine "lost" `minutesAgo` minutes ago: the reconciler re-arms it at the lost slot */
  async function lostChain(name: string, trigger: Record<string, unknown>, minutesAgo: number) {
    const graphId = await api.createGraph({
      name,
      triggers: [{ type: "schedule", id: "tick", cron: "* * * * *", overlap: "allow_all", input: { slot: "{{event.scheduledAt}}" }, ...trigger }],
      nodes: [{ id: "o", type: "output", value: { slot: "{{input.slot}}" } }],
    });
    const now = new Date();
    const lost = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - minutesAgo * 60_000);
    const row = await triggerRow(graphId, "tick");
    await db().trigger.update({ where: { id: row.id }, data: { nextFireAt: lost, lastCheckedAt: null } });
    const report = await reconcileTriggers(now);
    expect(report.rearmed).toContain(row.id);
    const slots = Array.from({ length: minutesAgo + 1 }, (_, i) => new Date(lost.getTime() + i * 60_000).toISOString()).filter((s) => new Date(s) <= now);
    const log = await rt.waitFor(() => fires(graphId, "tick"), (f) => f.length >= slots.length, 20_000);
    // the tick re-armed at the lost slot ends by arming the next slot after now
    const health = await rt.waitFor(() => triggerRow(graphId, "tick"), (r) => (r.nextFireAt?.getTime() ?? 0) > now.getTime(), 20_000);
    expect(health.lastError).toContain(`The tick due at ${lost.toISOString()} had not run`);
    await pause(graphId, "tick");
    return { log, slots, now };
  }
  it("a trigger the engine could not be asked to arm (it was down at the save) is armed by the reconciler, and is healthy again", async () => {
    const graphId = await api.createGraph({
      name: "Armed while the engine was down",
      triggers: [{ type: "schedule", id: "tick", cron: "0 7 * * 1", timezone: "Europe/Berlin" }],
      nodes: [{ id: "o", type: "output", value: 1 }],
    });
    const row = await triggerRow(graphId, "tick");
    // what a failed arm leaves: no tick armed, and why
    await db().trigger.update({ where: { id: row.id }, data: { nextFireAt: null, lastError: `${ARM_FAILED}: connect ECONNREFUSED 127.0.0.1:8288`, lastErrorAt: new Date() } });
    const report = await reconcileTriggers(new Date());
    expect(report.armed).toContain(row.id);
    const armed = await triggerRow(graphId, "tick");
    expect(armed.nextFireAt!.getTime()).toBeGreaterThan(Date.now());
    expect(armed.generation).toBe(row.generation + 1);
    expect(armed.lastError).toBeNull();
    await pause(graphId, "tick");
  }, 60_000);
  const outcomeBySlot = (log: { dedupeKey: string | null; outcome: string }[]) => Object.fromEntries(log.map((f) => [f.dedupeKey, f.outcome]));

  it("skip (default): every slot the scheduler missed is recorded missed, except one still within a minute", async () => {
    const { log, slots, now } = await lostChain("Catch-up skip", {}, 5);
    const bySlot = outcomeBySlot(log);
    for (const slot of slots) expect(bySlot[slot], slot).toBe(now.getTime() - new Date(slot).getTime() <= 60_000 ? "started" : "missed");
    expect(log.find((f) => f.outcome === "missed")!.reason).toContain("late");
  }, 60_000);

  it("latest: the newest slot starts a run, the older ones are missed", async () => {
    const { log, slots } = await lostChain("Catch-up latest", { catchUp: { policy: "latest" } }, 5);
    const bySlot = outcomeBySlot(log);
    expect(slots.map((s) => bySlot[s])).toEqual([...slots.slice(0, -1).map(() => "missed"), "started"]);
  }, 60_000);

  it("all within a window: the slots inside it start runs, oldest first; older ones are missed", async () => {
    const { log, slots, now } = await lostChain("Catch-up all", { catchUp: { policy: "all", window: "3m" } }, 6);
    const bySlot = outcomeBySlot(log);
    for (const slot of slots) expect(bySlot[slot], slot).toBe(now.getTime() - new Date(slot).getTime() <= 180_000 ? "started" : "missed");
  }, 60_000);
});

describe("one slot, many arms: exactly one run", () => {
  it("50 concurrent re-arms of a schedule start one run per slot (older chains exit)", async () => {
    // the 50 armed ticks of one trigger take turns (one decision at a time per trigger): slow under load, never doubled
    const graphId = await api.createGraph({
      name: "Armed fifty times",
      triggers: [{ type: "schedule", id: "tick", cron: "*/2 * * * * *" }],
      nodes: [{ id: "o", type: "output", value: 1 }],
    });
    const row = await triggerRow(graphId, "tick");
    const ctx = await systemContext(tenant.workspace.id);
    const armedAt = Date.now();
    await Promise.all(Array.from({ length: 50 }, () => armTriggers(ctx, [row.id])));
    expect((await triggerRow(graphId, "tick")).generation).toBe(row.generation + 50);
    const log = await rt.waitFor(
      async () => (await fires(graphId, "tick")).filter((f) => f.firedAt.getTime() > armedAt),
      (f) => f.filter((x) => x.outcome === "started").length >= 2,
      45_000,
    );
    await pause(graphId, "tick");
    // a tick in flight when the pause landed records its fire after its run exists: let it land
    const settled = await rt.waitFor(
      async () => ({ all: await fires(graphId, "tick"), runs: await db().run.count({ where: { graphId } }) }),
      (x) => x.runs === x.all.filter((f) => f.outcome === "started").length,
      15_000,
    );
    const started = settled.all.filter((f) => f.outcome === "started");
    expect(started.length, JSON.stringify(settled.all.map((f) => [f.dedupeKey, f.outcome, f.reason]))).toBeGreaterThanOrEqual(2);
    expect(new Set(started.map((f) => f.dedupeKey)).size).toBe(started.length);
    expect(log.length).toBeGreaterThan(0);
  }, 60_000);

  it("50 concurrent ticks of the same slot create exactly one run, and the duplicates get its id", async () => {
    const graphId = await api.createGraph({
      name: "Ticked fifty times",
      triggers: [{ type: "schedule", id: "tick", cron: "0 0 1 1 *" }],
      nodes: [{ id: "o", type: "output", value: 1 }],
    });
    const row = await triggerRow(graphId, "tick");
    const ctx = await systemContext(tenant.workspace.id);
    const slot = new Date(Math.floor(Date.now() / 1000) * 1000);
    const armed = { workspaceId: tenant.workspace.id, triggerId: row.id, generation: row.generation, at: slot.toISOString() };
    const results = await Promise.all(Array.from({ length: 50 }, () => runTick(ctx, armed, { now: new Date(slot.getTime() + 50) }).catch((e: Error) => ({ status: "error", reason: e.message }))));
    expect(results.filter((r) => r.status === "error")).toEqual([]);
    const runs = await db().run.findMany({ where: { graphId } });
    expect(runs).toHaveLength(1);
    const log = await fires(graphId, "tick");
    expect(log.filter((f) => f.outcome === "started")).toHaveLength(1);
    expect(log.every((f) => ["started", "duplicate"].includes(f.outcome) && f.runId === runs[0]!.id && f.dedupeKey === slot.toISOString())).toBe(true);
  }, 90_000);
  it("a tick that reaches its slot a moment early still fires that slot (never passed over unrecorded)", async () => {
    const graphId = await api.createGraph({
      name: "Woken early",
      triggers: [{ type: "schedule", id: "tick", cron: "0 0 1 1 *" }],
      nodes: [{ id: "o", type: "output", value: 1 }],
    });
    const row = await triggerRow(graphId, "tick");
    const ctx = await systemContext(tenant.workspace.id);
    // the clock reads before the armed time, as when a timer ends a millisecond before the wall clock
    const slot = new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000);
    const armed = { workspaceId: tenant.workspace.id, triggerId: row.id, generation: row.generation, at: slot.toISOString() };
    const result = await runTick(ctx, armed);
    expect(result.status).toBe("ticked");
    const log = await fires(graphId, "tick");
    expect(log.map((f) => [f.outcome, f.dedupeKey])).toEqual([["started", slot.toISOString()]]);
    // and the next tick is after it, not the same slot again
    expect(result.status === "ticked" && new Date(result.next!.at).getTime()).toBeGreaterThan(slot.getTime());
  }, 60_000);
});

describe("schedules due at the same instant fire together", () => {
  it("one tick fires every simple schedule due at its time, across workspaces; their own ticks find their slot fired; jitter, paused and busy ones are left to their own ticks", async () => {
    const other = await makeTenant("Schedules Two");
    const otherApi = graphApi(() => other.apiKey.key);
    const never = "0 0 1 1 *"; // armed by hand below, for a slot of this test's choosing
    const make = async (name: string, trigger: Record<string, unknown> = {}, via = api, nap?: string) => {
      const nodes = nap ? [{ id: "nap", type: "wait", sleep: nap }, { id: "o", type: "output", needs: ["nap"], value: "{{input.slot}}" }] : [{ id: "o", type: "output", value: "{{input.slot}}" }];
      const graphId = await via.createGraph({ name, tags: ["nightly", name], triggers: [{ type: "schedule", id: "tick", cron: never, input: { slot: "{{event.scheduledAt}}" }, ...trigger }], nodes });
      return { graphId, row: await triggerRow(graphId, "tick") };
    };
    const simple = [
      ...(await Promise.all(Array.from({ length: 6 }, (_, i) => make(`Together ${i}`, i % 2 ? { overlap: "allow_all" } : {})))),
      ...(await Promise.all(Array.from({ length: 3 }, (_, i) => make(`Together elsewhere ${i}`, {}, otherApi)))),
    ];
    const jittered = await make("Together jittered", { jitter: "30s" });
    const paused = await make("Together paused");
    await pause(paused.graphId, "tick");
    // a skip schedule whose last run is still going: its overlap policy must decide, in its own tick
    const busy = await make("Together busy", {}, api, "60s");
    const going = await api.start(busy.graphId, { input: { slot: "earlier" } });
    await db().run.update({ where: { id: going }, data: { triggerId: busy.row.id } });

    const slot = new Date(Math.floor(Date.now() / 1000) * 1000 + 1000);
    const all = [...simple, jittered, paused, busy];
    await db().trigger.updateMany({ where: { id: { in: all.map((t) => t.row.id) } }, data: { nextFireAt: slot } });
    const armedFor = async (t: { row: { id: string; workspaceId: string } }) => {
      const r = await db().trigger.findUniqueOrThrow({ where: { id: t.row.id } });
      return { workspaceId: r.workspaceId, triggerId: r.id, generation: r.generation, at: slot.toISOString() };
    };
    const leader = simple[0]!;
    const ctxOf = (t: { row: { workspaceId: string } }) => systemContext(t.row.workspaceId);
    expect((await runTick(await ctxOf(leader), await armedFor(leader), { now: new Date(slot.getTime() + 20) })).status).toBe("ticked");

    for (const t of simple) {
      const log = await fires(t.graphId, "tick");
      expect(log.map((f) => [f.outcome, f.dedupeKey, f.intendedAt.toISOString()]), t.row.name).toEqual([["started", slot.toISOString(), slot.toISOString()]]);
      const run = await db().run.findUniqueOrThrow({ where: { id: log[0]!.runId! } });
      expect(run).toMatchObject({ triggerId: t.row.id, input: { slot: slot.toISOString() }, startedBy: "trigger:tick", status: expect.any(String), workspaceId: t.row.workspaceId });
      expect(run.tags).toEqual(["nightly", (await db().graph.findUniqueOrThrow({ where: { id: t.graphId } })).name]);
      expect(run.requestedAt?.toISOString()).toBe(slot.toISOString());
      expect(await db().nodeRun.count({ where: { runId: run.id, workspaceId: t.row.workspaceId } })).toBe(1);
      expect((await db().trigger.findUniqueOrThrow({ where: { id: t.row.id } })).slotClaimedBy).toBe(leader.row.id);
    }
    for (const t of [jittered, paused, busy]) expect(await fires(t.graphId, "tick"), t.graphId).toEqual([]);
    // every run started together is audited like any start
    expect(await db().auditEvent.count({ where: { action: "run.start", targetId: { in: (await db().run.findMany({ where: { graphId: { in: simple.map((t) => t.graphId) } }, select: { id: true } })).map((r) => r.id) } } })).toBe(simple.length);

    // the other ticks of that instant: the simple ones only arm their next tick; busy applies its policy
    for (const t of [...simple.slice(1), busy]) {
      const res = await runTick(await ctxOf(t), await armedFor(t), { now: new Date(slot.getTime() + 40) });
      expect(res.status, t.graphId).toBe("ticked");
    }
    for (const t of simple) expect((await fires(t.graphId, "tick")).length).toBe(1);
    expect(await db().run.count({ where: { graphId: { in: simple.map((t) => t.graphId) } } })).toBe(simple.length);
    expect((await fires(busy.graphId, "tick")).map((f) => [f.outcome, f.runId])).toEqual([["overlap", going]]);
    await cancelRun(await systemContext(tenant.workspace.id), going);

    // a leader whose step is retried after its chain moved on (stale) still fires what it claimed
    const slot2 = new Date(slot.getTime() + 60_000);
    const claimedOnly = simple.slice(1, 3);
    await db().trigger.updateMany({ where: { id: { in: claimedOnly.map((t) => t.row.id) } }, data: { slotClaimedAt: slot2, slotClaimedBy: leader.row.id, nextFireAt: new Date(slot2.getTime() + 60_000) } });
    const stale = { ...(await armedFor(leader)), at: slot2.toISOString(), generation: -1 };
    expect((await runTick(await ctxOf(leader), stale, { now: new Date(slot2.getTime() + 5000) })).status).toBe("exited");
    for (const t of claimedOnly) expect((await fires(t.graphId, "tick")).map((f) => [f.outcome, f.dedupeKey])).toEqual([["started", slot.toISOString()], ["started", slot2.toISOString()]]);
    // and a claimed slot is never fired by its own tick
    expect(await claimSlot(claimedOnly[0]!.row.id, slot2, claimedOnly[0]!.row.id)).toBe(false);
  }, 90_000);
});

describe("many schedules of one second, on the real engine", () => {
  it("20 schedules firing every 5 s: each slot of each fires exactly once, most of them together, within the second", async () => {
    const graphIds = await Promise.all(
      Array.from({ length: 20 }, (_, i) => api.createGraph({ name: `Same second ${i}`, triggers: [{ type: "schedule", id: "tick", cron: "*/5 * * * * *", overlap: "allow_all" }], nodes: [{ id: "o", type: "output", value: i }] })),
    );
    const since = new Date(Date.now() + 2500);
    const log = await rt.waitFor(
      () => db().triggerFire.findMany({ where: { graphId: { in: graphIds }, intendedAt: { gte: since } } }),
      (f) => new Set(f.map((x) => x.intendedAt.getTime())).size >= 2 && graphIds.every((g) => f.filter((x) => x.graphId === g).length >= 2),
      40_000,
    );
    for (const id of graphIds) await db().trigger.updateMany({ where: { graphId: id }, data: { pausedAt: new Date(), enabled: false } });
    // one fire per trigger and slot: never two, whoever fired it
    const perSlot = new Map<string, number>();
    for (const f of log) perSlot.set(`${f.triggerId}@${f.dedupeKey}`, (perSlot.get(`${f.triggerId}@${f.dedupeKey}`) ?? 0) + 1);
    expect([...perSlot.values()].filter((n) => n > 1)).toEqual([]);
    expect(log.every((f) => f.outcome === "started"), JSON.stringify(log.filter((f) => f.outcome !== "started").map((f) => [f.outcome, f.reason]))).toBe(true);
    const lateness = log.map((f) => f.firedAt.getTime() - f.intendedAt.getTime()).sort((a, b) => a - b);
    // the bar is a second (bench/scheduling measures it idle); the shared test machine gets twice that for the median
    expect(lateness[Math.floor(lateness.length / 2)], `lateness ${lateness.join(", ")} ms`).toBeLessThan(2000);
    // the latest slot was claimed together: one tick took on most of the twenty (the first to wake,
    // 2 s before; a tick still busy with the slot before may claim its own)
    const claims = await db().trigger.findMany({ where: { graphId: { in: graphIds } }, select: { slotClaimedBy: true, slotClaimedAt: true } });
    const latest = Math.max(...claims.map((c) => c.slotClaimedAt?.getTime() ?? 0));
    const byClaimer = new Map<string | null, number>();
    for (const c of claims.filter((c) => c.slotClaimedAt?.getTime() === latest)) byClaimer.set(c.slotClaimedBy, (byClaimer.get(c.slotClaimedBy) ?? 0) + 1);
    expect(Math.max(...byClaimer.values()), JSON.stringify([...byClaimer])).toBeGreaterThanOrEqual(10);
  }, 90_000);
});

describe("a batch of run starts", () => {
  it("one start whose input the database refuses does not sink the others: each gets its own answer", async () => {
    const ids = await Promise.all([1, 2, 3].map((i) => api.createGraph({ name: `Batch ${i}`, nodes: [{ id: "o", type: "output", value: i }] })));
    const ctx = await systemContext(tenant.workspace.id);
    const out = await startRuns(ctx, [
      { graphId: ids[0]!, req: { input: { n: 1 }, idempotencyKey: `batch-a-${Date.now()}` } },
      // PostgreSQL's jsonb cannot hold a NUL character
      { graphId: ids[1]!, req: { input: { n: "two\u0000" }, idempotencyKey: `batch-b-${Date.now()}` } },
      { graphId: ids[2]!, req: { input: { n: 3 }, idempotencyKey: `batch-c-${Date.now()}` } },
    ]);
    expect(out.map((o) => o.ok)).toEqual([true, false, true]);
    for (const o of out.filter((x) => x.ok)) expect(o.ok && o.result).toMatchObject({ created: true, admission: "started" });
    expect(await db().run.count({ where: { graphId: { in: ids } } })).toBe(2);
  }, 60_000);
});

describe("a claim taken before the moment", () => {
  it("a schedule claimed by another tick, then paused or edited before the moment, is not fired by it; its own ticks decide", async () => {
    const make = async (name: string) => {
      const graphId = await api.createGraph({ name, triggers: [{ type: "schedule", id: "tick", cron: "0 0 1 1 *" }], nodes: [{ id: "o", type: "output", value: 1 }] });
      return { graphId, row: await triggerRow(graphId, "tick") };
    };
    const [leader, pausedLater, editedLater, kept] = await Promise.all(["Claim leader", "Claim paused", "Claim edited", "Claim kept"].map(make));
    const slot = new Date(Math.floor(Date.now() / 1000) * 1000 + 3000);
    const all = [leader!, pausedLater!, editedLater!, kept!];
    await db().trigger.updateMany({ where: { id: { in: all.map((t) => t.row.id) } }, data: { nextFireAt: slot } });
    // the leader wakes two seconds early and takes on the others
    expect(await claimDueTogether(leader!.row.id, slot, new Date(slot.getTime() - 2000))).toBe(false);
    expect(await claimDueTogether(kept!.row.id, slot, new Date(slot.getTime() - 1900))).toBe(true);
    expect((await pause(pausedLater!.graphId, "tick")).status).toBe(200);
    await api.saveGraph(editedLater!.graphId, { name: "Claim edited", triggers: [{ type: "schedule", id: "tick", cron: "0 0 2 1 *" }], nodes: [{ id: "o", type: "output", value: 1 }] });
    expect(await fireClaimed(leader!.row.id, slot, new Date(slot.getTime() + 10))).toBe(2);
    expect((await fires(leader!.graphId, "tick")).map((f) => f.outcome)).toEqual(["started"]);
    expect((await fires(kept!.graphId, "tick")).map((f) => f.outcome)).toEqual(["started"]);
    expect(await fires(pausedLater!.graphId, "tick")).toEqual([]);
    expect(await fires(editedLater!.graphId, "tick")).toEqual([]);
    expect((await triggerRow(editedLater!.graphId, "tick")).slotClaimedBy).toBeNull();
  }, 60_000);
});

describe("schedules due at the same instant, their ticks all at once", () => {
  it("30 schedules' ticks of one instant, run concurrently: each slot fires exactly once, whoever leads", async () => {
    const made = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const graphId = await api.createGraph({ name: `Race ${i}`, triggers: [{ type: "schedule", id: "tick", cron: "0 0 1 1 *", ...(i % 3 ? {} : { overlap: "allow_all" }) }], nodes: [{ id: "o", type: "output", value: i }] });
        return { graphId, row: await triggerRow(graphId, "tick") };
      }),
    );
    const slot = new Date(Math.floor(Date.now() / 1000) * 1000 + 1000);
    await db().trigger.updateMany({ where: { id: { in: made.map((t) => t.row.id) } }, data: { nextFireAt: slot } });
    const ctx = await systemContext(tenant.workspace.id);
    const results = await Promise.all(
      made.map(async (t) => {
        const r = await db().trigger.findUniqueOrThrow({ where: { id: t.row.id } });
        return runTick(ctx, { workspaceId: r.workspaceId, triggerId: r.id, generation: r.generation, at: slot.toISOString() }, { now: new Date(slot.getTime() + 10) }).catch((e: Error) => ({ status: "error", reason: e.message }));
      }),
    );
    expect(results.filter((r) => r.status !== "ticked")).toEqual([]);
    const log = await db().triggerFire.findMany({ where: { triggerId: { in: made.map((t) => t.row.id) } } });
    expect(log.map((f) => f.outcome).sort()).toEqual(made.map(() => "started"));
    expect(new Set(log.map((f) => f.triggerId)).size).toBe(made.length);
    expect(await db().run.count({ where: { graphId: { in: made.map((t) => t.graphId) } } })).toBe(made.length);
  }, 90_000);
});

describe("templates", () => {
  it("research-report's weekly schedule is armed for Monday 07:00 Berlin when saved, and its slot starts a run with a valid input", async () => {
    const template = getGraphTemplate("research-report")!;
    const graphId = await api.createGraph({ ...template.spec, name: "Weekly research" });
    const row = await triggerRow(graphId, "weekly");
    expect(row.nextFireAt).not.toBeNull();
    const berlin = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Berlin", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(row.nextFireAt!);
    expect(berlin).toBe("Mon 07:00");
    // the slot's tick, as the scheduler runs it (waiting for Monday is not a test)
    const ctx = await systemContext(tenant.workspace.id);
    const trigger = (await db().trigger.findUniqueOrThrow({ where: { id: row.id } })) as unknown as ScheduledTrigger;
    await cronHandler.tick(ctx, trigger, { intendedAt: row.nextFireAt!, now: new Date(row.nextFireAt!.getTime() + 20) });
    const [fire] = await fires(graphId, "weekly");
    expect(fire).toMatchObject({ outcome: "started", dedupeKey: row.nextFireAt!.toISOString() });
    // the run exists, so its input passed the graph's input schema (a mapping that did not would be a recorded error)
    const run = await db().run.findUniqueOrThrow({ where: { id: fire!.runId! } });
    expect(run.input).toEqual({ topic: `AI agent infrastructure: what changed in the week before ${row.nextFireAt!.toISOString()}`, audience: "executives", maxWords: 600 });
  }, 90_000);
});

describe("previews and validation", () => {
  let graphId: string;
  beforeAll(async () => {
    graphId = await api.createGraph({
      name: "Nightly Berlin",
      triggers: [{ type: "event", name: "x" }, { type: "schedule", id: "nightly", cron: "30 2 * * *", timezone: "Europe/Berlin" }],
      nodes: [{ id: "o", type: "output", value: 1 }],
    });
    await pause(graphId, "nightly");
  });
  const preview = (name: string, query = "") => callRoute(previewRoute.GET as never, { key: tenant.apiKey.key, params: { id: graphId, name }, path: `/api/v1/graphs/${graphId}/triggers/${name}/preview${query}` });

  it("a trigger's next fire times, in its zone with the offset and in UTC", async () => {
    const res = await preview("nightly", "?count=3");
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ cron: "30 2 * * *", timezone: "Europe/Berlin", paused: true });
    expect(res.json.times).toHaveLength(3);
    for (const t of res.json.times as { at: string; utc: string }[]) {
      expect(t.at).toMatch(/T02:30:00\+0[12]:00$|T03:30:00\+02:00$/);
      expect(new Date(t.at).getTime()).toBe(new Date(t.utc).getTime());
    }
    expect((await preview("nightly")).json.times).toHaveLength(10);
    const tooMany = await preview("nightly", "?count=51");
    expect(tooMany.status).toBe(422);
    expect(tooMany.text).toContain("count");
    expect((await preview("nope")).status).toBe(404);
    const notSchedule = await preview("event");
    expect(notSchedule.status).toBe(422);
    expect(notSchedule.text).toContain("not a schedule");
  });

  it("a schedule before it is saved: its fire times, or a 4xx naming cron or timezone", async () => {
    const post = (body: unknown, extra: Record<string, unknown> = {}) => callRoute(specPreviewRoute.POST as never, { key: tenant.apiKey.key, ...(typeof body === "string" ? { rawBody: body } : { body }), ...extra });
    const ok = await post({ cron: "30 2 * * *", timezone: "Europe/Berlin", count: 2 });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json.times).toHaveLength(2);
    const cases: [unknown, string][] = [
      [{ cron: "61 * * * *" }, "cron"],
      [{ cron: "0 0 31 2 *" }, "cron"],
      [{ cron: "0 9 * * *", timezone: "Nowhere/City" }, "timezone"],
      [{ cron: "0 9 *\u0000 * *" }, "cron"],
      [{ cron: "0 9 * * \ud800" }, "cron"],
      [{ cron: "x".repeat(201) }, "cron"],
      [{ cron: "* * * * *", count: 1000 }, "count"],
      [{ cron: "* * * * *", extra: 1 }, "extra"],
      [`{"cron":${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}}`, "cron"],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.status, `${field}: ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, field).toBeLessThan(500);
      expect(res.text.toLowerCase(), field).toContain(field);
    }
  });

  it("saving a graph whose schedule cannot run is refused with a 422 naming triggers[i].cron", async () => {
    const res = await callRoute(graphsRoute.POST as never, {
      key: tenant.apiKey.key,
      body: { name: "Never", triggers: [{ type: "schedule", cron: "0 0 30 2 *" }], nodes: [{ id: "o", type: "output", value: 1 }] },
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain("triggers[0].cron");
    expect(res.text).toContain("never fires");
  });
});
