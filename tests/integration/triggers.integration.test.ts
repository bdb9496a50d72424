/**
 * Triggers that start graphs: a workspace event (`POST /api/v1/events`) and another graph's
 * run ending (`graph_completed`), with conditions, dedupe, pause and the fire log — through
 * the route handlers, on the real engine and database.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { graphApi } from "../graph-api";
import { getPrisma } from "../../lib/db/client";
import { makeTenant } from "../../prisma/factories";
import * as eventsRoute from "../../app/api/v1/events/route";
import * as graphsRoute from "../../app/api/v1/graphs/route";
import * as graphRoute from "../../app/api/v1/graphs/[id]/route";
import * as triggersRoute from "../../app/api/v1/graphs/[id]/triggers/route";
import * as pauseRoute from "../../app/api/v1/graphs/[id]/triggers/[name]/pause/route";
import * as resumeRoute from "../../app/api/v1/graphs/[id]/triggers/[name]/resume/route";
import * as firesRoute from "../../app/api/v1/graphs/[id]/triggers/[name]/fires/route";
import * as schedulesRoute from "../../app/api/v1/schedules/route";

const rt = useRuntime("triggers");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
beforeAll(async () => {
  tenant = await makeTenant("Triggers Co");
});
const api = graphApi(() => tenant.apiKey.key);
const ended = (r: { status: string }) => ["succeeded", "failed", "cancelled"].includes(r.status);

async function sendEvent(body: unknown) {
  const res = await callRoute(eventsRoute.POST as never, { key: tenant.apiKey.key, body });
  expect(res.status, res.text).toBe(202);
  return res.json as { eventId: string; runs: { trigger: string; graphId: string; outcome: string; runId: string | null; reason: string | null }[] };
}
const fires = async (graphId: string, name: string) =>
  (await callRoute(firesRoute.GET as never, { key: tenant.apiKey.key, params: { id: graphId, name } })).json.data as { outcome: string; runId: string | null; dedupeKey: string; reason: string | null }[];

describe("event triggers", () => {
  let graphId: string;
  beforeAll(async () => {
    graphId = await api.createGraph({
      name: "On order",
      input: { type: "object", properties: { orderId: { type: "string" }, total: { type: "number" } }, required: ["orderId"] },
      triggers: [{ type: "event", id: "big-order", name: "order.created", when: "event.data.total > 10.0" }],
      nodes: [{ id: "ack", type: "output", value: { order: "{{input.orderId}}", total: "{{input.total}}" } }],
    });
  });

  it("starts the graph when a matching event arrives, with the event's data as input; the same id starts it once", async () => {
    const first = await sendEvent({ name: "order.created", data: { orderId: "O-1", total: 50 }, id: "evt-o-1" });
    expect(first.runs).toEqual([expect.objectContaining({ trigger: "big-order", graphId, outcome: "started" })]);
    const runId = first.runs[0]!.runId!;
    const run = await rt.waitForRun(runId, ended);
    expect(run.status).toBe("succeeded");
    expect(run.output).toEqual({ order: "O-1", total: 50 });
    expect(run.triggerId).toBeTruthy();
    const again = await sendEvent({ name: "order.created", data: { orderId: "O-1", total: 50 }, id: "evt-o-1" });
    expect(again.runs).toEqual([expect.objectContaining({ outcome: "duplicate", runId })]);
    const small = await sendEvent({ name: "order.created", data: { orderId: "O-2", total: 5 } });
    expect(small.runs).toEqual([expect.objectContaining({ outcome: "condition_false", runId: null })]);
    const other = await sendEvent({ name: "order.deleted", data: { orderId: "O-1", total: 50 } });
    expect(other.runs).toEqual([]);
    expect((await fires(graphId, "big-order")).map((f) => f.outcome)).toEqual(["condition_false", "duplicate", "started"]);
  });

  it("50 concurrent deliveries of one event create exactly one run, and every duplicate gets its id", async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => sendEvent({ name: "order.created", data: { orderId: "O-50", total: 99 }, id: "evt-o-50" })));
    const runIds = new Set(results.map((r) => r.runs[0]!.runId));
    expect(runIds.size).toBe(1);
    expect(results.filter((r) => r.runs[0]!.outcome === "started")).toHaveLength(1);
    expect(await getPrisma().run.count({ where: { graphId, input: { path: ["orderId"], equals: "O-50" } } })).toBe(1);
  });

  it("a paused trigger records its fires as paused and starts nothing until resumed", async () => {
    const paused = await callRoute(pauseRoute.POST as never, { key: tenant.apiKey.key, params: { id: graphId, name: "big-order" } });
    expect(paused.status, paused.text).toBe(200);
    const listed = await callRoute(triggersRoute.GET as never, { key: tenant.apiKey.key, params: { id: graphId } });
    expect(listed.json.data).toEqual([expect.objectContaining({ name: "big-order", type: "event", paused: true })]);
    expect((await sendEvent({ name: "order.created", data: { orderId: "O-3", total: 20 } })).runs).toEqual([expect.objectContaining({ outcome: "paused", runId: null })]);
    await callRoute(resumeRoute.POST as never, { key: tenant.apiKey.key, params: { id: graphId, name: "big-order" } });
    expect((await sendEvent({ name: "order.created", data: { orderId: "O-3", total: 20 } })).runs).toEqual([expect.objectContaining({ outcome: "started" })]);
    const missing = await callRoute(pauseRoute.POST as never, { key: tenant.apiKey.key, params: { id: graphId, name: "nope" } });
    expect(missing.status).toBe(404);
  });

  it("a payload that does not match the graph's input schema is a recorded error, not a run", async () => {
    const res = await sendEvent({ name: "order.created", data: { total: 20 } });
    expect(res.runs).toEqual([expect.objectContaining({ outcome: "error", runId: null })]);
    expect(res.runs[0]!.reason).toContain("orderId");
  });
});

describe("bad input on events", () => {
  it("answers 4xx naming the field, never a 500: deep data, NUL, a huge id, a product event name, not JSON", async () => {
    const post = (body: unknown) => callRoute(eventsRoute.POST as never, { key: tenant.apiKey.key, ...(typeof body === "string" ? { rawBody: body } : { body }) });
    const deep = `{"name":"order.created","data":${'{"d":'.repeat(20_000)}1${"}".repeat(20_000)}}`;
    const cases: [unknown, string][] = [
      [deep, "data"],
      [{ name: "order\u0000created", data: {} }, "name"],
      [{ name: "order.created", data: {}, id: "x".repeat(201) }, "id"],
      [{ name: "switchyard/run.finished", data: {} }, "name"],
      [{ name: "order.created", data: [1, 2] }, "data"],
      [{ name: "order.created", extra: true }, "extra"],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.status, `${field}: ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, field).toBeLessThan(500);
      expect(res.text.toLowerCase(), field).toContain(field);
    }
  });
});

describe("graph_completed triggers", () => {
  it("a run of one graph ending starts the graphs that follow it, with its output as their input", async () => {
    const sourceId = await api.createGraph({ name: "Source", nodes: [{ id: "out", type: "output", value: { ok: "{{input.ok}}", id: "{{input.id}}" } }] });
    const followerId = await api.createGraph({
      name: "Follower",
      triggers: [{ type: "graph_completed", graph: "Source", status: "succeeded", when: "event.run.output.ok == true" }],
      nodes: [{ id: "echo", type: "output", value: { followed: "{{input.id}}" } }],
    });
    const passing = await api.start(sourceId, { input: { ok: true, id: "S-1" } });
    await rt.waitForRun(passing, ended);
    const follower = await rt.waitFor(
      () => getPrisma().run.findFirst({ where: { graphId: followerId }, include: { nodeRuns: true } }),
      (r) => !!r && ended(r),
      30_000,
    );
    expect(follower!.output).toEqual({ followed: "S-1" });
    const blocked = await api.start(sourceId, { input: { ok: false, id: "S-2" } });
    await rt.waitForRun(blocked, ended);
    await rt.waitFor(() => fires(followerId, "graph_completed"), (f) => f.length === 2, 30_000);
    const log = await fires(followerId, "graph_completed");
    expect(log.map((f) => [f.outcome, f.dedupeKey])).toEqual([
      ["condition_false", blocked],
      ["started", passing],
    ]);
    expect(log[1]!.runId).toBe(follower!.id);
    // the link shows from both ends: the follower's trigger names its source, and the source lists what it starts
    const follows = await callRoute(schedulesRoute.GET as never, { key: tenant.apiKey.key, path: `/api/v1/schedules?follows=${sourceId}` });
    expect(follows.status, follows.text).toBe(200);
    const starts = (follows.json as { schedules: { graphId: string; name: string; source: { summary: string } }[] }).schedules;
    expect(starts.map((s) => [s.graphId, s.name])).toEqual([[followerId, "graph_completed"]]);
    expect(starts[0]!.source.summary).toContain("Source");
    const none = await callRoute(schedulesRoute.GET as never, { key: tenant.apiKey.key, path: `/api/v1/schedules?follows=${followerId}` });
    expect((none.json as { schedules: unknown[] }).schedules).toEqual([]);
  });

  it("refuses a trigger that would make graphs start each other in a loop, naming the loop", async () => {
    await api.createGraph({ name: "Loop A", nodes: [{ id: "o", type: "output", value: 1 }] });
    const b = await api.createGraph({ name: "Loop B", triggers: [{ type: "graph_completed", graph: "Loop A" }], nodes: [{ id: "o", type: "output", value: 2 }] });
    expect(b).toBeTruthy();
    const a = (await getPrisma().graph.findFirstOrThrow({ where: { name: "Loop A", workspaceId: tenant.workspace.id } })).id;
    const res = await callRoute(graphRoute.PUT as never, {
      key: tenant.apiKey.key,
      method: "PUT",
      params: { id: a },
      body: { spec: { name: "Loop A", triggers: [{ type: "graph_completed", graph: "Loop B" }], nodes: [{ id: "o", type: "output", value: 1 }] } },
    });
    expect(res.status, res.text).toBe(422);
    expect(res.text).toContain("Loop A → Loop B → Loop A");
    const self = await callRoute(graphsRoute.POST as never, { key: tenant.apiKey.key, body: { name: "Selfish", triggers: [{ type: "graph_completed", graph: "Selfish" }], nodes: [{ id: "o", type: "output", value: 1 }] } });
    expect(self.status).toBe(422);
  });
});
