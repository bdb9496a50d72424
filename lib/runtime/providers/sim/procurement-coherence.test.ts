/**
 * The procurement template run on the simulated provider with its own example input: every
 * value a person reads (the approval title, the node outputs, the run's result) must agree
 * with the e-mail that started it and with the decision the approver made.
 *
 * Nodes are walked the way the runtime does: prompts rendered from real upstream outputs,
 * agents answered by `runAgent` on `sim:*`, the vendor check by the bundled vendor registry's
 * lookup, the router by its CEL condition.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { evaluateCondition } from "@/lib/graphs/spec/conditions";
import type { TGraphSpec, TNodeSpec } from "@/lib/graphs/spec/schema";
import { renderTemplate, renderValue, type TTemplateContext } from "@/lib/graphs/spec/template";
import { getGraphTemplate } from "@/lib/graphs/templates";
import { lookupVendor } from "@/lib/demo/vendor-registry";
import { runAgent } from "@/lib/runtime/agent/run-agent";

type Outputs = NonNullable<TTemplateContext["nodes"]>;

interface Walk {
  nodes: Outputs;
  approvalTitle?: string;
  result: Record<string, unknown>;
  simulated: boolean[];
}

const spec = getGraphTemplate("procurement-approval")!.spec;
const example = (spec.input as { examples: Array<{ requestId: string; email: { from: string; body: string } }> }).examples[0]!;

/** Runs the template; `decide` answers the approval node if the router sends the run there. */
async function walk(input: unknown, decide: "approve" | "reject"): Promise<Walk> {
  const nodes: Outputs = {};
  const simulated: boolean[] = [];
  const ctx = (): TTemplateContext => ({ input, nodes, run: { id: "run_demo" }, secret: (name) => `<${name}>` });
  let approvalTitle: string | undefined;
  let result: Record<string, unknown> = {};
  const byId = new Map(spec.nodes.map((n) => [n.id, n]));
  const skipped = new Set<string>();
  for (const node of spec.nodes as TNodeSpec[]) {
    if (skipped.has(node.id)) {
      nodes[node.id] = { status: "skipped" };
      continue;
    }
    switch (node.type) {
      case "agent": {
        const r = await runAgent({
          modelId: node.model as string,
          instructions: node.instructions,
          prompt: String(renderTemplate(node.prompt, ctx())),
          outputSchema: node.output,
          maxOutputTokens: node.maxOutputTokens,
        });
        simulated.push(r.simulated);
        nodes[node.id] = { status: "succeeded", output: r.output };
        break;
      }
      case "tool": {
        const query = renderValue((node.tool as { query: Record<string, string> }).query, ctx()) as { name: string };
        nodes[node.id] = { status: "succeeded", output: { status: 200, headers: {}, body: lookupVendor(query.name) } };
        break;
      }
      case "router": {
        const taken = node.routes.filter((r) => evaluateCondition(r.when, { input, nodes })).map((r) => r.to as string);
        for (const route of node.routes) if (!taken.includes(route.to as string)) skipped.add(route.to as string);
        nodes[node.id] = { status: "succeeded", output: { to: taken } };
        break;
      }
      case "approval": {
        approvalTitle = String(renderTemplate(node.title ?? "", ctx()));
        nodes[node.id] = { status: "succeeded", output: { decision: decide, decidedBy: "user:usr_approver", comment: "Checked with the warehouse" } };
        break;
      }
      case "output":
        result = renderValue(node.value, ctx()) as Record<string, unknown>;
        nodes[node.id] = { status: "succeeded", output: result };
        break;
      default:
        throw new Error(`the walk does not know ${node.type} nodes (${byId.get(node.id)?.id})`);
    }
  }
  return { nodes, approvalTitle, result, simulated };
}

const out = (w: Walk, id: string) => w.nodes[id]!.output as Record<string, any>;

