/**
 * Budgets stop spending inside runs: a call whose worst case does not fit is
 * never made. With onExceed "pause" the run waits in the approvals inbox and
 * resumes from the paused node when the budget is raised; with "stop" it
 * fails with reason budget_exceeded and nothing is spent.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { getPrisma } from "../../lib/db/client";
import { makeApiKey, makeTenant } from "../../prisma/factories";
import * as graphsRoute from "../../app/api/v1/graphs/route";
import * as runsRoute from "../../app/api/v1/graphs/[id]/runs/route";
import * as runRoute from "../../app/api/v1/runs/[id]/route";
import * as approvalsRoute from "../../app/api/v1/approvals/route";
import * as decisionRoute from "../../app/api/v1/approvals/[id]/decision/route";

const rt = useRuntime("budget_runtime");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
beforeAll(async () => {
  tenant = await makeTenant("Budget Co");
});

const spec = (onExceed: "pause" | "stop") => ({
  name: `Tight budget (${onExceed})`,
  budget: { perRunUsd: 0.0001, onExceed },
  nodes: [
    { id: "first", type: "output", value: "before the agent" },
    { id: "summarise", type: "agent", needs: ["first"], model: "sim:fast", maxOutputTokens: 1000, prompt: "Summarise: supplier ACME offers 40 chairs." },
    { id: "done", type: "output", needs: ["summarise"], value: { summary: "{{nodes.summarise.output}}" } },
  ],
});

async function startRun(s: unknown) {
  const g = await callRoute(graphsRoute.POST as never, { key: tenant.apiKey.key, body: s });
  expect(g.status, g.text).toBe(201);
  const r = await callRoute(runsRoute.POST as never, { key: tenant.apiKey.key, params: { id: g.json.id }, body: { input: {} } });
  return r.json.runId as string;
}

describe("budgets inside runs", () => {
  it("pause: the refused call is not made, the run waits in the inbox, and resumes at the node when the budget is raised", async () => {
    const runId = await startRun(spec("pause"));
    const paused = await rt.waitForRun(runId, (r) => r.status === "paused" || r.status === "failed");
    expect(paused.status).toBe("paused");
    expect(paused.pausedReason).toBe("budget");
    expect(await getPrisma().costEntry.count({ where: { runId } })).toBe(0);

    const finance = await makeApiKey(tenant.workspace.id, "finance");
    const inbox = await callRoute(approvalsRoute.GET as never, { key: finance.key, path: `/api/v1/approvals?status=pending&runId=${runId}` });
    const item = inbox.json.approvals[0];
    expect(item).toMatchObject({ kind: "budget", canDecide: true });
    expect(item.title).toMatch(/^Raise budget ".+" by \$[0-9.,]+ and resume Tight budget \(pause\), or stop it$/);
    expect(item.context.budget.onExceed).toBe("pause");

    const decided = await callRoute(decisionRoute.POST as never, { key: finance.key, params: { id: item.id }, body: { decision: "approve", output: { raiseUsd: 0.05 } } });
    expect(decided.status, decided.text).toBe(200);
    await rt.waitForRun(runId, (r) => r.status === "succeeded" || r.status === "failed");
    const run = (await callRoute(runRoute.GET as never, { key: tenant.apiKey.key, params: { id: runId } })).json;
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    expect(run.costUsd).toBeGreaterThan(0);
    expect(run.costUsd).toBeLessThanOrEqual(0.0001 + 0.05);
    const ledger = await getPrisma().costEntry.findMany({ where: { runId } });
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ nodeId: "summarise", model: "sim:fast" });
    expect(run.nodes.find((n: { nodeId: string }) => n.nodeId === "first").attempts).toBe(1);
  });

  it("stop: the run fails with reason budget_exceeded and nothing is spent", async () => {
    const runId = await startRun(spec("stop"));
    await rt.waitForRun(runId, (r) => r.status === "failed" || r.status === "succeeded");
    const run = (await callRoute(runRoute.GET as never, { key: tenant.apiKey.key, params: { id: runId } })).json;
    expect(run.status).toBe("failed");
    expect(run.error.cause.reason).toBe("budget_exceeded");
    expect(run.error.message).toContain("would be exceeded");
    expect(await getPrisma().costEntry.count({ where: { runId } })).toBe(0);
    expect(run.costUsd).toBe(0);
  });
});
