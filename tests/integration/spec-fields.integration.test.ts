/**
 * Spec fields do what they say, each proven through the API with the real engine: graph
 * concurrency (limit and key), approval minApprovals and run-time assignee resolution,
 * timeouts.run, onError.fallback, and routing fallbacks after a provider failure (a scripted
 * OpenAI stub on 127.0.0.1). tests/spec-coverage.test.ts maps every spec field to a test;
 * the titles here are named there.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpStub, useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { graphApi } from "../graph-api";
import { startOpenAIStub } from "../stubs/openai-stub";
import { getPrisma } from "../../lib/db/client";
import { addMember, makeApiKey, makeTenant, makeUser } from "../../prisma/factories";
import * as cancelRoute from "../../app/api/v1/runs/[id]/cancel/route";
import * as approvalsRoute from "../../app/api/v1/approvals/route";
import * as decisionRoute from "../../app/api/v1/approvals/[id]/decision/route";
import * as providerRoute from "../../app/api/v1/providers/[provider]/route";
import * as graphRoute from "../../app/api/v1/graphs/[id]/route";
import * as eventsRoute from "../../app/api/v1/events/route";
import { inngest } from "../../lib/events/client";
import { startRun } from "../../lib/runs/start-run";
import { systemContext } from "../../lib/runtime/system-context";
import { acquireRunSlot } from "../../lib/runtime/acquire-run-slot";

const rt = useRuntime("spec_fields");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
let openai: Awaited<ReturnType<typeof startOpenAIStub>>;
let vendor: Awaited<ReturnType<typeof startHttpStub>>;
type Reply = { status?: number; json?: unknown; delayMs?: number };
let vendorBehaviour: (url: string) => Reply = () => ({ json: { ok: true } });

beforeAll(async () => {
  tenant = await makeTenant("Spec Fields Co");
  openai = await startOpenAIStub();
  vendor = await startHttpStub(async (req) => vendorBehaviour(req.url ?? ""));
  const provider = await callRoute(providerRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { provider: "openai" }, body: { apiKey: "sk-test-spec-fields", baseUrl: openai.url } });
  expect(provider.status, provider.text).toBe(200);
});
afterAll(async () => {
  await openai?.close();
  await vendor?.close();
});

const api = graphApi(() => tenant.apiKey.key);
const createGraph = api.createGraph;
const getRun = api.getRun;
const start = (graphId: string, input: Record<string, unknown> = {}) => api.start(graphId, { input });

const ended = (r: { status: string }) => ["succeeded", "failed", "cancelled"].includes(r.status);
const node = (run: { nodes: { nodeId: string }[] }, id: string) => run.nodes.find((n) => n.nodeId === id) as any;

async function pendingItem(runId: string, key = tenant.apiKey.key) {
  const items = await rt.waitFor(
    async () => (await callRoute(approvalsRoute.GET as never, { key, path: `/api/v1/approvals?status=pending&runId=${runId}` })).json.approvals as any[],
    (a) => a.length === 1,
  );
  return items[0];
}

async function decide(id: string, decision: "approve" | "reject", key = tenant.apiKey.key) {
  return callRoute(decisionRoute.POST as never, { key, params: { id }, body: { decision } });
}

/** A graph whose runs hold at an approval until the test decides it. */
const heldAtApproval = (name: string, extra: Record<string, unknown>) => ({
  name,
  ...extra,
  nodes: [
    { id: "hold", type: "approval", assignees: [{ role: "admin" }] },
    { id: "done", type: "output", needs: ["hold"], value: { customer: "{{input.customer}}" } },
  ],
});

