/**
 * The procurement reference scenario, shared by the tests that run it: the whole runtime
 * (tests/runtime-harness.ts), a workspace, the slow vendor registry and an OpenAI-compatible
 * provider (a scripted stub on 127.0.0.1) configured through the API, the supplier's e-mail,
 * the scripted model replies, and the route calls a client makes.
 */
import { afterAll, beforeAll, expect } from "vitest";
import { useRuntime, type RuntimeHarness } from "./runtime-harness";
import { callRoute } from "./use-test-database";
import { startOpenAIStub } from "./stubs/openai-stub";
import { startVendorRegistry } from "../lib/demo/vendor-registry";
import { GRAPH_TEMPLATES } from "../lib/graphs/templates";
import { makeApiKey, makeTenant } from "../prisma/factories";
import * as graphsRoute from "../app/api/v1/graphs/route";
import * as runsRoute from "../app/api/v1/graphs/[id]/runs/route";
import * as runRoute from "../app/api/v1/runs/[id]/route";
import * as decisionRoute from "../app/api/v1/approvals/[id]/decision/route";
import * as approvalsRoute from "../app/api/v1/approvals/route";
import * as providerRoute from "../app/api/v1/providers/[provider]/route";
import * as secretRoute from "../app/api/v1/secrets/[name]/route";

type Spec = { nodes: { id: string; model?: string }[] };

/** The templates as shipped (simulated models). */
export const procurementTemplate = GRAPH_TEMPLATES.find((t) => t.slug === "procurement-approval")!.spec as Spec;
export const supervisedTemplate = GRAPH_TEMPLATES.find((t) => t.slug === "procurement-supervised")!.spec as Spec;

/** The supplier's e-mail, as the run's input. */
export const procurementEmail = {
  requestId: "PR-2026-0117",
  email: {
    from: "sales@acme-industrial.example",
    subject: "Quote for 40 ergonomic chairs",
    body: "Supplier: ACME Industrial Supply\nItems: 40 x ErgoChair Pro at 189.00 EUR\nTotal: 7560.00 EUR\nDelivery in 3 weeks.",
  },
};

/**
 * A template on the OpenAI-compatible provider (`openai:gpt-4o-mini`); `address` renames its
 * e-mail trigger's address, which is unique in a workspace.
 */
export function onOpenAI(spec: Spec, address?: string): any {
  let json = JSON.stringify(spec).replace(/"sim:(fast|balanced|strong)"/g, '"openai:gpt-4o-mini"');
  if (address) json = json.replace('"address":"procurement"', `"address":"${address}"`);
  return JSON.parse(json);
}

/** The model's replies to the approval variant on the provider: intake, pricing, compliance (a person must decide), routing. */
export const approvalReplies = [
  {
    json: { requestId: "PR-2026-0117", supplier: "ACME Industrial Supply", items: [{ description: "ErgoChair Pro", quantity: 40, unitPrice: 189 }], amounts: { total: 7560, currency: "EUR" } },
    usage: { inputTokens: 420, outputTokens: 95 },
  },
  { json: { total: 7560, currency: "EUR", fairPrice: true, overContractPct: 0, issues: [] }, usage: { inputTokens: 610, outputTokens: 40 } },
  { json: { needsHuman: true, risk: "medium", reasons: ["total above 5000 EUR"] }, usage: { inputTokens: 700, outputTokens: 30 } },
  { json: { decision: "approve", nextStep: "create_purchase_order", summary: "Approved by a person; raise the PO." }, usage: { inputTokens: 500, outputTokens: 35 } },
];

/**
 * The model's replies to the supervised variant: intake; the supervisor delegates pricing and
 * compliance; their answers (compliance unsure); the supervisor escalates to a person; its answer.
 */
export const supervisedReplies = [
  { json: { requestId: "PR-2026-0117", supplier: "ACME Industrial Supply", items: [{ description: "ErgoChair Pro", quantity: 40, unitPrice: 189 }], amounts: { total: 7560, currency: "EUR" } } },
  {
    toolCalls: [
      { id: "t1", name: "pricing", args: { task: "Check the offer of ACME for PR-2026-0117" } },
      { id: "t2", name: "compliance", args: { task: "Check PR-2026-0117 against policy" } },
    ],
  },
  { json: { status: "done", output: { total: 7560, currency: "EUR", fairPrice: true, overContractPct: 0, issues: [] }, confidence: 0.95, rationale: "Prices match the contract." } },
  { json: { status: "done", output: { needsHuman: true, risk: "medium", reasons: ["total above 5000 EUR"] }, confidence: 0.6, rationale: "Above the auto-approval limit; a person must decide." } },
  { toolCalls: [{ id: "t3", name: "escalate_to_human", args: { delegation: "compliance", question: "7560 EUR is above the 5000 auto-approval limit: approve?" } }] },
  {
    json: {
      status: "done",
      output: { decision: "approve", total: 7560, currency: "EUR", risk: "medium", summary: "Fair price; approved by the approver above the limit." },
      confidence: 0.9,
      rationale: "pricing: fair; compliance: approved by a person",
    },
  },
];

