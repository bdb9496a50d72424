/**
 * Property: no request to any /api/v1 route gets a 5xx, and every error is in the documented
 * shape `{ error, code, issues? }` with a product code. Every route file under app/api/v1 is
 * found on disk (a new route is covered without editing this file) and each exported method
 * is sent generated requests: path ids, query strings and bodies with NUL, lone surrogates,
 * deep nesting, huge numbers, long strings, malformed JSON and wrong content types, next to
 * almost-valid bodies with one field made hostile. Real database, real engine, real handlers.
 *
 * `API_PROPERTY_RUNS` sets the generated requests per handler (default 12).
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { useRuntime } from "../runtime-harness";
import { answerProblems } from "../api-routes";
import { callRoute, readStreamFor } from "../use-test-database";
import { makeTenant } from "../../prisma/factories";
import { newId } from "../../lib/ids";
import { isErrorCode } from "../../lib/errors";
import * as graphsRoute from "../../app/api/v1/graphs/route";

useRuntime("api-property");

const API_ROOT = path.resolve("app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const RUNS = Number(process.env.API_PROPERTY_RUNS ?? 12);

function findRoutes(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return findRoutes(full);
    return d.name === "route.ts" ? [full] : [];
  });
}

let tenant: Awaited<ReturnType<typeof makeTenant>>;
const ids: Record<string, string> = {};

/** An id of the caller's own data (or a well-formed unknown one) for the segment after `collection`. */
function knownId(collection: string | undefined): string {
  switch (collection) {
    case "graphs":
      return ids.graph;
    case "runs":
      return ids.run;
    case "versions":
      return "1";
    case "providers":
      return "openai";
    case "secrets":
      return "PROPERTY_SECRET";
    case "mcp-servers":
      return "property-crm";
    case "models":
      return "openai:gpt-4o-mini";
    case "approvals":
      return newId("approval");
    case "budgets":
      return newId("budget");
    case "webhooks":
      return newId("webhook");
    case "members":
      return newId("membership");
    case "invitations":
      return newId("invitation");
    case "api-keys":
      return newId("apiKey");
    default:
      return "x";
  }
}

/** Almost-valid bodies: the generator makes one of their fields hostile. */
const BODIES: Record<string, Record<string, unknown>> = {
  "POST graphs": { name: "Generated", nodes: [{ id: "o", type: "output", value: 1 }] },
  "PUT graphs/[id]": { name: "Generated", nodes: [{ id: "o", type: "output", value: 1 }] },
  "POST graphs/[id]/runs": { input: {}, tags: ["a"], customerKey: "c" },
  "POST graphs/[id]/forecast": { input: {}, version: 1 },
  "POST runs/[id]/rerun": { fromNode: "o" },
  "POST runs/[id]/migrate": { version: 1 },
  "POST approvals/[id]/decision": { decision: "approve", comment: "ok" },
  "PUT secrets/[name]": { value: "v" },
  "PUT mcp-servers/[name]": { url: "http://127.0.0.1:9/mcp", timeoutMs: 1000 },
  "PATCH workspace": { name: "Renamed" },
  "POST invitations": { role: "viewer", expiresInDays: 3 },
  "POST api-keys": { name: "k", role: "viewer", expiresInDays: 3 },
  "POST budgets": { name: "B", scope: "workspace", period: "month", limitUsd: 5, onExceed: "stop" },
  "PATCH budgets/[id]": { limitUsd: 1 },
  "POST budgets/[id]/raise": { byUsd: 1 },
  "POST budgets/reserve": { amountUsd: 1, kind: "tool" },
  "POST budgets/settle": { reservationId: "rsv_x", actualUsd: 1 },
  "PUT models/[modelId]/price": { inputUsdPerMTok: 1, outputUsdPerMTok: 1, contextWindow: 1000 },
  "POST notifications/read": { ids: ["ntf_x"] },
  "POST webhooks": { url: "http://127.0.0.1:9/hook", events: ["budget.alert"] },
  "PATCH members/[id]": { role: "viewer" },
  "POST workspaces": { name: "W" },
};