describe("graph concurrency", () => {
  it("concurrency.limit: runs beyond the limit wait queued and start when a slot frees (a finished or cancelled run frees it)", async () => {
    const graphId = await createGraph(heldAtApproval("One at a time", { concurrency: { limit: 1 } }));
    const first = await start(graphId, { customer: "a" });
    await rt.waitForRun(first, (r) => r.status === "waiting");
    const second = await start(graphId, { customer: "b" });
    const third = await start(graphId, { customer: "c" });
    for (const id of [second, third]) await rt.waitForRun(id, (r) => r.pausedReason === "concurrency");
    // held back, not merely slow: the others stay queued while the first holds the slot
    await new Promise((r) => setTimeout(r, 1500));
    for (const id of [second, third]) expect(await getRun(id)).toMatchObject({ status: "queued", pausedReason: "concurrency" });

    expect((await decide((await pendingItem(first)).id, "approve")).status).toBe(200);
    await rt.waitForRun(first, ended);
    // the slot goes to the run that waited longest
    await rt.waitForRun(second, (r) => r.status === "waiting");
    expect((await getRun(third)).status).toBe("queued");

    const cancelled = await callRoute(cancelRoute.POST as never, { key: tenant.apiKey.key, params: { id: second } });
    expect(cancelled.status, cancelled.text).toBe(200);
    await rt.waitForRun(third, (r) => r.status === "waiting");
    expect((await decide((await pendingItem(third)).id, "approve")).status).toBe(200);
    expect((await rt.waitForRun(third, ended)).status).toBe("succeeded");
  });

  it("concurrency.key: the limit applies per evaluated key, so another key's run starts at once", async () => {
    const graphId = await createGraph(heldAtApproval("One per customer", { concurrency: { limit: 1, key: "{{input.customer}}" } }));
    const acme = await start(graphId, { customer: "acme" });
    await rt.waitForRun(acme, (r) => r.status === "waiting");
    const acmeAgain = await start(graphId, { customer: "acme" });
    const globex = await start(graphId, { customer: "globex" });
    await rt.waitForRun(globex, (r) => r.status === "waiting");
    expect(await getRun(acmeAgain)).toMatchObject({ status: "queued", pausedReason: "concurrency" });
    expect((await getPrisma().run.findUniqueOrThrow({ where: { id: acmeAgain } })).concurrencyKey).toBe("acme");

    expect((await decide((await pendingItem(acme)).id, "approve")).status).toBe(200);
    await rt.waitForRun(acmeAgain, (r) => r.status === "waiting");
    for (const id of [acmeAgain, globex]) expect((await decide((await pendingItem(id)).id, "approve")).status).toBe(200);
    for (const id of [acme, acmeAgain, globex]) expect((await rt.waitForRun(id, ended)).status).toBe("succeeded");
  });

  it("concurrency.limit under a race: runs asking for slots at the same moment get exactly the limit, then the longest waiter gets the next", async () => {
    const graphId = await createGraph(heldAtApproval("Three at a time", { concurrency: { limit: 3 } }));
    const ctx = await systemContext(tenant.workspace.id);
    // rows only (the engine is not asked): the race is between the acquisitions themselves
    const runIds: string[] = [];
    for (let i = 0; i < 12; i++) runIds.push((await startRun(ctx, graphId, { input: { customer: `c${i}` } }, { send: false })).runId);
    const first = await Promise.all(runIds.map((id) => acquireRunSlot(ctx, id)));
    const holders = runIds.filter((_, i) => first[i]!.acquired);
    expect(holders).toHaveLength(3);
    const waiting = runIds.filter((id) => !holders.includes(id));
    expect(await getPrisma().run.count({ where: { id: { in: waiting }, pausedReason: "concurrency", slotAcquiredAt: null } })).toBe(9);

    await getPrisma().run.update({ where: { id: holders[0]! }, data: { status: "succeeded", endedAt: new Date() } });
    const second = await Promise.all([...waiting].reverse().map((id) => acquireRunSlot(ctx, id).then((slot) => ({ id, slot }))));
    expect(second.filter((r) => r.slot.acquired).map((r) => r.id)).toEqual([waiting[0]]);
    // a replayed acquisition of a held slot is granted again, not counted twice
    expect(await acquireRunSlot(ctx, waiting[0]!)).toEqual({ acquired: true });
    expect(await getPrisma().run.count({ where: { graphId, slotAcquiredAt: { not: null }, status: { notIn: ["succeeded", "failed", "cancelled"] } } })).toBe(3);
  });
});

