/**
 * A supervisor's parallel delegations go through the durable fan-out, as a map's items: its
 * bound (`maxParallel`) covers inline agents and saved graphs together, many delegations of one
 * turn share batch steps, and the step ids a run in flight recorded are the ones it had before
 * (`sup-dlg:<node>:<seq>`; `sup-dlg-start`/`sup-dlg`/`sup-dlg-done` for a saved graph). Real
 * engine, simulated models.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useRuntime } from "../runtime-harness";
import { graphApi } from "../graph-api";
import { getPrisma } from "../../lib/db/client";
import { makeTenant } from "../../prisma/factories";

const rt = useRuntime("supfanout");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
const api = graphApi(() => tenant.apiKey.key);
const savedLatency = process.env.SWITCHYARD_SIM_LATENCY_MS;

beforeAll(async () => {
  tenant = await makeTenant("Supervision Fan-out Co");
  // each simulated call takes a while, so delegations overlap
  process.env.SWITCHYARD_SIM_LATENCY_MS = "150";
});
afterAll(() => {
  process.env.SWITCHYARD_SIM_LATENCY_MS = savedLatency;
});

const ended = (r: any) => ["succeeded", "failed", "cancelled"].includes(r.status);
const sha1 = (id: string) => createHash("sha1").update(id).digest("hex");

/** The (hashed) ids of the steps the engine recorded for a product run. */
async function recordedSteps(runId: string): Promise<Set<string>> {
  const rows = await getPrisma().$queryRawUnsafe<{ id: string }[]>(
    `select s.id from engine.steps s join engine.runs r on r.id = s.run_id where r.events->0->'data'->>'runId' = $1`,
    runId,
  );
  return new Set(rows.map((r) => r.id));
}

/** The most delegations of a node that were running at the same moment (from their rows). */
async function mostAtOnce(runId: string): Promise<number> {
  const rows = await getPrisma().delegation.findMany({ where: { runId }, select: { startedAt: true, endedAt: true } });
  const edges = rows.flatMap((r) => [
    [r.startedAt.getTime(), 1],
    [r.endedAt!.getTime(), -1],
  ]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, d] of edges) most = Math.max(most, (now += d));
  return most;
}

describe("a supervisor's delegations through the fan-out", () => {
  it("18 delegations of one turn share one batch step, at most maxParallel at once", async () => {
    const names = Array.from({ length: 18 }, (_, i) => `checker${String(i + 1).padStart(2, "0")}`);
    const graphId = await api.createGraph({
      name: "Wide supervision",
      nodes: [
        {
          id: "lead",
          type: "supervisor",
          model: "sim:strong",
          task: "Collect every checker's opinion",
          maxDelegations: 18,
          maxParallel: 5,
          agents: names.map((name) => ({ name, description: `Gives the ${name} opinion`, model: "sim:fast" })),
        },
      ],
    });
    const runId = await api.start(graphId);
    const run = await rt.waitForRun(runId, ended, 60_000);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    const rows = await getPrisma().delegation.findMany({ where: { runId }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.seq, r.status])).toEqual(names.map((_, i) => [i + 1, "done"]));
    const most = await mostAtOnce(runId);
    expect(most).toBeLessThanOrEqual(5);
    expect(most).toBeGreaterThan(1);
    const steps = await recordedSteps(runId);
    expect(steps.has(sha1(`sup-dlg:lead:batch:${names.map((_, i) => i + 1).join(",")}`))).toBe(true);
    expect(steps.has(sha1("sup-dlg:lead:1"))).toBe(false);
  }, 90_000);

  it("inline agents and a saved graph in one turn: one bound over both, and the step ids runs in flight recorded", async () => {
    const childId = await api.createGraph({
      name: "Pricing desk",
      input: { type: "object", properties: { task: { type: "string" } } },
      nodes: [
        { id: "quote", type: "agent", model: "sim:fast", prompt: "Quote for {{input.task}}" },
        { id: "out", type: "output", needs: ["quote"], value: "{{nodes.quote.output}}" },
      ],
    });
    const graphId = await api.createGraph({
      name: "Mixed supervision",
      nodes: [
        {
          id: "lead",
          type: "supervisor",
          model: "sim:strong",
          task: "Ask legal, finance and pricing",
          maxDelegations: 3,
          maxParallel: 2,
          agents: [
            { name: "legal", description: "Reviews the legal terms", model: "sim:fast" },
            { name: "finance", description: "Reviews the payment terms", model: "sim:fast" },
            { name: "pricing", description: "Prices the order", graph: childId },
          ],
        },
      ],
    });
    const runId = await api.start(graphId);
    const run = await rt.waitForRun(runId, ended, 60_000);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    const rows = await getPrisma().delegation.findMany({ where: { runId }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.agent, r.kind, r.status])).toEqual([
      ["legal", "inline", "done"],
      ["finance", "inline", "done"],
      ["pricing", "graph", "done"],
    ]);
    expect(rows[2]!.childRunId).toBeTruthy();
    expect(await mostAtOnce(runId)).toBeLessThanOrEqual(2);
    const steps = await recordedSteps(runId);
    for (const id of ["sup-start:lead", "sup-turn:lead:1", "sup-dlg:lead:1", "sup-dlg:lead:2", "sup-dlg-start:lead:3", "sup-dlg:lead:3", "sup-dlg-done:lead:3", "sup-done:lead"]) {
      expect(steps.has(sha1(id)), id).toBe(true);
    }
  }, 90_000);
});
