/**
 * Wide fan-out, a designed case: a 500-node graph (root → 498 simulated agents → output)
 * created through the API runs to completion on the real engine, every node succeeds, each
 * agent is charged exactly once, and the ledger adds up to the run's cost.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { getPrisma } from "../../lib/db/client";
import { makeTenant } from "../../prisma/factories";
import * as graphsRoute from "../../app/api/v1/graphs/route";
import * as runsRoute from "../../app/api/v1/graphs/[id]/runs/route";
import * as runRoute from "../../app/api/v1/runs/[id]/route";

const WIDTH = 498;
/** Generous for a loaded 2-core machine; the benchmark holds the tighter figure. */
const BOUND_MS = 120_000;

const rt = useRuntime("fanout");
let tenant: Awaited<ReturnType<typeof makeTenant>>;

beforeAll(async () => {
  tenant = await makeTenant("Fan-out Co");
});

afterAll(() => {
  delete process.env.SWITCHYARD_SIM_LATENCY_MS;
});

function wideSpec(width: number) {
  const agents = Array.from({ length: width }, (_, i) => `a${String(i).padStart(3, "0")}`);
  return {
    name: `Fan-out ${width}`,
    nodes: [
      { id: "root", type: "output", value: { supplier: "ACME", items: 40 } },
      ...agents.map((id) => ({ id, type: "agent", needs: ["root"], model: "sim:fast", maxOutputTokens: 64, prompt: `Check ${id}: {{nodes.root.output.supplier}}` })),
      { id: "done", type: "output", needs: agents, value: { checked: width } },
    ],
  };
}

describe("wide fan-out", () => {
  it(`runs root → ${WIDTH} agents → output to completion, each agent charged exactly once`, async () => {
    process.env.SWITCHYARD_SIM_LATENCY_MS = "0";
    const created = await callRoute(graphsRoute.POST as never, { key: tenant.apiKey.key, body: wideSpec(WIDTH) });
    expect(created.status, created.text).toBe(201);
    const t0 = Date.now();
    const started = await callRoute(runsRoute.POST as never, { key: tenant.apiKey.key, params: { id: created.json.id }, body: { input: {} } });
    expect([200, 202], started.text).toContain(started.status);
    const runId = started.json.runId as string;

    const run = await rt.waitFor(
      () => getPrisma().run.findUniqueOrThrow({ where: { id: runId }, select: { status: true, costUsd: true } }),
      (r) => !["queued", "running", "waiting"].includes(r.status),
      BOUND_MS,
    );
    const elapsed = Date.now() - t0;
    expect(run.status).toBe("succeeded");
    expect(elapsed).toBeLessThan(BOUND_MS);

    const nodes = await getPrisma().nodeRun.findMany({ where: { runId }, select: { nodeId: true, status: true, costUsd: true } });
    expect(nodes).toHaveLength(WIDTH + 2);
    expect(nodes.filter((n) => n.status !== "succeeded").map((n) => `${n.nodeId}:${n.status}`)).toEqual([]);

    const ledger = await getPrisma().costEntry.findMany({ where: { runId }, select: { nodeId: true, costUsd: true, success: true } });
    const perNode = new Map<string, number>();
    for (const e of ledger) perNode.set(e.nodeId!, (perNode.get(e.nodeId!) ?? 0) + 1);
    expect(perNode.size).toBe(WIDTH);
    expect([...perNode.values()].every((n) => n === 1)).toBe(true);
    expect(ledger.every((e) => e.success && e.costUsd.gt(0))).toBe(true);
    // the ledger, the run and the node runs agree to the last decimal
    const total = ledger.reduce((s, e) => s.plus(e.costUsd), ledger[0]!.costUsd.minus(ledger[0]!.costUsd));
    expect(run.costUsd.toFixed()).toBe(total.toFixed());
    const nodeCost = new Map(nodes.map((n) => [n.nodeId, n.costUsd.toFixed()]));
    for (const e of ledger) expect(nodeCost.get(e.nodeId!)).toBe(e.costUsd.toFixed());

    const view = await callRoute(runRoute.GET as never, { key: tenant.apiKey.key, params: { id: runId } });
    expect(view.status).toBe(200);
    expect(view.json.status).toBe("succeeded");
    console.log(JSON.stringify({ msg: "fan-out run", width: WIDTH, nodes: WIDTH + 2, ms: elapsed }));
  }, BOUND_MS + 60_000);
});
