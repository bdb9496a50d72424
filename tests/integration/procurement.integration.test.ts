/**
 * The reference scenario end to end: the procurement template, run through
 * the engine with real HTTP to a slow vendor registry and to a model provider
 * that speaks the OpenAI API (a scripted stub on 127.0.0.1), with a human
 * approval in the middle. Also: the template as shipped runs offline on the
 * simulated provider.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { startOpenAIStub } from "../stubs/openai-stub";
import { getPrisma } from "../../lib/db/client";
import { startVendorRegistry } from "../../lib/demo/vendor-registry";
import { GRAPH_TEMPLATES } from "../../lib/graphs/templates";
import { makeApiKey, makeTenant } from "../../prisma/factories";
import * as graphsRoute from "../../app/api/v1/graphs/route";
import * as runsRoute from "../../app/api/v1/graphs/[id]/runs/route";
import * as runRoute from "../../app/api/v1/runs/[id]/route";
import * as decisionRoute from "../../app/api/v1/approvals/[id]/decision/route";
import * as approvalsRoute from "../../app/api/v1/approvals/route";
import * as providerRoute from "../../app/api/v1/providers/[provider]/route";
import * as secretRoute from "../../app/api/v1/secrets/[name]/route";

const rt = useRuntime("procurement");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
let registry: Awaited<ReturnType<typeof startVendorRegistry>>;
let openai: Awaited<ReturnType<typeof startOpenAIStub>>;
const template = GRAPH_TEMPLATES.find((t) => t.slug === "procurement-approval")!.spec as { nodes: { id: string; model?: string }[] };
const supervised = GRAPH_TEMPLATES.find((t) => t.slug === "procurement-supervised")!.spec as { nodes: { id: string; model?: string }[] };

const email = {
  requestId: "PR-2026-0117",
  email: {
    from: "sales@acme-industrial.example",
    subject: "Quote for 40 ergonomic chairs",
    body: "Supplier: ACME Industrial Supply\nItems: 40 x ErgoChair Pro at 189.00 EUR\nTotal: 7560.00 EUR\nDelivery in 3 weeks.",
  },
};

beforeAll(async () => {
  tenant = await makeTenant("Procurement Co");
  registry = await startVendorRegistry({ latencyMs: () => 300, failureRate: 0, apiKey: "registry-key" });
  openai = await startOpenAIStub();
  for (const [name, value] of [["VENDOR_API_URL", registry.url], ["VENDOR_API_KEY", "registry-key"]]) {
    const res = await callRoute(secretRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { name }, body: { value } });
    expect(res.status, res.text).toBe(200);
  }
  const provider = await callRoute(providerRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { provider: "openai" }, body: { apiKey: "sk-test-procurement", baseUrl: openai.url } });
  expect(provider.status, provider.text).toBe(200);
  expect(provider.text).not.toContain("sk-test-procurement");
});
afterAll(async () => {
  await registry?.close();
  await openai?.close();
});

async function createGraph(spec: unknown) {
  const res = await callRoute(graphsRoute.POST as never, { key: tenant.apiKey.key, body: spec });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

async function getRun(runId: string) {
  return (await callRoute(runRoute.GET as never, { key: tenant.apiKey.key, params: { id: runId } })).json;
}

describe("procurement workflow", () => {
  it("intake → slow vendor check → pricing → compliance → human approval → routing, on an OpenAI-compatible provider", async () => {
    // another address: the template as shipped (below) receives for the workspace's procurement address
    const spec = JSON.parse(JSON.stringify(template).replace(/"sim:(fast|balanced|strong)"/g, '"openai:gpt-4o-mini"').replace('"address":"procurement"', '"address":"procurement-openai"'));
    const graphId = await createGraph(spec);
    openai.enqueue(
      { json: { requestId: "PR-2026-0117", supplier: "ACME Industrial Supply", items: [{ description: "ErgoChair Pro", quantity: 40, unitPrice: 189 }], amounts: { total: 7560, currency: "EUR" } }, usage: { inputTokens: 420, outputTokens: 95 } },
      { json: { total: 7560, currency: "EUR", fairPrice: true, overContractPct: 0, issues: [] }, usage: { inputTokens: 610, outputTokens: 40 } },
      { json: { needsHuman: true, risk: "medium", reasons: ["total above 5000 EUR"] }, usage: { inputTokens: 700, outputTokens: 30 } },
      { json: { decision: "approve", nextStep: "create_purchase_order", summary: "Approved by a person; raise the PO." }, usage: { inputTokens: 500, outputTokens: 35 } },
    );
    const started = await callRoute(runsRoute.POST as never, { key: tenant.apiKey.key, params: { id: graphId }, body: { input: email } });
    expect(started.status, started.text).toBe(202);
    const runId = started.json.runId;

    await rt.waitForRun(runId, (r) => r.status === "waiting" || r.status === "failed", 60_000);
    let run = await getRun(runId);
    expect(run.status, JSON.stringify(run.error)).toBe("waiting");
    expect(run.customerKey).toBe("PR-2026-0117");
    const vendor = run.nodes.find((n: { nodeId: string }) => n.nodeId === "vendor");
    expect(vendor.output.body).toMatchObject({ vendorId: "V-1001", verified: true, risk: "low" });
    // pricing needed both intake and the vendor record, and saw them in its prompt
    const pricingPrompt = JSON.stringify(openai.requests[1].body);
    expect(pricingPrompt).toContain("V-1001");
    expect(pricingPrompt).toContain("ErgoChair Pro");

    const approver = await makeApiKey(tenant.workspace.id, "approver");
    const inbox = await callRoute(approvalsRoute.GET as never, { key: approver.key, path: `/api/v1/approvals?status=pending&runId=${runId}` });
    const item = inbox.json.approvals[0];
    expect(item.title).toBe("Approve €7,560.00 from ACME Industrial Supply (PR-2026-0117)");
    expect(item.context.vendor).toMatchObject({ vendorId: "V-1001" });
    const decided = await callRoute(decisionRoute.POST as never, { key: approver.key, params: { id: item.id }, body: { decision: "approve", comment: "Budget line 4410" } });
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
    expect(openai.requests).toHaveLength(4);
    expect(openai.requests[0].headers.authorization).toBe("Bearer sk-test-procurement");
    expect(registry.requests()).toBe(1);
  });

  it("runs offline as shipped, on the simulated provider, and labels it simulated", async () => {
    const graphId = await createGraph(template);
    const started = await callRoute(runsRoute.POST as never, { key: tenant.apiKey.key, params: { id: graphId }, body: { input: email } });
    const runId = started.json.runId;
    const settled = await rt.waitForRun(runId, (r) => ["waiting", "succeeded", "failed"].includes(r.status), 60_000);
    if (settled.status === "waiting") {
      const approval = await getPrisma().approval.findFirstOrThrow({ where: { runId } });
      await callRoute(decisionRoute.POST as never, { key: tenant.apiKey.key, params: { id: approval.id }, body: { decision: "reject", comment: "not this quarter" } });
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
    const spec = JSON.parse(JSON.stringify(supervised).replace(/"sim:(fast|balanced|strong)"/g, '"openai:gpt-4o-mini"'));
    // one review at a time, so the scripted replies meet their requests in order
    Object.assign(spec.nodes.find((n: { id: string }) => n.id === "review"), { maxParallel: 1, temperature: 0.2 });
    const graphId = await createGraph(spec);
    openai.reset();
    openai.enqueue(
      { json: { requestId: "PR-2026-0117", supplier: "ACME Industrial Supply", items: [{ description: "ErgoChair Pro", quantity: 40, unitPrice: 189 }], amounts: { total: 7560, currency: "EUR" } } },
      { toolCalls: [{ id: "t1", name: "pricing", args: { task: "Check the offer of ACME for PR-2026-0117" } }, { id: "t2", name: "compliance", args: { task: "Check PR-2026-0117 against policy" } }] },
      { json: { status: "done", output: { total: 7560, currency: "EUR", fairPrice: true, overContractPct: 0, issues: [] }, confidence: 0.95, rationale: "Prices match the contract." } },
      { json: { status: "done", output: { needsHuman: true, risk: "medium", reasons: ["total above 5000 EUR"] }, confidence: 0.6, rationale: "Above the auto-approval limit; a person must decide." } },
      { toolCalls: [{ id: "t3", name: "escalate_to_human", args: { delegation: "compliance", question: "7560 EUR is above the 5000 auto-approval limit: approve?" } }] },
      { json: { status: "done", output: { decision: "approve", total: 7560, currency: "EUR", risk: "medium", summary: "Fair price; approved by the approver above the limit." }, confidence: 0.9, rationale: "pricing: fair; compliance: approved by a person" } },
    );
    const started = await callRoute(runsRoute.POST as never, { key: tenant.apiKey.key, params: { id: graphId }, body: { input: email } });
    expect(started.status, started.text).toBe(202);
    const runId = started.json.runId;
    const approver = await makeApiKey(tenant.workspace.id, "approver");
    const item = await rt.waitFor(
      async () => (await callRoute(approvalsRoute.GET as never, { key: approver.key, path: `/api/v1/approvals?status=pending&runId=${runId}` })).json.approvals?.[0],
      (a) => !!a,
      60_000,
    );
    expect(item.kind).toBe("escalation");
    expect(JSON.stringify(item.context)).toContain("auto-approval limit");
    const decided = await callRoute(decisionRoute.POST as never, {
      key: approver.key,
      params: { id: item.id },
      body: { decision: "approve", comment: "Budget line 4410", output: { needsHuman: false, risk: "medium", reasons: ["approved above the limit: budget line 4410"] } },
    });
    expect(decided.status, decided.text).toBe(200);
    const ended = await rt.waitForRun(runId, (r) => ["succeeded", "failed"].includes(r.status), 60_000);
    expect(ended.status, JSON.stringify(ended.error)).toBe("succeeded");
    const run = await getRun(runId);
    expect(run.output).toMatchObject({ requestId: "PR-2026-0117", supplier: "ACME Industrial Supply", total: 7560, currency: "EUR", decision: "approve", reviewStatus: "done" });
    // the supervisor's last turn saw the person's edited output in place of the compliance review
    const last = openai.requests.at(-1)!.body;
    expect(JSON.stringify(last)).toContain("budget line 4410");
    // the supervisor's own settings reach its model: the output limit budgets reserve from, and the temperature
    expect(last.max_output_tokens ?? last.max_tokens ?? last.max_completion_tokens).toBe(1024);
    expect(last.temperature).toBe(0.2);
    expect(registry.requests()).toBeGreaterThanOrEqual(1);
  });

  it("supervised variant runs offline as shipped on the simulated provider", async () => {
    const graphId = await createGraph(supervised);
    const started = await callRoute(runsRoute.POST as never, { key: tenant.apiKey.key, params: { id: graphId }, body: { input: email } });
    const runId = started.json.runId;
    // a review the supervisor escalates waits for a person: approve it (the simulated sub-agents
    // escalate only when told to; the stub-provider test above drives an escalation end to end)
    const until = Date.now() + 90_000;
    for (;;) {
      const r = await getPrisma().run.findUniqueOrThrow({ where: { id: runId } });
      if (["succeeded", "failed"].includes(r.status)) break;
      const pending = await getPrisma().approval.findMany({ where: { runId, status: "pending" } });
      for (const a of pending) await callRoute(decisionRoute.POST as never, { key: tenant.apiKey.key, params: { id: a.id }, body: { decision: "approve" } });
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
