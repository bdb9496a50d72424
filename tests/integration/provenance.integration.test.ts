/**
 * Provenance you can verify: every output of a run (node outputs, a person's decision) is a
 * record of the run's hash chain, and GET /runs/:id/provenance/verify names the first broken
 * link when an output, a record or the chain itself is changed behind the product's back. The
 * audit log is chained per workspace the same way. Real engine, real PostgreSQL, simulated
 * models; tampering is done with SQL, as someone with database access would.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { graphApi } from "../graph-api";
import { getPrisma } from "../../lib/db/client";
import { makeTenant } from "../../prisma/factories";
import { recordAuditEvent } from "../../lib/audit/record-audit-event";
import * as provenanceRoute from "../../app/api/v1/runs/[id]/provenance/route";
import * as verifyRoute from "../../app/api/v1/runs/[id]/provenance/verify/route";
import * as auditVerifyRoute from "../../app/api/v1/audit/verify/route";
import * as decisionRoute from "../../app/api/v1/approvals/[id]/decision/route";

const rt = useRuntime("provenance");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
const api = graphApi(() => tenant.apiKey.key);

type Break = { seq: number | null; kind: string | null; nodeId: string | null; delegationId: string | null; approvalId: string | null; reason: string };
type Verification = { ok: boolean; records: number; head: string | null; headSeq: number; firstBroken?: Break };
type Rec = { seq: number; kind: string; nodeId: string | null; approvalId: string | null; producer: Record<string, unknown>; inputs: { name: string; hash: string; source: { nodeId: string; seq: number } | null }[]; outputHash: string; prevHash: string | null; hash: string };

async function verify(runId: string, key = tenant.apiKey.key): Promise<Verification> {
  const res = await callRoute(verifyRoute.GET as never, { key, params: { id: runId } });
  expect(res.status, res.text).toBe(200);
  return res.json;
}

async function chain(runId: string): Promise<{ head: string; headSeq: number; records: Rec[] }> {
  const res = await callRoute(provenanceRoute.GET as never, { key: tenant.apiKey.key, params: { id: runId } });
  expect(res.status, res.text).toBe(200);
  return res.json;
}

const finished = (r: { status: string }) => !["queued", "running", "waiting", "paused"].includes(r.status);

/** root → (check, price: simulated agents) → gate (a person approves with an edited output) → done */
const reviewedSpec = {
  name: "Reviewed quote",
  nodes: [
    { id: "root", type: "output", value: { supplier: "ACME", items: 40, unit: 0.1 } },
    { id: "check", type: "agent", needs: ["root"], model: "sim:fast", maxOutputTokens: 64, prompt: "Check {{nodes.root.output.supplier}}" },
    { id: "price", type: "agent", needs: ["root"], model: "sim:fast", maxOutputTokens: 64, instructions: "Be brief.", prompt: "Price {{nodes.root.output.items}} items" },
    { id: "gate", type: "approval", needs: ["check", "price"], assignees: [{ role: "owner" }] },
    { id: "done", type: "output", needs: ["gate"], value: { decision: "{{nodes.gate.output.decision}}" } },
  ],
};

/** A finished, approved run of the reviewed graph. */
async function reviewedRun(): Promise<string> {
  const graphId = await api.createGraph({ ...reviewedSpec, name: `Reviewed quote ${Math.random().toString(36).slice(2, 8)}` });
  const runId = await api.start(graphId, { input: { requester: "ops" } });
  const item = await rt.waitFor(() => getPrisma().approval.findFirst({ where: { runId, status: "pending" } }), (a) => !!a, 30_000);
  const decided = await callRoute(decisionRoute.POST as never, { key: tenant.apiKey.key, params: { id: item!.id }, body: { decision: "approve", comment: "fine", output: { capUsd: 4.5 } } });
  expect(decided.status, decided.text).toBe(200);
  const run = await rt.waitForRun(runId, finished);
  expect(run.status).toBe("succeeded");
  return runId;
}

