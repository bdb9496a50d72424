/**
 * Bad input never gets a 500: each request below once crashed a handler (PostgreSQL refused
 * the text, the stack overflowed, an integer overflowed) or was silently accepted. Each must be
 * a 4xx in the documented error shape `{ error, code, issues? }` naming the field, and must
 * change nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../use-test-database";
import { getPrisma } from "../../lib/db/client";
import { makeTenant } from "../../prisma/factories";
import { API_LIMITS } from "../../lib/api/limits";
import * as graphsRoute from "../../app/api/v1/graphs/route";
import * as graphRoute from "../../app/api/v1/graphs/[id]/route";
import * as versionRoute from "../../app/api/v1/graphs/[id]/versions/[version]/route";
import * as runsStartRoute from "../../app/api/v1/graphs/[id]/runs/route";
import * as runsRoute from "../../app/api/v1/runs/route";
import * as runRoute from "../../app/api/v1/runs/[id]/route";
import * as auditRoute from "../../app/api/v1/audit/route";
import * as approvalsRoute from "../../app/api/v1/approvals/route";
import * as catchAllRoute from "../../app/api/v1/[...rest]/route";

useTestDatabase("api-input");

type Handler = (req: Request, ctx: { params: Promise<Record<string, unknown>> }) => Promise<Response>;
let tenant: Awaited<ReturnType<typeof makeTenant>>;
let graphId: string;

/** Sends a request exactly as given (raw body text, content type) to a route handler. */
async function send(handler: unknown, opts: { method?: string; path?: string; params?: Record<string, unknown>; body?: unknown; raw?: string; contentType?: string | null; key?: string | null }) {
  const headers: Record<string, string> = {};
  const key = opts.key === undefined ? tenant.apiKey.key : opts.key;
  if (key) headers.authorization = `Bearer ${key}`;
  const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  const contentType = opts.contentType === undefined ? "application/json" : opts.contentType;
  if (body !== undefined && contentType) headers["content-type"] = contentType;
  const req = new Request(`http://localhost${opts.path ?? "/api/v1/x"}`, { method: opts.method ?? (body === undefined ? "GET" : "POST"), headers, body });
  const res = await (handler as Handler)(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, json, text, headers: res.headers };
}

/** The documented error shape, with an issue whose path starts with `path` when given. */
function expectError(res: Awaited<ReturnType<typeof send>>, status: number, path?: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(typeof res.json?.error).toBe("string");
  expect(typeof res.json?.code).toBe("string");
  if (path !== undefined) {
    expect(Array.isArray(res.json.issues), res.text).toBe(true);
    expect(res.json.issues.map((i: { path: string }) => i.path).some((p: string) => p.startsWith(path)), `no issue at ${path}: ${res.text}`).toBe(true);
  }
}

const spec = (over: Record<string, unknown> = {}, node: Record<string, unknown> = {}) => ({
  name: "Input checks",
  description: "A graph for input checks",
  nodes: [{ id: "ask", type: "agent", model: "sim:fast", prompt: "Summarise {{input.text}}", ...node }],
  ...over,
});

const nested = (depth: number, leaf: unknown = 1) => {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};
/** JSON text nested `depth` levels deep (built as text: JSON.stringify itself overflows on it). */
const nestedText = (depth: number, leaf = "1") => '{"a":'.repeat(depth) + leaf + "}".repeat(depth);

async function graphCount() {
  return getPrisma().graph.count({ where: { workspaceId: tenant.workspace.id } });
}

beforeAll(async () => {
  tenant = await makeTenant("Input Co");
  const res = await send(graphsRoute.POST, { body: spec() });
  expect(res.status, res.text).toBe(201);
  graphId = res.json.id;
});

