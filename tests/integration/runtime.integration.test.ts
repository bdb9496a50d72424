import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpStub, useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { graphApi } from "../graph-api";
import { getPrisma } from "../../lib/db/client";
import { makeApiKey, makeTenant } from "../../prisma/factories";
import * as graphsRoute from "../../app/api/v1/graphs/route";
import * as graphRoute from "../../app/api/v1/graphs/[id]/route";
import * as runsRoute from "../../app/api/v1/graphs/[id]/runs/route";
import * as runRoute from "../../app/api/v1/runs/[id]/route";
import * as cancelRoute from "../../app/api/v1/runs/[id]/cancel/route";
import * as rerunRoute from "../../app/api/v1/runs/[id]/rerun/route";
import * as migrateRoute from "../../app/api/v1/runs/[id]/migrate/route";
import * as approvalsRoute from "../../app/api/v1/approvals/route";
import * as decisionRoute from "../../app/api/v1/approvals/[id]/decision/route";

const rt = useRuntime("runtime");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
let vendor: Awaited<ReturnType<typeof startHttpStub>>;
type StubReply = { status?: number; json?: unknown; delayMs?: number };
let vendorBehaviour: (id: string) => StubReply | Promise<StubReply> = () => ({ json: { ok: true } });

beforeAll(async () => {
  tenant = await makeTenant("Runtime Co");
  vendor = await startHttpStub(async (req) => vendorBehaviour(req.url ?? ""));
});
afterAll(async () => vendor?.close());

const api = graphApi(() => tenant.apiKey.key);
const { createGraph, getRun, start } = api;

const node = (run: { nodes: { nodeId: string }[] }, id: string) => run.nodes.find((n) => n.nodeId === id) as any;

describe("graphs and versions", () => {
  it("refuses an invalid spec with issues naming node and field", async () => {
    const res = await callRoute(graphsRoute.POST as never, {
      key: tenant.apiKey.key,
      body: { name: "Broken", nodes: [{ id: "vendor", type: "output", value: 1 }, { id: "pricing", type: "output", value: 2, needs: ["vendr"] }] },
    });
    expect(res.status).toBe(422);
    expect(res.json.issues[0].message).toBe('nodes[1] (pricing).needs: unknown node "vendr" — did you mean "vendor"?');
  });

  it("saving creates immutable versions; identical content creates none", async () => {
    const spec = { name: "Versioned", nodes: [{ id: "out", type: "output", value: "v1" }] };
    const id = await createGraph(spec);
    const same = await callRoute(graphRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { id }, body: spec });
    expect(same.json).toMatchObject({ version: 1, unchanged: true });
    const v2 = await callRoute(graphRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { id }, body: { spec: { ...spec, nodes: [{ id: "out", type: "output", value: "v2" }] }, message: "second" } });
    expect(v2.json).toMatchObject({ version: 2, unchanged: false });
    const got = await callRoute(graphRoute.GET as never, { key: tenant.apiKey.key, params: { id } });
    expect(got.json.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(got.json.spec.nodes[0].value).toBe("v2");
  });
});