const QUERY_KEYS = ["cursor", "limit", "offset", "from", "to", "status", "version", "graphId", "groupBy", "splitBy", "splitLimit", "after", "include", "format", "unread", "scope", "runId", "tag", "action", "agent", "model", "x"];

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom("\u0000", "a\u0000b", "sur\ud800rogate", "\udc00", "\ud83d", "%%%garbage", "zzz", "", " ", "null", "-1", "0", "1e400", "99999999999999999999", "NaN", "../../etc/passwd", "<script>", "' or 1=1 --", "x".repeat(5_000)),
);
const hostileNumber = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(1e308, -1e308, 2 ** 31, 2 ** 53 + 2, -0, -1, 0, 0.5, 99999999999999999999),
);
const deepText = (depth: number, leaf: string) => "[".repeat(depth) + leaf + "]".repeat(depth);
const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.constantFrom(null, true, [], {}, { a: "\u0000" }, ["\ud800"]),
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 65, max: 300 }).map((d) => JSON.parse(deepText(d, "1")) as unknown),
);

type Body = { raw?: string; contentType?: string };
const CONTENT_TYPES = ["application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml"];

function bodyArb(key: string): fc.Arbitrary<Body | undefined> {
  const base = BODIES[key];
  const json = (v: fc.Arbitrary<unknown>) => v.map((x) => ({ raw: JSON.stringify(x), contentType: "application/json" }) as Body);
  const options: fc.Arbitrary<Body | undefined>[] = [
    fc.constant(undefined),
    json(hostileJson),
    json(fc.dictionary(hostileString, hostileJson, { maxKeys: 4 })),
    fc.tuple(fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom("{", "[1,", '{"a":}', "\u0000", '"\\ud800"', deepText(20_000, "1"), `{"a":${deepText(5_000, "{}")}}`)), fc.constantFrom(...CONTENT_TYPES)).map(
      ([raw, contentType]) => ({ raw, contentType }),
    ),
  ];
  if (base) {
    // a valid body with one field made hostile, sent as JSON or with another content type
    options.push(
      fc.tuple(fc.constantFrom(...Object.keys(base)), hostileJson, fc.constantFrom(...CONTENT_TYPES, "application/json", "application/json")).map(([field, value, contentType]) => ({
        raw: JSON.stringify({ ...base, [field]: value }),
        contentType,
      })),
      json(fc.tuple(fc.string({ maxLength: 12 }), hostileJson).map(([field, value]) => ({ ...base, [field]: value }))),
    );
  }
  return fc.oneof(...options);
}

const queryArb = fc.oneof(
  fc.constant(""),
  fc.dictionary(fc.constantFrom(...QUERY_KEYS), hostileString, { maxKeys: 4 }).map((q) => new URLSearchParams(q).toString()),
  fc.constantFrom("cursor=%%%garbage", "limit=99999999999999999999", "from=not-a-date&to=2026-13-45", "after=%00", `x=${"y".repeat(5_000)}`, "version=2147483648", "%ZZ=1"),
);

function paramArb(collection: string | undefined, catchAll: boolean): fc.Arbitrary<string | string[]> {
  const one = fc.oneof(
    { weight: 2, arbitrary: fc.constant(knownId(collection)) },
    { weight: 1, arbitrary: hostileString.filter((s) => s.length > 0) },
    { weight: 2, arbitrary: fc.constantFrom("99999999999999999999", "2147483648", "a".repeat(201), "run_\u0000", "\u0000", "gr_\ud800", "\udfff") },
  );
  return catchAll ? fc.array(one as fc.Arbitrary<string>, { minLength: 1, maxLength: 3 }) : one;
}

