/**
 * A spec is checked when it is saved (POST /graphs, PUT /graphs/:id): JSON Schemas, models,
 * approval assignees and nesting depth. An invalid spec gets a 422 naming the field and the
 * reason, and nothing is saved; a model whose provider has no key saves with a warning.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { callRoute, useTestDatabase } from "../use-test-database";
import { getPrisma } from "../../lib/db/client";
import { GRAPH_TEMPLATES } from "../../lib/graphs/templates";
import { addMember, makeTenant, makeUser } from "../../prisma/factories";
import * as graphsRoute from "../../app/api/v1/graphs/route";
import * as graphRoute from "../../app/api/v1/graphs/[id]/route";
import * as providerRoute from "../../app/api/v1/providers/[provider]/route";

useTestDatabase("graph-validation");

let tenant: Awaited<ReturnType<typeof makeTenant>>;
beforeAll(async () => {
  tenant = await makeTenant("Validation Co");
});

const agent = (extra: Record<string, unknown> = {}) => ({ id: "draft", type: "agent", model: "sim:fast", prompt: "Write {{input.topic}}", ...extra });
const graph = (nodes: unknown[], extra: Record<string, unknown> = {}) => ({ name: `Checked ${Math.random().toString(36).slice(2, 8)}`, nodes, ...extra });

async function create(spec: unknown, key = tenant.apiKey.key) {
  return callRoute(graphsRoute.POST as never, { key, body: spec });
}

/** The 422 of an invalid spec, with nothing saved. */
async function refused(spec: unknown) {
  const before = await getPrisma().graph.count({ where: { workspaceId: tenant.workspace.id } });
  const res = await create(spec);
  expect(res.status, res.text).toBe(422);
  expect(res.json).toMatchObject({ code: "validation_failed", error: expect.any(String), issues: expect.any(Array) });
  expect(await getPrisma().graph.count({ where: { workspaceId: tenant.workspace.id } })).toBe(before);
  return res.json.issues as Array<{ path: string; message: string }>;
}

describe("JSON Schemas in a spec", () => {
  it("refuses an agent output schema that is not JSON Schema, naming where", async () => {
    const issues = await refused(graph([agent({ output: { type: "object", properties: 5 } })]));
    expect(issues).toEqual([
      expect.objectContaining({ path: "nodes[0] (draft).output.properties", message: "nodes[0] (draft).output.properties: is not a valid JSON Schema (2020-12): must be an object" }),
    ]);
  });

  it("refuses an invalid graph input schema, and one nested 5,000 levels deep without a 500", async () => {
    const issues = await refused(graph([agent()], { input: { type: "object", properties: { topic: { type: "strin" } } } }));
    expect(issues[0]!.path).toBe("input.properties.topic.type");

    // written as text: JSON.stringify itself cannot go that deep
    const deep = `${'{"type":"object","properties":{"topic":'.repeat(5000)}{"type":"string"}${"}}".repeat(5000)}`;
    const body = JSON.stringify(graph([agent()], { input: "DEEP" })).replace('"DEEP"', deep);
    const res = await callRoute(graphsRoute.POST as never, { key: tenant.apiKey.key, rawBody: body });
    // refused at body parsing or by the spec's own depth limit: a 4xx in the documented shape either way
    expect(res.status, res.text).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.json).toMatchObject({ code: expect.any(String), error: expect.stringMatching(/deep|depth|nest/i) });
  });

  it("accepts a valid 2020-12 schema and runs its references through", async () => {
    const res = await create(graph([agent({ output: { type: "object", $defs: { tag: { type: "string" } }, properties: { tags: { type: "array", items: { $ref: "#/$defs/tag" } } } } })]));
    expect(res.status, res.text).toBe(201);
  });
});

describe("models in a spec", () => {
  it("refuses a simulated model that does not exist and a model no catalogue knows", async () => {
    expect(await refused(graph([agent({ model: "sim:nope" })]))).toEqual([
      expect.objectContaining({ path: "nodes[0] (draft).model", message: expect.stringContaining('unknown simulated model "sim:nope"') }),
    ]);
    const issues = await refused(graph([agent({ model: { tier: "cheap", fallbacks: ["sim:fast", "openai:gpt-nope"] } })]));
    expect(issues).toEqual([expect.objectContaining({ path: "nodes[0] (draft).model.fallbacks[1]", message: expect.stringContaining('unknown model "openai:gpt-nope"') })]);
  });

  it("saves a catalogue model whose provider has no key with a warning, which goes once the key is set", async () => {
    const spec = graph([agent({ model: "anthropic:claude-haiku-4-5" })]);
    const res = await create(spec);
    expect(res.status, res.text).toBe(201);
    expect(res.json.warnings).toEqual([
      expect.objectContaining({ path: "nodes[0] (draft).model", message: expect.stringContaining("no Anthropic API key configured") }),
    ]);
    const key = await callRoute(providerRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { provider: "anthropic" }, body: { apiKey: "sk-ant-test" } });
    expect(key.status, key.text).toBe(200);
    const saved = await callRoute(graphRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { id: res.json.id }, body: { ...spec, description: "now with a key" } });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json.warnings).toEqual([]);
  });
});

describe("approval assignees", () => {
  const approval = (assignees: unknown[]) => graph([{ id: "gate", type: "approval", assignees }, { id: "done", type: "output", needs: ["gate"], value: "ok" }]);

  it("refuses an unknown role, listing the roles", async () => {
    const issues = await refused(approval([{ role: "aprover" }]));
    expect(issues).toEqual([
      expect.objectContaining({
        path: "nodes[0] (gate).assignees[0].role",
        message: 'nodes[0] (gate).assignees[0].role: unknown role "aprover" — did you mean "approver"? (roles: owner, admin, editor, approver, finance, viewer)',
      }),
    ]);
  });

  it("refuses a user who is not a member, and accepts members by e-mail or id", async () => {
    const outsider = await makeUser();
    expect((await refused(approval([{ user: outsider.email }])))[0]).toMatchObject({ path: "nodes[0] (gate).assignees[0].user", message: expect.stringContaining("is not a member of this workspace") });
    const member = await makeUser();
    await addMember(tenant.workspace.id, member.id, "approver");
    const res = await create(approval([{ user: member.email.toUpperCase() }, { user: member.id }, { role: "finance" }]));
    expect(res.status, res.text).toBe(201);
  });

  it("checks a new version too, and keeps the old one when refused", async () => {
    const created = await create(approval([{ role: "approver" }]));
    expect(created.status, created.text).toBe(201);
    const res = await callRoute(graphRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { id: created.json.id }, body: approval([{ role: "approvers" }]) });
    expect(res.status, res.text).toBe(422);
    expect(res.json.issues[0].path).toBe("nodes[0] (gate).assignees[0].role");
    expect((await getPrisma().graph.findUniqueOrThrow({ where: { id: created.json.id } })).latestVersion).toBe(1);
  });
});

describe("templates", () => {
  it("every template a workspace is offered (and the demo seeds) saves without issues", async () => {
    for (const template of GRAPH_TEMPLATES) {
      const res = await create({ ...(template.spec as object), name: `${template.title} (check)` });
      expect(res.status, `${template.slug}: ${res.text}`).toBe(201);
    }
  });
});
