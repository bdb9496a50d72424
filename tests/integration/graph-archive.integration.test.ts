/**
 * Archiving a graph: it leaves the default list, cannot be saved or start runs (409 naming the
 * graph), and keeps its versions, runs and costs. Unarchiving brings it back. Both are audited.
 * Runs go through the real engine on the simulated provider.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { getPrisma } from "../../lib/db/client";
import { makeApiKey, makeTenant } from "../../prisma/factories";
import * as graphsRoute from "../../app/api/v1/graphs/route";
import * as graphRoute from "../../app/api/v1/graphs/[id]/route";
import * as archiveRoute from "../../app/api/v1/graphs/[id]/archive/route";
import * as unarchiveRoute from "../../app/api/v1/graphs/[id]/unarchive/route";
import * as versionRoute from "../../app/api/v1/graphs/[id]/versions/[version]/route";
import * as runsRoute from "../../app/api/v1/graphs/[id]/runs/route";
import * as runRoute from "../../app/api/v1/runs/[id]/route";
import * as runsListRoute from "../../app/api/v1/runs/route";
import * as costsRoute from "../../app/api/v1/costs/route";
import * as auditRoute from "../../app/api/v1/audit/route";

const rt = useRuntime("graph-archive");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
let graphId: string;
let runId: string;
const spec = {
  name: "Quarterly digest",
  nodes: [
    { id: "summarise", type: "agent", model: "sim:fast", prompt: "Summarise {{input.topic}}" },
    { id: "result", type: "output", needs: ["summarise"], value: "{{nodes.summarise.output}}" },
  ],
};

const call = (route: unknown, opts: Parameters<typeof callRoute>[1] = {}) => callRoute(route as never, { key: tenant.apiKey.key, ...opts });
const listed = async (query = "") => ((await call(graphsRoute.GET, { path: `/api/v1/graphs${query}` })).json.graphs as Array<{ id: string; archivedAt: string | null }>).map((g) => g.id);
const graphCosts = async () => {
  const res = await call(costsRoute.GET, { path: `/api/v1/costs?groupBy=graph&from=2020-01-01&to=2100-01-01` });
  expect(res.status, res.text).toBe(200);
  return (res.json.rows as Array<{ key: string; label: string; costUsd: string }>).find((r) => r.key === graphId);
};

beforeAll(async () => {
  tenant = await makeTenant("Archive Co");
  const created = await call(graphsRoute.POST, { body: spec });
  expect(created.status, created.text).toBe(201);
  graphId = created.json.id;
  const started = await call(runsRoute.POST, { params: { id: graphId }, body: { input: { topic: "Q3" } } });
  expect(started.status, started.text).toBe(202);
  runId = started.json.runId;
  await rt.waitForRun(runId, (r) => r.status === "succeeded");
}, 60_000);

describe("archiving a graph", () => {
  it("hides it from the default list, lists it under archived=true, and keeps it readable", async () => {
    const costBefore = await graphCosts();
    expect(Number(costBefore?.costUsd)).toBeGreaterThan(0);

    const archived = await call(archiveRoute.POST, { method: "POST", params: { id: graphId } });
    expect(archived.status, archived.text).toBe(200);
    expect(archived.json).toMatchObject({ id: graphId, name: "Quarterly digest", archivedAt: expect.any(String) });

    expect(await listed()).not.toContain(graphId);
    expect(await listed("?archived=false")).not.toContain(graphId);
    expect(await listed("?archived=true")).toEqual([graphId]);
    const bad = await call(graphsRoute.GET, { path: "/api/v1/graphs?archived=yes" });
    expect(bad.status).toBe(422);
    expect(bad.json.issues[0].path).toBe("archived");

    const detail = await call(graphRoute.GET, { params: { id: graphId } });
    expect(detail.status).toBe(200);
    expect(detail.json.archivedAt).toBe(archived.json.archivedAt);
    expect((await call(versionRoute.GET, { params: { id: graphId, version: "1" } })).status).toBe(200);

    // its runs and costs keep their history
    expect((await call(runRoute.GET, { params: { id: runId } })).json).toMatchObject({ id: runId, status: "succeeded" });
    expect((await call(runsListRoute.GET, { path: `/api/v1/runs?graphId=${graphId}` })).json.runs.map((r: { id: string }) => r.id)).toEqual([runId]);
    expect(await graphCosts()).toEqual(costBefore);
  });

  it("refuses to start a run or save a version (409 naming the graph), and creates nothing", async () => {
    const runs = await getPrisma().run.count({ where: { graphId } });
    const start = await call(runsRoute.POST, { params: { id: graphId }, body: { input: { topic: "Q4" } } });
    expect(start.status, start.text).toBe(409);
    expect(start.json).toMatchObject({ code: "conflict", error: expect.stringContaining('"Quarterly digest" is archived') });
    expect(await getPrisma().run.count({ where: { graphId } })).toBe(runs);

    const save = await call(graphRoute.PUT, { method: "PUT", params: { id: graphId }, body: { ...spec, description: "edited" } });
    expect(save.status, save.text).toBe(409);
    expect(save.json.error).toContain('"Quarterly digest" is archived');
    expect((await getPrisma().graph.findUniqueOrThrow({ where: { id: graphId } })).latestVersion).toBe(1);
  });

  it("unarchives: listed, editable and runnable again; each change is audited once", async () => {
    // archiving twice is one change
    expect((await call(graphRoute.DELETE, { method: "DELETE", params: { id: graphId } })).status).toBe(200);
    const back = await call(unarchiveRoute.POST, { method: "POST", params: { id: graphId } });
    expect(back.status, back.text).toBe(200);
    expect(back.json.archivedAt).toBeNull();
    expect(await listed()).toContain(graphId);

    const started = await call(runsRoute.POST, { params: { id: graphId }, body: { input: { topic: "Q4" } } });
    expect(started.status, started.text).toBe(202);
    await rt.waitForRun(started.json.runId, (r) => r.status === "succeeded");
    const saved = await call(graphRoute.PUT, { method: "PUT", params: { id: graphId }, body: { ...spec, description: "edited" } });
    expect(saved.json).toMatchObject({ version: 2, unchanged: false });

    const audit = await call(auditRoute.GET, { path: "/api/v1/audit?limit=100" });
    expect(audit.status, audit.text).toBe(200);
    const events = (audit.json.events as Array<{ action: string; targetId: string }>).filter((e) => e.targetId === graphId && /^graph\.(un)?archived$/.test(e.action));
    expect(events.map((e) => e.action).sort()).toEqual(["graph.archived", "graph.unarchived"]);
  });

  it("DELETE archives; a viewer may not, and another workspace's graph is not found", async () => {
    const viewer = await makeApiKey(tenant.workspace.id, "viewer");
    expect((await callRoute(graphRoute.DELETE as never, { key: viewer.key, method: "DELETE", params: { id: graphId } })).status).toBe(403);
    const other = await makeTenant("Elsewhere");
    const foreign = await callRoute(archiveRoute.POST as never, { key: other.apiKey.key, method: "POST", params: { id: graphId } });
    expect(foreign.status).toBe(404);
    expect((await getPrisma().graph.findUniqueOrThrow({ where: { id: graphId } })).archivedAt).toBeNull();

    const deleted = await call(graphRoute.DELETE, { method: "DELETE", params: { id: graphId } });
    expect(deleted.status, deleted.text).toBe(200);
    expect(deleted.json.archivedAt).toEqual(expect.any(String));
    expect(await getPrisma().graphVersion.count({ where: { graphId } })).toBe(2);
  });
});

describe("an archived graph's triggers", () => {
  it("stop while it is archived — its schedule is not re-armed by the reconciler, its events start nothing — and come back armed when it is unarchived, keeping their own pause", async () => {
    const { reconcileTriggers } = await import("../../lib/scheduler/reconcile-triggers");
    const created = await call(graphsRoute.POST, {
      body: {
        ...spec,
        name: "Nightly digest",
        triggers: [
          { type: "schedule", id: "nightly", cron: "0 3 * * *", timezone: "Europe/Berlin", input: { topic: "night" } },
          { type: "event", id: "asked", name: "digest.asked" },
        ],
      },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.json.id as string;
    const triggers = () => getPrisma().trigger.findMany({ where: { graphId: id }, orderBy: { name: "asc" } });
    expect((await triggers()).map((t) => [t.name, t.enabled, t.nextFireAt !== null])).toEqual([
      ["asked", true, false],
      ["nightly", true, true],
    ]);

    expect((await call(archiveRoute.POST, { method: "POST", params: { id } })).status).toBe(200);
    expect((await triggers()).map((t) => t.enabled)).toEqual([false, false]);
    // the reconciler does not bring a stopped schedule back, even when its tick looks lost
    await getPrisma().trigger.updateMany({ where: { graphId: id, name: "nightly" }, data: { nextFireAt: new Date(Date.now() - 3_600_000), lastCheckedAt: null } });
    const report = await reconcileTriggers();
    const nightly = (await triggers()).find((t) => t.name === "nightly")!;
    expect([...report.rearmed, ...report.armed]).not.toContain(nightly.id);

    const generation = nightly.generation;
    expect((await call(unarchiveRoute.POST, { method: "POST", params: { id } })).status).toBe(200);
    const back = await triggers();
    expect(back.map((t) => t.enabled)).toEqual([true, true]);
    const rearmed = back.find((t) => t.name === "nightly")!;
    expect(rearmed.generation).toBeGreaterThan(generation);
    expect(rearmed.nextFireAt!.getTime()).toBeGreaterThan(Date.now());
  });
});
