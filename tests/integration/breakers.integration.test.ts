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
    const policy = { failures: 1, coolDown: "300ms" };
    const key = freshKey();
    await recordBreakerOutcome(c, key, fail(), policy);
    expect((await checkBreaker(c, key, policy)).allowed).toBe(false);
    await sleep(350);
    const gates = await Promise.all(Array.from({ length: 20 }, async () => checkBreaker(await ctx(), key, policy)));
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
    const policy = { failures: 1, coolDown: "300ms" };
    const key = freshKey();
    await recordBreakerOutcome(c, key, fail(), policy);
    await sleep(350);
    expect(await checkBreaker(c, key, policy)).toMatchObject({ allowed: true, probe: true });
    // a call let through before it opened reports late: it does not settle the probe
    await recordBreakerOutcome(c, key, { ok: true, probe: false }, policy);
    expect((await row(key)).state).toBe("half_open");
    await recordBreakerOutcome(c, key, { ok: false, error: "still down", probe: true }, policy);
    const reopened = await row(key);
    expect(reopened).toMatchObject({ state: "open", lastError: "still down" });
    expect((await checkBreaker(c, key, policy)).allowed).toBe(false);
    await sleep(350);
    // this probe's process dies: nobody reports
    expect(await checkBreaker(c, key, policy)).toMatchObject({ probe: true });
    expect(await checkBreaker(c, key, policy)).toMatchObject({ allowed: false, state: "half_open" });
    await sleep(350);
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
