/**
 * Screens show names, not ids: the run detail names the people and API keys its outputs
 * refer to (an approval's `decidedBy`), leaving the stored output machine-readable; the audit
 * log names actors, API keys and targets; a graph's versions name who saved them.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { callRoute, useTestDatabase } from "../use-test-database";
import { getPrisma } from "../../lib/db/client";
import { newId } from "../../lib/ids";
import { makeTenant, makeUser } from "../../prisma/factories";
import * as graphsRoute from "../../app/api/v1/graphs/route";
import * as runRoute from "../../app/api/v1/runs/[id]/route";
import * as auditRoute from "../../app/api/v1/audit/route";

useTestDatabase("names");

let tenant: Awaited<ReturnType<typeof makeTenant>>;
let graphId: string;
beforeAll(async () => {
  tenant = await makeTenant("Names Co");
  const created = await callRoute(graphsRoute.POST as never, {
    key: tenant.apiKey.key,
    body: { name: "Purchase approvals", nodes: [{ id: "draft", type: "agent", model: "sim:fast", prompt: "Write" }] },
  });
  expect(created.status, created.text).toBe(201);
  graphId = created.json.id;
});

describe("names, not ids", () => {
  it("names the approver and the API key a run's output and start refer to; the output stays as stored", async () => {
    const version = await getPrisma().graphVersion.findFirstOrThrow({ where: { graphId } });
    const stranger = await makeUser({ name: "Not A Member" });
    const output = { decision: "approve", approvedBy: `user:${tenant.owner.id}`, notes: [`user:${stranger.id}`] };
    const runId = newId("run");
    await getPrisma().run.create({
      data: { id: runId, workspaceId: tenant.workspace.id, graphId, graphVersionId: version.id, version: 1, status: "succeeded", input: {}, output, tags: [], startedBy: `apikey:${tenant.apiKey.id}` },
    });

    const res = await callRoute(runRoute.GET as never, { key: tenant.apiKey.key, params: { id: runId } });
    expect(res.status, res.text).toBe(200);
    expect(res.json.output).toEqual(output);
    expect(res.json.graphName).toBe("Purchase approvals");
    expect(res.json.names).toEqual({
      [`user:${tenant.owner.id}`]: `Test User <${tenant.owner.email}>`,
      [`apikey:${tenant.apiKey.id}`]: "API key “key-owner”",
    });
  });

  it("names the audit log's actors and targets", async () => {
    const res = await callRoute(auditRoute.GET as never, { key: tenant.apiKey.key, path: "/api/v1/audit?action=graph.created" });
    expect(res.status, res.text).toBe(200);
    const event = res.json.events.find((e: { targetId: string }) => e.targetId === graphId);
    expect(event).toMatchObject({ actorApiKeyId: tenant.apiKey.id, actorApiKeyName: "key-owner", targetType: "graph", targetName: "Purchase approvals" });
    expect(res.json.events.every((e: { targetId: string | null; targetName: string | null }) => !e.targetId || e.targetName !== e.targetId)).toBe(true);
  });
});