describe("procurement template on simulated models, with its example input", () => {
  let approved: Walk;
  let rejected: Walk;

  beforeAll(async () => {
    vi.stubEnv("SWITCHYARD_SIM_LATENCY_MS", "0");
    [approved, rejected] = await Promise.all([walk(example, "approve"), walk(example, "reject")]);
    vi.unstubAllEnvs();
  });

  it("offers an example input that satisfies its own input schema", () => {
    expect(example.requestId).toBe("PR-2291");
    expect((spec as TGraphSpec & { input: { required: string[] } }).input.required.every((k) => k in example)).toBe(true);
  });

  it("extracts the order the e-mail states: request id, supplier, items, amounts, currency", () => {
    const intake = out(approved, "intake");
    expect(intake.requestId).toBe("PR-2291");
    expect(intake.supplier).toBe("ACME Industrial Supply");
    expect(intake.items).toEqual([
      { sku: "SH-480", description: "Heavy-duty shelving unit", quantity: 12, unitPrice: 389 },
      { sku: "SD-20", description: "Shelf divider", quantity: 24, unitPrice: 23.5 },
    ]);
    expect(intake.amounts).toEqual({ subtotal: 5232, tax: 994.08, total: 6226.08, currency: "EUR" });
  });

  it("checks the supplier the e-mail named, and later steps agree with the vendor record", () => {
    expect(out(approved, "vendor").body).toMatchObject({ name: "ACME Industrial Supply", verified: true, risk: "low" });
    expect(out(approved, "pricing")).toMatchObject({ total: 6226.08, currency: "EUR" });
    expect(out(approved, "compliance").risk).toBe("low");
  });

  it("titles the approval with the amount, currency, supplier and request id", () => {
    expect(approved.approvalTitle).toBe("Approve €6,226.08 from ACME Industrial Supply (PR-2291)");
  });

  it("closes the request the way the approver decided, with a next step that fits", () => {
    expect(approved.result).toMatchObject({
      requestId: "PR-2291",
      supplier: "ACME Industrial Supply",
      total: 6226.08,
      currency: "EUR",
      decision: "approve",
      approvedBy: "user:usr_approver",
    });
    expect(out(approved, "routing")).toMatchObject({ nextStep: "create_purchase_order", summary: "Simulated summary: decision approve, next step create purchase order." });
    expect(rejected.result).toMatchObject({ decision: "reject", requestId: "PR-2291" });
    expect(out(rejected, "routing").nextStep).toBe("notify_supplier");
  });

  it("labels every agent answer as simulated, and answers the same way every time", async () => {
    expect(approved.simulated).toEqual([true, true, true, true]);
    vi.stubEnv("SWITCHYARD_SIM_LATENCY_MS", "0");
    const again = await walk(example, "approve");
    vi.unstubAllEnvs();
    expect(again.result).toEqual(approved.result);
    expect(again.nodes).toEqual(approved.nodes);
  });

  it("without a human decision, decides from the upstream data", async () => {
    const routing = spec.nodes.find((n) => n.id === "routing")! as Extract<TNodeSpec, { type: "agent" }>;
    const decideWith = async (compliance: object, pricing: object) => {
      const nodes: Outputs = { approval: { status: "skipped" }, compliance: { status: "succeeded", output: compliance }, pricing: { status: "succeeded", output: pricing } };
      const prompt = String(renderTemplate(routing.prompt, { input: example, nodes }));
      const r = await runAgent({ modelId: "sim:fast", instructions: routing.instructions, prompt, outputSchema: routing.output });
      return r.output as { decision: string; nextStep: string };
    };
    vi.stubEnv("SWITCHYARD_SIM_LATENCY_MS", "0");
    const clean = await decideWith({ needsHuman: false, risk: "low", reasons: [] }, { total: 97.2, currency: "USD", fairPrice: true, issues: [] });
    const unfair = await decideWith({ needsHuman: false, risk: "low", reasons: [] }, { total: 97.2, currency: "USD", fairPrice: false, issues: ["12% over contract"] });
    const risky = await decideWith({ needsHuman: false, risk: "medium", reasons: [] }, { total: 97.2, currency: "USD", fairPrice: true, issues: [] });
    vi.unstubAllEnvs();
    expect(clean).toMatchObject({ decision: "approve", nextStep: "create_purchase_order" });
    expect(unfair).toMatchObject({ decision: "hold", nextStep: "request_quote" });
    expect(risky.decision).toBe("hold");
  });
});
