/**
 * OpenTelemetry trace export: the procurement scenario (tests/procurement-scenario.ts, the
 * runtime and its outside services on 127.0.0.1) with the standard OTLP variables pointing at a
 * real OTLP/HTTP receiver on 127.0.0.1. The receiver gets one trace per run with the
 * run → node → model call / tool call / human wait / delegation tree, the GenAI attributes,
 * cost, budgets and the customer key. Unset, nothing is created or sent; a collector that never
 * answers neither fails nor holds up a run.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onOpenAI, approvalReplies, procurementTemplate, supervisedOnOpenAI, supervisedReplies, useProcurement } from "../procurement-scenario";
import { startOtlpReceiver, type ReceivedSpan } from "../stubs/otlp-receiver";
import { getPrisma } from "../../lib/db/client";
import * as gatewayRoute from "../../app/api/v1/llm/openai/v1/chat/completions/route";
import { flushTelemetry, shutdownTelemetry, telemetryEnabled, telemetryExporterCreated } from "../../lib/telemetry";

const p = useProcurement("otel");
const OTEL_VARS = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TIMEOUT", "OTEL_SERVICE_NAME"] as const;
const saved = Object.fromEntries(OTEL_VARS.map((k) => [k, process.env[k]]));
let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;

/** Points the export at `vars` (the rest unset) and starts it afresh, as a restarted process would. */
async function configure(vars: Partial<Record<(typeof OTEL_VARS)[number], string>>) {
  await shutdownTelemetry();
  for (const k of OTEL_VARS) {
    if (vars[k] === undefined) delete process.env[k];
    else process.env[k] = vars[k];
  }
}

const savedRecheck = process.env.SWITCHYARD_DECISION_RECHECK_MS;
beforeAll(async () => {
  receiver = await startOtlpReceiver();
  // a decision made while its item is being opened is read from the row after this (default 20 s)
  process.env.SWITCHYARD_DECISION_RECHECK_MS = "1000";
});
afterAll(async () => {
  await configure({});
  for (const k of OTEL_VARS) if (saved[k] !== undefined) process.env[k] = saved[k];
  if (savedRecheck === undefined) delete process.env.SWITCHYARD_DECISION_RECHECK_MS;
  else process.env.SWITCHYARD_DECISION_RECHECK_MS = savedRecheck;
  await receiver?.close();
});

/** Every span of the run's trace once its run span arrived (flushed first). */
async function traceOf(runId: string): Promise<ReceivedSpan[]> {
  await flushTelemetry();
  const root = await p.rt.waitFor(
    async () => receiver.spans.find((s) => s.attributes["switchyard.run_id"] === runId && s.name.startsWith("run ")),
    (s) => !!s,
    10_000,
  );
  return receiver.spans.filter((s) => s.traceId === root!.traceId);
}

