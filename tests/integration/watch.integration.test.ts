/**
 * Condition-watch triggers: a stub HTTP source on 127.0.0.1 whose answer the test flips, polled
 * through the watch's tick handler (the scheduler's seam) on the real engine and database —
 * edge triggering, key dedupe, health on failures, the outbound guard, and validation on save —
 * and once end to end on the scheduler. The tests that call the handler themselves poll hourly
 * on the scheduler, so its own ticks (an hour away) never interleave with theirs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpStub, useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { graphApi } from "../graph-api";
import { getPrisma } from "../../lib/db/client";
import { makeTenant } from "../../prisma/factories";
import { systemContext } from "../../lib/runtime/system-context";
import { watchHandler } from "../../lib/triggers/watch/watch-handler";
import type { ScheduledTrigger } from "../../lib/scheduler/types";
import * as graphsRoute from "../../app/api/v1/graphs/route";
import * as secretRoute from "../../app/api/v1/secrets/[name]/route";
import * as firesRoute from "../../app/api/v1/graphs/[id]/triggers/[name]/fires/route";
import * as pauseRoute from "../../app/api/v1/graphs/[id]/triggers/[name]/pause/route";

const rt = useRuntime("watch");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
let stub: Awaited<ReturnType<typeof startHttpStub>>;
/** what the stub source answers next */
let answer: { status?: number; json?: unknown } = { json: {} };
const api = graphApi(() => tenant.apiKey.key);
const ended = (r: { status: string }) => ["succeeded", "failed", "cancelled"].includes(r.status);

beforeAll(async () => {
  tenant = await makeTenant("Watch Co");
  stub = await startHttpStub(async () => answer);
  // the stub source is on loopback: the deployment lets workspaces reach exactly it
  process.env.SWITCHYARD_OUTBOUND_ALLOW = new URL(stub.url).host;
});
afterAll(async () => {
  delete process.env.SWITCHYARD_OUTBOUND_ALLOW;
  await stub?.close();
});

async function triggerRow(graphId: string, name: string): Promise<ScheduledTrigger> {
  return (await getPrisma().trigger.findFirstOrThrow({ where: { graphId, name } })) as unknown as ScheduledTrigger;
}
/** One tick of the watch, a second after the previous one (each tick a new slot), or at `at`. */
let clock = Date.parse("2026-12-01T08:00:00Z");
async function tick(graphId: string, name: string, at?: Date) {
  if (!at) {
    clock += 1000;
    at = new Date(clock);
  }
  const ctx = await systemContext(tenant.workspace.id);
  await watchHandler.tick(ctx, await triggerRow(graphId, name), { intendedAt: at, now: at });
  return at;
}
const runsOf = (graphId: string) => getPrisma().run.findMany({ where: { graphId }, orderBy: { createdAt: "asc" } });
const fires = async (graphId: string, name: string) =>
  (await callRoute(firesRoute.GET as never, { key: tenant.apiKey.key, params: { id: graphId, name } })).json.data as {
    outcome: string;
    runId: string | null;
    dedupeKey: string;
    reason: string | null;
  }[];

