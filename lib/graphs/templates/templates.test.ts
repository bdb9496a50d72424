import { describe, expect, it } from "vitest";
import { evaluateCondition } from "../spec/conditions";
import { GraphDag, type TNodeStatus } from "../spec/dag";
import { routerTargets, type TGraphSpec, type TNodeSpec } from "../spec/schema";
import { renderTemplate, renderValue, type TTemplateContext } from "../spec/template";
import { exportGraphYaml, importGraphYaml } from "../spec/yaml";
import { GRAPH_TEMPLATES, getGraphTemplate } from "./index";

describe.each(GRAPH_TEMPLATES.map((t) => [t.slug, t] as const))("template %s", (slug, template) => {
  it("validates", () => {
    expect(() => getGraphTemplate(slug)).not.toThrow();
  });

  it("is named after its slug and describes itself", () => {
    const spec = template.spec as TGraphSpec;
    expect(spec.name).toBe(slug);
    expect(spec.description!.length).toBeGreaterThan(80);
    expect(template.summary.length).toBeGreaterThan(20);
  });

  it("runs offline: every model is simulated", () => {
    const spec = getGraphTemplate(slug)!.spec;
    const models = spec.nodes.flatMap((node) => ("model" in node ? [node.model] : []));
    expect(models.length).toBeGreaterThan(0);
    for (const model of models) expect(model).toMatch(/^sim:/);
  });

  it("places every node on the builder canvas", () => {
    for (const node of getGraphTemplate(slug)!.spec.nodes) expect(node.position, node.id).toBeDefined();
  });

  it("survives a YAML round trip", () => {
    const spec = getGraphTemplate(slug)!.spec;
    expect(importGraphYaml(exportGraphYaml(spec))).toEqual({ ok: true, spec, warnings: [] });
  });
});

it("returns undefined for unknown templates and reports invalid ones", () => {
  expect(getGraphTemplate("nope")).toBeUndefined();
  expect(() => getGraphTemplate("procurement-approval", { isKnownModel: (id) => id !== "sim:strong" })).toThrow(
    'graph template "procurement-approval" is invalid:\n- nodes[3] (compliance).model: unknown model "sim:strong": it is not in the model catalogue — fix the name, or add it as a custom model with its prices under Costs → Models',
  );
});

/**
 * Walks a spec the way the runtime schedules it, with canned node outputs: routers evaluate
 * their CEL conditions, templates are rendered against real upstream results, and skipped
 * branches follow `skippedByRouter`. Returns statuses and the rendered result.
 */
function dryRun(spec: TGraphSpec, input: unknown, outputs: Record<string, unknown>, failing: string[] = []) {
  const dag = GraphDag.of(spec);
  const statuses: Record<string, TNodeStatus> = {};
  const nodes: NonNullable<TTemplateContext["nodes"]> = {};
  const context = (): TTemplateContext => ({ input, nodes, run: { id: "run_1" }, secret: (name) => `<${name}>` });
  let result: unknown;
  for (let ready = dag.readyNodes(statuses); ready.length > 0; ready = dag.readyNodes(statuses)) {
    for (const id of ready) {
      const node = spec.nodes.find((n) => n.id === id)!;
      renderInputs(node, context());
      if (failing.includes(id)) {
        statuses[id] = "failed";
        nodes[id] = { status: "failed" };
        continue;
      }
      let output = outputs[id];
      if (node.type === "router") {
        const route = node.routes.findIndex((r) => evaluateCondition(r.when, { input, nodes }));
        const to = route >= 0 ? routerTargets({ routes: [node.routes[route]!] }) : routerTargets({ routes: [], default: node.default });
        output = { route: route >= 0 ? route : "default", to };
        for (const skipped of dag.skippedByRouter(id, to)) {
          statuses[skipped] = "skipped";
          nodes[skipped] = { status: "skipped" };
        }
      }
      if (node.type === "output") output = result = renderValue(node.value, context());
      // A fallback stands in for the node it protects.
      for (const protectedNode of spec.nodes) {
        if (typeof protectedNode.onError === "object" && protectedNode.onError.fallback === id) nodes[protectedNode.id] = { status: "succeeded", output };
      }
      statuses[id] = "succeeded";
      nodes[id] = { status: "succeeded", output };
    }
  }
  return { statuses, result };
}

/** Renders every template a node would render when it starts, so a broken reference throws. */
function renderInputs(node: TNodeSpec, context: TTemplateContext): void {
  switch (node.type) {
    case "agent":
      renderValue([node.instructions ?? "", node.prompt], context);
      return;
    case "tool":
      renderValue(node.tool.kind === "http" ? [node.tool.url, node.tool.query ?? {}, node.tool.headers ?? {}, node.tool.body ?? null] : node.tool.arguments ?? {}, context);
      return;
    case "approval":
      renderValue([node.title ?? "", node.context ?? null], context);
      return;
    default:
      return;
  }
}