describe("text PostgreSQL cannot store", () => {
  for (const [field, build, path] of [
    ["name", () => spec({ name: "bad\u0000name" }), "name"],
    ["description", () => spec({ description: "bad\u0000description" }), "description"],
    ["prompt", () => spec({}, { prompt: "Summarise\u0000 this" }), "nodes[0].prompt"],
  ] as const) {
    it(`refuses NUL in ${field} on POST /graphs and PUT /graphs/:id, naming the field`, async () => {
      const before = await graphCount();
      const created = await send(graphsRoute.POST, { body: build() });
      expectError(created, 422, path);
      expect(created.json.code).toBe("validation_failed");
      const saved = await send(graphRoute.PUT, { method: "PUT", params: { id: graphId }, body: build() });
      expectError(saved, 422, path);
      expect(await graphCount()).toBe(before);
      expect((await getPrisma().graph.findUniqueOrThrow({ where: { id: graphId } })).latestVersion).toBe(1);
    });
  }

  it("refuses a lone surrogate, naming the field", async () => {
    const raw = JSON.stringify(spec()).replace('"Input checks"', '"sur\\ud800rogate"');
    expectError(await send(graphsRoute.POST, { raw }), 422, "name");
    const key = JSON.stringify(spec({ input: { type: "object", properties: { "\ud800": { type: "string" } } } }));
    expectError(await send(graphsRoute.POST, { raw: key }), 422, "input.properties");
  });
});

describe("deep nesting", () => {
  for (const depth of [5_000, 20_000]) {
    it(`refuses run input nested ${depth} levels deep, naming input`, async () => {
      const res = await send(runsStartRoute.POST, { params: { id: graphId }, raw: `{"input":${nestedText(depth)}}` });
      expectError(res, 422, "input");
      expect(res.json.error).toContain(`${API_LIMITS.maxJsonDepth} levels`);
      expect(await getPrisma().run.count({ where: { workspaceId: tenant.workspace.id } })).toBe(0);
    });
  }

  it("refuses a graph input schema nested 5,000 levels deep, naming input", async () => {
    const schema = '{"type":"object","properties":{"a":'.repeat(5_000) + '{"type":"string"}' + "}}".repeat(5_000);
    const raw = JSON.stringify(spec({ input: "SCHEMA" })).replace('"SCHEMA"', schema);
    expectError(await send(graphsRoute.POST, { raw }), 422, "input");
    expectError(await send(graphRoute.PUT, { method: "PUT", params: { id: graphId }, raw }), 422, "input");
  });

  it("accepts nesting up to the limit", async () => {
    const res = await send(runsStartRoute.POST, { params: { id: "gr_doesnotexist0000000000000" }, body: { input: { deep: nested(API_LIMITS.maxJsonDepth - 2) } } });
    // past the body checks: the graph lookup answers
    expectError(res, 404);
  });
});

describe("numbers and ids", () => {
  it("refuses a huge version number in the path, naming version", async () => {
    for (const version of ["99999999999999999999", "2147483648", "1e3", "-1", "0"]) {
      const res = await send(versionRoute.GET, { params: { id: graphId, version } });
      expectError(res, 400, "version");
    }
    expect((await send(versionRoute.GET, { params: { id: graphId, version: "1" } })).status).toBe(200);
  });

  it("refuses a huge version when starting a run, naming version", async () => {
    expectError(await send(runsStartRoute.POST, { params: { id: graphId }, body: { input: {}, version: 99999999999999999999 } }), 422, "version");
    expectError(await send(runsStartRoute.POST, { params: { id: graphId }, body: { input: {}, version: 2 ** 31 } }), 422, "version");
  });

  it("refuses a path id that is too long or holds NUL, naming the parameter", async () => {
    expectError(await send(runRoute.GET, { params: { id: "r".repeat(API_LIMITS.maxPathParamLength + 1) } }), 400, "id");
    expectError(await send(runRoute.GET, { params: { id: "run_\u0000" } }), 400, "id");
    expectError(await send(runRoute.GET, { params: { id: "run_\udc00" } }), 400, "id");
  });
});

