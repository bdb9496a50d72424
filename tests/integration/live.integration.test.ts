/**
 * Live updates (GET /api/v1/live): what changes in a workspace reaches its open streams,
 * recorded by triggers and read from the outbox (lib/live/feed.ts), coalesced, never another
 * workspace's, never skipped when transactions commit out of order, and resumable after a
 * dropped connection from the last event id.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase, callRoute } from "../use-test-database";
import { getPrisma } from "../../lib/db/client";
import { newId } from "../../lib/ids";
import { addMember, makeApiKey, makeTenant, makeUser } from "../../prisma/factories";
import * as liveRoute from "../../app/api/v1/live/route";
import { liveHub } from "../../lib/live/hub";
import { LIVE_FEED_APPLICATION, readChangesForever, tidyLiveChanges } from "../../lib/live/feed";
import pg from "pg";
import { handleLive } from "../../lib/live/serve-node";
import { authOptions } from "../../lib/auth/options";
import { encode } from "next-auth/jwt";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { LiveChange } from "../../lib/live/events";

useTestDatabase("live");
afterAll(() => liveHub().stop());

type Tenant = Awaited<ReturnType<typeof makeTenant>>;
let a: Tenant;
let b: Tenant;

interface SseEvent {
  id: string;
  event: string;
  data: string;
}

/** An open stream, parsed as a browser's EventSource would. */
async function openStream(key: string, lastEventId?: string) {
  const ac = new AbortController();
  const res = await liveRoute.GET(
    new Request("http://localhost/api/v1/live", { headers: { authorization: `Bearer ${key}`, ...(lastEventId ? { "last-event-id": lastEventId } : {}) }, signal: ac.signal }),
    {
      params: Promise.resolve({}),
    },
  );
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffer = "";
  let waiters: Array<() => void> = [];
  void (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const e: SseEvent = { id: "", event: "message", data: "" };
        let hasData = false;
        for (const line of block.split("\n")) {
          const [field, ...rest] = line.split(": ");
          const value = rest.join(": ");
          if (field === "id") e.id = value;
          else if (field === "event") e.event = value;
          else if (field === "data") {
            e.data = value;
            hasData = true;
          }
        }
        if (hasData) events.push(e);
      }
      for (const w of waiters) w();
      waiters = [];
    }
  })();
  return {
    events,
    /** the first event (from `from` on) that `match` accepts, within `ms` */
    async waitFor(match: (e: SseEvent) => boolean, ms = 5_000, from = 0): Promise<SseEvent> {
      const until = Date.now() + ms;
      for (;;) {
        const hit = events.slice(from).find(match);
        if (hit) return hit;
        if (Date.now() > until) throw new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events)}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 50);
        });
      }
    },
    changes(): LiveChange[] {
      return events.filter((e) => e.event === "changes").flatMap((e) => JSON.parse(e.data) as LiveChange[]);
    },
    close: () => {
      ac.abort();
      void reader.cancel().catch(() => {});
    },
  };
}

async function makeRun(t: Tenant) {
  const db = getPrisma();
  const graph = await db.graph.create({ data: { id: newId("graph"), workspaceId: t.workspace.id, name: "Live graph", latestVersion: 1 } });
  const version = await db.graphVersion.create({
    data: { id: newId("graphVersion"), workspaceId: t.workspace.id, graphId: graph.id, version: 1, spec: { name: "Live graph", nodes: [{ id: "o", type: "output", value: 1 }] }, specHash: "x" },
  });
  return db.run.create({ data: { id: newId("run"), workspaceId: t.workspace.id, graphId: graph.id, graphVersionId: version.id, version: 1, status: "running", input: {} } });
}
const mentions = (runId: string, kind?: string) => (e: SseEvent) => e.event === "changes" && (JSON.parse(e.data) as LiveChange[]).some((c) => c.runId === runId && (!kind || c.kind === kind));

beforeAll(async () => {
  a = await makeTenant("Live A");
  b = await makeTenant("Live B");
});

