/**
 * Fairness between keys: one customer flooding a graph does not starve the others. A graph
 * with `concurrency: { limit: 2, key: "{{input.customer}}" }`; customer A starts 200 runs, then
 * customer B starts 5. B's runs have their own slots, and the engine's queue is not flooded by
 * A's waiters (a freed slot wakes only the next runs of its key), so B's runs begin promptly.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { graphApi } from "../graph-api";
import { getPrisma } from "../../lib/db/client";
import { makeTenant } from "../../prisma/factories";
import * as runsRoute from "../../app/api/v1/graphs/[id]/runs/route";

const rt = useRuntime("flow-fairness");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
beforeAll(async () => {
  tenant = await makeTenant("Fair Co");
});
const api = graphApi(() => tenant.apiKey.key);

/**
 * B's first run begins within this of B's requests. Measured 4.6–6.9 s on a loaded shared
 * 2-core machine, where one run alone takes about 1–2 s from request to begin: B's first call
 * still waits in the engine's queue (FIFO) behind the calls of A's last starts; what is gone is
 * the flood of wake-ups and re-checks by A's waiting runs that used to follow every freed slot.
 */
const B_FIRST_BEGINS_MS = 10_000;

async function start(graphId: string, input: Record<string, unknown>) {
  const res = await callRoute(runsRoute.POST as never, { key: tenant.apiKey.key, params: { id: graphId }, body: { input } });
  expect(res.status, res.text).toBe(202);
  return res.json.runId as string;
}

describe("fairness between keys", () => {
  it("key A sends 200 runs, key B's 5 runs still start promptly and are served alongside A's (fewer than 10 of A's end meanwhile)", async () => {
    const graphId = await api.createGraph({
      name: "Per-customer",
      concurrency: { limit: 2, key: "{{input.customer}}" },
      nodes: [
        { id: "work", type: "wait", sleep: "1s" },
        { id: "out", type: "output", needs: ["work"], value: { customer: "{{input.customer}}", i: "{{input.i}}" } },
      ],
    });
    const aIds: string[] = [];
    // four callers at a time: every start appends to the workspace's audit chain, one at a time
    for (let batch = 0; batch < 50; batch++) aIds.push(...(await Promise.all(Array.from({ length: 4 }, (_, j) => start(graphId, { customer: "A", i: batch * 4 + j })))));
    const bAsked = Date.now();
    const bIds = await Promise.all(Array.from({ length: 5 }, (_, i) => start(graphId, { customer: "B", i })));
    const bRuns = await Promise.all(bIds.map((id) => rt.waitForRun(id, (r) => r.status === "succeeded", 120_000)));
    const bFirstBegan = Math.min(...bRuns.map((r) => r.startedAt!.getTime())) - bAsked;
    const bLastEnded = Math.max(...bRuns.map((r) => r.endedAt!.getTime()));
    const aEnded = await getPrisma().run.findMany({ where: { graphId, concurrencyKey: "A", status: "succeeded" }, select: { endedAt: true }, orderBy: { endedAt: "asc" } });
    // A's runs that ended while B's were being served: with a fair share (2 slots each) about as
    // many as B's 5; a starved B would see A's line served first
    const aDuringB = aEnded.filter((r) => r.endedAt!.getTime() > bAsked && r.endedAt!.getTime() <= bLastEnded).length;
    const rel = (d: Date | null) => (d ? d.getTime() - bAsked : null);
    console.log(JSON.stringify({ fairness: { bFirstBeganMs: bFirstBegan, bAllDoneMs: bLastEnded - bAsked, aRunsEndedWhileBServed: aDuringB } }));
    console.log(JSON.stringify(bRuns.map((r) => ({ created: rel(r.createdAt), slot: rel(r.slotAcquiredAt), started: rel(r.startedAt), ended: rel(r.endedAt) }))));
    console.log(JSON.stringify({ aEndedBeforeB: aEnded.filter((r) => r.endedAt!.getTime() < bAsked).length, firstAEnded: aEnded[0] ? rel(aEnded[0].endedAt) : null }));
    expect(bFirstBegan).toBeLessThan(B_FIRST_BEGINS_MS);
    expect(aDuringB).toBeLessThan(10);
    expect(aIds).toHaveLength(200);
  }, 180_000);
});
