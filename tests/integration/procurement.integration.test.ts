/**
 * The reference scenario end to end: the procurement template, run through
 * the engine with real HTTP to a slow vendor registry and to a model provider
 * that speaks the OpenAI API (a scripted stub on 127.0.0.1), with a human
 * approval in the middle. Also: the template as shipped runs offline on the
 * simulated provider.
 */
import { describe, expect, it } from "vitest";
import { approvalReplies, onOpenAI, procurementTemplate as template, supervisedOnOpenAI, supervisedReplies, supervisedTemplate as supervised, useProcurement } from "../procurement-scenario";
import { getPrisma } from "../../lib/db/client";

const p = useProcurement("procurement");
const { rt } = p;
const createGraph = (spec: unknown) => p.createGraph(spec);
const getRun = (runId: string) => p.getRun(runId);

describe("procurement workflow", () => {
  it("intake → slow vendor check → pricing → compliance → human approval → routing, on an OpenAI-compatible provider", async () => {
    // another address: the template as shipped (below) receives for the workspace's procurement address
    const graphId = await createGraph(onOpenAI(template, "procurement-openai"));
    p.openai.enqueue(...approvalReplies);
    const runId = await p.startRun(graphId);

    await rt.waitForRun(runId, (r) => r.status === "waiting" || r.status === "failed", 60_000);
    let run = await getRun(runId);
    expect(run.status, JSON.stringify(run.error)).toBe("waiting");
    expect(run.customerKey).toBe("PR-2026-0117");
    const vendor = run.nodes.find((n: { nodeId: string }) => n.nodeId === "vendor");
    expect(vendor.output.body).toMatchObject({ vendorId: "V-1001", verified: true, risk: "low" });
    // pricing needed both intake and the vendor record, and saw them in its prompt
    const pricingPrompt = JSON.stringify(p.openai.requests[1].body);
    expect(pricingPrompt).toContain("V-1001");
    expect(pricingPrompt).toContain("ErgoChair Pro");

    const approver = await p.approverKey();
    const item = await p.pendingItem(runId, approver);
    expect(item.title).toBe("Approve €7,560.00 from ACME Industrial Supply (PR-2026-0117)");
    expect(item.context.vendor).toMatchObject({ vendorId: "V-1001" });
    const decided = await p.decide(item.id, approver, { decision: "approve", comment: "Budget line 4410" });
    expect(decided.status, decided.text).toBe(200);

    await rt.waitForRun(runId, (r) => r.status === "succeeded" || r.status === "failed", 60_000);
    run = await getRun(runId);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    expect(run.output).toMatchObject({ requestId: "PR-2026-0117", supplier: "ACME Industrial Supply", total: 7560, currency: "EUR", decision: "approve", summary: "Approved by a person; raise the PO." });
    expect(run.output.approvedBy).toMatch(/^apikey:/);
    const intake = run.nodes.find((n: { nodeId: string }) => n.nodeId === "intake");
    expect(intake).toMatchObject({ model: "openai:gpt-4o-mini", inputTokens: 420, outputTokens: 95 });
    expect(intake.provenance).toMatchObject({ agent: "intake", graphVersion: 1, model: "openai:gpt-4o-mini", simulated: false });
    expect(intake.provenance.promptHash).toMatch(/^[0-9a-f]{64}$/);
    expect(p.openai.requests).toHaveLength(4);
    expect(p.openai.requests[0].headers.authorization).toBe("Bearer sk-test-procurement");
    expect(p.registry.requests()).toBe(1);
  });

  it("runs offline as shipped, on the simulated provider, and labels it simulated", async () => {
    const graphId = await createGraph(template);
    const runId = await p.startRun(graphId);
    const settled = await rt.waitForRun(runId, (r) => ["waiting", "succeeded", "failed"].includes(r.status), 60_000);
    if (settled.status === "waiting") {
      const approval = await getPrisma().approval.findFirstOrThrow({ where: { runId } });
      await p.decide(approval.id, p.tenant.apiKey.key, { decision: "reject", comment: "not this quarter" });
    }
    await rt.waitForRun(runId, (r) => ["succeeded", "failed"].includes(r.status), 60_000);
    const run = await getRun(runId);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    expect(run.output.supplier).toBe("ACME Industrial Supply");
    // the simulated answers agree with the e-mail and with the approver's decision
    expect(settled.status).toBe("waiting");
    expect(run.output).toMatchObject({ requestId: "PR-2026-0117", total: 7560, currency: "EUR", decision: "reject", approvedBy: expect.stringMatching(/^apikey:/) });
    const intake = run.nodes.find((x: { nodeId: string }) => x.nodeId === "intake");
    expect(intake.output.items).toEqual([{ description: "ErgoChair Pro", quantity: 40, unitPrice: 189 }]);
    for (const id of ["intake", "pricing", "compliance", "routing"]) {
      const n = run.nodes.find((x: { nodeId: string }) => x.nodeId === id);
      expect(n.provenance.simulated, id).toBe(true);
      expect(n.inputTokens, id).toBeGreaterThan(20);
      expect(n.outputTokens, id).toBeGreaterThan(5);
    }
  });

  it("supervised variant, on an OpenAI-compatible provider: the supervisor delegates pricing and compliance, escalates the unsure review to a person, and decides with the person's answer", async () => {
    const graphId = await createGraph(supervisedOnOpenAI());
    p.openai.reset();
    p.openai.enqueue(...supervisedReplies);
    const runId = await p.startRun(graphId);
    const approver = await p.approverKey();
    const item = await rt.waitFor(() => p.pendingItem(runId, approver), (a) => !!a, 60_000);
    expect(item.kind).toBe("escalation");
    expect(JSON.stringify(item.context)).toContain("auto-approval limit");
    const decided = await p.decide(item.id, approver, { decision: "approve", comment: "Budget line 4410", output: { needsHuman: false, risk: "medium", reasons: ["approved above the limit: budget line 4410"] } });
    expect(decided.status, decided.text).toBe(200);
    const ended = await rt.waitForRun(runId, (r) => ["succeeded", "failed"].includes(r.status), 60_000);
    expect(ended.status, JSON.stringify(ended.error)).toBe("succeeded");
    const run = await getRun(runId);
    expect(run.output).toMatchObject({ requestId: "PR-2026-0117", supplier: "ACME Industrial Supply", total: 7560, currency: "EUR", decision: "approve", reviewStatus: "done" });
    // the supervisor's last turn saw the person's edited output in place of the compliance review
    const last = p.openai.requests.at(-1)!.body;
    expect(JSON.stringify(last)).toContain("budget line 4410");
    // the supervisor's own settings reach its model: the output limit budgets reserve from, and the temperature
    expect(last.max_output_tokens ?? last.max_tokens ?? last.max_completion_tokens).toBe(1024);
    expect(last.temperature).toBe(0.2);
    expect(p.registry.requests()).toBeGreaterThanOrEqual(1);
  });

  it("supervised variant runs offline as shipped on the simulated provider", async () => {
    const graphId = await createGraph(supervised);
    const runId = await p.startRun(graphId);
    // a review the supervisor escalates waits for a person: approve it (the simulated sub-agents
    // escalate only when told to; the stub-provider test above drives an escalation end to end)
    const until = Date.now() + 90_000;
    for (;;) {
      const r = await getPrisma().run.findUniqueOrThrow({ where: { id: runId } });
      if (["succeeded", "failed"].includes(r.status)) break;
      const pending = await getPrisma().approval.findMany({ where: { runId, status: "pending" } });
      for (const a of pending) await p.decide(a.id, p.tenant.apiKey.key, { decision: "approve" });
      if (Date.now() > until) throw new Error(`run ${runId} did not end: ${r.status}`);
      await new Promise((x) => setTimeout(x, 250));
    }
    const run = await getRun(runId);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    expect(run.output).toMatchObject({ requestId: "PR-2026-0117", supplier: "ACME Industrial Supply", total: 7560, currency: "EUR" });
    expect(["approve", "reject", "hold"]).toContain(run.output.decision);
    const review = run.nodes.find((x: { nodeId: string }) => x.nodeId === "review");
    // the supervisor answered on the simulated provider, and says so in its provenance
    expect(review.provenance).toMatchObject({ agent: "review", model: expect.stringMatching(/^sim:/), routing: { reason: expect.any(String) } });
    const rows = await getPrisma().delegation.findMany({ where: { runId }, orderBy: { seq: "asc" } });
    // each sub-agent answered with the envelope: a status and a confidence
    for (const d of rows) expect(d.result).toMatchObject({ status: expect.stringMatching(/^(done|escalate|uncertain|failed|rejected)$/), confidence: expect.any(Number) });
    expect(rows.map((d) => d.agent).slice(0, 2).sort()).toEqual(["compliance", "pricing"]);
  });
});