describe("approvals", () => {
  it("minApprovals: the item needs that many distinct approvers, each vote is kept and shown, and one reject rejects", async () => {
    for (const email of ["ana@spec.test", "ben@spec.test"]) await addMember(tenant.workspace.id, (await makeUser({ email })).id, "approver");
    const [ana, ben, cleo] = [await makeApiKey(tenant.workspace.id, "approver"), await makeApiKey(tenant.workspace.id, "approver"), await makeApiKey(tenant.workspace.id, "approver")];
    const graphId = await createGraph({
      name: "Two signatures",
      nodes: [
        { id: "sign", type: "approval", assignees: [{ role: "approver" }], minApprovals: 2 },
        { id: "done", type: "output", needs: ["sign"], value: { decision: "{{nodes.sign.output.decision}}" } },
      ],
    });

    const runId = await start(graphId);
    const item = await pendingItem(runId, ana.key);
    expect(item).toMatchObject({ minApprovals: 2, approvals: 0, canDecide: true });
    const firstVote = await decide(item.id, "approve", ana.key);
    expect(firstVote.status, firstVote.text).toBe(200);
    expect(firstVote.json).toMatchObject({ status: "pending", approvals: 1, minApprovals: 2 });
    const again = await decide(item.id, "approve", ana.key);
    expect(again.status).toBe(409);
    // one vote is not enough: the run still waits, and the inbox shows the vote so far
    await new Promise((r) => setTimeout(r, 1000));
    expect((await getRun(runId)).status).toBe("waiting");
    const shown = await pendingItem(runId, ben.key);
    expect(shown).toMatchObject({ approvals: 1, canDecide: true });
    expect(shown.votes).toEqual([expect.objectContaining({ voter: `apikey:${ana.id}`, decision: "approve", createdAt: expect.any(String) })]);
    expect((await pendingItem(runId, ana.key)).canDecide).toBe(false);

    const secondVote = await decide(item.id, "approve", ben.key);
    expect(secondVote.json).toMatchObject({ status: "approved", approvals: 2 });
    const run = await rt.waitForRun(runId, ended);
    expect(run.status).toBe("succeeded");
    expect(run.output).toEqual({ decision: "approved" });
    const votes = await getPrisma().approvalVote.findMany({ where: { approvalId: item.id }, orderBy: { createdAt: "asc" } });
    expect(votes.map((v) => [v.voter, v.decision])).toEqual([[`apikey:${ana.id}`, "approve"], [`apikey:${ben.id}`, "approve"]]);

    // one reject settles it, whatever the approvals so far
    const rejectedRun = await start(graphId);
    const second = await pendingItem(rejectedRun, ana.key);
    expect((await decide(second.id, "approve", ana.key)).json.status).toBe("pending");
    expect((await decide(second.id, "reject", cleo.key)).json).toMatchObject({ status: "rejected" });
    const rejected = await rt.waitForRun(rejectedRun, ended);
    expect(rejected.output).toEqual({ decision: "rejected" });
  });

  it("assignees that resolve to no one at run time send the item to the admins with the reason, never to everyone", async () => {
    const leaver = await makeUser({ email: "leaver@spec.test" });
    const membership = await addMember(tenant.workspace.id, leaver.id, "approver");
    const graphId = await createGraph({
      name: "Named approver",
      nodes: [
        { id: "check", type: "approval", assignees: [{ user: "leaver@spec.test" }] },
        { id: "done", type: "output", needs: ["check"], value: "{{nodes.check.output.decision}}" },
      ],
    });
    // the named person leaves between saving the graph and the run
    await getPrisma().membership.delete({ where: { id: membership.id } });
    const runId = await start(graphId);
    const item = await pendingItem(runId);
    expect(item.assigneeUserIds).toEqual([]);
    expect(item.assigneeRoles).toEqual(expect.arrayContaining(["admin"]));
    expect(item.assignmentNote).toMatch(/^Sent to the workspace admins: the assignees resolve to no one — user leaver@spec\.test \(not a member\)/);

    // an approver or editor cannot decide it; an admin can
    for (const role of ["approver", "editor"] as const) {
      const other = await makeApiKey(tenant.workspace.id, role);
      const refused = await decide(item.id, "approve", other.key);
      expect(refused.status, role).toBe(403);
    }
    const admin = await makeApiKey(tenant.workspace.id, "admin");
    expect((await decide(item.id, "approve", admin.key)).status).toBe(200);
    expect((await rt.waitForRun(runId, ended)).output).toBe("approved");
  });
});