describe("running graphs through the engine", () => {
  it("runs a DAG: parallel branches, a join, templates, HTTP tool, router skipping a branch, output", async () => {
    // the slow vendor answers only once the test lets it: if the engine held the fast branch
    // back until the slow one finished, quoteSeen could never succeed first and the test would time out
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    vendorBehaviour = async (url) => (url.includes("slow") ? (await held, { json: { verified: true, vendor: "ACME" } }) : { json: { price: 120 } });
    const graphId = await createGraph({
      name: "Join and route",
      input: { type: "object", required: ["supplier"], properties: { supplier: { type: "string" } } },
      customerKey: "{{input.supplier}}",
      nodes: [
        { id: "vendor", type: "tool", tool: { kind: "http", method: "GET", url: `${vendor.url}/slow/{{input.supplier}}` } },
        { id: "quote", type: "tool", tool: { kind: "http", method: "POST", url: `${vendor.url}/quote`, body: { supplier: "{{input.supplier}}" } } },
        { id: "quoteSeen", type: "output", needs: ["quote"], value: { at: "{{nodes.quote.output.body.price}}" } },
        { id: "pricing", type: "router", needs: ["vendor", "quote"], routes: [{ when: "nodes.quote.output.body.price > 100", to: "expensive" }], default: "cheap" },
        { id: "expensive", type: "output", needs: ["pricing"], value: { verdict: "expensive", vendor: "{{nodes.vendor.output.body.vendor}}", price: "{{nodes.quote.output.body.price}}" } },
        { id: "cheap", type: "output", needs: ["pricing"], value: { verdict: "cheap" } },
      ],
    });
    const runId = await start(graphId, { input: { supplier: "acme" } });
    const whileSlow = await rt.waitForRun(runId, (r) => r.nodeRuns.some((n: { nodeId: string; status: string }) => n.nodeId === "quoteSeen" && n.status === "succeeded"));
    expect(whileSlow.nodeRuns.find((n: { nodeId: string }) => n.nodeId === "vendor").status).toBe("running");
    release();
    await rt.waitForRun(runId, (r) => r.status === "succeeded" || r.status === "failed");
    const run = await getRun(runId);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    expect(run.customerKey).toBe("acme");
    expect(node(run, "expensive").output).toEqual({ verdict: "expensive", vendor: "ACME", price: 120 });
    expect(node(run, "cheap").status).toBe("skipped");
    // each node keeps what it received: the run's input and its needs' outputs
    expect(node(run, "quoteSeen").input).toMatchObject({ input: { supplier: "acme" }, upstream: { quote: { status: 200, body: { price: 120 } } } });
    expect(JSON.parse(vendor.calls.find((c) => c.url === "/quote")!.body)).toEqual({ supplier: "acme" });
  });

  it("retries a failing node with backoff, then fails the run naming the node", async () => {
    let calls = 0;
    vendorBehaviour = (url) => (url.includes("flaky") ? (++calls < 3 ? { status: 503, json: { error: "busy" } } : { json: { ok: true } }) : { status: 500 });
    const ok = await createGraph({ name: "Flaky", nodes: [{ id: "call", type: "tool", retries: { attempts: 3, backoff: { initialMs: 50, factor: 2, maxMs: 200 } }, tool: { kind: "http", method: "GET", url: `${vendor.url}/flaky` } }] });
    const runId = await start(ok);
    await rt.waitForRun(runId, (r) => ["succeeded", "failed"].includes(r.status));
    const run = await getRun(runId);
    expect(run.status).toBe("succeeded");
    expect(node(run, "call").attempts).toBe(3);

    const bad = await createGraph({ name: "Broken vendor", nodes: [{ id: "call", type: "tool", retries: { attempts: 2, backoff: { initialMs: 50, factor: 1, maxMs: 50 } }, tool: { kind: "http", method: "GET", url: `${vendor.url}/down` } }] });
    const failedId = await start(bad);
    await rt.waitForRun(failedId, (r) => ["succeeded", "failed"].includes(r.status));
    const failed = await getRun(failedId);
    expect(failed.status).toBe("failed");
    expect(failed.error?.message).toMatch(/Node call failed: GET 127\.0\.0\.1:\d+\/down answered 500/);
    expect(node(failed, "call")).toMatchObject({ status: "failed", attempts: 2 });
  });

  it("an HTTP tool may not reach a private address the deployment did not allow, and says how to allow it", async () => {
    vendorBehaviour = () => ({ json: { secret: true } });
    const before = vendor.calls.length;
    const saved = process.env.SWITCHYARD_OUTBOUND_ALLOW;
    process.env.SWITCHYARD_OUTBOUND_ALLOW = "";
    try {
      const id = await createGraph({ name: "Internal probe", nodes: [{ id: "probe", type: "tool", tool: { kind: "http", method: "GET", url: `${vendor.url}/admin` } }] });
      const runId = await start(id);
      await rt.waitForRun(runId, (r) => ["succeeded", "failed"].includes(r.status));
      const run = await getRun(runId);
      expect(run.status).toBe("failed");
      expect(node(run, "probe")).toMatchObject({ status: "failed", attempts: 1 }); // not retried: retrying cannot help
      expect(run.error?.message).toMatch(/tool\.url: 127\.0\.0\.1 is a private, loopback or link-local address.*SWITCHYARD_OUTBOUND_ALLOW \(for example "127\.0\.0\.1:\d+"\)/);
      expect(vendor.calls.length).toBe(before); // nothing was sent
    } finally {
      process.env.SWITCHYARD_OUTBOUND_ALLOW = saved;
    }
  });

  it("a node with onError: continue lets the run go on", async () => {
    vendorBehaviour = () => ({ status: 404 });
    const id = await createGraph({
      name: "Tolerant",
      nodes: [
        { id: "optional", type: "tool", onError: "continue", tool: { kind: "http", method: "GET", url: `${vendor.url}/missing` } },
        { id: "done", type: "output", needs: ["optional"], value: { optional: "{{nodes.optional.status}}" } },
      ],
    });
    const runId = await start(id);
    await rt.waitForRun(runId, (r) => ["succeeded", "failed"].includes(r.status));
    const run = await getRun(runId);
    expect(run.status).toBe("succeeded");
    expect(run.output).toEqual({ optional: "failed" });
  });

  it("an approval waits for a person; approve resumes the run with the decision", async () => {
    const id = await createGraph({
      name: "Needs sign-off",
      nodes: [
        { id: "review", type: "approval", title: "Sign off {{input.item}}", assignees: [{ role: "approver" }], context: { item: "{{input.item}}" } },
        { id: "result", type: "output", needs: ["review"], value: { decision: "{{nodes.review.output.decision}}", comment: "{{nodes.review.output.comment}}" } },
      ],
    });
    const runId = await start(id, { input: { item: "laptops" } });
    await rt.waitForRun(runId, (r) => r.status === "waiting");
    const viewer = await makeApiKey(tenant.workspace.id, "viewer");
    const approver = await makeApiKey(tenant.workspace.id, "approver");
    const list = await callRoute(approvalsRoute.GET as never, { key: approver.key, path: `/api/v1/approvals?status=pending&runId=${runId}` });
    expect(list.json.approvals).toHaveLength(1);
    const approval = list.json.approvals[0];
    expect(approval).toMatchObject({ title: "Sign off laptops", context: { item: "laptops" }, canDecide: true, assigneeRoles: ["approver"] });
    expect((await callRoute(decisionRoute.POST as never, { key: viewer.key, params: { id: approval.id }, body: { decision: "approve" } })).status).toBe(403);
    const decided = await callRoute(decisionRoute.POST as never, { key: approver.key, params: { id: approval.id }, body: { decision: "approve", comment: "within policy" } });
    expect(decided.status, decided.text).toBe(200);
    const again = await callRoute(decisionRoute.POST as never, { key: approver.key, params: { id: approval.id }, body: { decision: "reject" } });
    expect(again.status).toBe(409);
    await rt.waitForRun(runId, (r) => ["succeeded", "failed"].includes(r.status));
    const run = await getRun(runId);
    expect(run.output).toEqual({ decision: "approved", comment: "within policy" });
  });

  it("a rejection resumes the run with the decision and the comment, for downstream nodes to act on", async () => {
    const id = await createGraph({
      name: "Can be refused",
      nodes: [
        { id: "review", type: "approval", assignees: [{ role: "approver" }] },
        { id: "route", type: "router", needs: ["review"], routes: [{ when: "nodes.review.output.decision == 'approved'", to: "order" }], default: "notify" },
        { id: "order", type: "output", needs: ["route"], value: "ordered" },
        { id: "notify", type: "output", needs: ["route"], value: "told the supplier: {{nodes.review.output.comment}}" },
      ],
    });
    const runId = await start(id);
    await rt.waitForRun(runId, (r) => r.status === "waiting");
    const approval = await getPrisma().approval.findFirstOrThrow({ where: { runId } });
    const res = await callRoute(decisionRoute.POST as never, { key: tenant.apiKey.key, params: { id: approval.id }, body: { decision: "reject", comment: "over budget" } });
    expect(res.status, res.text).toBe(200);
    await rt.waitForRun(runId, (r) => ["succeeded", "failed"].includes(r.status));
    const run = await getRun(runId);
    expect(run.output).toBe("told the supplier: over budget");
    expect(node(run, "order").status).toBe("skipped");
    expect(node(run, "review").output).toMatchObject({ decision: "rejected", comment: "over budget" });
  });

  it("a decision the run's wait never saw (made before it was registered) is picked up from the inbox row", async () => {
    const saved = process.env.SWITCHYARD_DECISION_RECHECK_MS;
    process.env.SWITCHYARD_DECISION_RECHECK_MS = "1500";
    try {
      const id = await createGraph({
        name: "Decided early",
        nodes: [
          { id: "review", type: "approval", assignees: [{ role: "approver" }], timeout: "7d" },
          { id: "result", type: "output", needs: ["review"], value: { decision: "{{nodes.review.output.decision}}" } },
        ],
      });
      const runId = await start(id);
      await rt.waitForRun(runId, (r) => r.status === "waiting");
      // the decision is on the row but its event is never sent: as if it was made while the
      // item was still opening, before the run's wait existed
      const row = await getPrisma().approval.findFirstOrThrow({ where: { runId } });
      await getPrisma().approval.update({ where: { id: row.id }, data: { status: "approved", decision: "approve", decidedAt: new Date(), decidedById: tenant.owner.id, comment: "early" } });
      const started = Date.now();
      await rt.waitForRun(runId, (r) => ["succeeded", "failed"].includes(r.status));
      const run = await getRun(runId);
      expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
      expect(run.output).toEqual({ decision: "approved" });
      expect(Date.now() - started).toBeLessThan(15_000); // seconds, not the 7-day timeout
    } finally {
      process.env.SWITCHYARD_DECISION_RECHECK_MS = saved;
    }
  });

  it("an approval that times out follows onTimeout", async () => {
    const id = await createGraph({
      name: "Auto reject",
      nodes: [
        { id: "review", type: "approval", timeout: "1s", onTimeout: "reject", assignees: [{ role: "approver" }] },
        { id: "result", type: "output", needs: ["review"], value: "{{nodes.review.output.decision}}" },
      ],
    });
    const runId = await start(id);
    await rt.waitForRun(runId, (r) => ["succeeded", "failed"].includes(r.status), 30_000);
    const run = await getRun(runId);
    expect(run.output).toBe("rejected");
    const row = await getPrisma().approval.findFirstOrThrow({ where: { runId } });
    expect(row.status).toBe("expired");
  });

  it("cancel stops a waiting run and closes its approvals", async () => {
    const id = await createGraph({ name: "Cancellable", nodes: [{ id: "gate", type: "approval", assignees: [{ role: "approver" }] }, { id: "after", type: "output", needs: ["gate"], value: 1 }] });
    const runId = await start(id);
    await rt.waitForRun(runId, (r) => r.status === "waiting");
    const res = await callRoute(cancelRoute.POST as never, { key: tenant.apiKey.key, params: { id: runId } });
    expect(res.status).toBe(200);
    const run = await getRun(runId);
    expect(run.status).toBe("cancelled");
    expect(node(run, "after").status).toBe("cancelled");
    expect((await getPrisma().approval.findFirstOrThrow({ where: { runId } })).status).toBe("cancelled");
  });

  it("a subgraph runs as its own pinned run and its output flows to the parent", async () => {
    const child = await createGraph({ name: "Child scorer", input: { type: "object" }, nodes: [{ id: "score", type: "output", value: { score: "{{input.n}}", doubled: true } }] });
    const parent = await createGraph({
      name: "Parent",
      nodes: [
        { id: "sub", type: "subgraph", graph: child, input: { n: "{{input.n}}" } },
        { id: "out", type: "output", needs: ["sub"], value: "{{nodes.sub.output.score}}" },
      ],
    });
    const runId = await start(parent, { input: { n: 21 } });
    await rt.waitForRun(runId, (r) => ["succeeded", "failed"].includes(r.status));
    const run = await getRun(runId);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    expect(run.output).toBe(21);
    const childRun = await getPrisma().run.findFirstOrThrow({ where: { parentRunId: runId } });
    expect(childRun).toMatchObject({ status: "succeeded", graphId: child, version: 1, rootRunId: runId });
  });

  it("idempotency keys return the same run; version pinning survives a new version", async () => {
    const id = await createGraph({ name: "Pinned", nodes: [{ id: "gate", type: "approval", assignees: [{ role: "approver" }] }, { id: "out", type: "output", needs: ["gate"], value: "from v1" }] });
    const first = await callRoute(runsRoute.POST as never, { key: tenant.apiKey.key, params: { id }, body: { input: {} }, headers: { "idempotency-key": "req-42" } });
    const second = await callRoute(runsRoute.POST as never, { key: tenant.apiKey.key, params: { id }, body: { input: {} }, headers: { "idempotency-key": "req-42" } });
    expect(first.status).toBe(202);
    expect(second.status).toBe(200);
    expect(second.json.runId).toBe(first.json.runId);
    const runId = first.json.runId;
    await rt.waitForRun(runId, (r) => r.status === "waiting");
    await callRoute(graphRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { id }, body: { name: "Pinned", nodes: [{ id: "gate", type: "approval", assignees: [{ role: "approver" }] }, { id: "out", type: "output", needs: ["gate"], value: "from v2" }] } });
    const approval = await getPrisma().approval.findFirstOrThrow({ where: { runId } });
    await callRoute(decisionRoute.POST as never, { key: tenant.apiKey.key, params: { id: approval.id }, body: { decision: "approve" } });
    await rt.waitForRun(runId, (r) => ["succeeded", "failed"].includes(r.status));
    const run = await getRun(runId);
    expect(run.graphVersion).toBe(1);
    expect(run.output).toBe("from v1");
  });

  it("rerun from a node reuses upstream outputs without calling them again", async () => {
    let n = 0;
    vendorBehaviour = () => ({ json: { call: ++n } });
    const id = await createGraph({
      name: "Rerunnable",
      nodes: [
        { id: "fetch", type: "tool", tool: { kind: "http", method: "GET", url: `${vendor.url}/count` } },
        { id: "again", type: "tool", needs: ["fetch"], tool: { kind: "http", method: "GET", url: `${vendor.url}/count` } },
        { id: "out", type: "output", needs: ["again"], value: { first: "{{nodes.fetch.output.body.call}}", second: "{{nodes.again.output.body.call}}" } },
      ],
    });
    const runId = await start(id);
    await rt.waitForRun(runId, (r) => r.status === "succeeded");
    expect((await getRun(runId)).output).toEqual({ first: 1, second: 2 });
    const res = await callRoute(rerunRoute.POST as never, { key: tenant.apiKey.key, params: { id: runId }, body: { fromNode: "again" } });
    expect(res.status).toBe(202);
    await rt.waitForRun(res.json.runId, (r) => ["succeeded", "failed"].includes(r.status));
    const rerun = await getRun(res.json.runId);
    expect(rerun.output).toEqual({ first: 1, second: 3 });
    expect(n).toBe(3);
  });

  it("input that does not match the graph's input schema is refused before a run exists", async () => {
    const id = await createGraph({ name: "Typed input", input: { type: "object", required: ["supplier"], properties: { supplier: { type: "string" } } }, nodes: [{ id: "o", type: "output", value: 1 }] });
    const res = await callRoute(runsRoute.POST as never, { key: tenant.apiKey.key, params: { id }, body: { input: { supplier: 5 } } });
    expect(res.status).toBe(422);
    expect(res.json.issues[0]).toEqual({ path: "input.supplier", message: "must be string" });
  });

  it("a run waiting at an approval moves to a compatible newer version, and refuses an incompatible one", async () => {
    const v1 = { name: "Movable", nodes: [{ id: "prep", type: "output", value: "prepared" }, { id: "gate", type: "approval", needs: ["prep"], assignees: [{ role: "approver" }] }, { id: "out", type: "output", needs: ["gate"], value: "v1 ending" }] };
    const id = await createGraph(v1);
    const runId = await start(id);
    await rt.waitForRun(runId, (r) => r.status === "waiting");
    // v2 adds a node after the approval: compatible
    await callRoute(graphRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { id }, body: { ...v1, nodes: [...v1.nodes.slice(0, 2), { id: "notify", type: "output", needs: ["gate"], value: "notified" }, { id: "out", type: "output", needs: ["notify"], value: "v2 ending: {{nodes.notify.output}}" }] } });
    // v3 drops a finished node: incompatible
    await callRoute(graphRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { id }, body: { ...v1, nodes: [{ id: "gate", type: "approval", assignees: [{ role: "approver" }] }, { id: "out", type: "output", needs: ["gate"], value: "v3" }] } });
    const refused = await callRoute(migrateRoute.POST as never, { key: tenant.apiKey.key, params: { id: runId }, body: { version: 3 } });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toContain('node "prep" has finished but no longer exists in the new version');
    const moved = await callRoute(migrateRoute.POST as never, { key: tenant.apiKey.key, params: { id: runId }, body: { version: 2 } });
    expect(moved.status, moved.text).toBe(200);
    const approval = await getPrisma().approval.findFirstOrThrow({ where: { runId } });
    await callRoute(decisionRoute.POST as never, { key: tenant.apiKey.key, params: { id: approval.id }, body: { decision: "approve" } });
    await rt.waitForRun(runId, (r) => ["succeeded", "failed"].includes(r.status));
    const run = await getRun(runId);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    expect(run.graphVersion).toBe(2);
    expect(run.output).toBe("v2 ending: notified");
    const audit = await getPrisma().auditEvent.findFirstOrThrow({ where: { action: "run.migrated", targetId: runId } });
    expect(audit.data).toEqual({ from: 1, to: 2 });
  });
});