describe("the live stream", () => {
  it("refuses callers without a valid key", async () => {
    expect((await callRoute(liveRoute.GET as never, { path: "/api/v1/live" })).status).toBe(401);
    expect((await callRoute(liveRoute.GET as never, { path: "/api/v1/live", key: "sy_not-a-real-key-0000000000000000" })).status).toBe(401);
  });

  it("starts with reset, then pushes a node's change in its workspace within moments, and never another workspace's", async () => {
    const streamA = await openStream(a.apiKey.key);
    const streamB = await openStream(b.apiKey.key);
    await streamA.waitFor((e) => e.event === "reset");
    const run = await makeRun(a);
    await streamA.waitFor(mentions(run.id, "run"));
    const node = await getPrisma().nodeRun.create({ data: { id: newId("nodeRun"), workspaceId: a.workspace.id, runId: run.id, nodeId: "o", nodeType: "output", status: "running" } });
    const t0 = Date.now();
    await getPrisma().nodeRun.update({ where: { id: node.id }, data: { status: "succeeded", endedAt: new Date() } });
    await streamA.waitFor((e) => e.event === "changes" && (JSON.parse(e.data) as LiveChange[]).some((c) => c.kind === "node" && c.runId === run.id && c.status === "succeeded"));
    const pushedMs = Date.now() - t0;
    expect(pushedMs).toBeLessThan(1_000);
    // B's stream saw none of A's
    await new Promise((r) => setTimeout(r, 200));
    expect(streamB.changes().filter((c) => c.runId === run.id)).toEqual([]);
    expect(JSON.stringify(streamB.events)).not.toContain(a.workspace.id);
    streamA.close();
    streamB.close();
  });

  it("tells a viewer too, and tells of inbox items and delegations", async () => {
    const viewer = await makeUser();
    await addMember(a.workspace.id, viewer.id, "viewer");
    const viewerKey = await makeApiKey(a.workspace.id, "viewer");
    const stream = await openStream(viewerKey.key);
    await stream.waitFor((e) => e.event === "reset");
    const run = await makeRun(a);
    await getPrisma().approval.create({ data: { id: newId("approval"), workspaceId: a.workspace.id, kind: "approval", runId: run.id, title: "Approve it" } });
    await stream.waitFor((e) => e.event === "changes" && (JSON.parse(e.data) as LiveChange[]).some((c) => c.kind === "inbox" && c.status === "pending"));
    // the item's history grows (a vote) without the item changing: still an inbox change
    const voted = stream.events.length;
    const item = await getPrisma().approval.findFirstOrThrow({ where: { runId: run.id } });
    await getPrisma().approvalEvent.create({ data: { id: newId("approvalEvent"), workspaceId: a.workspace.id, approvalId: item.id, kind: "voted", actor: "system" } });
    await stream.waitFor((e) => e.event === "changes" && (JSON.parse(e.data) as LiveChange[]).some((c) => c.kind === "inbox"), 5_000, voted);
    await getPrisma().delegation.create({
      data: { id: newId("delegation"), workspaceId: a.workspace.id, runId: run.id, nodeId: "o", seq: 1, agent: "vendor", kind: "inline", status: "running", request: {} },
    });
    await stream.waitFor(mentions(run.id, "delegation"));
    stream.close();
  });

  it("tells of circuit breakers and schedules, only in their workspace, and not of every call a breaker counts", async () => {
    const streamA = await openStream(a.apiKey.key);
    const streamB = await openStream(b.apiKey.key);
    try {
      await streamA.waitFor((e) => e.event === "reset");
      await streamB.waitFor((e) => e.event === "reset");
      const db = getPrisma();
      const kind = (k: string) => (e: SseEvent) => e.event === "changes" && (JSON.parse(e.data) as LiveChange[]).some((c) => c.kind === k);
      const breaker = await db.circuitBreaker.create({ data: { id: newId("breaker"), workspaceId: a.workspace.id, key: "model:sim:fast" } });
      await streamA.waitFor(kind("breaker"));
      // a counted success changes nothing on screen: no change is recorded for it
      const before = streamA.events.length;
      await db.circuitBreaker.update({ where: { id: breaker.id }, data: { calls: { increment: 1 } } });
      await new Promise((r) => setTimeout(r, 300));
      expect(streamA.events.slice(before).filter(kind("breaker"))).toEqual([]);
      await db.circuitBreaker.update({ where: { id: breaker.id }, data: { state: "open", openedAt: new Date() } });
      await streamA.waitFor(kind("breaker"), 5_000, before);
      await db.trigger.create({ data: { id: newId("trigger"), workspaceId: a.workspace.id, type: "schedule", name: "Nightly", config: { cron: "0 2 * * *" } } });
      await streamA.waitFor(kind("schedule"));
      await new Promise((r) => setTimeout(r, 200));
      expect(streamB.changes().filter((c) => c.kind === "breaker" || c.kind === "schedule")).toEqual([]);
    } finally {
      streamA.close();
      streamB.close();
    }
  });

  it("coalesces a burst: 300 node changes of one run arrive as a handful of events, the last state included", async () => {
    const run = await makeRun(a);
    const db = getPrisma();
    const ids = Array.from({ length: 300 }, () => newId("nodeRun"));
    await db.nodeRun.createMany({ data: ids.map((id, i) => ({ id, workspaceId: a.workspace.id, runId: run.id, nodeId: `n${i}`, nodeType: "agent", status: "queued" as const })) });
    const stream = await openStream(a.apiKey.key);
    await stream.waitFor((e) => e.event === "reset");
    const from = stream.events.length;
    const t0 = Date.now();
    // as a wide fan-out finishes: one commit per node
    for (let i = 0; i < ids.length; i += 10) await Promise.all(ids.slice(i, i + 10).map((id) => db.nodeRun.update({ where: { id }, data: { status: "succeeded" } })));
    await db.run.update({ where: { id: run.id }, data: { status: "succeeded", endedAt: new Date() } });
    await stream.waitFor((e) => e.event === "changes" && (JSON.parse(e.data) as LiveChange[]).some((c) => c.kind === "run" && c.runId === run.id && c.status === "succeeded"), 5_000, from);
    const elapsed = Date.now() - t0;
    const sent = stream.events.slice(from).filter((e) => e.event === "changes" && e.data.includes(run.id));
    // at most one event per coalescing window (50 ms) for this run, plus the first
    expect(sent.length).toBeLessThanOrEqual(Math.ceil(elapsed / 50) + 2);
    expect(sent.length).toBeLessThan(300);
    stream.close();
  });

  it("resumes after a dropped connection with exactly what was missed, and resets when it cannot tell", async () => {
    const first = await openStream(a.apiKey.key);
    await first.waitFor((e) => e.event === "reset");
    const run = await makeRun(a);
    const seen = await first.waitFor(mentions(run.id, "run"));
    first.close();
    // missed while disconnected
    await getPrisma().run.update({ where: { id: run.id }, data: { status: "waiting", pausedReason: "approval" } });
    const other = await makeRun(b);
    await new Promise((r) => setTimeout(r, 300));
    const resumed = await openStream(a.apiKey.key, seen.id);
    const ev = await resumed.waitFor(mentions(run.id, "run"));
    expect((JSON.parse(ev.data) as LiveChange[]).find((c) => c.runId === run.id)?.status).toBe("waiting");
    expect(resumed.events.some((e) => e.event === "reset")).toBe(false);
    expect(resumed.changes().some((c) => c.runId === other.id)).toBe(false);
    resumed.close();

    for (const bad of ["00000000-1", "nonsense", "\\0", "ü-1", "x".repeat(5000), `${seen.id.split("-")[0]}-999999999999`]) {
      const s = await openStream(a.apiKey.key, bad);
      await s.waitFor((e) => e.event === "reset");
      s.close();
    }
  });

  it("says `paused` when the database connection drops, and `reset` once it hears changes again", async () => {
    const stream = await openStream(a.apiKey.key);
    const first = await stream.waitFor((e) => e.event === "reset");
    const killed = await getPrisma().$queryRawUnsafe<Array<{ ok: boolean }>>(
      `select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = current_database() and application_name = $1`,
      LIVE_FEED_APPLICATION,
    );
    expect(killed.length).toBe(1);
    const from = stream.events.indexOf(first) + 1;
    await stream.waitFor((e) => e.event === "paused", 5_000, from);
    const again = await stream.waitFor((e) => e.event === "reset", 5_000, from);
    // a new epoch: ids from before cannot be resumed
    expect(again.id.split("-")[0]).not.toBe(first.id.split("-")[0]);
    const run = await makeRun(a);
    await stream.waitFor(mentions(run.id, "run"));
    stream.close();
    const late = await openStream(a.apiKey.key, first.id);
    await late.waitFor((e) => e.event === "reset");
    late.close();
  });

  it("lets go of a stream whose client went away", async () => {
    const before = liveHub().streams;
    const streams = await Promise.all(Array.from({ length: 32 }, () => openStream(a.apiKey.key)));
    await Promise.all(streams.map((s) => s.waitFor((e) => e.event === "reset")));
    expect(liveHub().streams).toBe(before + 32);
    for (const s of streams) s.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(liveHub().streams).toBe(before);
  });
});

