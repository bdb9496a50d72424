/**
 * Tenant isolation, proven for every route under app/api/v1: each handler is
 * found on disk and called with another workspace's credentials and this
 * workspace's ids. Nothing may be read, changed or revealed across the line.
 * A new route with a dynamic segment fails here until it gets a fixture below.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { callRoute, useTestDatabase } from "../use-test-database";
import { getPrisma } from "../../lib/db/client";
import { TENANT_MODELS } from "../../lib/db/scoped";
import { newId } from "../../lib/ids";
import { sha256 } from "../../lib/crypto";
import { addMember, makeTenant, makeUser } from "../../prisma/factories";

useTestDatabase("isolation");

const API_ROOT = path.resolve("app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function findRoutes(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return findRoutes(full);
    return d.name === "route.ts" ? [full] : [];
  });
}

type Tenant = Awaited<ReturnType<typeof makeTenant>>;
type Victim = Tenant & { ids: Record<string, string> };

/** For a dynamic segment, the victim's id of the resource named by the segment before it. */
const FIXTURES: Record<string, (v: Victim) => string> = {
  members: (v) => v.ids.membership,
  invitations: (v) => v.ids.invitation,
  "api-keys": (v) => v.ids.apiKey,
  graphs: (v) => v.ids.graph,
  versions: () => "1",
  runs: (v) => v.ids.run,
  approvals: (v) => v.ids.approval,
  providers: () => "openai",
  secrets: () => "VICTIM_SECRET",
  "mcp-servers": () => "victim-crm",
  // the victim has no budget: ids of other kinds must be a 404 too
  budgets: (v) => v.ids.run,
  // a model id names an entry of the caller's own price list; an unknown provider is a 404 for everyone
  models: () => "victim:model",
  // the victim has no webhook endpoint: ids of other kinds must be a 404 too
  webhooks: (v) => v.ids.run,
  // a graph exposed as an A2A agent
  a2a: (v) => v.ids.graph,
  // a trigger is named within its graph (the victim's graph has one called "event")
  triggers: () => "event",
  "report-schedules": (v) => v.ids.reportSchedule,
  // the Schedules view names a trigger by its id
  schedules: (v) => v.ids.trigger,
};

/**
 * Segments that name something inside the caller's own workspace rather than
 * an id (a provider, a secret name): another workspace's key acts on its own
 * workspace there, so only "reveals nothing, changes nothing" applies.
 */
const OWN_NAMESPACE = new Set(["providers", "secrets", "mcp-servers"]);

/** Valid bodies, so that requests get past validation and reach the lookup. */
const BODIES: Record<string, unknown> = {
  "PATCH members/[id]": { role: "viewer" },
  "PUT graphs/[id]": { name: "Hijack", nodes: [{ id: "o", type: "output", value: 1 }] },
  "POST graphs": { name: "Attacker graph", nodes: [{ id: "o", type: "output", value: 1 }] },
  "POST graphs/[id]/runs": { input: {} },
  "POST runs/[id]/rerun": {},
  "POST runs/[id]/migrate": { version: 2 },
  "POST approvals/[id]/decision": { decision: "approve" },
  "POST approvals/[id]/reassign": { to: [{ role: "admin" }] },
  "PUT providers/[provider]": { apiKey: "sk-attacker" },
  "PUT secrets/[name]": { value: "attacker" },
  "PUT mcp-servers/[name]": { url: "https://attacker.example/mcp" },
  "POST mcp-servers/[name]/test": {},
  "PATCH workspace": { name: "Renamed by attacker" },
  "POST invitations": { role: "viewer" },
  "POST api-keys": { name: "attacker", role: "viewer" },
  "PATCH budgets/[id]": { limitUsd: 1 },
  "POST budgets/[id]/raise": { byUsd: 1 },
  "PUT models/[modelId]/price": { inputUsdPerMTok: 1, outputUsdPerMTok: 1 },
  "POST report-schedules": { name: "Attacker report", cron: "0 6 1 * *", report: { groupBy: "customer", period: "previous_month" }, deliver: { email: ["a@example.com"] } },
  "PATCH report-schedules/[id]": { name: "Hijacked report" },
  "POST a2a/[graphId]": { jsonrpc: "2.0", id: 1, method: "SendMessage", params: { message: { messageId: "m1", role: "ROLE_USER", parts: [{ data: {} }] } } },
};