/** The supervised spec on the provider, one review at a time so the scripted replies meet their requests in order. */
export function supervisedOnOpenAI(): any {
  const spec = onOpenAI(supervisedTemplate);
  Object.assign(
    spec.nodes.find((n: { id: string }) => n.id === "review"),
    { maxParallel: 1, temperature: 0.2 },
  );
  return spec;
}

export interface ProcurementScenario {
  rt: RuntimeHarness;
  tenant: Awaited<ReturnType<typeof makeTenant>>;
  registry: Awaited<ReturnType<typeof startVendorRegistry>>;
  openai: Awaited<ReturnType<typeof startOpenAIStub>>;
  /** POST /api/v1/graphs; the graph's id. */
  createGraph(spec: unknown): Promise<string>;
  /** POST /api/v1/graphs/:id/runs with the e-mail; the run's id. */
  startRun(graphId: string): Promise<string>;
  /** GET /api/v1/runs/:id. */
  getRun(runId: string): Promise<any>;
  /** The first pending inbox item of a run, as an approver sees it (GET /api/v1/approvals). */
  pendingItem(runId: string, key: string): Promise<any>;
  /** POST /api/v1/approvals/:id/decision. */
  decide(itemId: string, key: string, body: Record<string, unknown>): Promise<{ status: number; text: string }>;
  /** A new key of the approver role in the workspace. */
  approverKey(): Promise<string>;
}

/**
 * Sets the scenario up for a test file: the runtime, a workspace named "Procurement Co", the
 * registry (300 ms per call) and the provider stub, with the workspace's secrets and provider
 * configured through the API.
 *
 * @example
 * const p = useProcurement("procurement");
 * it("…", async () => { const runId = await p.startRun(await p.createGraph(onOpenAI(procurementTemplate, "x"))); });
 */
export function useProcurement(label: string): ProcurementScenario {
  const p = { rt: useRuntime(label) } as ProcurementScenario;
  beforeAll(async () => {
    p.tenant = await makeTenant("Procurement Co");
    p.registry = await startVendorRegistry({ latencyMs: () => 300, failureRate: 0, apiKey: "registry-key" });
    p.openai = await startOpenAIStub();
    for (const [name, value] of [
      ["VENDOR_API_URL", p.registry.url],
      ["VENDOR_API_KEY", "registry-key"],
    ]) {
      const res = await callRoute(secretRoute.PUT as never, { key: p.tenant.apiKey.key, method: "PUT", params: { name }, body: { value } });
      expect(res.status, res.text).toBe(200);
    }
    const provider = await callRoute(providerRoute.PUT as never, {
      key: p.tenant.apiKey.key,
      method: "PUT",
      params: { provider: "openai" },
      body: { apiKey: "sk-test-procurement", baseUrl: p.openai.url },
    });
    expect(provider.status, provider.text).toBe(200);
    expect(provider.text).not.toContain("sk-test-procurement");
  });
  afterAll(async () => {
    await p.registry?.close();
    await p.openai?.close();
  });
  p.createGraph = async (spec) => {
    const res = await callRoute(graphsRoute.POST as never, { key: p.tenant.apiKey.key, body: spec });
    expect(res.status, res.text).toBe(201);
    return res.json.id as string;
  };
  p.startRun = async (graphId) => {
    const started = await callRoute(runsRoute.POST as never, { key: p.tenant.apiKey.key, params: { id: graphId }, body: { input: procurementEmail } });
    expect(started.status, started.text).toBe(202);
    return started.json.runId as string;
  };
  p.getRun = async (runId) => (await callRoute(runRoute.GET as never, { key: p.tenant.apiKey.key, params: { id: runId } })).json;
  p.pendingItem = async (runId, key) => (await callRoute(approvalsRoute.GET as never, { key, path: `/api/v1/approvals?status=pending&runId=${runId}` })).json.approvals?.[0];
  p.decide = (itemId, key, body) => callRoute(decisionRoute.POST as never, { key, params: { id: itemId }, body });
  p.approverKey = async () => (await makeApiKey(p.tenant.workspace.id, "approver")).key;
  return p;
}