describe("the stream as the web process serves it (lib/live/serve-node.ts, over HTTP)", () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (!handleLive(req, res)) res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  /** GET path with headers → status, headers and what the body said within `ms`. */
  function get(path: string, headers: Record<string, string>, ms = 400): Promise<{ status: number; type: string; text: string; retryAfter?: string }> {
    return new Promise((resolve, reject) => {
      const req = http.get(`${base}${path}`, { headers }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        const done = () => resolve({ status: res.statusCode!, type: String(res.headers["content-type"]), text, retryAfter: res.headers["retry-after"] as string | undefined });
        res.on("end", done);
        setTimeout(() => {
          req.destroy();
          done();
        }, ms);
      });
      req.on("error", (err) => ((err as NodeJS.ErrnoException).code === "ECONNRESET" ? undefined : reject(err)));
    });
  }
  const sessionCookie = async (userId: string) => `next-auth.session-token=${await encode({ token: { uid: userId, sub: userId }, secret: authOptions().secret! })}`;

  it("streams with an API key, and with a member's session cookie naming the workspace", async () => {
    const withKey = await get("/api/v1/live", { authorization: `Bearer ${a.apiKey.key}` });
    expect(withKey.status).toBe(200);
    expect(withKey.type).toMatch(/^text\/event-stream/);
    expect(withKey.text).toContain("event: reset");
    const cookie = await sessionCookie(a.owner.id);
    const withSession = await get(`/api/v1/live?workspace=${a.workspace.slug}`, { cookie });
    expect(withSession.status).toBe(200);
    expect(withSession.text).toContain("event: reset");
  });

  it("answers as the API does to callers it must refuse", async () => {
    expect((await get("/api/v1/live", {})).status).toBe(401);
    expect((await get("/api/v1/live", { authorization: "Bearer sy_not-a-real-key-0000000000000000" })).status).toBe(401);
    expect((await get("/api/v1/live", { cookie: "next-auth.session-token=forged" })).status).toBe(401);
    // a member of A naming B's workspace: not found, as if it did not exist
    const cookie = await sessionCookie(a.owner.id);
    const other = await get(`/api/v1/live?workspace=${b.workspace.slug}`, { cookie });
    expect(other.status).toBe(404);
    expect(other.text).not.toContain(b.workspace.id);
    // a made-up Host names nothing: the stream is the key's, never a 500
    expect((await get("/api/v1/live", { authorization: `Bearer ${a.apiKey.key}`, host: "not a host/\\" })).status).toBe(200);
    const nul = await get("/api/v1/live?workspace=%00", { cookie });
    expect(nul.status).toBe(400);
    expect(JSON.parse(nul.text).issues[0].path).toBe("workspace");
  });

  it("refuses a stream past SWITCHYARD_LIVE_MAX_STREAMS with 503, so the screen polls", async () => {
    const held = get("/api/v1/live", { authorization: `Bearer ${a.apiKey.key}` }, 800);
    await new Promise((r) => setTimeout(r, 300));
    process.env.SWITCHYARD_LIVE_MAX_STREAMS = String(liveHub().streams);
    try {
      const refused = await get("/api/v1/live", { authorization: `Bearer ${a.apiKey.key}` });
      expect(refused.status).toBe(503);
      expect(refused.retryAfter).toBe("30");
      expect(JSON.parse(refused.text).error).toMatch(/most live-update streams/);
    } finally {
      delete process.env.SWITCHYARD_LIVE_MAX_STREAMS;
    }
    expect((await held).status).toBe(200);
    // the server lets go of the held stream once its socket closes
    for (let i = 0; i < 50 && liveHub().streams > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(liveHub().streams).toBe(0);
  });

  it("pushes a change over HTTP and lets go of the subscription when the client leaves", async () => {
    const before = liveHub().streams;
    const pending = get("/api/v1/live", { authorization: `Bearer ${a.apiKey.key}` }, 1_500);
    await new Promise((r) => setTimeout(r, 300));
    expect(liveHub().streams).toBe(before + 1);
    const run = await makeRun(a);
    const { text } = await pending;
    expect(text).toContain(run.id);
    await new Promise((r) => setTimeout(r, 100));
    expect(liveHub().streams).toBe(before);
  });
});