describe("watch triggers", () => {
  it("polls the source and fires on the rising edge only: false, false, true, true, false, true → 2 runs, the body as input", async () => {
    const graphId = await api.createGraph({
      name: "Watch stock",
      triggers: [{ type: "watch", id: "low-stock", url: `${stub.url}/stock`, every: "1h", when: "event.status == 200 && event.body.level < 10.0" }],
      nodes: [{ id: "out", type: "output", value: { level: "{{input.level}}" } }],
    });
    const row = await triggerRow(graphId, "low-stock");
    const after = new Date("2026-12-01T08:00:00Z");
    expect(watchHandler.next(row, after)).toEqual(new Date("2026-12-01T09:00:00Z"));

    const levels = [50, 40, 5, 3, 60, 7];
    const before = stub.calls.length;
    let last = new Date(0);
    for (const level of levels) {
      answer = { json: { level } };
      last = await tick(graphId, "low-stock");
    }
    expect(stub.calls.length - before).toBe(6);
    expect(stub.calls.at(-1)).toEqual(expect.objectContaining({ method: "GET", url: "/stock" }));
    const runs = await runsOf(graphId);
    expect(runs.map((r) => r.input)).toEqual([{ level: 5 }, { level: 7 }]);
    for (const run of runs) expect((await rt.waitForRun(run.id, ended)).output).toEqual(run.input);
    expect((await fires(graphId, "low-stock")).map((f) => f.outcome)).toEqual(["started", "started"]);

    // the same tick again (a retried step) polls nothing and starts nothing
    await tick(graphId, "low-stock", last);
    expect(stub.calls.length - before).toBe(6);
    const health = await getPrisma().trigger.findFirstOrThrow({ where: { id: row.id } });
    expect(health.lastCheckedAt).toEqual(last);
    expect(health.lastError).toBeNull();
    expect(health.state).toEqual(expect.objectContaining({ last: true, failures: 0 }));
  });

  it("a key dedupes: the same key on a new edge starts nothing, a new key while the condition holds starts a run; secrets reach the request only", async () => {
    const secret = await callRoute(secretRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { name: "STATUS_TOKEN" }, body: { value: "tok-s3cret-watch" } });
    expect(secret.status, secret.text).toBeLessThan(300);
    const graphId = await api.createGraph({
      name: "Watch releases",
      input: { type: "object", properties: { release: { type: "string" } }, required: ["release"] },
      triggers: [
        {
          type: "watch",
          id: "release",
          url: `${stub.url}/releases`,
          method: "POST",
          headers: { authorization: "Bearer {{secrets.STATUS_TOKEN}}" },
          body: { query: "latest", token: "{{secrets.STATUS_TOKEN}}" },
          every: "1h",
          when: "event.body.published == true",
          key: "event.body.tag",
          input: { release: "{{event.body.tag}}" },
        },
      ],
      nodes: [{ id: "out", type: "output", value: { release: "{{input.release}}" } }],
    });
    const seq: [string, boolean][] = [
      ["v1", true],
      ["v1", false],
      ["v1", true], // a new edge, but v1 already started a run
      ["v2", true], // a new key while it holds
      ["v2", true],
    ];
    const before = stub.calls.length;
    for (const [tag, published] of seq) {
      answer = { json: { tag, published } };
      await tick(graphId, "release");
    }
    const runs = await runsOf(graphId);
    expect(runs.map((r) => r.input)).toEqual([{ release: "v1" }, { release: "v2" }]);
    const log = await fires(graphId, "release");
    expect(log.map((f) => [f.outcome, f.dedupeKey])).toEqual([
      ["started", "v2"],
      ["duplicate", "v1"],
      ["started", "v1"],
    ]);
    expect(log[1]!.runId).toBe(runs[0]!.id);
    const sent = stub.calls.slice(before);
    expect(sent[0]!.method).toBe("POST");
    expect(sent[0]!.headers.authorization).toBe("Bearer tok-s3cret-watch");
    expect(JSON.parse(sent[0]!.body)).toEqual({ query: "latest", token: "tok-s3cret-watch" });
    // the secret is in no trigger row or fire
    const row = await getPrisma().trigger.findFirstOrThrow({ where: { graphId } });
    const stored = JSON.stringify([row, await getPrisma().triggerFire.findMany({ where: { graphId } })]);
    expect(stored).not.toContain("tok-s3cret-watch");
  });

  it("a failing source is visible in health: one error fire per streak, lastError until a good poll, and no run", async () => {
    const graphId = await api.createGraph({
      name: "Watch flaky",
      triggers: [{ type: "watch", id: "flaky", url: `${stub.url}/flaky`, every: "1h", when: "event.body.alarm == true" }],
      nodes: [{ id: "out", type: "output", value: { ok: true } }],
    });
    // a body over the 1 MiB a watch reads, three polls in a row
    answer = { json: { alarm: true, pad: "x".repeat(1_100_000) } };
    await tick(graphId, "flaky");
    await tick(graphId, "flaky");
    const third = await tick(graphId, "flaky");
    let row = await getPrisma().trigger.findFirstOrThrow({ where: { graphId } });
    expect(row.lastError).toMatch(/more than the 1048576 bytes/);
    expect(row.lastErrorAt).toEqual(third);
    expect(row.lastCheckedAt).toEqual(third);
    expect(row.state).toEqual(expect.objectContaining({ failures: 3 }));
    let log = await fires(graphId, "flaky");
    expect(log.map((f) => f.outcome)).toEqual(["error"]);
    expect(log[0]!.reason).toMatch(/poll failed.*bytes/);
    expect(await runsOf(graphId)).toEqual([]);

    // a condition that cannot be evaluated is a failed poll too (a new streak after a good poll)
    answer = { json: { alarm: false } };
    const good = await tick(graphId, "flaky");
    row = await getPrisma().trigger.findFirstOrThrow({ where: { graphId } });
    expect(row.lastError).toBeNull();
    expect(row.lastCheckedAt).toEqual(good);
    expect(row.lastErrorAt).toEqual(third);
    answer = { json: { other: 1 } };
    await tick(graphId, "flaky");
    log = await fires(graphId, "flaky");
    expect(log.map((f) => f.outcome)).toEqual(["error", "error"]);
    expect(log[0]!.reason).toContain("event.body.alarm");
    answer = { json: { alarm: true } };
    await tick(graphId, "flaky");
    expect(await runsOf(graphId)).toHaveLength(1);
  });

  it("the outbound guard refuses a private address the deployment does not allow: on save, naming the field; and at the poll when the allowance was withdrawn since, recorded in health, nothing sent", async () => {
    const refused = await callRoute(graphsRoute.POST as never, {
      key: tenant.apiKey.key,
      body: {
        name: "Watch metadata",
        triggers: [{ type: "watch", id: "meta", url: "http://169.254.169.254/latest/meta-data", every: "1h", when: "event.status == 200" }],
        nodes: [{ id: "out", type: "output", value: { ok: true } }],
      },
    });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.json.error).toContain("triggers[0].url");
    expect(refused.json.error).toContain("169.254.169.254");
    expect(refused.json.error).toContain("SWITCHYARD_OUTBOUND_ALLOW");

    // allowed when saved, no longer when polled: the guard at the connection refuses it
    const internal = await startHttpStub(async () => ({ json: { secret: "internal" } }));
    try {
      process.env.SWITCHYARD_OUTBOUND_ALLOW = `${new URL(stub.url).host},${new URL(internal.url).host}`;
      const graphId = await api.createGraph({
        name: "Watch internal",
        triggers: [{ type: "watch", id: "internal", url: `${internal.url}/state`, every: "1h", when: "event.status == 200" }],
        nodes: [{ id: "out", type: "output", value: { ok: true } }],
      });
      // (its first poll by the scheduler is an hour away: only the test's tick polls it)
      process.env.SWITCHYARD_OUTBOUND_ALLOW = new URL(stub.url).host;
      await tick(graphId, "internal");
      const row = await getPrisma().trigger.findFirstOrThrow({ where: { graphId } });
      expect(row.lastError).toContain("SWITCHYARD_OUTBOUND_ALLOW");
      expect(row.lastError).toContain("127.0.0.1");
      expect((await fires(graphId, "internal")).map((f) => f.outcome)).toEqual(["error"]);
      expect(await runsOf(graphId)).toEqual([]);
      expect(internal.calls).toHaveLength(0);
    } finally {
      process.env.SWITCHYARD_OUTBOUND_ALLOW = new URL(stub.url).host;
      await internal.close();
    }
  });

  it("refuses on save, naming the field: polls more often than every second, a request reading more than secrets, a URL that is not http(s)", async () => {
    const save = (trigger: Record<string, unknown>) =>
      callRoute(graphsRoute.POST as never, {
        key: tenant.apiKey.key,
        body: {
          name: "Bad watch",
          triggers: [{ type: "watch", url: "https://status.example.com/api", every: "1m", when: "event.status == 200", ...trigger }],
          nodes: [{ id: "o", type: "output", value: 1 }],
        },
      });
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ every: "500ms" }, "triggers[0].every", /at least "1s"/],
      [{ url: "https://status.example.com/{{input.path}}" }, "triggers[0].url", /only workspace secrets/],
      [{ headers: { "x-run": "{{run.id}}" } }, "triggers[0].headers", /only workspace secrets/],
      [{ url: "ftp://status.example.com/state" }, "triggers[0].url", /http\(s\) URL/],
      [{ key: "event.body.(" }, "triggers[0].key", /does not parse/],
    ];
    for (const [trigger, field, message] of cases) {
      const res = await save(trigger);
      expect(res.status, `${field}: ${res.text}`).toBe(422);
      expect(res.json.error, field).toContain(field);
      expect(res.json.error, field).toMatch(message);
    }
  });

  it("end to end on the scheduler: saving arms the watch, which polls every second and starts one run when the source turns true; pausing stops the polls", async () => {
    let ready = false;
    const source = await startHttpStub(async () => ({ json: { ready } }));
    process.env.SWITCHYARD_OUTBOUND_ALLOW = `${new URL(stub.url).host},${new URL(source.url).host}`;
    try {
      const graphId = await api.createGraph({
        name: "Watch on the scheduler",
        triggers: [{ type: "watch", id: "ready", url: `${source.url}/ready`, every: "1s", when: "event.body.ready == true" }],
        nodes: [{ id: "out", type: "output", value: { ready: "{{input.ready}}" } }],
      });
      await rt.waitFor(
        async () => source.calls.length,
        (n) => n >= 2,
        20_000,
      );
      expect(await runsOf(graphId)).toEqual([]);
      ready = true;
      const [run] = await rt.waitFor(
        () => runsOf(graphId),
        (runs) => runs.length >= 1,
        20_000,
      );
      expect((await rt.waitForRun(run!.id, ended)).output).toEqual({ ready: true });
      // it stays true: more polls, no second run
      const polled = source.calls.length;
      await rt.waitFor(
        async () => source.calls.length,
        (n) => n >= polled + 2,
        20_000,
      );
      expect(await runsOf(graphId)).toHaveLength(1);
      const row = await getPrisma().trigger.findFirstOrThrow({ where: { graphId } });
      expect(row.lastError).toBeNull();
      expect(Date.now() - row.lastCheckedAt!.getTime()).toBeLessThan(10_000);
      expect(row.nextFireAt).not.toBeNull();

      const paused = await callRoute(pauseRoute.POST as never, { key: tenant.apiKey.key, params: { id: graphId, name: "ready" } });
      expect(paused.status, paused.text).toBe(200);
      await new Promise((r) => setTimeout(r, 1500));
      const settled = source.calls.length;
      await new Promise((r) => setTimeout(r, 2500));
      expect(source.calls.length).toBe(settled);
    } finally {
      await source.close();
      process.env.SWITCHYARD_OUTBOUND_ALLOW = new URL(stub.url).host;
    }
  });
});
