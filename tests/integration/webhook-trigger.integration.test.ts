/**
 * Webhook triggers end to end: a sender signs a delivery (Standard Webhooks with the
 * `standardwebhooks` package, or GitHub's plain HMAC), posts it to the trigger's URL, and the
 * graph starts with the mapped input — through the route handlers, on the real engine and
 * database. Also: what is refused (bad signatures, replays, oversized and hostile bodies),
 * secret rotation's grace period, and 50 concurrent duplicates making one run.
 */
import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import { useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { graphApi } from "../graph-api";
import { getPrisma } from "../../lib/db/client";
import { makeTenant } from "../../prisma/factories";
import { getGraphTemplate } from "../../lib/graphs/templates";
import * as hooksRoute from "../../app/api/v1/hooks/[workspace]/[...path]/route";
import * as secretRoute from "../../app/api/v1/graphs/[id]/triggers/[name]/secret/route";
import * as triggersRoute from "../../app/api/v1/graphs/[id]/triggers/route";
import * as pauseRoute from "../../app/api/v1/graphs/[id]/triggers/[name]/pause/route";
import * as resumeRoute from "../../app/api/v1/graphs/[id]/triggers/[name]/resume/route";
import * as firesRoute from "../../app/api/v1/graphs/[id]/triggers/[name]/fires/route";
import * as eventsRoute from "../../app/api/v1/events/route";

const rt = useRuntime("webhook_trigger");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
let other: Awaited<ReturnType<typeof makeTenant>>;
beforeAll(async () => {
  tenant = await makeTenant("Hooks Co");
  other = await makeTenant("Other Hooks Co");
});
const api = graphApi(() => tenant.apiKey.key);
const ended = (r: { status: string }) => ["succeeded", "failed", "cancelled"].includes(r.status);

type Answer = { status: number; json: any; text: string; headers: Headers };

/** POSTs to /api/v1/hooks/<workspace>/<path> as a sender would (no API key). */
async function deliver(slug: string, path: string, body: BodyInit | null, headers: Record<string, string> = {}): Promise<Answer> {
  const req = new Request(`http://localhost/api/v1/hooks/${slug}/${path}?src=test`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  const res = await hooksRoute.POST(req, { params: Promise.resolve({ workspace: slug, path: path.split("/") }) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, json, text, headers: res.headers };
}

/** A Standard Webhooks sender: signs `body` with the package, as a real sender's library does. */
function standardHeaders(secret: string, body: string, opts: { id?: string; at?: Date } = {}) {
  const id = opts.id ?? `msg_${crypto.randomUUID()}`;
  const at = opts.at ?? new Date();
  return { "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": new Webhook(secret).sign(id, at, body) };
}

async function makeSecret(graphId: string, name: string, key = tenant.apiKey.key) {
  const res = await callRoute(secretRoute.POST as never, { key, params: { id: graphId, name } });
  expect(res.status, res.text).toBe(201);
  return res.json as { secret: string; url: string; curl: string; previousSecretValidUntil: string | null };
}
const fires = async (graphId: string, name: string) =>
  (await callRoute(firesRoute.GET as never, { key: tenant.apiKey.key, params: { id: graphId, name } })).json.data as { outcome: string; runId: string | null; dedupeKey: string; reason: string | null; payload: any }[];

const ORDER_INPUT = { type: "object", properties: { orderId: { type: "string" }, total: { type: "number" }, source: { type: "string" } }, required: ["orderId", "total"] };

describe("webhook triggers (Standard Webhooks)", () => {
  let graphId: string;
  let secret: string;
  beforeAll(async () => {
    graphId = await api.createGraph({
      name: "Order hook",
      input: ORDER_INPUT,
      triggers: [
        {
          type: "webhook",
          id: "orders",
          path: "shop/orders",
          when: "has(event.body.kind) && event.body.kind == 'order'",
          input: { orderId: "{{event.body.order.id}}", total: "{{event.body.order.total}}", source: "{{event.query.src}}" },
        },
      ],
      nodes: [{ id: "ack", type: "output", value: { order: "{{input.orderId}}", total: "{{input.total}}", source: "{{input.source}}" } }],
    });
  });

  it("a trigger without a secret refuses deliveries with 401 naming the fix; creating one shows it once, with the URL and a signed curl", async () => {
    const listed = await callRoute(triggersRoute.GET as never, { key: tenant.apiKey.key, params: { id: graphId } });
    const row = listed.json.data[0];
    expect(row).toMatchObject({ name: "orders", hasSecret: false, secretCreatedAt: null });
    expect(row.url).toMatch(new RegExp(`/api/v1/hooks/${tenant.workspace.slug}/shop/orders$`));
    const body = JSON.stringify({ kind: "order", order: { id: "O-0", total: 1 } });
    const refused = await deliver(tenant.workspace.slug, "shop/orders", body, standardHeaders("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", body));
    expect(refused.status).toBe(401);
    expect(refused.json.error).toContain("/triggers/orders/secret");

    const made = await makeSecret(graphId, "orders");
    secret = made.secret;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(made.url).toBe(row.url);
    expect(made.curl).toContain(made.url);
    expect(made.curl).toMatch(/webhook-signature: v1,/);
    const stored = await getPrisma().trigger.findFirstOrThrow({ where: { graphId, name: "orders" } });
    expect(stored.secretEnc).toBeTruthy();
    expect(stored.secretEnc).not.toContain(secret.slice(6));
    const after = (await callRoute(triggersRoute.GET as never, { key: tenant.apiKey.key, params: { id: graphId } })).json.data[0];
    expect(after).toMatchObject({ hasSecret: true });
    expect(after.secretCreatedAt).toBeTruthy();
    expect(JSON.stringify(after)).not.toContain(secret);

    // the example curl is a real signed request: its headers verify
    const headers = Object.fromEntries([...made.curl.matchAll(/-H '([^:]+): ([^']+)'/g)].map((m) => [m[1], m[2]]));
    const example = /--data-raw '([^']*)'/.exec(made.curl)![1]!;
    const tried = await deliver(tenant.workspace.slug, "shop/orders", example, headers);
    expect(tried.status, tried.text).toBe(202);
    expect(tried.json.outcome).toBe("condition_false");
  });

  it("a delivery signed the Standard Webhooks way starts a run with the mapped input; the same webhook-id gets the same run", async () => {
    const body = JSON.stringify({ kind: "order", order: { id: "O-1", total: 42.5 } });
    const headers = standardHeaders(secret, body, { id: "msg_order_1" });
    const first = await deliver(tenant.workspace.slug, "shop/orders", body, headers);
    expect(first.status, first.text).toBe(202);
    expect(first.json).toMatchObject({ outcome: "started", duplicate: false });
    const run = await rt.waitForRun(first.json.runId, ended);
    expect(run.status).toBe("succeeded");
    expect(run.input).toEqual({ orderId: "O-1", total: 42.5, source: "test" });
    expect(run.output).toEqual({ order: "O-1", total: 42.5, source: "test" });
    expect(run.triggerId).toBeTruthy();

    const again = await deliver(tenant.workspace.slug, "shop/orders", body, headers);
    expect(again.status).toBe(202);
    expect(again.json).toMatchObject({ outcome: "duplicate", duplicate: true, runId: first.json.runId });

    const recorded = await fires(graphId, "orders");
    expect(recorded[0]).toMatchObject({ outcome: "duplicate", dedupeKey: "msg_order_1", runId: first.json.runId });
    expect(recorded[1]).toMatchObject({ outcome: "started", dedupeKey: "msg_order_1" });
    // the event kept with the fire: body, headers (no signature), query, path, webhook id
    expect(recorded[1]!.payload).toMatchObject({ body: { kind: "order" }, query: { src: "test" }, path: "shop/orders", webhookId: "msg_order_1" });
    expect(recorded[1]!.payload.headers["webhook-id"]).toBe("msg_order_1");
    expect(recorded[1]!.payload.headers["webhook-signature"]).toBeUndefined();
  });

  it("a false condition answers 202 with no run; a paused trigger answers 409 and records the fire", async () => {
    const ping = JSON.stringify({ kind: "ping" });
    const skipped = await deliver(tenant.workspace.slug, "shop/orders", ping, standardHeaders(secret, ping));
    expect(skipped.status).toBe(202);
    expect(skipped.json).toMatchObject({ outcome: "condition_false", runId: null });

    await callRoute(pauseRoute.POST as never, { key: tenant.apiKey.key, params: { id: graphId, name: "orders" } });
    const body = JSON.stringify({ kind: "order", order: { id: "O-P", total: 3 } });
    const paused = await deliver(tenant.workspace.slug, "shop/orders", body, standardHeaders(secret, body, { id: "msg_paused" }));
    expect(paused.status).toBe(409);
    expect(paused.json).toMatchObject({ code: "conflict", outcome: "paused", runId: null });
    expect((await fires(graphId, "orders"))[0]).toMatchObject({ outcome: "paused", dedupeKey: "msg_paused" });
    await callRoute(resumeRoute.POST as never, { key: tenant.apiKey.key, params: { id: graphId, name: "orders" } });
    // the sender's retry after the resume starts the run
    const retried = await deliver(tenant.workspace.slug, "shop/orders", body, standardHeaders(secret, body, { id: "msg_paused" }));
    expect(retried.status, retried.text).toBe(202);
    expect(retried.json.outcome).toBe("started");
  });

  it("refuses a bad signature, a missing header and a replay outside the 5-minute window with 401, starting nothing", async () => {
    const runsBefore = await getPrisma().run.count({ where: { graphId } });
    const body = JSON.stringify({ kind: "order", order: { id: "O-X", total: 9 } });
    const cases: [string, Record<string, string>, RegExp][] = [
      ["wrong secret", standardHeaders("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", body), /no v1 signature matches/],
      ["body changed after signing", standardHeaders(secret, body.replace("9", "9000")), /no v1 signature matches/],
      ["no signature", (({ "webhook-signature": _s, ...rest }) => rest)(standardHeaders(secret, body)), /webhook-signature header is missing/],
      ["replayed 6 minutes later", standardHeaders(secret, body, { at: new Date(Date.now() - 6 * 60_000) }), /outside the 5-minute window/],
      ["from 6 minutes in the future", standardHeaders(secret, body, { at: new Date(Date.now() + 6 * 60_000) }), /outside the 5-minute window/],
    ];
    for (const [what, headers, reason] of cases) {
      const res = await deliver(tenant.workspace.slug, "shop/orders", body, headers);
      expect(res.status, what).toBe(401);
      expect(res.json.code, what).toBe("unauthorized");
      expect(res.json.error, what).toMatch(reason);
    }
    // within the window (4 minutes old) is accepted
    const late = await deliver(tenant.workspace.slug, "shop/orders", body, standardHeaders(secret, body, { at: new Date(Date.now() - 4 * 60_000) }));
    expect(late.status, late.text).toBe(202);
    expect(await getPrisma().run.count({ where: { graphId } })).toBe(runsBefore + 1);
  });

  it("rotation keeps the previous secret valid for the grace period, then only the new one", async () => {
    const rotated = await makeSecret(graphId, "orders");
    expect(rotated.secret).not.toBe(secret);
    const until = new Date(rotated.previousSecretValidUntil!).getTime();
    expect(until - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    const send = async (key: string, id: string) => {
      const body = JSON.stringify({ kind: "order", order: { id, total: 1 } });
      return deliver(tenant.workspace.slug, "shop/orders", body, standardHeaders(key, body));
    };
    expect((await send(secret, "O-old")).status).toBe(202);
    expect((await send(rotated.secret, "O-new")).status).toBe(202);
    // a sender switching over may send both signatures
    const body = JSON.stringify({ kind: "order", order: { id: "O-both", total: 1 } });
    const both = standardHeaders(rotated.secret, body, { id: "msg_both" });
    both["webhook-signature"] = `${standardHeaders(secret, body, { id: "msg_both", at: new Date(Number(both["webhook-timestamp"]) * 1000) })["webhook-signature"]} ${both["webhook-signature"]}`;
    expect((await deliver(tenant.workspace.slug, "shop/orders", body, both)).status).toBe(202);

    // the grace period ends: the old secret no longer verifies
    const row = await getPrisma().trigger.findFirstOrThrow({ where: { graphId, name: "orders" } });
    const state = row.state as { previousSecret: { enc: string; validUntil: string } };
    await getPrisma().trigger.update({ where: { id: row.id }, data: { state: { ...state, previousSecret: { ...state.previousSecret, validUntil: new Date(Date.now() - 1000).toISOString() } } } });
    expect((await send(secret, "O-expired")).status).toBe(401);
    expect((await send(rotated.secret, "O-new-2")).status).toBe(202);
    secret = rotated.secret;
  });

  it("50 concurrent duplicate deliveries create exactly one run, and all 50 answers carry its id", async () => {
    // its own graph and secret, so this test runs alone too (it is run in a loop)
    const dupGraph = await api.createGraph({
      name: `Duplicate hook ${crypto.randomUUID()}`,
      input: ORDER_INPUT,
      triggers: [{ type: "webhook", id: "orders", path: `shop/dups-${Date.now()}`, input: { orderId: "{{event.body.order.id}}", total: "{{event.body.order.total}}" } }],
      nodes: [{ id: "ack", type: "output", value: { order: "{{input.orderId}}" } }],
    });
    const made = await makeSecret(dupGraph, "orders");
    const path = made.url.split(`/hooks/${tenant.workspace.slug}/`)[1]!;
    const body = JSON.stringify({ kind: "order", order: { id: "O-50", total: 50 } });
    const headers = standardHeaders(made.secret, body, { id: `msg_dup_${crypto.randomUUID()}` });
    const answers = await Promise.all(Array.from({ length: 50 }, () => deliver(tenant.workspace.slug, path, body, headers)));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(202));
    const runIds = new Set(answers.map((a) => a.json.runId));
    expect(runIds.size).toBe(1);
    expect([...runIds][0]).toMatch(/^run_/);
    expect(answers.filter((a) => a.json.outcome === "started")).toHaveLength(1);
    expect(answers.filter((a) => a.json.duplicate)).toHaveLength(49);
    expect(await getPrisma().run.count({ where: { graphId: dupGraph } })).toBe(1);
    expect(await getPrisma().triggerFire.count({ where: { graphId: dupGraph } })).toBe(50);
  });

  it("an oversized body is refused with 413 without being read past the limit; another content type 415; malformed JSON 400", async () => {
    const max = 1024 * 1024;
    // declared too large: refused before reading
    const declared = await deliver(tenant.workspace.slug, "shop/orders", "{}", { "content-length": String(max + 1) });
    expect(declared.status).toBe(413);
    // streamed without a length: reading stops at the limit
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const streamed = await deliver(tenant.workspace.slug, "shop/orders", endless);
    expect(streamed.status).toBe(413);
    expect(streamed.json.code).toBe("payload_too_large");
    expect(pulled).toBeLessThan(max + 4 * chunk.byteLength);

    const form = await deliver(tenant.workspace.slug, "shop/orders", "a=1", { "content-type": "application/x-www-form-urlencoded", ...standardHeaders(secret, "a=1") });
    expect(form.status).toBe(415);
    expect(form.json.error).toContain("application/json");
    const broken = '{"kind": "order",';
    const malformed = await deliver(tenant.workspace.slug, "shop/orders", broken, standardHeaders(secret, broken));
    expect(malformed.status).toBe(400);
    expect(malformed.json.code).toBe("invalid_json");
  });

  it("hostile input gets a 4xx naming the problem, never a 500: NUL bytes, a lone surrogate, 20,000-deep JSON, a huge path, unknown and foreign addresses", async () => {
    const signed = (body: string) => standardHeaders(secret, body);
    const bodies: [string, string][] = [
      [JSON.stringify({ kind: "order", order: { id: "O\u0000", total: 1 } }), "body.order.id"],
      [`{"kind":"order","order":{"id":"\\ud800","total":1}}`, "body.order.id"],
      [`{"kind":"order","deep":${'{"d":'.repeat(20_000)}1${"}".repeat(20_000)}}`, "body.deep"],
      [JSON.stringify([1, 2, 3]), "body"],
    ];
    for (const [body, field] of bodies) {
      const res = await deliver(tenant.workspace.slug, "shop/orders", body, signed(body));
      expect(res.status, `${field}: ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, field).toBeLessThan(500);
      expect(res.text, field).toContain(field);
    }
    const body = JSON.stringify({ kind: "order", order: { id: "O-h", total: 1 } });
    const paths: [string, string, number][] = [
      [tenant.workspace.slug, "x".repeat(5000), 400],
      [tenant.workspace.slug, Array(300).fill("a").join("/"), 404],
      [tenant.workspace.slug, "shop/orders\u0000", 400],
      [tenant.workspace.slug, "shop/unknown", 404],
      ["no-such-workspace", "shop/orders", 404],
      // another workspace's slug with this trigger's path: nothing there
      [other.workspace.slug, "shop/orders", 404],
    ];
    const notFound = new Set<string>();
    for (const [slug, path, status] of paths) {
      const res = await deliver(slug, path, body, signed(body));
      expect(res.status, `${slug}/${path.slice(0, 40)}`).toBe(status);
      if (status === 404) notFound.add(res.text);
    }
    // the same answer whether the workspace exists or not
    expect(notFound.size).toBe(1);
  });
});

describe("webhook triggers (plain HMAC, as GitHub signs)", () => {
  let graphId: string;
  let secret: string;
  beforeAll(async () => {
    graphId = await api.createGraph({
      name: "Push hook",
      input: { type: "object", properties: { repo: { type: "string" }, ref: { type: "string" } }, required: ["repo"] },
      triggers: [
        {
          type: "webhook",
          id: "push",
          verify: { mode: "hmac", header: "X-Hub-Signature-256", algorithm: "sha256", encoding: "hex", prefix: "sha256=" },
          dedupeKey: "{{event.body.delivery}}",
          input: { repo: "{{event.body.repository.full_name}}", ref: "{{event.body.ref}}" },
        },
      ],
      nodes: [{ id: "out", type: "output", value: { repo: "{{input.repo}}" } }],
    });
    secret = (await makeSecret(graphId, "push")).secret;
  });
  const github = (body: string, key = secret) => ({ "x-hub-signature-256": `sha256=${createHmac("sha256", key).update(body).digest("hex")}`, "x-github-event": "push" });

  it("verifies x-hub-signature-256 over the raw body, answers at the trigger's id, and dedupes on the dedupeKey template", async () => {
    const row = await getPrisma().trigger.findFirstOrThrow({ where: { graphId, name: "push" } });
    expect(row.hookPath).toBe(row.id);
    // the raw bytes are signed: whitespace the sender chose stays significant
    const body = `{ "delivery": "d-1", "ref": "refs/heads/main",\n  "repository": { "full_name": "acme/app" } }`;
    const first = await deliver(tenant.workspace.slug, row.id, body, github(body));
    expect(first.status, first.text).toBe(202);
    expect(first.json.outcome).toBe("started");
    const run = await rt.waitForRun(first.json.runId, ended);
    expect(run.input).toEqual({ repo: "acme/app", ref: "refs/heads/main" });
    expect(run.output).toEqual({ repo: "acme/app" });
    // the same delivery id, re-sent by the sender, is the same run
    const again = await deliver(tenant.workspace.slug, row.id, body, github(body));
    expect(again.json).toMatchObject({ outcome: "duplicate", runId: first.json.runId });
    expect((await fires(graphId, "push"))[0]).toMatchObject({ dedupeKey: "d-1" });
    expect((await fires(graphId, "push"))[0]!.payload.headers["x-hub-signature-256"]).toBeUndefined();

    const cases: [string, Record<string, string>, RegExp][] = [
      ["wrong secret", github(body, "not-the-secret"), /does not match/],
      ["no prefix", { "x-hub-signature-256": createHmac("sha256", secret).update(body).digest("hex") }, /does not start with "sha256="/],
      ["not hex", { "x-hub-signature-256": "sha256=zz" }, /not hex/],
      ["no header", {}, /x-hub-signature-256 header is missing/],
    ];
    for (const [what, headers, reason] of cases) {
      const res = await deliver(tenant.workspace.slug, row.id, body, headers);
      expect(res.status, what).toBe(401);
      expect(res.json.error, what).toMatch(reason);
    }
  });

  it("a delivery the mapping cannot read is recorded and answered 422 with the reason", async () => {
    const row = await getPrisma().trigger.findFirstOrThrow({ where: { graphId, name: "push" } });
    const body = JSON.stringify({ delivery: "d-2", ref: "x" });
    const res = await deliver(tenant.workspace.slug, row.id, body, github(body));
    expect(res.status, res.text).toBe(422);
    expect(res.json.error).toContain("repository");
    expect((await fires(graphId, "push"))[0]).toMatchObject({ outcome: "error", dedupeKey: "d-2" });
  });
});

describe("webhook triggers under backpressure", () => {
  it("a delivery the graph's full queue refuses is answered 429 with Retry-After, and recorded", async () => {
    const graphId = await api.createGraph({
      name: "Throttled hook",
      input: ORDER_INPUT,
      // one start a minute; at most one more waiting: the third delivery finds the queue full
      flow: { throttle: { limit: 1, period: "1m" }, queue: { max: 1, policy: "reject" } },
      triggers: [{ type: "webhook", id: "orders", path: "throttled/orders", input: { orderId: "{{event.body.order.id}}", total: "{{event.body.order.total}}" } }],
      nodes: [{ id: "ack", type: "output", value: { order: "{{input.orderId}}" } }],
    });
    const { secret } = await makeSecret(graphId, "orders");
    const send = (id: string) => {
      const body = JSON.stringify({ order: { id, total: 1 } });
      return deliver(tenant.workspace.slug, "throttled/orders", body, standardHeaders(secret, body));
    };
    const first = await send("Q-1");
    expect(first.status, first.text).toBe(202);
    await rt.waitForRun(first.json.runId, ended);
    // the throttle holds the second start for the rest of the minute: it waits in the queue
    const second = await send("Q-2");
    expect(second.status, second.text).toBe(202);
    const third = await send("Q-3");
    expect(third.status, third.text).toBe(429);
    expect(third.json).toMatchObject({ code: "queue_full", outcome: "queue_full", runId: null });
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await fires(graphId, "orders"))[0]).toMatchObject({ outcome: "queue_full", runId: null });
  });
});

describe("webhook paths and templates", () => {
  it("a declared path is unique within the workspace: a save reusing one is refused naming triggers[i].path", async () => {
    const spec = (path: string) => ({ name: "Path clash", triggers: [{ type: "api" }, { type: "webhook", path }], nodes: [{ id: "o", type: "output", value: 1 }] });
    const { POST } = await import("../../app/api/v1/graphs/route");
    const clash = await callRoute(POST as never, { key: tenant.apiKey.key, body: spec("shop/orders") });
    expect(clash.status).toBe(422);
    expect(clash.json.issues).toEqual([expect.objectContaining({ path: "triggers[1].path" })]);
    const twice = await callRoute(POST as never, {
      key: tenant.apiKey.key,
      body: { ...spec("a/b"), triggers: [{ type: "webhook", id: "one", path: "a/b" }, { type: "webhook", id: "two", path: "a/b" }] },
    });
    expect(twice.status).toBe(422);
    expect(twice.json.issues).toEqual([expect.objectContaining({ path: "triggers[1].path" })]);
    // another workspace may use the same path
    const elsewhere = await callRoute(POST as never, { key: other.apiKey.key, body: spec("shop/orders") });
    expect(elsewhere.status, elsewhere.text).toBe(201);
    // and a graph keeps its own path when saved again
    const own = await api.createGraph(spec("own/path"));
    await api.saveGraph(own, { ...spec("own/path"), description: "saved again" });
    // graphs claiming one path at the same moment: one gets it, the others a 4xx (never a 500)
    const racing = await Promise.all(Array.from({ length: 5 }, (_, i) => callRoute(POST as never, { key: tenant.apiKey.key, body: { ...spec("race/path"), name: `Race ${i}` } })));
    expect(racing.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of racing.filter((x) => x.status !== 201)) {
      expect([409, 422], r.text).toContain(r.status);
      expect(r.text).toContain("path");
    }
    expect(await getPrisma().trigger.count({ where: { workspaceId: tenant.workspace.id, hookPath: "race/path" } })).toBe(1);
  });

  it("the support-triage template's webhook turns a helpdesk ticket into a valid run input", async () => {
    const template = getGraphTemplate("support-triage")!;
    const graphId = await graphApi(() => other.apiKey.key).createGraph(template.spec);
    const { secret } = await makeSecret(graphId, "webhook", other.apiKey.key);
    const body = JSON.stringify({ ticket: { id: "T-77", subject: "Refund", description: "Please refund order 12.", requester: { id: "cus_9", email: "ana@example.com", plan: "pro" } } });
    const res = await deliver(other.workspace.slug, "support/tickets", body, standardHeaders(secret, body));
    expect(res.status, res.text).toBe(202);
    expect(res.json.outcome).toBe("started");
    const run = await getPrisma().run.findUniqueOrThrow({ where: { id: res.json.runId } });
    expect(run.input).toEqual({ ticketId: "T-77", customer: { id: "cus_9", email: "ana@example.com", plan: "pro" }, subject: "Refund", body: "Please refund order 12." });
  });
});

describe("input mappings of other trigger kinds", () => {
  it("an event trigger's and a graph_completed trigger's input mappings shape the run's input", async () => {
    const mapped = await api.createGraph({
      name: "Mapped event",
      input: { type: "object", properties: { customer: { type: "string" }, amount: { type: "number" }, note: { type: "string" } }, required: ["customer", "amount"] },
      triggers: [{ type: "event", id: "invoice", name: "invoice.paid", input: { customer: "{{event.data.account.id}}", amount: "{{event.data.total}}", note: "paid {{event.data.total}} by {{event.name}}" } }],
      nodes: [{ id: "out", type: "output", value: { customer: "{{input.customer}}", amount: "{{input.amount}}", note: "{{input.note}}" } }],
    });
    const sent = await callRoute(eventsRoute.POST as never, { key: tenant.apiKey.key, body: { name: "invoice.paid", data: { account: { id: "acc-1" }, total: 12 }, id: "inv-1" } });
    expect(sent.status, sent.text).toBe(202);
    const runId = sent.json.runs.find((r: { graphId: string }) => r.graphId === mapped).runId;
    const run = await rt.waitForRun(runId, ended);
    expect(run.input).toEqual({ customer: "acc-1", amount: 12, note: "paid 12 by invoice.paid" });
    expect(run.status).toBe("succeeded");

    const follower = await api.createGraph({
      name: "Mapped follower",
      input: { type: "object", properties: { from: { type: "string" }, paid: { type: "number" } }, required: ["from", "paid"] },
      triggers: [{ type: "graph_completed", id: "after-invoice", graph: "Mapped event", input: { from: "{{event.run.id}}", paid: "{{event.run.output.amount}}" } }],
      nodes: [{ id: "out", type: "output", value: { from: "{{input.from}}" } }],
    });
    const second = await callRoute(eventsRoute.POST as never, { key: tenant.apiKey.key, body: { name: "invoice.paid", data: { account: { id: "acc-2" }, total: 30 }, id: "inv-2" } });
    const sourceRunId = second.json.runs.find((r: { graphId: string }) => r.graphId === mapped).runId;
    await rt.waitForRun(sourceRunId, ended);
    const followed = await rt.waitFor(
      () => getPrisma().run.findFirst({ where: { graphId: follower, input: { path: ["from"], equals: sourceRunId } } }),
      (r) => !!r && ended(r),
    );
    expect(followed!.input).toEqual({ from: sourceRunId, paid: 30 });
    expect(followed!.output).toEqual({ from: sourceRunId });
  });
});