describe("time limits and failures", () => {
  it("timeouts.run: a run over its time limit fails with code run_timeout and the reason", async () => {
    const graphId = await createGraph({ ...heldAtApproval("Two seconds", {}), timeouts: { run: "2s" } });
    const started = Date.now();
    const runId = await start(graphId, { customer: "slow" });
    const run = await rt.waitForRun(runId, ended, 20_000);
    expect(run.status).toBe("failed");
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    const shown = await getRun(runId);
    expect(shown.error).toMatchObject({ code: "run_timeout", message: expect.stringContaining("timeouts.run = 2s") });
    expect(node(shown, "hold")).toMatchObject({ status: "failed", error: { code: "run_timeout" } });
    expect(node(shown, "done").status).toBe("skipped");
    expect(await getPrisma().approval.count({ where: { runId, status: "pending" } })).toBe(0);
  });

  it("onError.fallback: the fallback's output stands in for the failed node's output downstream", async () => {
    vendorBehaviour = (url) => (url.startsWith("/down") ? { status: 500, json: { error: "down" } } : { json: { source: "mirror", price: 42 } });
    const graphId = await createGraph({
      name: "Mirror on failure",
      nodes: [
        { id: "primary", type: "tool", onError: { fallback: "mirror" }, tool: { kind: "http", method: "GET", url: `${vendor.url}/down` } },
        { id: "mirror", type: "tool", tool: { kind: "http", method: "GET", url: `${vendor.url}/mirror` } },
        { id: "price", type: "output", needs: ["primary"], value: { source: "{{nodes.primary.output.body.source}}", price: "{{nodes.primary.output.body.price}}", status: "{{nodes.primary.status}}" } },
      ],
    });
    const runId = await start(graphId);
    const run = await rt.waitForRun(runId, ended);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    const shown = await getRun(runId);
    expect(node(shown, "price").output).toEqual({ source: "mirror", price: 42, status: "fallback" });
    expect(node(shown, "primary")).toMatchObject({ status: "failed", output: { status: 200, body: { source: "mirror", price: 42 } } });
  });

  it("model.fallbacks: after a provider failure the retry goes to the next fallback model, which is recorded as the one that answered", async () => {
    openai.enqueue({ status: 500, body: { error: { message: "upstream exploded", type: "server_error" } } }, { text: "Answer from the fallback." });
    const graphId = await createGraph({
      name: "Routed with fallback",
      nodes: [
        {
          id: "ask",
          type: "agent",
          model: { tier: "cheap", fallbacks: ["openai:gpt-4o"] },
          retries: { attempts: 2, backoff: { initialMs: 50, factor: 1, maxMs: 50 } },
          prompt: "Say something.",
        },
      ],
    });
    const before = openai.requests.length;
    const runId = await start(graphId);
    const run = await rt.waitForRun(runId, ended);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    const models = openai.requests.slice(before).map((r) => (r.body as { model: string }).model);
    expect(models).toHaveLength(2);
    expect(models[0]).not.toBe("gpt-4o");
    expect(models[1]).toBe("gpt-4o");
    const shown = await getRun(runId);
    expect(node(shown, "ask")).toMatchObject({ output: "Answer from the fallback.", model: "openai:gpt-4o", attempts: 2 });
    expect(node(shown, "ask").provenance).toMatchObject({ model: "openai:gpt-4o", failedModels: [`openai:${models[0]}`] });
  });
});

