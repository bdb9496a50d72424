/**
 * Flow nodes read their graph's kill switch before they start, as work nodes do: a run waiting
 * in an approval when the switch is turned on does not start the supervisor, the map or the
 * wait after it until the switch is closed. Real engine, simulated models.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { graphApi } from "../graph-api";
import { getPrisma } from "../../lib/db/client";
import { makeTenant } from "../../prisma/factories";
import * as decisionRoute from "../../app/api/v1/approvals/[id]/decision/route";
import * as openRoute from "../../app/api/v1/breakers/open/route";
import * as closeRoute from "../../app/api/v1/breakers/close/route";

const rt = useRuntime("supkill");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
const api = graphApi(() => tenant.apiKey.key);

beforeAll(async () => {
  tenant = await makeTenant("Kill Switch Flow Co");
});

const ended = (r: any) => ["succeeded", "failed", "cancelled"].includes(r.status);
const nodeStatus = (run: any, id: string) => run.nodeRuns.find((x: any) => x.nodeId === id)?.status ?? "none";

describe("flow nodes and the kill switch", () => {
  it("turned on while a run waits in an approval: the supervisor, map and wait after it do not start until it is closed", async () => {
    const graphId = await api.createGraph({
      name: "Held after approval",
      nodes: [
        { id: "ok", type: "approval", assignees: [{ role: "admin" }] },
        {
          id: "lead",
          type: "supervisor",
          needs: ["ok"],
          model: "sim:strong",
          task: "Ask legal",
          maxDelegations: 1,
          agents: [{ name: "legal", description: "Reviews the legal terms", model: "sim:fast" }],
        },
        { id: "each", type: "map", needs: ["ok"], items: "{{input.items}}", concurrency: 2, agent: { model: "sim:fast", prompt: "Check {{item}}" } },
        { id: "pause", type: "wait", needs: ["ok"], sleep: "1s" },
        { id: "out", type: "output", needs: ["lead", "each", "pause"], value: "{{nodes.each.output}}" },
      ],
    });
    const runId = await api.start(graphId, { input: { items: ["a", "b", "c"] } });
    const waiting = await rt.waitFor(
      () => getPrisma().approval.findFirst({ where: { runId, status: "pending" } }),
      (a) => !!a,
    );
    const key = `graph:${graphId}`;
    const on = await callRoute(openRoute.POST as never, { key: tenant.apiKey.key, body: { key, reason: "vendor outage" } });
    expect(on.status, on.text).toBe(200);
    const decided = await callRoute(decisionRoute.POST as never, { key: tenant.apiKey.key, params: { id: waiting!.id }, body: { decision: "approve" } });
    expect(decided.status, decided.text).toBe(200);

    const paused = await rt.waitForRun(runId, (r) => r.status === "paused" && ["lead", "each", "pause"].every((id) => nodeStatus(r, id) === "paused"), 30_000);
    expect(paused.pausedReason).toBe("kill_switch");
    expect(nodeStatus(paused, "ok")).toBe("succeeded");
    // held a while: nothing after the approval started
    await new Promise((r) => setTimeout(r, 1500));
    expect(await getPrisma().delegation.count({ where: { runId } })).toBe(0);
    expect(await getPrisma().costEntry.count({ where: { runId } })).toBe(0);
    const still = await api.getRun(runId);
    expect(still.status).toBe("paused");

    const off = await callRoute(closeRoute.POST as never, { key: tenant.apiKey.key, body: { key, reason: "vendor back" } });
    expect(off.status, off.text).toBe(200);
    const done = await rt.waitForRun(runId, ended, 60_000);
    expect(done.status, JSON.stringify(done.error)).toBe("succeeded");
    expect((done.output as unknown[]).length).toBe(3);
    const rows = await getPrisma().delegation.findMany({ where: { runId }, select: { nodeId: true, status: true } });
    expect(rows.filter((r) => r.nodeId === "lead").map((r) => r.status)).toEqual(["done"]);
    expect(rows.filter((r) => r.nodeId === "each")).toHaveLength(3);
    const traces = await getPrisma().traceEvent.findMany({ where: { runId, type: { in: ["run.paused", "run.resumed"] } }, select: { nodeId: true, type: true } });
    for (const id of ["lead", "each", "pause"]) {
      expect(traces.filter((t) => t.nodeId === id).map((t) => t.type).sort(), id).toEqual(["run.paused", "run.resumed"]);
    }
  }, 120_000);
});