/** Checks the tree's shape: ids valid and unique, one root, every parent received, children within the run. */
function checkTree(spans: ReceivedSpan[]) {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  expect(byId.size, "no span is exported twice").toBe(spans.length);
  for (const s of spans) {
    expect(s.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(s.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(s.endMs, s.name).toBeGreaterThanOrEqual(s.startMs);
    if (s.parentSpanId) expect(byId.has(s.parentSpanId), `the parent of ${s.name}`).toBe(true);
  }
  const roots = spans.filter((s) => !s.parentSpanId);
  expect(roots.map((s) => s.name)).toHaveLength(1);
  return { root: roots[0]!, byId, childrenOf: (span: ReceivedSpan) => spans.filter((s) => s.parentSpanId === span.spanId) };
}

const nodeSpan = (spans: ReceivedSpan[], nodeId: string) => spans.find((s) => s.attributes["switchyard.node_id"] === nodeId && s.attributes["switchyard.node_type"] !== undefined)!;

describe("OpenTelemetry trace export", () => {
  it("exports a procurement run as one trace: run → nodes → model calls, the vendor call and the approval wait, with GenAI attributes, cost, budgets and the customer key", async () => {
    await configure({
      OTEL_EXPORTER_OTLP_ENDPOINT: `${receiver.url}/`,
      OTEL_EXPORTER_OTLP_HEADERS: "authorization=Bearer%20collector-token,x-scope-orgid=procurement",
      OTEL_SERVICE_NAME: "switchyard-otel-test",
    });
    expect(telemetryEnabled()).toBe(true);
    const graphId = await p.createGraph(onOpenAI(procurementTemplate, "procurement-otel"));
    p.openai.reset();
    p.openai.enqueue(...approvalReplies);
    const runId = await p.startRun(graphId);
    await p.rt.waitForRun(runId, (r) => r.status === "waiting" || r.status === "failed", 60_000);
    const approver = await p.approverKey();
    const item = await p.pendingItem(runId, approver);
    expect((await p.decide(item.id, approver, { decision: "approve", comment: "Budget line 4410" })).status).toBe(200);
    await p.rt.waitForRun(runId, (r) => r.status === "succeeded" || r.status === "failed", 60_000);
    const run = await p.getRun(runId);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");

    const spans = await traceOf(runId);
    const { root, childrenOf } = checkTree(spans);

    // the run: the trace's root, with the run's attributes
    const workspaceId = p.tenant.workspace.id;
    expect(root.name).toMatch(/^run /);
    expect(root.attributes).toMatchObject({
      "switchyard.workspace_id": workspaceId,
      "switchyard.run_id": runId,
      "switchyard.graph_id": graphId,
      "switchyard.graph_version": 1,
      "switchyard.status": "succeeded",
      "switchyard.customer_key": "PR-2026-0117",
    });
    expect(root.attributes["switchyard.cost_usd"]).toBeCloseTo(Number(run.costUsd), 9);
    expect(Number(run.costUsd)).toBeGreaterThan(0);
    // the template's spec budgets (per run, per node) held the spend
    const runBudgets = root.attributes["switchyard.budget_ids"] as string[];
    expect(runBudgets.length).toBeGreaterThan(0);
    const budgets = await getPrisma().budget.findMany({ where: { id: { in: runBudgets }, workspaceId }, select: { source: true } });
    expect(budgets.map((b) => b.source)).toEqual(runBudgets.map(() => "spec"));
    expect(root.resource["service.name"]).toBe("switchyard-otel-test");
    expect(receiver.requests[0]!.headers.authorization).toBe("Bearer collector-token");
    expect(receiver.requests[0]!.headers["x-scope-orgid"]).toBe("procurement");

    // the nodes: children of the run, within its time
    const nodes = childrenOf(root);
    expect(nodes.map((s) => s.attributes["switchyard.node_id"]).sort()).toEqual(["approval", "compliance", "intake", "pricing", "result", "review", "routing", "vendor"]);
    for (const n of nodes) {
      expect(n.attributes["switchyard.status"], n.name).toBe("succeeded");
      expect(n.attributes["switchyard.customer_key"]).toBe("PR-2026-0117");
      expect(n.startMs).toBeGreaterThanOrEqual(root.startMs);
      expect(n.endMs).toBeLessThanOrEqual(root.endMs);
    }
    const intake = nodeSpan(spans, "intake");
    expect(intake.name).toBe("invoke_agent intake");
    expect(intake.attributes).toMatchObject({ "switchyard.node_type": "agent", "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "intake" });
    expect((intake.attributes["switchyard.budget_ids"] as string[]).length).toBeGreaterThan(0);

    // one model call span per ledger row of the run, under the node that made it
    const ledger = await getPrisma().costEntry.findMany({ where: { runId, kind: "model" } });
    const calls = spans.filter((s) => s.attributes["gen_ai.operation.name"] === "chat");
    expect(calls).toHaveLength(ledger.length);
    expect(calls).toHaveLength(4);
    expect(calls.map((c) => c.parentSpanId).sort()).toEqual(["compliance", "intake", "pricing", "routing"].map((id) => nodeSpan(spans, id).spanId).sort());
    const intakeCall = childrenOf(intake).find((s) => s.attributes["gen_ai.operation.name"] === "chat")!;
    expect(intakeCall.name).toBe("chat gpt-4o-mini");
    expect(intakeCall.kind).toBe(3); // CLIENT
    expect(intakeCall.attributes).toMatchObject({
      "gen_ai.system": "openai",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.response.model": "gpt-4o-mini",
      "gen_ai.usage.input_tokens": 420,
      "gen_ai.usage.output_tokens": 95,
      "switchyard.customer_key": "PR-2026-0117",
      "switchyard.node_id": "intake",
    });
    const intakeRow = ledger.find((r) => r.nodeId === "intake")!;
    expect(intakeCall.attributes["switchyard.ledger_id"]).toBe(intakeRow.id);
    expect(intakeCall.attributes["switchyard.cost_usd"]).toBeCloseTo(Number(intakeRow.costUsd), 12);
    expect(intakeCall.attributes["switchyard.cost_usd"]).toBeGreaterThan(0);
    expect((intakeCall.attributes["switchyard.budget_ids"] as string[]).length).toBeGreaterThan(0);
    for (const id of intakeCall.attributes["switchyard.budget_ids"] as string[]) expect(runBudgets).toContain(id);

    // the vendor check: an HTTP tool call under its node, as long as the registry took (300 ms)
    const vendorCalls = childrenOf(nodeSpan(spans, "vendor"));
    expect(vendorCalls).toHaveLength(1);
    expect(vendorCalls[0]!.attributes).toMatchObject({ "gen_ai.operation.name": "execute_tool", "http.response.status_code": 200, "switchyard.status": "succeeded" });
    expect(vendorCalls[0]!.name).toMatch(/^execute_tool GET /);
    expect(vendorCalls[0]!.endMs - vendorCalls[0]!.startMs).toBeGreaterThanOrEqual(250);

    // the approval: a human wait under its node, from the item's opening to the decision
    const waits = childrenOf(nodeSpan(spans, "approval"));
    expect(waits).toHaveLength(1);
    expect(waits[0]!.name).toBe("human_wait approval");
    expect(waits[0]!.attributes).toMatchObject({ "switchyard.approval.id": item.id, "switchyard.approval.kind": "approval", "switchyard.status": "approved" });
    const row = await getPrisma().approval.findUniqueOrThrow({ where: { id: item.id } });
    expect(waits[0]!.startMs).toBe(row.createdAt.getTime());
    expect(waits[0]!.endMs).toBe(row.decidedAt!.getTime());
  });

  it("exports a supervised run's delegations under the supervisor, the escalation under its delegation, and every model call once", async () => {
    const graphId = await p.createGraph(supervisedOnOpenAI());
    p.openai.reset();
    p.openai.enqueue(...supervisedReplies);
    const runId = await p.startRun(graphId);
    const approver = await p.approverKey();
    const item = await p.rt.waitFor(
      () => p.pendingItem(runId, approver),
      (a) => !!a,
      60_000,
    );
    const decided = await p.decide(item.id, approver, { decision: "approve", comment: "Budget line 4410", output: { needsHuman: false, risk: "medium", reasons: ["approved above the limit"] } });
    expect(decided.status, decided.text).toBe(200);
    const ended = await p.rt.waitForRun(runId, (r) => ["succeeded", "failed"].includes(r.status), 60_000);
    expect(ended.status, JSON.stringify(ended.error)).toBe("succeeded");

    const spans = await traceOf(runId);
    const { root, childrenOf } = checkTree(spans);
    expect(
      childrenOf(root)
        .map((s) => s.attributes["switchyard.node_id"])
        .sort(),
    ).toEqual(["intake", "result", "review", "vendor"]);
    const review = nodeSpan(spans, "review");
    expect(review.attributes).toMatchObject({ "switchyard.node_type": "supervisor", "gen_ai.operation.name": "invoke_agent" });

    // the delegations: children of the supervisor, one per row
    const rows = await getPrisma().delegation.findMany({ where: { runId }, orderBy: { seq: "asc" } });
    const delegations = childrenOf(review).filter((s) => s.attributes["switchyard.delegation.id"]);
    expect(delegations.map((s) => s.attributes["switchyard.delegation.id"]).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(delegations.map((s) => s.attributes["gen_ai.agent.name"]).sort()).toEqual(["compliance", "pricing"]);
    for (const d of delegations) expect(d.attributes).toMatchObject({ "gen_ai.operation.name": "invoke_agent", "switchyard.delegation.kind": "inline", "switchyard.customer_key": "PR-2026-0117" });

    // the escalation to a person: a human wait under the delegation it decides on
    const compliance = delegations.find((s) => s.attributes["gen_ai.agent.name"] === "compliance")!;
    const wait = spans.find((s) => s.attributes["switchyard.approval.id"] === item.id)!;
    expect(wait.parentSpanId).toBe(compliance.spanId);
    expect(wait.attributes).toMatchObject({ "switchyard.approval.kind": "escalation", "switchyard.status": "approved" });

    // every model call once: the supervisor's turns and its inline agents', as the ledger has them
    const ledger = await getPrisma().costEntry.findMany({ where: { runId, kind: "model" }, select: { id: true } });
    const calls = spans.filter((s) => s.attributes["gen_ai.operation.name"] === "chat");
    expect(calls.map((c) => c.attributes["switchyard.ledger_id"]).sort()).toEqual(ledger.map((r) => r.id).sort());
    expect(calls).toHaveLength(6);
    // the supervisor's three turns under it, each inline agent's call under its delegation
    expect(calls.filter((c) => c.parentSpanId === review.spanId)).toHaveLength(3);
    for (const d of delegations)
      expect(
        childrenOf(d).filter((c) => c.attributes["gen_ai.operation.name"] === "chat"),
        String(d.attributes["gen_ai.agent.name"]),
      ).toHaveLength(1);
  });

  it("exports a branch a router did not take as a node span of no length, marked skipped", async () => {
    await configure({ OTEL_EXPORTER_OTLP_ENDPOINT: `${receiver.url}/` });
    const graphId = await p.createGraph({
      name: "otel router",
      nodes: [
        { id: "route", type: "router", routes: [{ when: "true", to: "taken" }], default: "other" },
        { id: "taken", type: "output", needs: ["route"], value: "taken" },
        { id: "other", type: "output", needs: ["route"], value: "other" },
      ],
    });
    const runId = await p.startRun(graphId);
    await p.rt.waitForRun(runId, (r) => r.status === "succeeded" || r.status === "failed", 60_000);
    expect((await p.getRun(runId)).status).toBe("succeeded");
    const spans = await traceOf(runId);
    const { root } = checkTree(spans);
    const other = nodeSpan(spans, "other");
    expect(other, "the skipped node's span").toBeDefined();
    expect(other.parentSpanId).toBe(root.spanId);
    expect(other.attributes["switchyard.status"]).toBe("skipped");
    expect(other.endMs).toBe(other.startMs);
    expect(nodeSpan(spans, "taken").attributes["switchyard.status"]).toBe("succeeded");
  });

  it("exports a gateway call an outside agent made as a GenAI span of its own, with its attribution", async () => {
    p.openai.reset();
    p.openai.enqueue({ text: "Quote accepted.", usage: { inputTokens: 120, outputTokens: 8 } });
    const req = new Request("http://localhost/api/v1/llm/openai/v1/chat/completions", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${p.tenant.apiKey.key}`, "x-switchyard-agent": "crew-buyer", "x-switchyard-customer": "REQ-77", "x-switchyard-tags": "eu" },
      body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Accept the quote?" }], max_tokens: 100 }),
    });
    const res = await gatewayRoute.POST(req, { params: Promise.resolve({}) } as never);
    expect(res.status).toBe(200);
    await res.text();
    const row = await getPrisma().costEntry.findFirstOrThrow({ where: { workspaceId: p.tenant.workspace.id, agent: "crew-buyer" } });
    await flushTelemetry();
    const span = await p.rt.waitFor(
      async () => receiver.spans.find((s) => s.attributes["switchyard.ledger_id"] === row.id),
      (s) => !!s,
      10_000,
    );
    expect(span!.parentSpanId).toBeUndefined();
    expect(span!.name).toBe("chat gpt-4o-mini");
    expect(span!.attributes).toMatchObject({
      "gen_ai.system": "openai",
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.usage.input_tokens": 120,
      "gen_ai.usage.output_tokens": 8,
      "gen_ai.agent.name": "crew-buyer",
      "switchyard.customer_key": "REQ-77",
      "switchyard.tags": ["eu"],
      "switchyard.workspace_id": p.tenant.workspace.id,
    });
    expect(span!.attributes["switchyard.cost_usd"]).toBeCloseTo(Number(row.costUsd), 12);
  });

  it("with the variables unset, creates no exporter and sends nothing", async () => {
    await configure({});
    expect(telemetryEnabled()).toBe(false);
    const before = receiver.requests.length;
    const runId = await runOffline();
    await flushTelemetry();
    expect((await p.getRun(runId)).status).toBe("succeeded");
    expect(telemetryExporterCreated()).toBe(false);
    expect(receiver.requests.length).toBe(before);
  });

  it("a collector that never answers neither fails nor holds up a run", async () => {
    const silent = await startOtlpReceiver({ hang: true });
    try {
      // an export held for the whole timeout would hold a run for at least this long
      await configure({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${silent.url}/v1/traces`, OTEL_EXPORTER_OTLP_TIMEOUT: "60000" });
      const started = Date.now();
      const runId = await runOffline();
      const took = Date.now() - started;
      expect((await p.getRun(runId)).status).toBe("succeeded");
      expect(took).toBeLessThan(30_000);
      expect(telemetryExporterCreated()).toBe(true);
      // the spans did go out: the collector received the requests it never answers
      void flushTelemetry();
      await p.rt.waitFor(
        async () => silent.requests.length,
        (n) => n > 0,
        10_000,
      );
    } finally {
      // shutting down waits for a collector that never answers no longer than its deadline
      const t = Date.now();
      await configure({});
      expect(Date.now() - t).toBeLessThan(8_000);
      await silent.close();
    }
  });
});

let offlineGraphId: string | undefined;

/** The template as shipped, on the simulated provider, to its end (approving what waits for a person). */
async function runOffline(): Promise<string> {
  offlineGraphId ??= await p.createGraph(procurementTemplate);
  const runId = await p.startRun(offlineGraphId);
  for (;;) {
    const r = await p.rt.waitForRun(runId, (x) => ["waiting", "succeeded", "failed"].includes(x.status), 60_000);
    if (r.status !== "waiting") return runId;
    const pending = await getPrisma().approval.findMany({ where: { runId, status: "pending" } });
    for (const a of pending) await p.decide(a.id, p.tenant.apiKey.key, { decision: "approve" });
    await new Promise((x) => setTimeout(x, 100));
  }
}