beforeAll(async () => {
  tenant = await makeTenant("Property Co");
  const graph = await callRoute(graphsRoute.POST as never, { key: tenant.apiKey.key, body: { name: "Property graph", nodes: [{ id: "o", type: "output", value: 1 }] } });
  expect(graph.status, graph.text).toBe(201);
  ids.graph = graph.json.id;
  const runs = await import("../../app/api/v1/graphs/[id]/runs/route");
  const run = await callRoute(runs.POST as never, { key: tenant.apiKey.key, params: { id: ids.graph }, body: { input: {} } });
  expect([200, 202], run.text).toContain(run.status);
  ids.run = run.json.runId;
});

const routes = findRoutes(API_ROOT);

describe("every /api/v1 route under generated input", () => {
  it("finds the route handlers", () => {
    expect(routes.length).toBeGreaterThanOrEqual(40);
  });

  for (const file of routes) {
    const rel = path.relative(API_ROOT, path.dirname(file)).split(path.sep).join("/");
    it(`${rel}: no 5xx, every error in the documented shape`, async () => {
      const mod = (await import(file)) as Record<string, unknown>;
      const template = `/${rel.replace(/\[(?:\.\.\.)?(\w+)\]/g, "{$1}")}`;
      const segments = rel.split("/");
      const dynamic = segments.flatMap((seg, i) => {
        const m = /^\[(\.\.\.)?(.+)\]$/.exec(seg);
        return m ? [{ name: m[2], catchAll: !!m[1], collection: segments[i - 1] }] : [];
      });
      for (const method of METHODS) {
        const handler = mod[method] as ((req: Request, ctx: { params: Promise<Record<string, unknown>> }) => Promise<Response>) | undefined;
        if (typeof handler !== "function") continue;
        const paramsArb = fc.record(Object.fromEntries(dynamic.map((d) => [d.name, paramArb(d.collection, d.catchAll)])) as Record<string, fc.Arbitrary<string | string[]>>);
        const requestArb = fc.record({ params: paramsArb, query: queryArb, body: method === "GET" || method === "DELETE" ? fc.constant(undefined) : bodyArb(`${method} ${rel}`) });
        await fc.assert(
          fc.asyncProperty(requestArb, async ({ params, query, body }) => {
            const pathname = `/api/v1/${segments.map((seg) => (/^\[/.test(seg) ? "x" : seg)).join("/")}`;
            const headers: Record<string, string> = { authorization: `Bearer ${tenant.apiKey.key}` };
            if (body?.contentType) headers["content-type"] = body.contentType;
            const req = new Request(`http://localhost${pathname}${query ? `?${query}` : ""}`, { method, headers, body: body?.raw });
            const res = await handler(req, { params: Promise.resolve(params) });
            // a stream of live updates never ends by itself: its first moments are what it answers
            const text = res.headers.get("content-type")?.startsWith("text/event-stream") ? await readStreamFor(res, 50) : await res.text();
            const what = `${method} /api/v1/${rel} params=${JSON.stringify(params).slice(0, 200)} query=${query.slice(0, 200)} body=${(body?.raw ?? "").slice(0, 200)} (${body?.contentType}) → ${res.status} ${text.slice(0, 300)}`;
            expect(res.status, what).toBeLessThan(500);
            // and every answer is one the OpenAPI document declares for the operation
            expect(answerProblems(method, template, { status: res.status, contentType: res.headers.get("content-type"), text }), what).toEqual([]);
            if (res.status >= 400) {
              expect(res.headers.get("content-type") ?? "", what).toMatch(/^application\/json/);
              const json = JSON.parse(text) as { error?: unknown; code?: unknown; issues?: unknown };
              expect(typeof json.error === "string" && json.error.length > 0, what).toBe(true);
              expect(isErrorCode(json.code), what).toBe(true);
              if (json.issues !== undefined) {
                expect(Array.isArray(json.issues), what).toBe(true);
                for (const issue of json.issues as { path?: unknown; message?: unknown }[]) {
                  expect(typeof issue.path === "string" && typeof issue.message === "string", what).toBe(true);
                }
              }
            }
          }),
          { numRuns: RUNS, endOnFailure: true },
        );
      }
    });
  }
});