describe("fields proven here that other suites do not cover", () => {
  it("metadata: name, description and tags are kept with the graph, node notes and positions stay in the spec, graph tags go onto every run", async () => {
    const graphId = await createGraph({
      name: "Documented",
      description: "Says hello",
      tags: ["team:ops", "demo"],
      nodes: [{ id: "hello", type: "output", value: "hi", description: "the greeting", tags: ["greeting"], position: { x: 120, y: -40 } }],
    });
    const got = await callRoute(graphRoute.GET as never, { key: tenant.apiKey.key, params: { id: graphId } });
    expect(got.json).toMatchObject({ name: "Documented", description: "Says hello" });
    expect(got.json.spec.nodes[0]).toMatchObject({ description: "the greeting", tags: ["greeting"], position: { x: 120, y: -40 } });
    const runId = await start(graphId);
    await rt.waitForRun(runId, ended);
    expect((await getRun(runId)).tags).toEqual(expect.arrayContaining(["team:ops", "demo"]));
  });

  it("retries and timeouts: the graph's retries and timeouts.node are the defaults, a node's own timeout replaces them", async () => {
    let flaky = 0;
    vendorBehaviour = (url) => (url.startsWith("/flaky") ? (++flaky < 2 ? { status: 503 } : { json: { ok: true } }) : url.startsWith("/slow") ? { delayMs: 1500, json: { slow: true } } : { json: {} });
    const graphId = await createGraph({
      name: "Defaults",
      retries: { attempts: 2, backoff: { initialMs: 50, factor: 1, maxMs: 50 } },
      timeouts: { node: "500ms" },
      nodes: [
        { id: "flaky", type: "tool", tool: { kind: "http", method: "GET", url: `${vendor.url}/flaky` } },
        { id: "patient", type: "tool", timeout: "10s", tool: { kind: "http", method: "GET", url: `${vendor.url}/slow/patient` } },
        { id: "hasty", type: "tool", needs: ["flaky", "patient"], retries: { attempts: 1 }, tool: { kind: "http", method: "GET", url: `${vendor.url}/slow/hasty` } },
      ],
    });
    const runId = await start(graphId);
    const run = await rt.waitForRun(runId, ended);
    expect(run.status).toBe("failed");
    const shown = await getRun(runId);
    expect(node(shown, "flaky")).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(node(shown, "patient")).toMatchObject({ status: "succeeded", output: { body: { slow: true } } });
    expect(node(shown, "hasty")).toMatchObject({ status: "failed", attempts: 1 });
    expect(node(shown, "hasty").error.message).toMatch(/time|abort/i);
  });

  it("HTTP tool: headers and query are rendered and sent, and okStatus decides what counts as success", async () => {
    vendor.calls.length = 0;
    vendorBehaviour = (url) => (url.startsWith("/gone") ? { status: 404, json: { missing: true } } : { status: 202, json: { queued: true } });
    const graphId = await createGraph({
      name: "HTTP details",
      nodes: [
        { id: "lookup", type: "tool", tool: { kind: "http", method: "GET", url: `${vendor.url}/gone`, okStatus: [200, 404], headers: { "x-request": "{{input.id}}" }, query: { q: "{{input.id}}", kind: "vendor" } } },
        { id: "strict", type: "tool", needs: ["lookup"], onError: "continue", tool: { kind: "http", method: "POST", url: `${vendor.url}/queue`, okStatus: [200] } },
      ],
    });
    const runId = await start(graphId, { id: "PR-2291" });
    await rt.waitForRun(runId, ended);
    const shown = await getRun(runId);
    expect(node(shown, "lookup")).toMatchObject({ status: "succeeded", output: { status: 404, body: { missing: true } } });
    expect(node(shown, "strict").status).toBe("failed");
    const call = vendor.calls.find((c) => c.url.startsWith("/gone"))!;
    expect(new URL(call.url, "http://x").searchParams.get("q")).toBe("PR-2291");
    expect(new URL(call.url, "http://x").searchParams.get("kind")).toBe("vendor");
    expect(call.headers["x-request"]).toBe("PR-2291");
  });

  it("agent settings reach the provider: model, prompt, instructions, temperature and maxOutputTokens", async () => {
    openai.enqueue({ text: "Bonjour." });
    const before = openai.requests.length;
    const graphId = await createGraph({
      name: "Agent settings",
      nodes: [{ id: "greet", type: "agent", model: "openai:gpt-4o-mini", prompt: "Greet {{input.who}}", instructions: "Answer in French.", temperature: 0.3, maxOutputTokens: 77 }],
    });
    const runId = await start(graphId, { who: "Ana" });
    expect((await rt.waitForRun(runId, ended)).status).toBe("succeeded");
    const sent = JSON.stringify(openai.requests.slice(before)[0]!.body);
    const body = openai.requests.slice(before)[0]!.body as Record<string, unknown>;
    expect(body.model).toBe("gpt-4o-mini");
    expect(sent).toContain("Greet Ana");
    expect(sent).toContain("Answer in French.");
    expect(body.temperature).toBe(0.3);
    expect(body.max_output_tokens ?? body.max_tokens ?? body.max_completion_tokens).toBe(77);
    expect(node(await getRun(runId), "greet").output).toBe("Bonjour.");
  });

  it("wait: sleep holds the branch for its duration; event waits for an event matching when", async () => {
    const send = async (key: string, body: unknown) => {
      const res = await callRoute(eventsRoute.POST as never, { key, body });
      expect(res.status, res.text).toBe(202);
    };
    const other = await makeTenant("Spec Fields Other Co");
    const graphId = await createGraph({
      name: "Waits",
      nodes: [
        { id: "nap", type: "wait", sleep: "1500ms" },
        { id: "invoice", type: "wait", timeout: "1m", event: { name: "spec-test/invoice.received", when: "event.data.requestId == input.requestId" } },
        { id: "done", type: "output", needs: ["nap", "invoice"], value: { amount: "{{nodes.invoice.output.event.data.amount}}" } },
      ],
    });
    const started = Date.now();
    const runId = await start(graphId, { requestId: "PR-7" });
    await rt.waitForRun(runId, (r) => r.nodeRuns.some((n: { nodeId: string; status: string }) => n.nodeId === "invoice" && n.status === "waiting"));
    // another workspace's event of the same name never reaches this run; nor does a raw engine event
    await send(other.apiKey.key, { name: "spec-test/invoice.received", data: { requestId: "PR-7", amount: 999 } });
    await inngest.send({ name: "spec-test/invoice.received", data: { requestId: "PR-7", amount: 998 } });
    await send(tenant.apiKey.key, { name: "spec-test/invoice.received", data: { requestId: "PR-other", amount: 1 } });
    await new Promise((r) => setTimeout(r, 500));
    await send(tenant.apiKey.key, { name: "spec-test/invoice.received", data: { requestId: "PR-7", amount: 250 }, id: "inv-1" });
    const run = await rt.waitForRun(runId, ended);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(run.output).toEqual({ amount: 250 });
    expect(node(await getRun(runId), "invoice").output.event).toMatchObject({ name: "spec-test/invoice.received", data: { requestId: "PR-7", amount: 250 } });
    // bad input names the field
    const bad = await callRoute(eventsRoute.POST as never, { key: tenant.apiKey.key, body: { name: "switchyard/run.finished", data: {} } });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("name");
  });

  it("escalateTo: an approval not decided in time with onTimeout escalate goes to the escalation assignees", async () => {
    await addMember(tenant.workspace.id, (await makeUser({ email: "fin@spec.test" })).id, "finance");
    const graphId = await createGraph({
      name: "Escalating",
      nodes: [
        { id: "ok", type: "approval", timeout: "1s", onTimeout: "escalate", assignees: [{ role: "approver" }], escalateTo: [{ role: "finance" }] },
        { id: "done", type: "output", needs: ["ok"], value: "{{nodes.ok.output.decision}}" },
      ],
    });
    const runId = await start(graphId);
    const escalated = await rt.waitFor(
      () => getPrisma().approval.findMany({ where: { runId }, orderBy: { createdAt: "asc" } }),
      (rows) => rows.length === 2,
    );
    expect(escalated[0]).toMatchObject({ kind: "approval", status: "expired" });
    expect(escalated[1]).toMatchObject({ kind: "escalation", status: "pending", assigneeRoles: ["finance"] });
    const finance = await makeApiKey(tenant.workspace.id, "finance");
    expect((await decide(escalated[1]!.id, "approve", finance.key)).status).toBe(200);
    expect((await rt.waitForRun(runId, ended)).output).toBe("approved");
  });

  it("budget.perNodeUsd and a node's budgetUsd stop a node's spending", async () => {
    const graphId = await createGraph({
      name: "Node budgets",
      budget: { perNodeUsd: 0.000001, onExceed: "stop" },
      nodes: [
        { id: "capped", type: "agent", model: "sim:fast", maxOutputTokens: 1000, prompt: "Write a long story." },
        { id: "own", type: "agent", model: "sim:fast", maxOutputTokens: 1000, budgetUsd: 0.000001, onError: "continue", prompt: "Write another long story." },
        { id: "done", type: "output", needs: ["capped", "own"], value: "unreachable" },
      ],
    });
    const runId = await start(graphId);
    const run = await rt.waitForRun(runId, ended);
    expect(run.status).toBe("failed");
    const shown = await getRun(runId);
    for (const id of ["capped", "own"]) expect(node(shown, id)).toMatchObject({ status: "failed", error: { reason: "budget_exceeded" } });
    expect(await getPrisma().costEntry.count({ where: { runId } })).toBe(0);
  });

  it("graph output: a result that breaks the graph's output schema fails the run naming the path", async () => {
    const graphId = await createGraph({
      name: "Promised shape",
      output: { type: "object", required: ["total"], properties: { total: { type: "number" } } },
      nodes: [{ id: "result", type: "output", value: { total: "{{input.total}}" } }],
    });
    const good = await start(graphId, { total: 12 });
    expect((await rt.waitForRun(good, ended)).status).toBe("succeeded");
    const bad = await start(graphId, { total: "twelve" });
    expect((await rt.waitForRun(bad, ended)).status).toBe("failed");
    expect((await getRun(bad)).error).toMatchObject({ code: "output_invalid", message: expect.stringContaining("output.total") });
  });
});
