/**
 * A graph's input schema keeps the order its author listed the fields in, through saving and
 * reading back: the run dialog's form shows them in that order (PostgreSQL `jsonb` would sort
 * them; the spec is kept as written).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { callRoute, useTestDatabase } from "../use-test-database";
import { makeTenant } from "../../prisma/factories";
import * as graphsRoute from "../../app/api/v1/graphs/route";
import * as graphRoute from "../../app/api/v1/graphs/[id]/route";
import * as versionRoute from "../../app/api/v1/graphs/[id]/versions/[version]/route";

useTestDatabase("graph-field-order");

let tenant: Awaited<ReturnType<typeof makeTenant>>;
beforeAll(async () => {
  tenant = await makeTenant("Field Order Co");
});

// not alphabetical, and not in jsonb's order (shorter keys first) either
const FIELDS = ["subject", "from", "body", "requestId", "attachments"];
const spec = (fields: string[]) => ({
  name: `Ordered ${fields.join(" ")}`,
  input: {
    type: "object",
    required: ["subject", "from"],
    properties: Object.fromEntries(fields.map((f) => [f, { type: f === "attachments" ? "array" : "string", description: `The ${f}`, ...(f === "attachments" ? { items: { type: "string" } } : {}) }])),
  },
  nodes: [{ id: "draft", type: "agent", model: "sim:fast", prompt: "Reply to {{input.subject}} from {{input.from}}" }],
});

describe("an input schema's field order", () => {
  it("survives saving and reading the graph back, and its versions", async () => {
    const created = await callRoute(graphsRoute.POST as never, { key: tenant.apiKey.key, body: spec(FIELDS) });
    expect(created.status, created.text).toBe(201);
    const id = created.json.id as string;

    const read = await callRoute(graphRoute.GET as never, { key: tenant.apiKey.key, params: { id } });
    expect(read.status, read.text).toBe(200);
    expect(Object.keys(read.json.spec.input.properties)).toEqual(FIELDS);

    const version = await callRoute(versionRoute.GET as never, { key: tenant.apiKey.key, params: { id, version: "1" } });
    expect(Object.keys(version.json.spec.input.properties)).toEqual(FIELDS);
  });

  it("saves a new version when only the order of the fields changes", async () => {
    const created = await callRoute(graphsRoute.POST as never, { key: tenant.apiKey.key, body: spec(FIELDS) });
    const id = created.json.id as string;
    const reordered = [...FIELDS].reverse();
    const saved = await callRoute(graphRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { id }, body: { ...spec(reordered), name: spec(FIELDS).name } });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json).toMatchObject({ version: 2, unchanged: false });
    const read = await callRoute(graphRoute.GET as never, { key: tenant.apiKey.key, params: { id } });
    expect(Object.keys(read.json.spec.input.properties)).toEqual(reordered);

    const again = await callRoute(graphRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { id }, body: read.json.spec });
    expect(again.json).toMatchObject({ version: 2, unchanged: true });
  });
});