describe("procurement-approval scenarios", () => {
  const spec = getGraphTemplate("procurement-approval")!.spec;
  const input = { requestId: "PR-1042", email: { from: "sales@acme.test", subject: "Quote", body: "20 chairs at 150 EUR" } };
  const outputs = (needsHuman: boolean, total: number) => ({
    intake: { requestId: "PR-1042", supplier: "Acme", items: [{ description: "chair", quantity: 20, unitPrice: 150 }], amounts: { total, currency: "EUR" } },
    vendor: { status: 200, headers: {}, body: { verified: true } },
    pricing: { total, currency: "EUR", fairPrice: true, issues: [] },
    compliance: { needsHuman, risk: "low", reasons: [] },
    approval: { decision: "approved", decidedBy: "dana@example.test", comment: null, decidedAt: "2026-01-01T00:00:00Z" },
    routing: { decision: "approve", nextStep: "create_purchase_order", summary: "ok" },
  });

  it("sends large orders to an approver and records who approved", () => {
    const { statuses, result } = dryRun(spec, input, outputs(false, 9000));
    expect(statuses.approval).toBe("succeeded");
    expect(result).toEqual({ requestId: "PR-1042", supplier: "Acme", total: 9000, currency: "EUR", decision: "approve", approvedBy: "dana@example.test", summary: "ok" });
  });

  it("skips the approval for small, compliant orders but still decides", () => {
    const { statuses, result } = dryRun(spec, input, outputs(false, 3000));
    expect(statuses).toMatchObject({ approval: "skipped", routing: "succeeded", result: "succeeded" });
    expect(result).toMatchObject({ decision: "approve", approvedBy: null });
  });

  it("asks a human whenever compliance says so", () => {
    expect(dryRun(spec, input, outputs(true, 10)).statuses.approval).toBe("succeeded");
  });
});

describe("support-triage scenarios", () => {
  const spec = getGraphTemplate("support-triage")!.spec;
  const input = { ticketId: "T-9", customer: { id: "c1", email: "a@b.test", plan: "pro" }, subject: "Login", body: "Cannot log in" };
  const outputs = (confidence: number, decision = "approved") => ({
    classify: { category: "account", urgency: "normal", sentiment: "neutral", language: "en" },
    crm: { status: 200, headers: {}, body: { name: "Ann" } },
    kb: [{ title: "Reset password" }],
    draft: { reply: "Try a reset", confidence, needsHuman: false, reason: "" },
    send: { status: 201, headers: {}, body: {} },
    escalate: { decision, decidedBy: "lead@example.test", comment: null, decidedAt: "2026-01-01T00:00:00Z" },
    sendReviewed: { status: 201, headers: {}, body: {} },
  });

  it("answers confident drafts directly", () => {
    const { statuses, result } = dryRun(spec, input, outputs(0.95));
    expect(statuses).toMatchObject({ send: "succeeded", escalate: "skipped", reviewed: "skipped", sendReviewed: "skipped" });
    expect(result).toMatchObject({ autoReplied: "succeeded", review: null, repliedAfterReview: "skipped" });
  });

  it("escalates unsure drafts and sends them once approved", () => {
    const { statuses, result } = dryRun(spec, input, outputs(0.4));
    expect(statuses).toMatchObject({ send: "skipped", escalate: "succeeded", sendReviewed: "succeeded" });
    expect(result).toMatchObject({ autoReplied: "skipped", review: "approved", reviewedBy: "lead@example.test", repliedAfterReview: "succeeded" });
  });

  it("does not send a draft the lead rejected", () => {
    const { statuses, result } = dryRun(spec, input, outputs(0.4, "rejected"));
    expect(statuses).toMatchObject({ sendReviewed: "skipped", result: "succeeded" });
    expect(result).toMatchObject({ review: "rejected", repliedAfterReview: "skipped" });
  });

  it("carries on without the CRM when it is down", () => {
    const { statuses } = dryRun(spec, input, outputs(0.95), ["crm"]);
    expect(statuses).toMatchObject({ crm: "failed", draft: "succeeded", result: "succeeded" });
  });
});

describe("research-report scenarios", () => {
  const spec = getGraphTemplate("research-report")!.spec;
  const outputs = {
    plan: { questions: ["What?", "Why?"], query: "heat pumps" },
    web: { status: 200, headers: {}, body: { results: ["live"] } },
    webArchive: { status: 200, headers: {}, body: { results: ["cached"] } },
    papers: { results: [] },
    webFindings: { findings: [{ claim: "x", source: "https://a.test" }] },
    paperFindings: { findings: [] },
    write: { title: "Heat pumps", report: "…", sources: ["https://a.test"] },
    edit: { report: "… (checked)", verdict: "accurate", corrections: [] },
  };

  it("runs both branches in parallel and joins them", () => {
    const dag = GraphDag.of(spec);
    expect(dag.readyNodes({ plan: "succeeded" })).toEqual(["web", "papers"]);
    const { statuses, result } = dryRun(spec, { topic: "heat pumps", audience: "executives", maxWords: 800 }, outputs);
    expect(statuses.webArchive).toBeUndefined(); // standby, never needed
    expect(result).toEqual({ title: "Heat pumps", report: "… (checked)", sources: ["https://a.test"], verdict: "accurate" });
  });

  it("falls back to the archive when live search fails", () => {
    const { statuses, result } = dryRun(spec, { topic: "heat pumps", audience: "executives", maxWords: 800 }, outputs, ["web"]);
    expect(statuses).toMatchObject({ web: "failed", webArchive: "succeeded", webFindings: "succeeded" });
    expect(result).toMatchObject({ verdict: "accurate" });
  });
});

it("renders the procurement vendor URL from a secret", () => {
  const vendor = getGraphTemplate("procurement-approval")!.spec.nodes.find((n) => n.id === "vendor")!;
  expect(vendor.type === "tool" && vendor.tool.kind === "http" && renderTemplate(vendor.tool.url, { secret: () => "https://vendors.test" })).toBe(
    "https://vendors.test/vendors/verify",
  );
});
