/**
 * Provenance through supervision: when a sub-agent's fallback answers, the records say which
 * delegation stood in for which and the output that stood in; and verification descends into
 * child runs' chains, so an output edited in a saved graph's run names that run from its
 * parent. Real engine, simulated models, an HTTP agent stub on 127.0.0.1; tampering with SQL.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpStub, useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { graphApi } from "../graph-api";
import { getPrisma } from "../../lib/db/client";
import { makeTenant } from "../../prisma/factories";
import * as verifyRoute from "../../app/api/v1/runs/[id]/provenance/verify/route";

const rt = useRuntime("supprov");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
let broken: Awaited<ReturnType<typeof startHttpStub>>;
const api = graphApi(() => tenant.apiKey.key);

beforeAll(async () => {
  tenant = await makeTenant("Supervision Provenance Co");
  broken = await startHttpStub(async () => ({ status: 503, json: { error: "down" } }));
});
afterAll(async () => {
  await broken?.close();
});

const ended = (r: any) => ["succeeded", "failed", "cancelled"].includes(r.status);
async function verify(runId: string) {
  const res = await callRoute(verifyRoute.GET as never, { key: tenant.apiKey.key, params: { id: runId } });
  expect(res.status, res.text).toBe(200);
  return res.json as { ok: boolean; firstBroken?: { seq: number | null; kind: string | null; reason: string } };
}

describe("provenance through supervision", () => {
  it("a fallback that answered is recorded as standing in, with the output that stood in", async () => {
    const graphId = await api.createGraph({
      name: "Stand-in",
      nodes: [
        {
          id: "lead",
          type: "supervisor",
          model: "sim:strong",
          task: "Ask flaky about {{input.vendor}}",
          maxDelegations: 2,
          agents: [
            { name: "flaky", description: "Checks the vendor", http: { url: `${broken.url}/agent` }, fallback: "steady" },
            { name: "steady", description: "Checks the vendor more slowly", model: "sim:fast" },
          ],
        },
      ],
    });
    const runId = await api.start(graphId, { input: { vendor: "V-1001" } });
    const run = await rt.waitForRun(runId, ended, 60_000);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    // the node reads like an agent's: the model that answered, its provider, its own turns' tokens
    const lead = run.nodeRuns.find((r: { nodeId: string }) => r.nodeId === "lead");
    expect(lead).toMatchObject({ model: "sim:strong", provider: "sim" });
    expect(lead.inputTokens).toBeGreaterThan(0);
    expect(lead.outputTokens).toBeGreaterThan(0);
    const rows = await getPrisma().delegation.findMany({ where: { runId }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.agent, r.status, r.fallbackFor])).toEqual([
      ["flaky", "failed", null],
      ["steady", "done", "flaky"],
    ]);
    const records = await getPrisma().provenanceRecord.findMany({ where: { runId }, orderBy: { seq: "asc" } });
    const standIn = records.find((r) => r.delegationId === rows[1]!.id)!;
    expect(standIn.producer).toMatchObject({ agent: "steady", standingInFor: "flaky", standsInForDelegation: rows[0]!.id });
    // an inline agent's record names the model that answered and why that one
    expect(standIn.producer).toMatchObject({ model: "sim:fast", routing: { reason: "named in the spec" }, promptTemplateHash: createHash("sha256").update("").digest("hex") });
    const node = records.filter((r) => r.kind === "node" && r.nodeId === "lead").at(-1)!;
    const listed = (node.producer as { delegations: any[] }).delegations.find((d) => d.agent === "flaky");
    expect(listed).toMatchObject({ status: "failed", stoodInBy: { agent: "steady", delegationId: rows[1]!.id, status: "done", output: (rows[1]!.result as { output: unknown }).output } });
    // the supervisor's own answer records who gave it: its model, why that one, its prompt templates' hash
    expect(node.producer).toMatchObject({ agent: "lead", model: "sim:strong", models: ["sim:strong"], routing: { reason: "named in the spec" } });
    expect((node.producer as { promptTemplateHash: string }).promptTemplateHash).toBe(createHash("sha256").update("\n---\nAsk flaky about {{input.vendor}}").digest("hex"));
    // and the inputs its task read, hashed like every node's
    expect(Object.keys(node.inputHashes as object)).toContain("input");
    expect((await verify(runId)).ok).toBe(true);
  }, 90_000);

  it("verification descends into a saved graph's run: an output edited there names the child from its parent", async () => {
    const childId = await api.createGraph({
      name: "Pricing desk",
      nodes: [
        { id: "quote", type: "agent", model: "sim:fast", prompt: "Quote for {{input.task}}" },
        { id: "out", type: "output", needs: ["quote"], value: "{{nodes.quote.output}}" },
      ],
    });
    const graphId = await api.createGraph({
      name: "Nested provenance",
      nodes: [
        {
          id: "lead",
          type: "supervisor",
          model: "sim:strong",
          task: "Ask pricing",
          maxDelegations: 1,
          agents: [{ name: "pricing", description: "Prices the order", graph: childId }],
        },
      ],
    });
    const runId = await api.start(graphId);
    const run = await rt.waitForRun(runId, ended, 60_000);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    expect((await verify(runId)).ok).toBe(true);
    const child = await getPrisma().run.findFirstOrThrow({ where: { parentRunId: runId } });
    expect((await verify(child.id)).ok).toBe(true);

    // someone with database access edits the child's agent output
    await getPrisma().$executeRawUnsafe(`update "NodeRun" set output = '"a cheaper quote"'::jsonb where "runId" = $1 and "nodeId" = 'quote'`, child.id);
    const inner = await verify(child.id);
    expect(inner.ok).toBe(false);
    expect(inner.firstBroken!.reason).toContain("quote");
    const outer = await verify(runId);
    expect(outer.ok).toBe(false);
    expect(outer.firstBroken!.reason).toContain(`Sub-run ${child.id}`);
    expect(outer.firstBroken!.reason).toContain(inner.firstBroken!.reason);
    // the break is at the record of the delegation that ran the child
    expect(outer.firstBroken!.kind).toBe("delegation");
  }, 90_000);
});