describe("the changes outbox", () => {
  /** A second connection of the test's own, for transactions held open across others. */
  async function connection() {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    return c;
  }

  it("delivers every change exactly once, also when a transaction that began earlier commits later", async () => {
    const got: Array<{ workspaceId: string; change: LiveChange }> = [];
    let listening = false;
    const feed = readChangesForever({ active: () => true, onChanges: (c) => got.push(...c), onListening: () => (listening = true), onLost: () => {} });
    try {
      for (let i = 0; i < 100 && !listening; i++) await new Promise((r) => setTimeout(r, 20));
      expect(listening).toBe(true);
      const early = await makeRun(a);
      const late = await makeRun(a);
      const t1 = await connection();
      const t2 = await connection();
      try {
        // t1 takes its transaction id first and holds it open; t2 commits while t1 is still running
        await t1.query("begin");
        await t1.query(`update "Run" set status = 'waiting' where id = $1`, [early.id]);
        await t2.query("begin");
        await t2.query(`update "Run" set status = 'failed' where id = $1`, [late.id]);
        await t2.query("commit");
        const has = (runId: string, status: string) => got.filter((g) => g.change.runId === runId && g.change.status === status).length;
        for (let i = 0; i < 100 && !has(late.id, "failed"); i++) await new Promise((r) => setTimeout(r, 20));
        expect(has(late.id, "failed")).toBe(1);
        expect(has(early.id, "waiting")).toBe(0);
        await t1.query("commit");
        for (let i = 0; i < 100 && !has(early.id, "waiting"); i++) await new Promise((r) => setTimeout(r, 20));
        await new Promise((r) => setTimeout(r, 200)); // several more reads: nothing comes twice
        expect(has(early.id, "waiting")).toBe(1);
        expect(has(late.id, "failed")).toBe(1);
        expect(got.every((g) => g.workspaceId === a.workspace.id)).toBe(true);
      } finally {
        await t1.end();
        await t2.end();
      }
    } finally {
      await feed.close();
    }
  });

  it("turns a batch of 1,000 node runs in one transaction into one change", async () => {
    const got: LiveChange[] = [];
    let listening = false;
    const feed = readChangesForever({ active: () => true, onChanges: (c) => got.push(...c.map((x) => x.change)), onListening: () => (listening = true), onLost: () => {} });
    try {
      for (let i = 0; i < 100 && !listening; i++) await new Promise((r) => setTimeout(r, 20));
      const run = await makeRun(a);
      await getPrisma().nodeRun.createMany({
        data: Array.from({ length: 1_000 }, (_, i) => ({ id: newId("nodeRun"), workspaceId: a.workspace.id, runId: run.id, nodeId: `m${i}`, nodeType: "agent", status: "queued" as const })),
      });
      for (let i = 0; i < 100 && !got.some((c) => c.runId === run.id && c.kind === "node"); i++) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 150));
      expect(got.filter((c) => c.runId === run.id && c.kind === "node")).toEqual([{ kind: "node", runId: run.id, status: "queued" }]);
    } finally {
      await feed.close();
    }
  });

  it("is tidied: rows of transactions that ended before the previous tidy-up go, a running transaction's stay", async () => {
    const c = await connection();
    const held = await connection();
    try {
      const run = await makeRun(a);
      await held.query("begin");
      await held.query(`update "Run" set status = 'waiting' where id = $1`, [run.id]);
      const count = async (runId: string) => Number((await c.query(`select count(*)::int as n from live.changes where r = $1`, [runId])).rows[0].n);
      const done = await makeRun(a);
      expect(await count(done.id)).toBe(1);
      const first = await tidyLiveChanges(c, null); // nothing deleted: no earlier tidy-up to go by
      expect(await count(done.id)).toBe(1);
      await held.query("commit"); // ends after `first` was read: its row is kept next time
      // `done` committed before `first` was read, but a transaction older than it (held) was still
      // running then, so `first` is at or below held's id: both rows stay this time
      let before = await tidyLiveChanges(c, first);
      expect(BigInt(before)).toBeGreaterThanOrEqual(BigInt(first));
      expect(await count(done.id)).toBe(1);
      expect(await count(run.id)).toBe(1);
      // and go once the horizon has passed them (other databases' transactions on the same server can hold it back a while)
      for (let i = 0; i < 100 && (await count(done.id)) + (await count(run.id)) > 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
        before = await tidyLiveChanges(c, before);
      }
      expect(await count(done.id)).toBe(0);
      expect(await count(run.id)).toBe(0);
    } finally {
      await c.end();
      await held.end();
    }
  });
});