async function snapshot(workspaceId: string): Promise<string> {
  const db = getPrisma() as unknown as Record<string, { findMany: (a: unknown) => Promise<unknown[]> }>;
  const parts: Record<string, unknown> = {
    workspace: await getPrisma().workspace.findUnique({ where: { id: workspaceId } }),
  };
  for (const model of TENANT_MODELS) {
    const delegate = db[model[0].toLowerCase() + model.slice(1)];
    // roll-up tables have compound keys: order their rows in JS instead
    const rows = await delegate.findMany({ where: { workspaceId } });
    parts[model] = rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? v.toString() : v))).sort();
  }
  return JSON.stringify(parts, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}

let victim: Victim;
let attacker: Tenant;

beforeAll(async () => {
  const t = await makeTenant("Victim Co");
  const member = await makeUser();
  const membership = await addMember(t.workspace.id, member.id, "editor");
  const invitation = await getPrisma().invitation.create({
    data: { id: newId("invitation"), workspaceId: t.workspace.id, role: "viewer", tokenHash: sha256("victim-token"), expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const db = getPrisma();
  const graph = await db.graph.create({ data: { id: newId("graph"), workspaceId: t.workspace.id, name: "Victim graph", latestVersion: 1 } });
  const version = await db.graphVersion.create({
    data: { id: newId("graphVersion"), workspaceId: t.workspace.id, graphId: graph.id, version: 1, spec: { name: "Victim graph", nodes: [{ id: "o", type: "output", value: 1 }] }, specHash: "x" },
  });
  const run = await db.run.create({ data: { id: newId("run"), workspaceId: t.workspace.id, graphId: graph.id, graphVersionId: version.id, version: 1, status: "waiting", input: {} } });
  // a forecast kept with the victim's run (GET costs/forecast-accuracy must not show it to others)
  await db.runForecast.create({ data: { runId: run.id, workspaceId: t.workspace.id, graphId: graph.id, graphVersion: 1, p50Usd: "0.1", p90Usd: "0.2", basis: "estimate", perNode: [] } });
  const approval = await db.approval.create({ data: { id: newId("approval"), workspaceId: t.workspace.id, kind: "approval", runId: run.id, title: "Victim approval" } });
  await db.secret.create({ data: { id: newId("secret"), workspaceId: t.workspace.id, name: "VICTIM_SECRET", encryptedValue: "v1.x.y.z" } });
  await db.mcpServer.create({ data: { id: newId("mcpServer"), workspaceId: t.workspace.id, name: "victim-crm", url: "https://victim.example/mcp" } });
  // a trigger with a fire that started the victim's run (the Schedules view and the runs list must not show them to others)
  const trigger = await db.trigger.create({ data: { id: newId("trigger"), workspaceId: t.workspace.id, graphId: graph.id, type: "event", name: "event", config: { type: "event", name: "victim.event" } } });
  await db.triggerFire.create({ data: { id: newId("triggerFire"), workspaceId: t.workspace.id, graphId: graph.id, triggerId: trigger.id, triggerName: "event", type: "event", intendedAt: new Date(), outcome: "started", runId: run.id } });
  // a scheduled cost report (a trigger with no graph)
  const report = await db.trigger.create({
    data: {
      id: newId("trigger"),
      workspaceId: t.workspace.id,
      type: "report",
      name: "Victim report",
      config: { cron: "0 6 1 * *", timezone: "UTC", report: { groupBy: "customer", period: "previous_month", format: "csv" }, deliver: { email: ["victim@example.com"] } },
    },
  });
  victim = { ...t, ids: { membership: membership.id, invitation: invitation.id, apiKey: t.apiKey.id, graph: graph.id, run: run.id, approval: approval.id, trigger: trigger.id, reportSchedule: report.id } };
  attacker = await makeTenant("Attacker Inc");
});

/**
 * Routes that are public by design: they hold no tenant data (the catch-all only answers 404),
 * or a signature is their authentication (webhook deliveries: tests/integration/webhook-trigger.integration.test.ts
 * proves an unknown workspace or path, another workspace's slug and an unsigned delivery get nowhere).
 */
const PUBLIC = new Set(["openapi.json", "[...rest]", "hooks/[workspace]/[...path]"]);
const routes = findRoutes(API_ROOT).filter((f) => !PUBLIC.has(path.relative(API_ROOT, path.dirname(f)).split(path.sep).join("/")));

describe("tenant isolation across every /api/v1 route", () => {
  it("finds the route handlers", () => {
    expect(routes.length).toBeGreaterThanOrEqual(8);
  });

  for (const file of routes) {
    const rel = path.relative(API_ROOT, path.dirname(file)).split(path.sep).join("/") || ".";
    it(`${rel}: refuses anonymous callers and never crosses workspaces`, async () => {
      const mod = (await import(file)) as Record<string, unknown>;
      // methods the route does not serve answer 405 before anything else (see methodsNotAllowed)
      const methods = METHODS.filter((m) => typeof mod[m] === "function" && !("allowedMethods" in (mod[m] as object)));
      expect(methods.length).toBeGreaterThan(0);
      const segments = rel.split("/");
      const params: Record<string, string> = {};
      segments.forEach((seg, i) => {
        const m = /^\[(.+)\]$/.exec(seg);
        if (!m) return;
        const fixture = FIXTURES[segments[i - 1]];
        if (!fixture) throw new Error(`Add a fixture for "${segments[i - 1]}" in FIXTURES so ${rel} is covered by the isolation test.`);
        params[m[1]] = fixture(victim);
      });
      const dynamic = Object.keys(params).length > 0 && !segments.some((seg) => OWN_NAMESPACE.has(seg));
      const before = await snapshot(victim.workspace.id);
      for (const method of methods) {
        const handler = mod[method] as never;
        const body = BODIES[`${method} ${rel}`] ?? (method === "GET" || method === "DELETE" ? undefined : {});
        const url = `/api/v1/${rel}`;

        const anonymous = await callRoute(handler, { method, params, body, path: url });
        expect(anonymous.status, `${method} ${rel} without credentials`).toBe(401);

        const forged = await callRoute(handler, { method, params, body, path: url, key: "sy_not-a-real-key-0000000000000000" });
        expect(forged.status, `${method} ${rel} with an unknown key`).toBe(401);

        const cross = await callRoute(handler, { method, params, body, path: url, key: attacker.apiKey.key });
        if (dynamic) {
          expect([403, 404], `${method} ${rel} with another workspace's key → ${cross.status} ${cross.text}`).toContain(cross.status);
        }
        for (const id of [victim.workspace.id, victim.workspace.slug, ...Object.values(victim.ids), victim.owner.email]) {
          expect(cross.text, `${method} ${rel} revealed ${id}`).not.toContain(id);
        }
        // naming the victim's workspace in the header does not help a key of another workspace
        const header = await callRoute(handler, { method, params, body, path: url, key: attacker.apiKey.key, headers: { "x-workspace": victim.workspace.slug } });
        expect(header.text).not.toContain(victim.workspace.id);
      }
      expect(await snapshot(victim.workspace.id), `${rel} changed the victim's data`).toBe(before);
    });
  }
});

describe("the workspace-scoped client", () => {
  it("cannot read, change or delete another workspace's rows even by exact id", async () => {
    const { scopedDb } = await import("../../lib/db/scoped");
    const db = scopedDb(attacker.workspace.id);
    expect(await db.membership.findUnique({ where: { id: victim.ids.membership } })).toBeNull();
    expect(await db.invitation.findFirst({ where: { id: victim.ids.invitation } })).toBeNull();
    expect((await db.apiKey.updateMany({ where: { id: victim.ids.apiKey }, data: { name: "pwned" } })).count).toBe(0);
    expect((await db.invitation.deleteMany({ where: { id: victim.ids.invitation } })).count).toBe(0);
    await expect(db.membership.update({ where: { id: victim.ids.membership }, data: { role: "owner" } })).rejects.toThrow();
    // a write cannot move a row into another workspace
    const own = await db.apiKey.findFirstOrThrow({});
    await db.apiKey.update({ where: { id: own.id }, data: { workspaceId: victim.workspace.id, name: "renamed" } as never });
    expect((await getPrisma().apiKey.findUniqueOrThrow({ where: { id: own.id } })).workspaceId).toBe(attacker.workspace.id);
    // identity tables are not reachable at all
    await expect((db as unknown as { user: { findMany: () => Promise<unknown> } }).user.findMany()).rejects.toThrow(/not a workspace model/);
  });
});