const recheck = process.env.SWITCHYARD_DECISION_RECHECK_MS;
beforeAll(async () => {
  // a decision made while the inbox item is being opened is picked up after this, not 20 s
  process.env.SWITCHYARD_DECISION_RECHECK_MS = "1000";
  tenant = await makeTenant("Provenance Co");
});
afterAll(() => {
  if (recheck === undefined) delete process.env.SWITCHYARD_DECISION_RECHECK_MS;
  else process.env.SWITCHYARD_DECISION_RECHECK_MS = recheck;
});

describe("a run's provenance chain", () => {
  it("records every output, with its producer and inputs linked to the nodes that made them, and verifies", async () => {
    const runId = await reviewedRun();
    const v = await verify(runId);
    expect(v).toMatchObject({ ok: true, records: 5, headSeq: 5 });
    expect(v.firstBroken).toBeUndefined();

    const c = await chain(runId);
    expect(c.records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(c.head).toBe(c.records[4].hash);
    for (const [i, r] of c.records.entries()) expect(r.prevHash).toBe(i ? c.records[i - 1].hash : null);
    const by: Record<string, Rec> = Object.fromEntries(c.records.map((r) => [r.nodeId!, r]));
    const graphVersion = (await getPrisma().run.findUniqueOrThrow({ where: { id: runId } })).version;

    // an agent: model, routing decision, the template's hash, the graph version
    const price = by.price;
    expect(price.kind).toBe("node");
    expect(price.producer).toMatchObject({ nodeType: "agent", agent: "price", model: "sim:fast", graphVersion, routing: { reason: "named in the spec" } });
    expect(price.producer.promptTemplateHash).toMatch(/^[0-9a-f]{64}$/);
    expect(price.producer.promptTemplateHash).not.toBe(price.producer.promptHash);
    // its inputs: the run's input, and root's output as root recorded it
    expect(price.inputs.map((i) => i.name).sort()).toEqual(["input", "root"]);
    const rootInput = price.inputs.find((i) => i.name === "root")!;
    expect(rootInput.source).toEqual({ nodeId: "root", seq: by.root.seq });
    expect(rootInput.hash).toBe(by.root.outputHash);

    // the person's decision is a `decision` record naming the inbox item
    expect(by.gate.kind).toBe("decision");
    const approval = await getPrisma().approval.findFirstOrThrow({ where: { runId } });
    expect(by.gate.approvalId).toBe(approval.id);
    expect(by.gate.inputs.map((i) => i.source?.nodeId).filter(Boolean).sort()).toEqual(["check", "price"]);
  });

  it("names the node (and seq) whose output was edited directly in the database", async () => {
    const runId = await reviewedRun();
    const rec = (await chain(runId)).records.find((r) => r.nodeId === "check")!;
    await getPrisma().$executeRaw`update "NodeRun" set output = '{"text":"all good, trust me"}'::jsonb where "runId" = ${runId} and "nodeId" = 'check'`;
    const v = await verify(runId);
    expect(v.ok).toBe(false);
    expect(v.firstBroken).toMatchObject({ seq: rec.seq, kind: "node", nodeId: "check" });
    expect(v.firstBroken!.reason).toContain("output of node check was changed");
  });

  it("names an approval whose recorded decision was changed in the database", async () => {
    const runId = await reviewedRun();
    const rec = (await chain(runId)).records.find((r) => r.nodeId === "gate")!;
    await getPrisma().$executeRaw`update "Approval" set output = '{"capUsd":4000}'::jsonb where "runId" = ${runId}`;
    const v = await verify(runId);
    expect(v.firstBroken).toMatchObject({ seq: rec.seq, kind: "decision", nodeId: "gate", approvalId: rec.approvalId });
  });

  it("breaks at a record whose producer was changed", async () => {
    const runId = await reviewedRun();
    const rec = (await chain(runId)).records.find((r) => r.nodeId === "price")!;
    await getPrisma().$executeRaw`update "ProvenanceRecord" set producer = jsonb_set(producer, '{model}', '"openai:gpt-5"') where "runId" = ${runId} and seq = ${rec.seq}`;
    const v = await verify(runId);
    expect(v.ok).toBe(false);
    expect(v.firstBroken).toMatchObject({ seq: rec.seq, nodeId: "price" });
    expect(v.firstBroken!.reason).toContain("was changed");
  });

  it("breaks the link where a record was deleted, and at the head when the last one was", async () => {
    const runId = await reviewedRun();
    await getPrisma().$executeRaw`delete from "ProvenanceRecord" where "runId" = ${runId} and seq = 3`;
    const v = await verify(runId);
    expect(v.ok).toBe(false);
    expect(v.firstBroken!.seq).toBe(3);
    expect(v.firstBroken!.reason).toContain("Record 3 is missing");

    const other = await reviewedRun();
    await getPrisma().$executeRaw`delete from "ProvenanceRecord" where "runId" = ${other} and seq = 5`;
    const w = await verify(other);
    expect(w.ok).toBe(false);
    expect(w.firstBroken!.seq).toBe(5);
    expect(w.firstBroken!.reason).toContain("head names record 5");
  });

  it("breaks when a record is rewritten with a fresh hash of its own (its successor no longer links to it)", async () => {
    const runId = await reviewedRun();
    const c = await chain(runId);
    // recompute record 2 consistently after editing it: only the link from record 3 can tell
    const { provenanceRecordHash } = await import("../../lib/provenance/hash");
    const r2 = await getPrisma().provenanceRecord.findFirstOrThrow({ where: { runId, seq: 2 } });
    const forged = { ...r2, outputHash: "sha256:" + "0".repeat(64), inputHashes: r2.inputHashes as Record<string, string> };
    await getPrisma().provenanceRecord.update({ where: { id: r2.id }, data: { outputHash: forged.outputHash, hash: provenanceRecordHash(forged) } });
    const v = await verify(runId);
    expect(v.ok).toBe(false);
    expect(v.firstBroken!.seq).toBe(2);
    expect(c.records[2].prevHash).toBe(r2.hash);
  });

  it("is another workspace's 404", async () => {
    const runId = await reviewedRun();
    const stranger = await makeTenant("Stranger Co");
    const res = await callRoute(verifyRoute.GET as never, { key: stranger.apiKey.key, params: { id: runId } });
    expect(res.status).toBe(404);
  });

  it("records a supervisor's delegations in the chain, and verifies", async () => {
    const graphId = await api.createGraph({
      name: `Supervised ${Math.random().toString(36).slice(2, 8)}`,
      nodes: [
        {
          id: "lead",
          type: "supervisor",
          model: "sim:strong",
          task: "Review order {{input.order}}: ask pricing and compliance.",
          maxDelegations: 4,
          agents: [
            { name: "pricing", description: "Checks prices against the catalogue", model: "sim:fast" },
            { name: "compliance", description: "Checks the supplier against sanctions lists", model: "sim:fast" },
          ],
        },
        { id: "out", type: "output", needs: ["lead"], value: "{{nodes.lead.output}}" },
      ],
    });
    const runId = await api.start(graphId, { input: { order: "PO-1" } });
    const run = await rt.waitForRun(runId, finished, 120_000);
    expect(run.status).toBe("succeeded");
    const c = await chain(runId);
    const delegations = c.records.filter((r) => r.kind === "delegation");
    expect(delegations.length).toBeGreaterThan(0);
    expect(delegations.every((d) => d.nodeId === "lead" && d.seq < c.records.find((r) => r.nodeId === "lead" && r.kind === "node")!.seq)).toBe(true);
    expect(await verify(runId)).toMatchObject({ ok: true, records: c.records.length });

    // a delegation's result edited in the database is named
    const d = delegations[0] as Rec & { delegationId: string };
    await getPrisma().$executeRaw`update "Delegation" set result = jsonb_set(result, '{confidence}', '0.99') where id = ${d.delegationId}`;
    const v = await verify(runId);
    expect(v.firstBroken).toMatchObject({ seq: d.seq, kind: "delegation", delegationId: d.delegationId });
  }, 150_000);

  it("keeps the chain intact in a 32-wide parallel run", async () => {
    const ids = Array.from({ length: 32 }, (_, i) => `p${String(i).padStart(2, "0")}`);
    const graphId = await api.createGraph({
      name: `Wide ${Math.random().toString(36).slice(2, 8)}`,
      nodes: [
        { id: "root", type: "output", value: { supplier: "ACME" } },
        ...ids.map((id) => ({ id, type: "agent", needs: ["root"], model: "sim:fast", maxOutputTokens: 32, prompt: `Check ${id} for {{nodes.root.output.supplier}}` })),
        { id: "done", type: "output", needs: ids, value: { n: 32 } },
      ],
    });
    const runId = await api.start(graphId);
    const run = await rt.waitForRun(runId, finished, 120_000);
    expect(run.status).toBe("succeeded");
    const v = await verify(runId);
    expect(v).toMatchObject({ ok: true, records: 34, headSeq: 34 });
    const c = await chain(runId);
    expect(new Set(c.records.map((r) => r.nodeId)).size).toBe(34);
    expect(c.records.find((r) => r.nodeId === "done")!.inputs.filter((i) => i.source).length).toBe(32);
  }, 150_000);
});

describe("the audit chain", () => {
  it("verifies, and names an audit event edited in the database", async () => {
    const t = await makeTenant("Audited Co");
    for (let i = 0; i < 5; i++) await recordAuditEvent({ userId: t.owner.id, ip: "10.0.0.1" }, { workspaceId: t.workspace.id, action: "secret.update", targetType: "secret", targetId: `S${i}`, data: { i, ratio: 0.1 + 0.2 } });
    const ok = await callRoute(auditVerifyRoute.GET as never, { key: t.apiKey.key });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json).toMatchObject({ ok: true, events: 5, headSeq: 5 });

    const third = await getPrisma().auditEvent.findFirstOrThrow({ where: { workspaceId: t.workspace.id, seq: 3 } });
    await getPrisma().$executeRaw`update "AuditEvent" set "actorUserId" = 'usr_someone_else' where id = ${third.id}`;
    const bad = await callRoute(auditVerifyRoute.GET as never, { key: t.apiKey.key });
    expect(bad.json).toMatchObject({ ok: false, firstBroken: { seq: 3, id: third.id, action: "secret.update" } });

    // another workspace's chain is its own, and unaffected
    const other = await callRoute(auditVerifyRoute.GET as never, { key: tenant.apiKey.key });
    expect(other.json.ok).toBe(true);
  });

  it("names a deleted audit event", async () => {
    const t = await makeTenant("Pruned Co");
    for (let i = 0; i < 4; i++) await recordAuditEvent({ userId: t.owner.id }, { workspaceId: t.workspace.id, action: "member.role_changed", targetId: `m${i}` });
    await getPrisma().$executeRaw`delete from "AuditEvent" where "workspaceId" = ${t.workspace.id} and seq = 2`;
    const res = await callRoute(auditVerifyRoute.GET as never, { key: t.apiKey.key });
    expect(res.json).toMatchObject({ ok: false, firstBroken: { seq: 2 } });
    expect(res.json.firstBroken.reason).toContain("Event 2 is missing");
  });

  it("keeps one unbroken chain under 50 concurrent events", async () => {
    const t = await makeTenant("Busy Co");
    await Promise.all(Array.from({ length: 50 }, (_, i) => recordAuditEvent({ apiKeyId: t.apiKey.id }, { workspaceId: t.workspace.id, action: "graph.update", targetId: `g${i}` })));
    const rows = await getPrisma().auditEvent.findMany({ where: { workspaceId: t.workspace.id }, orderBy: { seq: "asc" }, select: { seq: true, targetId: true } });
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.targetId)).size).toBe(50);
    const res = await callRoute(auditVerifyRoute.GET as never, { key: t.apiKey.key });
    expect(res.json).toMatchObject({ ok: true, events: 50, headSeq: 50 });
  });
});