describe("fields and queries that were ignored", () => {
  it("refuses unknown fields in the run-start body, naming each", async () => {
    const res = await send(runsStartRoute.POST, { params: { id: graphId }, body: { input: {}, inputs: { text: "typo" }, verison: 1 } });
    expectError(res, 422, "inputs");
    expect(res.json.issues.map((i: { path: string }) => i.path).sort()).toEqual(["inputs", "verison"]);
    expect(await getPrisma().run.count({ where: { workspaceId: tenant.workspace.id } })).toBe(0);
  });

  it("refuses a cursor that is not one, naming cursor", async () => {
    expectError(await send(runsRoute.GET, { path: "/api/v1/runs?cursor=%%%garbage" }), 400, "cursor");
    expectError(await send(auditRoute.GET, { path: "/api/v1/audit?cursor=zzz" }), 400, "cursor");
    expectError(await send(approvalsRoute.GET, { path: "/api/v1/approvals?cursor=run_01jd5n7k3m9x2c4v6b8n0q1w3e" }), 400, "cursor");
    // a real cursor still pages
    expect((await send(runsRoute.GET, { path: "/api/v1/runs?cursor=run_01jd5n7k3m9x2c4v6b8n0q1w3e" })).status).toBe(200);
  });

  it("refuses a query string over the limit, and NUL in a query value", async () => {
    expectError(await send(runsRoute.GET, { path: `/api/v1/runs?tag=${"x".repeat(API_LIMITS.maxQueryLength)}` }), 414);
    expectError(await send(runsRoute.GET, { path: "/api/v1/runs?tag=a%00b" }), 400, "tag");
  });
});

describe("bodies that are not JSON", () => {
  it("refuses a text/plain body with 415 and creates nothing", async () => {
    const before = await graphCount();
    const res = await send(graphsRoute.POST, { raw: JSON.stringify(spec({ name: "Plain text" })), contentType: "text/plain" });
    expectError(res, 415, "content-type");
    expect(res.json.code).toBe("unsupported_media_type");
    expectError(await send(graphsRoute.POST, { raw: JSON.stringify(spec({ name: "No type" })), contentType: null }), 415);
    expect(await graphCount()).toBe(before);
  });

  it("accepts application/json with a charset and the +json types", async () => {
    const res = await send(graphsRoute.POST, { body: spec({ name: "Charset" }), contentType: "application/json; charset=utf-8" });
    expect(res.status, res.text).toBe(201);
  });

  it("refuses a body over 1 MiB with 413", async () => {
    const res = await send(graphsRoute.POST, { body: spec({ description: "x".repeat(API_LIMITS.maxBodyBytes) }) });
    expectError(res, 413);
    expect(res.json.code).toBe("payload_too_large");
  });

  it("refuses malformed JSON with 400", async () => {
    const res = await send(graphsRoute.POST, { raw: '{"name": "x",' });
    expectError(res, 400);
    expect(res.json.code).toBe("invalid_json");
  });
});

describe("routes and methods", () => {
  it("answers an unknown /api/v1 route with a JSON 404", async () => {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"] as const) {
      const res = await send(catchAllRoute[method], { method, path: "/api/v1/no-such-thing/42", params: { rest: ["no-such-thing", "42"] }, key: null, ...(method === "GET" || method === "DELETE" ? {} : { body: {} }) });
      expectError(res, 404);
      expect(res.json.code).toBe("not_found");
      expect(res.json.error).toContain(`${method} /api/v1/no-such-thing/42`);
    }
  });

  it("answers a method a route does not serve with a JSON 405 and an Allow header", async () => {
    const res = await send(graphRoute.PATCH, { method: "PATCH", path: `/api/v1/graphs/${graphId}`, params: { id: graphId }, body: { name: "x" } });
    expectError(res, 405);
    expect(res.json.code).toBe("method_not_allowed");
    expect(res.headers.get("allow")).toBe("GET, PUT, DELETE, HEAD");
    const post = await send(runsRoute.POST, { method: "POST", path: "/api/v1/runs", body: {} });
    expectError(post, 405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    // the graph is still there
    expect((await send(graphRoute.GET, { params: { id: graphId } })).status).toBe(200);
  });
});
