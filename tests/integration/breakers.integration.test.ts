/**
 * Circuit breakers and kill switches against real PostgreSQL and the real engine: the shared
 * state machine (window, failure rate, one half-open probe among concurrent callers, forced
 * states), model breakers in agent nodes (routed → fallback model, concrete → breaker_open and
 * onError.fallback), a graph's kill switch (409 on start, a running run paused at its next
 * node and resumed when closed), and the API with its audit trail and history.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { graphApi } from "../graph-api";
import { startOpenAIStub } from "../stubs/openai-stub";
import { getPrisma } from "../../lib/db/client";
import { makeApiKey, makeTenant } from "../../prisma/factories";
import { systemContext } from "../../lib/runtime/system-context";
import { checkBreaker, recordBreakerOutcome } from "../../lib/breakers";
import * as breakersRoute from "../../app/api/v1/breakers/route";
import * as eventsRoute from "../../app/api/v1/breakers/events/route";
import * as openRoute from "../../app/api/v1/breakers/open/route";
import * as closeRoute from "../../app/api/v1/breakers/close/route";
import * as releaseRoute from "../../app/api/v1/breakers/release/route";
import * as runsRoute from "../../app/api/v1/graphs/[id]/runs/route";
import * as providerRoute from "../../app/api/v1/providers/[provider]/route";

const rt = useRuntime("breakers");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
let openai: Awaited<ReturnType<typeof startOpenAIStub>>;

beforeAll(async () => {
  tenant = await makeTenant("Breakers Co");
  openai = await startOpenAIStub();
  const provider = await callRoute(providerRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { provider: "openai" }, body: { apiKey: "sk-test-breakers", baseUrl: openai.url } });
  expect(provider.status, provider.text).toBe(200);
});
afterAll(async () => {
  await openai?.close();
});

const api = graphApi(() => tenant.apiKey.key);
const ctx = () => systemContext(tenant.workspace.id);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fail = (error = "upstream 503") => ({ ok: false, error });
let seq = 0;
const freshKey = () => `agent:gr_test/supervise/worker${++seq}`;
const row = (key: string) => getPrisma().circuitBreaker.findFirstOrThrow({ where: { workspaceId: tenant.workspace.id, key } });
const history = async (key: string) => (await callRoute(eventsRoute.GET as never, { key: tenant.apiKey.key, path: `/api/v1/breakers/events?key=${encodeURIComponent(key)}` })).json.events as any[];
const post = (route: { POST: unknown }, body: unknown, key = tenant.apiKey.key) => callRoute(route.POST as never, { key, body });

describe("the state machine", () => {
  it("opens after `failures` failures within the window, and not when the same failures are spread beyond it", async () => {
    const c = await ctx();
    const policy = { failures: 3, window: "1s", coolDown: "1m" };
    const spread = freshKey();
    for (let i = 0; i < 3; i++) {
      await recordBreakerOutcome(c, spread, fail(), policy);
      if (i < 2) await sleep(600);
    }
    // 3 failures over ~1.2 s: never 3 within one second
    expect((await row(spread)).state).toBe("closed");
    expect((await checkBreaker(c, spread, policy)).allowed).toBe(true);

    const burst = freshKey();
    await recordBreakerOutcome(c, burst, fail(), policy);
    await recordBreakerOutcome(c, burst, { ok: true }, policy);
    await recordBreakerOutcome(c, burst, fail(), policy);
    expect((await row(burst)).state).toBe("closed");
    await recordBreakerOutcome(c, burst, fail("HTTP 500 from the agent"), policy);
    const opened = await row(burst);
    expect(opened).toMatchObject({ state: "open", failures: 3, calls: 4, lastError: "HTTP 500 from the agent" });
    expect(opened.nextProbeAt!.getTime() - opened.openedAt!.getTime()).toBe(60_000);
    const gate = await checkBreaker(c, burst, policy);
    expect(gate).toMatchObject({ allowed: false, state: "open", probe: false });
    expect(gate.reason).toContain("HTTP 500 from the agent");
    expect((await history(burst)).map((e) => [e.from, e.to])).toEqual([["closed", "open"]]);
  });

  it("opens on a failure rate only once the window holds minCalls calls", async () => {
    const c = await ctx();
    const policy = { failures: 100, failureRate: 0.5, minCalls: 4, window: "1m", coolDown: "1m" };
    const key = freshKey();
    await recordBreakerOutcome(c, key, fail(), policy);
    await recordBreakerOutcome(c, key, fail(), policy);
    await recordBreakerOutcome(c, key, { ok: true }, policy);
    // 2 of 3 failed (67 %), but fewer than minCalls calls
    expect((await row(key)).state).toBe("closed");
    await recordBreakerOutcome(c, key, { ok: true }, policy);
    // 2 of 4 is 50 %, and it was a success: a success never opens it
    expect((await row(key)).state).toBe("closed");
    await recordBreakerOutcome(c, key, fail(), policy);
    expect(await row(key)).toMatchObject({ state: "open", failures: 3, calls: 5 });

    const healthy = freshKey();
    for (const ok of [true, true, true, false, true, false]) await recordBreakerOutcome(c, healthy, ok ? { ok } : fail(), policy);
    expect((await row(healthy)).state).toBe("closed");
  });

  it("after the cool-down, exactly one of 20 concurrent callers is the half-open probe; its success closes the breaker", async () => {
    const c = await ctx();
    // the probe's lease is the cool-down: long enough that all 20 calls land within it on a loaded machine
    const policy = { failures: 1, coolDown: "2s" };
    const key = freshKey();
    await recordBreakerOutcome(c, key, fail(), policy);
    expect((await checkBreaker(c, key, policy)).allowed).toBe(false);
    await sleep(2100);
    const callers = await Promise.all(Array.from({ length: 20 }, () => ctx()));
    const gates = await Promise.all(callers.map((caller) => checkBreaker(caller, key, policy)));
    expect(gates.filter((g) => g.probe)).toHaveLength(1);
    expect(gates.filter((g) => g.allowed)).toHaveLength(1);
    expect(gates.filter((g) => !g.allowed).every((g) => g.state === "half_open")).toBe(true);
    await recordBreakerOutcome(c, key, { ok: true, probe: true }, policy);
    expect(await row(key)).toMatchObject({ state: "closed", failures: 0, calls: 0, openedAt: null, nextProbeAt: null });
    expect((await checkBreaker(c, key, policy)).allowed).toBe(true);
    expect((await history(key)).map((e) => `${e.from}→${e.to}`).reverse()).toEqual(["closed→open", "open→half_open", "half_open→closed"]);
  });

  it("a failed probe opens the breaker again with a new cool-down; a probe that never reports gives its lease back after the cool-down", async () => {
    const c = await ctx();
    const policy = { failures: 1, coolDown: "1500ms" };
    const key = freshKey();
    await recordBreakerOutcome(c, key, fail(), policy);
    await sleep(1600);
    expect(await checkBreaker(c, key, policy)).toMatchObject({ allowed: true, probe: true });
    // a call let through before it opened reports late: it does not settle the probe
    await recordBreakerOutcome(c, key, { ok: true, probe: false }, policy);
    expect((await row(key)).state).toBe("half_open");
    await recordBreakerOutcome(c, key, { ok: false, error: "still down", probe: true }, policy);
    const reopened = await row(key);
    expect(reopened).toMatchObject({ state: "open", lastError: "still down" });
    expect((await checkBreaker(c, key, policy)).allowed).toBe(false);
    await sleep(1600);
    // this probe's process dies: nobody reports
    expect(await checkBreaker(c, key, policy)).toMatchObject({ probe: true });
    expect(await checkBreaker(c, key, policy)).toMatchObject({ allowed: false, state: "half_open" });
    await sleep(1600);
    expect(await checkBreaker(c, key, policy)).toMatchObject({ allowed: true, probe: true });
    expect((await history(key)).map((e) => `${e.from}→${e.to}`).reverse()).toEqual(["closed→open", "open→half_open", "half_open→open", "open→half_open", "half_open→half_open"]);
  });
});

describe("forced states and the API", () => {
  it("forced open refuses calls until closed; forced closed (hold) lets calls through whatever fails until released; each change is audited and in the history", async () => {
    const c = await ctx();
    const model = "model:openai:gpt-4o-mini";
    const opened = await post(openRoute, { key: model, reason: "provider incident INC-42" });
    expect(opened.status, opened.text).toBe(200);
    expect(opened.json).toMatchObject({ key: model, from: "closed", to: "forced_open" });
    const gate = await checkBreaker(c, model);
    expect(gate).toMatchObject({ allowed: false, state: "open" });
    expect(gate.reason).toContain("provider incident INC-42");

    const list = await callRoute(breakersRoute.GET as never, { key: tenant.apiKey.key, path: "/api/v1/breakers?kind=model" });
    expect(list.status).toBe(200);
    expect(list.json.breakers).toEqual([
      expect.objectContaining({ key: model, kind: "model", state: "open", forced: "open", forcedBy: `apikey:${tenant.apiKey.id}`, forcedByName: "API key “key-owner”", forcedReason: "provider incident INC-42", failures: 0 }),
    ]);

    const held = await post(closeRoute, { key: model, reason: "failover done", hold: true });
    expect(held.json).toMatchObject({ from: "forced_open", to: "forced_closed" });
    for (let i = 0; i < 6; i++) await recordBreakerOutcome(c, model, fail());
    expect((await checkBreaker(c, model)).allowed).toBe(true);
    expect((await row(model)).state).toBe("closed");

    const released = await post(releaseRoute, { key: model, reason: "back to automatic" });
    expect(released.json).toMatchObject({ from: "forced_closed", to: "closed" });
    // the failures counted while it was held open it at the next failure
    await recordBreakerOutcome(c, model, fail());
    expect((await row(model)).state).toBe("open");
    const closed = await post(closeRoute, { key: model, reason: "provider recovered" });
    expect(closed.json).toMatchObject({ from: "open", to: "closed" });
    expect(await row(model)).toMatchObject({ state: "closed", failures: 0, forcedState: null });

    const events = await history(model);
    expect(events.map((e) => `${e.from}→${e.to}`).reverse()).toEqual(["closed→forced_open", "forced_open→forced_closed", "forced_closed→closed", "closed→open", "open→closed"]);
    expect(events.find((e) => e.to === "forced_open")).toMatchObject({ actor: `apikey:${tenant.apiKey.id}`, reason: "forced open: provider incident INC-42" });
    const audit = await getPrisma().auditEvent.findMany({ where: { workspaceId: tenant.workspace.id, targetType: "breaker", targetId: model }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["breaker.forced_open", "breaker.forced_closed", "breaker.released", "breaker.forced_closed"]);
    expect(audit[0]).toMatchObject({ actorApiKeyId: tenant.apiKey.id, data: expect.objectContaining({ reason: "provider incident INC-42", from: "closed", to: "forced_open" }) });
  });

  it("refuses bad input with a 4xx naming the field, non-admins with 403, and another workspace's graph as not found", async () => {
    const bad = await post(openRoute, { key: "tool:search", reason: "x" });
    expect(bad.status).toBe(422);
    expect(bad.json.issues).toEqual([expect.objectContaining({ path: "key", message: expect.stringContaining("agent:, model: or graph:") })]);
    const noReason = await post(openRoute, { key: "model:openai:gpt-4o" });
    expect(noReason.status).toBe(422);
    expect(noReason.json.issues).toEqual([expect.objectContaining({ path: "reason" })]);
    const badQuery = await callRoute(eventsRoute.GET as never, { key: tenant.apiKey.key, path: "/api/v1/breakers/events?key=graph:" });
    expect(badQuery.status).toBe(422);
    expect(badQuery.json.issues[0].path).toContain("key");
    const notForced = await post(releaseRoute, { key: "model:openai:gpt-4.1", reason: "x" });
    expect(notForced.status).toBe(409);
    const other = await makeTenant("Other Co");
    const theirs = await graphApi(() => other.apiKey.key).createGraph({ name: "Theirs", nodes: [{ id: "o", type: "output", value: 1 }] });
    const notOurs = await post(openRoute, { key: `graph:${theirs}`, reason: "x" });
    expect(notOurs.status).toBe(404);
    expect(await getPrisma().circuitBreaker.count({ where: { key: `graph:${theirs}` } })).toBe(0);
    const editor = await makeApiKey(tenant.workspace.id, "editor");
    expect((await post(openRoute, { key: "model:openai:gpt-4o", reason: "x" }, editor.key)).status).toBe(403);
    expect((await callRoute(breakersRoute.GET as never, { key: editor.key, path: "/api/v1/breakers" })).status).toBe(200);
  });
});

const ended = (r: { status: string }) => ["succeeded", "failed", "cancelled"].includes(r.status);
const nodeOf = (run: { nodes: { nodeId: string }[] }, id: string) => run.nodes.find((x) => x.nodeId === id) as any;

describe("model breakers in agent nodes", () => {
  it("an open model breaker moves a routed node to its fallback model, and fails a named model with breaker_open so its onError.fallback stands in", async () => {
    const { routeModel } = await import("../../lib/finops");
    const first = (await routeModel(await ctx(), { tier: "cheap" })).modelId;
    expect(first).not.toBe("openai:gpt-4o");
    expect((await post(openRoute, { key: `model:${first}`, reason: "provider degraded" })).status).toBe(200);
    expect((await post(openRoute, { key: "model:openai:gpt-4o", reason: "quota exhausted" })).status).toBe(200);
    // gpt-4.1 stays closed: the routed node's second fallback
    openai.reset();
    openai.enqueue({ text: "From the fallback." });
    const before = openai.requests.length;
    const graphId = await api.createGraph({
      name: "Model breakers",
      nodes: [
        { id: "routed", type: "agent", model: { tier: "cheap", fallbacks: ["openai:gpt-4o", "openai:gpt-4.1"] }, prompt: "Say something." },
        { id: "named", type: "agent", needs: ["routed"], model: "openai:gpt-4o", prompt: "Say something.", onError: { fallback: "standby" } },
        { id: "standby", type: "output", value: "stand-in answer" },
      ],
    });
    const runId = await api.start(graphId);
    const run = await rt.waitForRun(runId, ended);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    // one model call in all: the routed node's, on gpt-4.1; the named node called nothing
    expect(openai.requests.slice(before).map((r) => (r.body as { model: string }).model)).toEqual(["gpt-4.1"]);
    const shown = await api.getRun(runId);
    expect(nodeOf(shown, "routed")).toMatchObject({ status: "succeeded", output: "From the fallback.", model: "openai:gpt-4.1" });
    expect(nodeOf(shown, "named")).toMatchObject({ status: "failed", attempts: 1, error: expect.objectContaining({ code: "breaker_open", retryable: false }), output: "stand-in answer" });
    expect(nodeOf(shown, "named").error.message).toContain("openai:gpt-4o");
    const traces = await getPrisma().traceEvent.findMany({ where: { runId, type: "model.breaker_open" } });
    expect(traces.map((t) => t.nodeId).sort()).toEqual(["named", "routed", "routed"]);
    await post(closeRoute, { key: `model:${first}`, reason: "recovered" });
    await post(closeRoute, { key: "model:openai:gpt-4o", reason: "recovered" });
  });

  it("provider failures open a model's breaker, and a second run sees it open without calling the provider", async () => {
    process.env.SWITCHYARD_MODEL_BREAKER_FAILURES = "2";
    try {
      const model = "openai:gpt-4.1-mini";
      const graphId = await api.createGraph({
        name: "Flaky provider",
        nodes: [{ id: "ask", type: "agent", model, retries: { attempts: 3, backoff: { initialMs: 50, factor: 1, maxMs: 50 } }, prompt: "Say something." }],
      });
      openai.reset();
      const boom = { status: 503, body: { error: { message: "overloaded", type: "server_error" } } };
      openai.enqueue(boom, boom, boom);
      const before = openai.requests.length;
      const runId = await api.start(graphId);
      const run = await rt.waitForRun(runId, ended);
      expect(run.status).toBe("failed");
      // two provider failures opened the breaker; the third attempt did not call the provider
      expect(openai.requests.length - before).toBe(2);
      const ask = nodeOf(await api.getRun(runId), "ask");
      expect(ask).toMatchObject({ attempts: 3, error: expect.objectContaining({ code: "breaker_open" }) });
      expect(await row(`model:${model}`)).toMatchObject({ state: "open", failures: 2, lastError: expect.stringContaining("overloaded") });
      const second = await api.start(graphId);
      const again = await rt.waitForRun(second, ended);
      expect(again.status).toBe("failed");
      expect(openai.requests.length - before).toBe(2);
      expect(nodeOf(await api.getRun(second), "ask").error).toMatchObject({ code: "breaker_open" });
      const list = (await callRoute(breakersRoute.GET as never, { key: tenant.apiKey.key, path: "/api/v1/breakers?state=open" })).json.breakers;
      expect(list).toEqual(expect.arrayContaining([expect.objectContaining({ key: `model:${model}`, kind: "model", state: "open", failures: 2, forced: null })]));
      openai.reset();
    } finally {
      delete process.env.SWITCHYARD_MODEL_BREAKER_FAILURES;
    }
  });
});

describe("a graph's kill switch", () => {
  it("refuses new runs with 409 graph_disabled naming who and why, pauses a running run at its next node, and resumes it when closed", async () => {
    const { startHttpStub } = await import("../runtime-harness");
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const vendor = await startHttpStub(async (req) => {
      if (req.url?.startsWith("/slow")) await gate;
      return { json: { ok: true } };
    });
    try {
      const graphId = await api.createGraph({
        name: "Killable",
        nodes: [
          { id: "fetch", type: "tool", tool: { kind: "http", method: "GET", url: `${vendor.url}/slow` } },
          { id: "after", type: "tool", needs: ["fetch"], tool: { kind: "http", method: "GET", url: `${vendor.url}/after` } },
          { id: "done", type: "output", needs: ["after"], value: "{{nodes.after.output.body.ok}}" },
        ],
      });
      const runId = await api.start(graphId);
      await rt.waitForRun(runId, (r) => r.nodeRuns.some((x: any) => x.nodeId === "fetch" && x.status === "running"));
      const key = `graph:${graphId}`;
      const on = await post(openRoute, { key, reason: "runaway spend on vendor API" });
      expect(on.status, on.text).toBe(200);
      release();
      const paused = await rt.waitForRun(runId, (r) => r.status === "paused");
      expect(paused.pausedReason).toBe("kill_switch");
      expect(paused.nodeRuns.find((x: any) => x.nodeId === "fetch").status).toBe("succeeded");
      expect(paused.nodeRuns.find((x: any) => x.nodeId === "after").status).toBe("paused");
      expect(vendor.calls.filter((c) => c.url === "/after")).toHaveLength(0);

      const refused = await callRoute(runsRoute.POST as never, { key: tenant.apiKey.key, params: { id: graphId }, body: { input: {} } });
      expect(refused.status).toBe(409);
      expect(refused.json.code).toBe("graph_disabled");
      expect(refused.json.error).toContain("API key “key-owner”");
      expect(refused.json.error).toContain("runaway spend on vendor API");
      expect(await getPrisma().run.count({ where: { graphId } })).toBe(1);

      const off = await post(closeRoute, { key, reason: "vendor fixed" });
      expect(off.status).toBe(200);
      const done = await rt.waitForRun(runId, ended, 30_000);
      expect(done.status, JSON.stringify(done.error)).toBe("succeeded");
      expect(done.output).toBe(true);
      expect(vendor.calls.filter((c) => c.url === "/after")).toHaveLength(1);
      const traces = await getPrisma().traceEvent.findMany({ where: { runId, type: { in: ["run.paused", "run.resumed"] } }, orderBy: { id: "asc" } });
      expect(traces.map((t) => t.type)).toEqual(["run.paused", "run.resumed"]);
      // new runs start again
      const next = await api.start(graphId);
      expect((await rt.waitForRun(next, ended)).status).toBe("succeeded");
      expect((await history(key)).map((e) => `${e.from}→${e.to}`).reverse()).toEqual(["closed→forced_open", "forced_open→closed"]);
      const audit = await getPrisma().auditEvent.findMany({ where: { workspaceId: tenant.workspace.id, targetId: key }, orderBy: { createdAt: "asc" } });
      expect(audit.map((a) => a.action)).toEqual(["breaker.forced_open", "breaker.forced_closed"]);
    } finally {
      release();
      await vendor.close();
    }
  });
});
