import { describe, expect, it } from "vitest";
import { callRoute, useTestDatabase } from "../../tests/use-test-database";
import { getPrisma } from "../db/client";
import { newId } from "../ids";
import { makeTenant } from "../../prisma/factories";
import * as graphsRoute from "../../app/api/v1/graphs/route";
import * as runsRoute from "../../app/api/v1/runs/route";

/**
 * `GET /api/v1/runs?agent=&model=`: the runs behind a cost row grouped by agent or by model, and
 * nobody else's — filters combine, a node that was skipped spent nothing and does not count.
 */
useTestDatabase("list_runs");

type NodeRow = { nodeId: string; model?: string; status?: "succeeded" | "skipped" | "queued" };

async function seed() {
  const tenant = await makeTenant("Runs filter Co");
  const created = await callRoute(graphsRoute.POST as never, {
    key: tenant.apiKey.key,
    body: { name: "Filters", nodes: [{ id: "intake", type: "agent", model: "sim:fast", prompt: "Hi" }, { id: "writer", type: "agent", model: "sim:strong", prompt: "Hi", needs: ["intake"] }] },
  });
  expect(created.status, created.text).toBe(201);
  const graphId = created.json.id as string;
  const version = await getPrisma().graphVersion.findFirstOrThrow({ where: { graphId } });
  const run = async (status: "succeeded" | "failed", nodes: NodeRow[]) => {
    const id = newId("run");
    await getPrisma().run.create({
      data: {
        id, workspaceId: tenant.workspace.id, graphId, graphVersionId: version.id, version: version.version, status, input: {}, tags: [],
        nodeRuns: { create: nodes.map((n) => ({ id: newId("nodeRun"), workspaceId: tenant.workspace.id, nodeId: n.nodeId, nodeType: "agent", status: n.status ?? "succeeded", model: n.model ?? null })) },
      },
    });
    return id;
  };
  return { tenant, graphId, run };
}

const list = async (key: string, query: string) => {
  const res = await callRoute(runsRoute.GET as never, { key, path: `/api/v1/runs?${query}` });
  expect(res.status, res.text).toBe(200);
  return (res.json.runs as { id: string }[]).map((r) => r.id).sort();
};

describe("runs list filtered by agent and model", () => {
  it("finds the runs in which a node ran, or a node called a model, and combines with other filters", async () => {
    const { tenant, run } = await seed();
    const both = await run("succeeded", [{ nodeId: "intake", model: "sim:fast" }, { nodeId: "writer", model: "sim:strong" }]);
    const intakeOnly = await run("failed", [{ nodeId: "intake", model: "sim:fast" }, { nodeId: "writer", status: "skipped" }]);
    const writerFast = await run("succeeded", [{ nodeId: "intake", status: "queued" }, { nodeId: "writer", model: "sim:fast" }]);
    const key = tenant.apiKey.key;

    expect(await list(key, "agent=writer")).toEqual([both, writerFast].sort());
    expect(await list(key, "agent=intake")).toEqual([both, intakeOnly].sort());
    expect(await list(key, `model=${encodeURIComponent("sim:fast")}`)).toEqual([both, intakeOnly, writerFast].sort());
    expect(await list(key, "model=sim:strong")).toEqual([both]);
    // together: that node with that model
    expect(await list(key, "agent=writer&model=sim:fast")).toEqual([writerFast]);
    expect(await list(key, "agent=intake&model=sim:fast&status=failed")).toEqual([intakeOnly]);
    expect(await list(key, "agent=nobody")).toEqual([]);
  });

  it("never lists another workspace's runs", async () => {
    const a = await seed();
    const b = await seed();
    const mine = await a.run("succeeded", [{ nodeId: "intake", model: "sim:fast" }]);
    await b.run("succeeded", [{ nodeId: "intake", model: "sim:fast" }]);
    expect(await list(a.tenant.apiKey.key, "agent=intake&model=sim:fast")).toEqual([mine]);
  });

  it("treats an empty agent or model as no filter, like the other filters", async () => {
    const { tenant, run } = await seed();
    const id = await run("succeeded", [{ nodeId: "intake", model: "sim:fast" }]);
    expect(await list(tenant.apiKey.key, "agent=&model=")).toEqual([id]);
  });
});
