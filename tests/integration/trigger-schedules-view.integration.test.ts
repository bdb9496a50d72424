/**
 * The scheduler's view (`/api/v1/schedules`): every trigger of the workspace with its next fire
 * times, health, last fire and lateness; its fires with the "did not become a run" filter;
 * pause and resume by id; and the runs list naming the trigger fire that started a run —
 * through the route handlers, on the real engine and database.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { graphApi } from "../graph-api";
import { getPrisma } from "../../lib/db/client";
import { newId } from "../../lib/ids";
import { makeTenant } from "../../prisma/factories";
import * as eventsRoute from "../../app/api/v1/events/route";
import * as runsRoute from "../../app/api/v1/runs/route";
import * as schedulesRoute from "../../app/api/v1/schedules/route";
import * as scheduleRoute from "../../app/api/v1/schedules/[triggerId]/route";
import * as firesRoute from "../../app/api/v1/schedules/[triggerId]/fires/route";
import * as pauseRoute from "../../app/api/v1/schedules/[triggerId]/pause/route";
import * as resumeRoute from "../../app/api/v1/schedules/[triggerId]/resume/route";

const rt = useRuntime("trigger-schedules-view");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
let other: Awaited<ReturnType<typeof makeTenant>>;
const api = graphApi(() => tenant.apiKey.key);

type View = {
  id: string;
  name: string;
  type: string;
  graphId: string | null;
  graphName: string | null;
  source: { summary: string; value?: string };
  paused: boolean;
  nextFireTimes: string[];
  health: { status: string; lastError: string | null };
  lastFire: { id: string; outcome: string; runId: string | null } | null;
  lastDay: Record<string, number>;
  lateness: { p50Ms: number | null; p99Ms: number | null; samples: number };
};
type Fire = { id: string; outcome: string; runId: string | null; runStatus: string | null; lateMs: number; dedupeKey: string | null; reason: string | null };

const list = async (query = "") => {
  const res = await callRoute(schedulesRoute.GET as never, { key: tenant.apiKey.key, path: `/api/v1/schedules${query}` });
  expect(res.status, res.text).toBe(200);
  return res.json.schedules as View[];
};
const firesOf = async (triggerId: string, query = "") => callRoute(firesRoute.GET as never, { key: tenant.apiKey.key, params: { triggerId }, path: `/api/v1/schedules/${triggerId}/fires${query}` });

let graphId: string;
let byName: Map<string, View>;
let reportId: string;

beforeAll(async () => {
  tenant = await makeTenant("Schedules Co");
  other = await makeTenant("Elsewhere Ltd");
  graphId = await api.createGraph({
    name: "Nightly digest",
    input: { type: "object", properties: { orderId: { type: "string" } } },
    triggers: [
      { type: "schedule", id: "weekday-morning", cron: "0 9 * * 1-5", timezone: "Europe/Paris" },
      { type: "event", id: "on-order", name: "order.placed", when: "event.data.total > 10.0" },
      { type: "webhook", id: "crm", path: "crm/updates" },
      { type: "api", id: "manual" },
    ],
    nodes: [{ id: "done", type: "output", value: { order: "{{input.orderId}}" } }],
  });
  // a finance cost report: a Trigger row without a graph, on the same scheduler
  reportId = newId("trigger");
  await getPrisma().trigger.create({
    data: { id: reportId, workspaceId: tenant.workspace.id, graphId: null, type: "report", name: "month-end-costs", config: { schedule: { cron: "0 6 1 * *", timezone: "UTC" }, report: "cost-by-customer" } },
  });
  byName = new Map((await list()).map((v) => [v.name, v]));
});

describe("GET /api/v1/schedules", () => {
  it("lists every trigger of the workspace, every kind, a cost report without a graph too", async () => {
    expect([...byName.keys()].sort()).toEqual(["crm", "manual", "month-end-costs", "on-order", "weekday-morning"]);
    expect(byName.get("on-order")).toMatchObject({ type: "event", graphId, graphName: "Nightly digest", paused: false, source: { summary: "Event order.placed", value: "order.placed" } });
    expect(byName.get("month-end-costs")).toMatchObject({ type: "report", graphId: null, graphName: null });
    expect(byName.get("crm")!.source.value).toMatch(new RegExp(`/api/v1/hooks/${tenant.workspace.slug}/crm/updates$`));
    expect(byName.get("weekday-morning")!.source.summary).toBe("At 09:00, Monday through Friday (Europe/Paris)");
    // another workspace sees none of them
    const theirs = await callRoute(schedulesRoute.GET as never, { key: other.apiKey.key, path: "/api/v1/schedules" });
    expect(theirs.json.schedules).toEqual([]);
  });

  it("gives a schedule's next fire times in its own zone, and a report's from its cron", async () => {
    const next = (await list("?count=5")).find((v) => v.name === "weekday-morning")!.nextFireTimes;
    expect(next).toHaveLength(5);
    const paris = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", weekday: "short", hour: "2-digit", minute: "2-digit", hour12: false });
    for (const t of next) {
      expect(new Date(t).getTime()).toBeGreaterThan(Date.now());
      const text = paris.format(new Date(t));
      expect(text).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 09:00$/);
    }
    const report = byName.get("month-end-costs")!.nextFireTimes;
    expect(report).toHaveLength(3);
    for (const t of report) expect(new Date(t).toISOString()).toMatch(/-01T06:00:00\.000Z$/);
    // kinds that do not act on time have none
    expect(byName.get("on-order")!.nextFireTimes).toEqual([]);
  });

  it("says how each trigger is doing: failing after an error, overdue when its armed tick is long past, not armed without one", async () => {
    const db = getPrisma();
    const hook = byName.get("crm")!;
    const cron = byName.get("weekday-morning")!;
    const health = async () => new Map((await list()).map((v) => [v.name, v.health]));
    expect((await health()).get("crm")).toMatchObject({ status: "healthy", lastError: null });
    await db.trigger.update({ where: { id: cron.id }, data: { nextFireAt: null } });
    expect((await health()).get("weekday-morning")).toMatchObject({ status: "unarmed" });
    await db.trigger.update({ where: { id: hook.id }, data: { lastCheckedAt: new Date(Date.now() - 60_000), lastError: "signature mismatch on 3 deliveries", lastErrorAt: new Date() } });
    await db.trigger.update({ where: { id: cron.id }, data: { nextFireAt: new Date(Date.now() - 10 * 60_000) } });
    let now = await health();
    expect(now.get("crm")).toMatchObject({ status: "failing", lastError: "signature mismatch on 3 deliveries" });
    expect(now.get("weekday-morning")).toMatchObject({ status: "overdue" });
    // a later successful check clears it; a tick armed in the future is healthy
    await db.trigger.update({ where: { id: hook.id }, data: { lastCheckedAt: new Date(Date.now() + 1000) } });
    await db.trigger.update({ where: { id: cron.id }, data: { nextFireAt: new Date(Date.now() + 3600_000) } });
    now = await health();
    expect(now.get("crm")!.status).toBe("healthy");
    expect(now.get("weekday-morning")!.status).toBe("healthy");
  });

  it("measures lateness (fired − intended) at p50 and p99 over the latest 200 fires, missed slots left out", async () => {
    const trigger = byName.get("weekday-morning")!;
    const db = getPrisma();
    const base = Date.now() - 3600_000;
    const fire = (i: number, lateMs: number, outcome = "started") => {
      const intendedAt = new Date(base + i * 1000);
      return { id: newId("triggerFire"), workspaceId: tenant.workspace.id, graphId, triggerId: trigger.id, triggerName: trigger.name, type: "schedule" as const, intendedAt, firedAt: new Date(intendedAt.getTime() + lateMs), dedupeKey: intendedAt.toISOString(), outcome };
    };
    // 50 old fires an hour late (outside the window of the latest 200), then 200 fires 1..200 ms late, and a slot missed by a day
    await db.triggerFire.createMany({ data: Array.from({ length: 50 }, (_, i) => fire(i, 3600_000)) });
    await db.triggerFire.createMany({ data: Array.from({ length: 200 }, (_, i) => fire(4000 + i, i + 1, i % 10 === 0 ? "overlap" : "started")) });
    await db.triggerFire.create({ data: { ...fire(5000, 86_400_000, "missed") } });
    const view = (await list()).find((v) => v.id === trigger.id)!;
    expect(view.lateness.samples).toBe(200);
    expect(view.lateness.p50Ms).toBe(101); // percentile_cont(0.5) of 1..200 = 100.5
    expect(view.lateness.p99Ms).toBe(198); // 198.01
    expect(view.lastFire).toMatchObject({ outcome: "missed" });
    expect(view.lastDay).toEqual({ started: 230, overlap: 20, missed: 1 }); // every fire of the last day counts, old ones too
  });
});

describe("fires, and the runs list", () => {
  let runId: string;
  let startedFire: string;
  const trigger = () => byName.get("on-order")!;

  beforeAll(async () => {
    const send = async (body: unknown) => {
      const res = await callRoute(eventsRoute.POST as never, { key: tenant.apiKey.key, body });
      expect(res.status, res.text).toBe(202);
      return res.json.runs as { outcome: string; runId: string | null }[];
    };
    const [first] = await send({ name: "order.placed", data: { orderId: "O-7", total: 40 }, id: "evt-7" });
    runId = first!.runId!;
    await send({ name: "order.placed", data: { orderId: "O-7", total: 40 }, id: "evt-7" }); // duplicate
    await send({ name: "order.placed", data: { orderId: "O-8", total: 2 }, id: "evt-8" }); // condition false
    await rt.waitForRun(runId, (r) => r.status === "succeeded");
  });

  it("lists a trigger's fires newest first with the run they started and its status", async () => {
    const res = await firesOf(trigger().id);
    expect(res.status, res.text).toBe(200);
    const fires = res.json.data as Fire[];
    expect(fires.map((f) => f.outcome)).toEqual(["condition_false", "duplicate", "started"]);
    expect(fires[2]).toMatchObject({ runId, runStatus: "succeeded", dedupeKey: "evt-7" });
    expect(fires[0]!.reason).toMatch(/total > 10/);
    startedFire = fires[2]!.id;
  });

  it("filters the fires that did not become a run, pages with a cursor, and starts a page at one fire", async () => {
    const notStarted = (await firesOf(trigger().id, "?outcome=not_started")).json.data as Fire[];
    expect(notStarted.map((f) => f.outcome)).toEqual(["condition_false"]);
    const first = (await firesOf(trigger().id, "?limit=2")).json;
    expect(first.data).toHaveLength(2);
    const second = (await firesOf(trigger().id, `?limit=2&cursor=${first.nextCursor}`)).json;
    expect((second.data as Fire[]).map((f) => f.outcome)).toEqual(["started"]);
    expect(second.nextCursor).toBeNull();
    const at = (await firesOf(trigger().id, `?at=${startedFire}`)).json.data as Fire[];
    expect(at.map((f) => f.id)).toEqual([startedFire]);
  });

  it("answers bad parameters with a 4xx naming them", async () => {
    const outcome = await firesOf(trigger().id, "?outcome=exploded");
    expect(outcome.status).toBe(422);
    expect(outcome.text).toContain("outcome");
    const cursor = await firesOf(trigger().id, "?cursor=%27%3Bdrop");
    expect(cursor.status).toBe(400);
    expect(cursor.text).toContain("cursor");
    const count = await callRoute(schedulesRoute.GET as never, { key: tenant.apiKey.key, path: "/api/v1/schedules?count=5000" });
    expect(count.status).toBe(422);
    expect(count.text).toContain("count");
    const nul = await firesOf("trg_\u0000x");
    expect(nul.status).toBe(400);
    const huge = await firesOf(`trg_${"9".repeat(500)}`);
    expect(huge.status).toBe(400);
    expect((await firesOf("trg_doesnotexist")).status).toBe(404);
  });

  it("shows on the runs list what started each run, and the fire to link to", async () => {
    const manual = await api.start(graphId, { input: { orderId: "M-1" } });
    const res = await callRoute(runsRoute.GET as never, { key: tenant.apiKey.key, path: `/api/v1/runs?graphId=${graphId}` });
    expect(res.status, res.text).toBe(200);
    const runs = new Map((res.json.runs as { id: string; trigger: unknown; startedBy: unknown }[]).map((r) => [r.id, r]));
    expect(runs.get(runId)).toMatchObject({ trigger: { id: trigger().id, name: "on-order", type: "event", fireId: startedFire }, startedBy: { kind: "trigger", label: "Trigger on-order" } });
    expect(runs.get(manual)).toMatchObject({ trigger: null, startedBy: { kind: "apiKey" } });
    expect((runs.get(manual)!.startedBy as { label: string }).label).toMatch(/^API key “.+”$/);
  });
});

describe("pause and resume by trigger id", () => {
  it("pauses a schedule (no next fire times, health paused), resumes it, and audits both", async () => {
    const id = byName.get("weekday-morning")!.id;
    const paused = await callRoute(pauseRoute.POST as never, { key: tenant.apiKey.key, params: { triggerId: id } });
    expect(paused.status, paused.text).toBe(200);
    expect(paused.json).toEqual({ id, name: "weekday-morning", paused: true });
    const view = (await callRoute(scheduleRoute.GET as never, { key: tenant.apiKey.key, params: { triggerId: id } })).json as View;
    expect(view).toMatchObject({ paused: true, nextFireTimes: [], health: { status: "paused" } });
    const resumed = await callRoute(resumeRoute.POST as never, { key: tenant.apiKey.key, params: { triggerId: id } });
    expect(resumed.json).toEqual({ id, name: "weekday-morning", paused: false });
    const after = (await callRoute(scheduleRoute.GET as never, { key: tenant.apiKey.key, params: { triggerId: id } })).json as View;
    expect(after.paused).toBe(false);
    expect(after.nextFireTimes).toHaveLength(5);
    const audit = await getPrisma().auditEvent.findMany({ where: { workspaceId: tenant.workspace.id, targetId: id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["trigger.paused", "trigger.resumed"]);
  });

  it("pauses a cost report too, refuses an api trigger, and cannot reach another workspace's trigger", async () => {
    const report = await callRoute(pauseRoute.POST as never, { key: tenant.apiKey.key, params: { triggerId: reportId } });
    expect(report.status, report.text).toBe(200);
    const api = await callRoute(pauseRoute.POST as never, { key: tenant.apiKey.key, params: { triggerId: byName.get("manual")!.id } });
    expect(api.status).toBe(422);
    const cross = await callRoute(pauseRoute.POST as never, { key: other.apiKey.key, params: { triggerId: reportId } });
    expect(cross.status).toBe(404);
    expect((await getPrisma().trigger.findUniqueOrThrow({ where: { id: reportId } })).pausedAt).not.toBeNull();
  });
});
