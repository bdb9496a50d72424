/**
 * The supervisor's own budget: a planning turn refused by the spend guard is handled as an agent
 * node's call is — `onExceed: downgrade` plans on a cheaper model, `pause` waits for a person to
 * raise the budget and then makes the turn — instead of failing the node. And an escalation
 * answered with an edited output is checked against the schema that output stands in for: an
 * invalid edit is refused at the decision (422 naming the field), not later in the run.
 * Real engine, simulated models (priced as in the catalogue).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { graphApi } from "../graph-api";
import { getPrisma } from "../../lib/db/client";
import { makeApiKey, makeTenant } from "../../prisma/factories";
import * as decisionRoute from "../../app/api/v1/approvals/[id]/decision/route";

const rt = useRuntime("supbudget");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
let finance: Awaited<ReturnType<typeof makeApiKey>>;
const api = graphApi(() => tenant.apiKey.key);
const saved = process.env.SWITCHYARD_DECISION_RECHECK_MS;

beforeAll(async () => {
  process.env.SWITCHYARD_DECISION_RECHECK_MS = "1000";
  tenant = await makeTenant("Supervisor Budget Co");
  finance = await makeApiKey(tenant.workspace.id, "finance");
});
afterAll(() => {
  process.env.SWITCHYARD_DECISION_RECHECK_MS = saved;
});

const ended = (r: any) => ["succeeded", "failed", "cancelled"].includes(r.status);

/** A supervisor on sim:strong whose turns may write 1,000 tokens: a worst case of several cents, over a one-cent budget. */
function spec(onExceed: "downgrade" | "pause") {
  return {
    name: `Budgeted supervision (${onExceed})`,
    budget: { perRunUsd: 0.01, onExceed },
    nodes: [
      {
        id: "lead",
        type: "supervisor",
        model: "sim:strong",
        maxOutputTokens: 1000,
        task: "Ask legal",
        maxDelegations: 1,
        agents: [{ name: "legal", description: "Reviews the legal terms", model: "sim:fast", maxOutputTokens: 200 }],
      },
    ],
  };
}

describe("the supervisor's budget", () => {
  it("downgrade: a refused planning turn moves to a cheaper model and the node succeeds", async () => {
    const graphId = await api.createGraph(spec("downgrade"));
    const runId = await api.start(graphId);
    const run = await rt.waitForRun(runId, ended, 60_000);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    const lead = run.nodeRuns.find((x: any) => x.nodeId === "lead");
    expect(lead.status).toBe("succeeded");
    const downgrades = await getPrisma().traceEvent.findMany({ where: { runId, nodeId: "lead", type: "model.downgraded" }, orderBy: { id: "asc" } });
    expect(downgrades.length).toBeGreaterThanOrEqual(1);
    // no call was ever made on the model the budget could not afford
    const models = (await getPrisma().costEntry.findMany({ where: { runId }, select: { model: true } })).map((e) => e.model);
    expect(models).not.toContain("sim:strong");
    expect(models.length).toBeGreaterThanOrEqual(2);
    expect(await getPrisma().delegation.count({ where: { runId, status: "done" } })).toBe(1);
  }, 90_000);

  it("pause: a refused planning turn pauses the run for a person; approving the raise makes the turn, and the node succeeds", async () => {
    const graphId = await api.createGraph(spec("pause"));
    const runId = await api.start(graphId);
    const paused = await rt.waitForRun(runId, (r) => r.status === "paused" || ended(r), 60_000);
    expect(paused.status, JSON.stringify(paused.error)).toBe("paused");
    expect(paused.pausedReason).toBe("budget");
    expect(paused.nodeRuns.find((x: any) => x.nodeId === "lead").status).toBe("paused");
    expect(await getPrisma().costEntry.count({ where: { runId } })).toBe(0);
    // approve every budget item the run opens until it ends (each turn on sim:strong may need a raise)
    let approvals = 0;
    const run = await rt.waitFor(
      async () => {
        const pending = await getPrisma().approval.findMany({ where: { runId, status: "pending", kind: "budget" } });
        for (const a of pending) {
          const d = await callRoute(decisionRoute.POST as never, { key: finance.key, params: { id: a.id }, body: { decision: "approve" } });
          expect(d.status, d.text).toBe(200);
          approvals++;
        }
        return getPrisma().run.findUniqueOrThrow({ where: { id: runId }, include: { nodeRuns: true } });
      },
      ended,
      90_000,
    );
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    expect(approvals).toBeGreaterThanOrEqual(1);
    const models = (await getPrisma().costEntry.findMany({ where: { runId, model: "sim:strong" } })).length;
    expect(models).toBeGreaterThanOrEqual(1);
    const traces = (await getPrisma().traceEvent.findMany({ where: { runId, nodeId: "lead", type: { in: ["run.paused", "run.resumed"] } }, orderBy: { id: "asc" } })).map((t) => t.type);
    expect(traces.slice(0, 2)).toEqual(["run.paused", "run.resumed"]);
  }, 120_000);

  it("stop: a refused planning turn fails the node with budget_exceeded", async () => {
    const graphId = await api.createGraph({ ...spec("pause"), budget: { perRunUsd: 0.01, onExceed: "stop" } });
    const runId = await api.start(graphId);
    const run = await rt.waitForRun(runId, ended, 60_000);
    expect(run.status).toBe("failed");
    expect(run.nodeRuns.find((x: any) => x.nodeId === "lead").error).toMatchObject({ reason: "budget_exceeded" });
  }, 60_000);
});

describe("an escalation's edited output", () => {
  it("an edit that breaks the supervisor's output schema is refused with 422 naming the field; a valid one stands", async () => {
    const graphId = await api.createGraph({
      name: "Escalated answer",
      nodes: [
        {
          id: "lead",
          type: "supervisor",
          model: "sim:strong",
          task: "Ask legal",
          maxDelegations: 1,
          // the simulated answer is never this sure: it goes to a person
          minConfidence: 1,
          output: { type: "object", properties: { vendor: { type: "string" }, total: { type: "number" } }, required: ["vendor", "total"] },
          agents: [{ name: "legal", description: "Reviews the legal terms", model: "sim:fast" }],
        },
      ],
    });
    const runId = await api.start(graphId);
    const item = await rt.waitFor(
      () => getPrisma().approval.findFirst({ where: { runId, kind: "escalation", status: "pending" } }),
      (a) => !!a,
      60_000,
    );
    const bad = await callRoute(decisionRoute.POST as never, { key: tenant.apiKey.key, params: { id: item!.id }, body: { decision: "approve", output: { vendor: 7 } } });
    expect(bad.status, bad.text).toBe(422);
    expect(bad.json.code).toBe("validation_failed");
    expect(bad.json.issues.map((i: any) => i.path).sort()).toEqual(["output.total", "output.vendor"]);
    expect((await getPrisma().approval.findUniqueOrThrow({ where: { id: item!.id } })).status).toBe("pending");
    expect((await api.getRun(runId)).status).not.toBe("failed");

    const good = await callRoute(decisionRoute.POST as never, { key: tenant.apiKey.key, params: { id: item!.id }, body: { decision: "approve", output: { vendor: "ACME", total: 120 } } });
    expect(good.status, good.text).toBe(200);
    const run = await rt.waitForRun(runId, ended, 60_000);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    expect(run.nodeRuns.find((x: any) => x.nodeId === "lead").output).toMatchObject({ status: "done", output: { vendor: "ACME", total: 120 } });
  }, 90_000);
});
