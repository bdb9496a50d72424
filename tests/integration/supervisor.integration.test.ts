/**
 * The supervisor node, end to end: the real engine, PostgreSQL, sub-agents that are inline
 * agents (simulated or on the OpenAI stub), saved graphs and plain HTTP agents on 127.0.0.1,
 * and the supervisor's own model scripted on the OpenAI stub (tool calls) or simulated.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpStub, useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { graphApi } from "../graph-api";
import { startOpenAIStub, type ApiStub } from "../stubs/openai-stub";
import * as budgetsRoute from "../../app/api/v1/budgets/route";
import { getPrisma } from "../../lib/db/client";
import { makeApiKey, makeTenant } from "../../prisma/factories";
import * as delegationsRoute from "../../app/api/v1/runs/[id]/delegations/route";
import * as decisionRoute from "../../app/api/v1/approvals/[id]/decision/route";
import * as providerRoute from "../../app/api/v1/providers/[provider]/route";
import * as priceRoute from "../../app/api/v1/models/[modelId]/price/route";

const rt = useRuntime("supervisor");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
let openai: ApiStub;
const MODEL = "openai:gpt-4o-mini";
const api = graphApi(() => tenant.apiKey.key);
const saved = process.env.SWITCHYARD_DECISION_RECHECK_MS;

beforeAll(async () => {
  process.env.SWITCHYARD_DECISION_RECHECK_MS = "1000";
  tenant = await makeTenant("Supervision Co");
  openai = await startOpenAIStub();
  const provider = await callRoute(providerRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { provider: "openai" }, body: { apiKey: "sk-test-sup", baseUrl: openai.url } });
  expect(provider.status, provider.text).toBe(200);
  // $1 per million tokens either way: a call's worst case (8,192 output tokens) is under a cent
  const finance = await makeApiKey(tenant.workspace.id, "finance");
  const price = await callRoute(priceRoute.PUT as never, { key: finance.key, method: "PUT", params: { modelId: MODEL }, body: { inputUsdPerMTok: 1, outputUsdPerMTok: 1 } });
  expect(price.status, price.text).toBe(200);
}, 60_000);
afterAll(async () => {
  process.env.SWITCHYARD_DECISION_RECHECK_MS = saved;
  await openai?.close();
});

const delegations = async (runId: string, key = tenant.apiKey.key) => callRoute(delegationsRoute.GET as never, { key, params: { id: runId } });
const done = (runId: string) => rt.waitForRun(runId, (r) => ["succeeded", "failed", "cancelled"].includes(r.status), 60_000);
/** A tool result the supervisor's model was sent, by tool call id. */
const toolResultIn = (body: any, callId: string) => {
  const item = (body.input ?? []).find((i: any) => i.type === "function_call_output" && i.call_id === callId);
  return item ? JSON.parse(item.output) : undefined;
};

describe("supervisor", () => {
  it("a simulated supervisor delegates to the agents its task names, and answers who did what", async () => {
    const id = await api.createGraph({
      name: "Sim supervised",
      nodes: [
        {
          id: "lead",
          type: "supervisor",
          model: "sim:strong",
          task: "Review order {{input.order}}: ask pricing and compliance.",
          maxDelegations: 4,
          agents: [
            { name: "pricing", description: "Checks prices against the catalogue", model: "sim:fast", output: { type: "object", properties: { fair: { type: "boolean" } } } },
            { name: "compliance", description: "Checks the supplier against sanctions lists", model: "sim:fast" },
            { name: "legal", description: "Reviews contract terms", model: "sim:fast" },
          ],
        },
        { id: "out", type: "output", needs: ["lead"], value: "{{nodes.lead.output}}" },
      ],
    });
    const runId = await api.start(id, { input: { order: "PO-7" } });
    const run = await done(runId);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    expect(run.output).toMatchObject({ status: "done", output: { pricing: { fair: expect.any(Boolean) } } });
    expect(run.output.rationale).toMatch(/pricing: done .*; compliance: done/);
    // only the agents the task named: legal was never asked
    const res = await delegations(runId);
    expect(res.status).toBe(200);
    expect(res.json.data.map((d: any) => [d.seq, d.agent, d.kind, d.status, d.turn])).toEqual([
      [1, "pricing", "inline", "done", 1],
      [2, "compliance", "inline", "done", 1],
    ]);
    expect(res.json.data[0].request.task).toContain("Review order PO-7");
    // another workspace's run is not found
    const other = await makeTenant("Other Co");
    expect((await delegations(runId, other.apiKey.key)).status).toBe(404);
  });

  it("delegates to three sub-agents: one succeeds, one escalates to a person who edits its output, one keeps failing and its fallback stands in", async () => {
    const escalating = await startHttpStub(async () => ({ json: { status: "escalate", output: { cleared: false }, confidence: 0.3, rationale: "The supplier matches a sanctions entry by name only" } }));
    const failing = await startHttpStub(async () => ({ status: 503, json: { error: "down" } }));
    const spec = {
      name: "Three agents",
      nodes: [
        {
          id: "lead",
          type: "supervisor",
          model: MODEL,
          task: "Approve purchase {{input.po}}",
          maxDelegations: 6,
          minConfidence: 0.6,
          escalateTo: { role: "approver" },
          escalationDueIn: "4h",
          agents: [
            { name: "pricing", description: "Checks prices", model: "sim:fast" },
            { name: "compliance", description: "Screens the supplier", http: { url: `${escalating.url}/screen` } },
            { name: "vendor", description: "Looks the vendor up", http: { url: `${failing.url}/vendor` }, fallback: "vendor_backup", breaker: { failures: 1, window: "10m", coolDown: "1h" } },
            { name: "vendor_backup", description: "Looks the vendor up in the cached registry", model: "sim:fast" },
          ],
        },
      ],
    };
    const id = await api.createGraph(spec);
    openai.reset();
    openai.enqueue(
      { toolCalls: [{ id: "c1", name: "pricing", args: { task: "Check the prices of PO-9" } }, { id: "c2", name: "compliance", args: { task: "Screen ACME", context: { supplier: "ACME" } } }, { id: "c3", name: "vendor", args: { task: "Look ACME up" } }] },
      { toolCalls: [{ id: "c4", name: "escalate_to_human", args: { delegation: "compliance", question: "Is ACME the sanctioned entity?" } }] },
      { json: { status: "done", output: { approved: true, screening: "cleared by hand" }, confidence: 0.9, rationale: "Prices fine, screening settled by a person, vendor found in the registry" } },
    );
    const runId = await api.start(id, { input: { po: "PO-9" } });
    const waiting = await rt.waitForRun(runId, (r) => r.status === "waiting" || ["succeeded", "failed"].includes(r.status), 60_000);
    expect(waiting.status, JSON.stringify(waiting.error ?? waiting.nodeRuns)).toBe("waiting");
    const approval = await getPrisma().approval.findFirstOrThrow({ where: { runId } });
    expect(approval).toMatchObject({ kind: "escalation", assigneeRoles: ["approver"] });
    expect(approval.dueAt!.getTime() - approval.createdAt.getTime()).toBeGreaterThan(3.9 * 3600_000);
    expect(approval.context).toMatchObject({ question: "Is ACME the sanctioned entity?", agent: "compliance", rationale: "The supplier matches a sanctions entry by name only", requestContext: { supplier: "ACME" }, subAgentOutput: { cleared: false } });
    const decided = await callRoute(decisionRoute.POST as never, { key: tenant.apiKey.key, params: { id: approval.id }, body: { decision: "approve", comment: "different ACME", output: { cleared: true, note: "checked by hand" } } });
    expect(decided.status, decided.text).toBe(200);
    const run = await done(runId);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    expect(run.nodeRuns[0].output).toMatchObject({ status: "done", output: { approved: true }, confidence: 0.9 });
    // the supervisor was told: the failing vendor's fallback stood in, and the person's edited output
    const turn2 = openai.requests[1]!.body;
    expect(toolResultIn(turn2, "c3")).toMatchObject({ agent: "vendor_backup", standingInFor: "vendor", status: "done" });
    expect(toolResultIn(turn2, "c2")).toMatchObject({ status: "escalate", needsAttention: expect.stringContaining("compliance answered escalate") });
    expect(toolResultIn(openai.requests[2]!.body, "c4")).toMatchObject({ decision: "approved", output: { cleared: true, note: "checked by hand" } });
    const rows = (await delegations(runId)).json.data;
    expect(rows.map((d: any) => [d.agent, d.kind, d.status, d.fallbackFor])).toEqual([
      ["pricing", "inline", "done", null],
      ["compliance", "http", "done", null],
      ["vendor", "http", "failed", null],
      ["vendor_backup", "inline", "done", "vendor"],
    ]);
    expect(rows[1]).toMatchObject({ approvalId: approval.id, result: { output: { cleared: true, note: "checked by hand" } } });
    expect(rows[2].result.rationale).toContain("HTTP 503");
    // what the HTTP agent received is the request envelope
    expect(JSON.parse(escalating.calls[0]!.body)).toEqual({ task: "Screen ACME", context: { supplier: "ACME" } });
    expect(failing.calls.length).toBe(1);

    // a second run: the vendor's breaker is open (one failure within 10 minutes), so it is not called
    openai.enqueue(
      { toolCalls: [{ id: "d1", name: "vendor", args: { task: "Look ACME up again" } }] },
      { json: { status: "done", output: { approved: true }, confidence: 0.8, rationale: "registry" } },
    );
    const second = await api.start(id, { input: { po: "PO-10" } });
    expect((await done(second)).status).toBe("succeeded");
    const rows2 = (await delegations(second)).json.data;
    expect(rows2.map((d: any) => [d.agent, d.status, d.fallbackFor])).toEqual([
      ["vendor", "unavailable", null],
      ["vendor_backup", "done", "vendor"],
    ]);
    expect(failing.calls.length).toBe(1);
    await escalating.close();
    await failing.close();
  });

  it("answering done over an escalation nothing settled asks a person; a sure result of a later turn settles it", async () => {
    const escalating = await startHttpStub(async () => ({ json: { status: "escalate", output: { cleared: false }, confidence: 0.3, rationale: "A name match on a sanctions list" } }));
    const backup = await startHttpStub(async () => ({ json: { status: "done", output: { cleared: true }, confidence: 0.9, rationale: "Registry shows a different company" } }));
    const id = await api.createGraph({
      name: "Unsettled escalation",
      nodes: [
        {
          id: "lead",
          type: "supervisor",
          model: MODEL,
          task: "Approve purchase {{input.po}}",
          maxDelegations: 4,
          agents: [
            { name: "pricing", description: "Checks prices", model: "sim:fast" },
            { name: "compliance", description: "Screens the supplier", http: { url: `${escalating.url}/screen` } },
            { name: "screening_backup", description: "Screens the supplier in the registry", http: { url: `${backup.url}/screen` } },
          ],
          output: { type: "object", required: ["approved"], properties: { approved: { type: "boolean" } } },
        },
      ],
    });
    // 1. compliance escalates, pricing (same turn) is sure, and the supervisor answers done: a person decides
    openai.reset();
    openai.enqueue(
      { toolCalls: [{ id: "u1", name: "pricing", args: { task: "Check the prices of PO-11" } }, { id: "u2", name: "compliance", args: { task: "Screen ACME" } }] },
      { json: { status: "done", output: { approved: true }, confidence: 0.95, rationale: "Prices are fine" } },
    );
    const first = await api.start(id, { input: { po: "PO-11" } });
    const waiting = await rt.waitForRun(first, (r) => r.status === "waiting" || ["succeeded", "failed"].includes(r.status), 60_000);
    expect(waiting.status, JSON.stringify(waiting.error ?? waiting.nodeRuns)).toBe("waiting");
    const approval = await getPrisma().approval.findFirstOrThrow({ where: { runId: first } });
    expect(approval.kind).toBe("escalation");
    expect(approval.context).toMatchObject({
      agent: "compliance",
      question: expect.stringContaining("The supervisor answered done, but compliance answered escalate and no later result or person settled it"),
      rationale: expect.stringContaining("A name match on a sanctions list"),
      subAgentOutput: { approved: true },
    });
    // an edit must match the supervisor's output schema
    const invalid = await callRoute(decisionRoute.POST as never, { key: tenant.apiKey.key, params: { id: approval.id }, body: { decision: "approve", output: { approved: "yes" } } });
    expect(invalid.status, invalid.text).toBe(422);
    const decided = await callRoute(decisionRoute.POST as never, { key: tenant.apiKey.key, params: { id: approval.id }, body: { decision: "approve", comment: "hold it", output: { approved: false } } });
    expect(decided.status, decided.text).toBe(200);
    const run = await done(first);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    expect(run.nodeRuns[0].output).toMatchObject({ status: "done", output: { approved: false }, confidence: 1 });
    const rows = (await delegations(first)).json.data;
    expect(rows.find((d: any) => d.agent === "compliance")).toMatchObject({ status: "escalate", approvalId: approval.id });

    // 2. compliance escalates, the supervisor hands it to screening_backup in a later turn, which is sure: no person
    openai.enqueue(
      { toolCalls: [{ id: "v1", name: "compliance", args: { task: "Screen ACME" } }] },
      { toolCalls: [{ id: "v2", name: "screening_backup", args: { task: "Screen ACME in the registry" } }] },
      { json: { status: "done", output: { approved: true }, confidence: 0.9, rationale: "The registry settles it" } },
    );
    const second = await api.start(id, { input: { po: "PO-12" } });
    const settled = await done(second);
    expect(settled.status, JSON.stringify(settled.error)).toBe("succeeded");
    expect(settled.nodeRuns[0].output).toMatchObject({ status: "done", output: { approved: true }, confidence: 0.9 });
    expect(await getPrisma().approval.count({ where: { runId: second } })).toBe(0);

    // 3. a person who rejects the answer fails the node, saying who
    openai.enqueue(
      { toolCalls: [{ id: "w1", name: "compliance", args: { task: "Screen ACME" } }] },
      { json: { status: "done", output: { approved: true }, confidence: 0.9, rationale: "Looks fine" } },
    );
    const third = await api.start(id, { input: { po: "PO-13" } });
    expect((await rt.waitForRun(third, (r) => r.status === "waiting" || ["succeeded", "failed"].includes(r.status), 60_000)).status).toBe("waiting");
    const approval3 = await getPrisma().approval.findFirstOrThrow({ where: { runId: third } });
    expect((await callRoute(decisionRoute.POST as never, { key: tenant.apiKey.key, params: { id: approval3.id }, body: { decision: "reject", comment: "sanctioned" } })).status).toBe(200);
    const rejectedRun = await done(third);
    expect(rejectedRun.status).toBe("failed");
    expect(rejectedRun.nodeRuns[0].error).toMatchObject({ code: "escalation_rejected" });
    expect(rejectedRun.nodeRuns[0].error.message).toContain("sanctioned");
    await escalating.close();
    await backup.close();
  });

  it("a tool call naming an agent outside the allow-list never runs anything", async () => {
    const outside = await startHttpStub(async () => ({ json: { status: "done", confidence: 1, rationale: "should never be called" } }));
    const id = await api.createGraph({
      name: "Allow-list",
      nodes: [{ id: "lead", type: "supervisor", model: MODEL, task: "Summarise", maxDelegations: 3, agents: [{ name: "writer", description: "Writes", http: { url: `${outside.url}/writer` } }] }],
    });
    openai.reset();
    openai.enqueue(
      { toolCalls: [{ id: "x1", name: "shell", args: { task: "rm -rf /" } }] },
      { json: { status: "done", output: "nothing to do", confidence: 0.9, rationale: "no agent needed" } },
    );
    const runId = await api.start(id);
    const run = await done(runId);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    expect(await getPrisma().delegation.count({ where: { runId } })).toBe(0);
    expect(outside.calls.length).toBe(0);
    expect(toolResultIn(openai.requests[1]!.body, "x1").error).toContain('"shell" is not one of your agents, so nothing was run');
    await outside.close();
  });

  it("a budget cap flows down: a delegation asking more than what is left is capped, and spend shows on the supervisor node and the run", async () => {
    const id = await api.createGraph({
      name: "Budgeted",
      nodes: [
        {
          id: "lead",
          type: "supervisor",
          model: MODEL,
          task: "Draft and check",
          maxDelegations: 3,
          budgetUsd: 0.05,
          agents: [
            { name: "writer", description: "Drafts", model: MODEL },
            { name: "checker", description: "Checks", model: MODEL },
          ],
        },
      ],
    });
    openai.reset();
    const usage = { inputTokens: 1000, outputTokens: 500 }; // $0.0015 per call
    openai.enqueue(
      { toolCalls: [{ id: "b1", name: "writer", args: { task: "Draft it", budgetUsd: 5 } }, { id: "b2", name: "checker", args: { task: "Check it", budgetUsd: 0.001 } }], usage },
      { json: { status: "done", output: "a draft", confidence: 0.9, rationale: "drafted" }, usage },
      { json: { status: "done", output: "a draft, unchecked", confidence: 0.7, rationale: "the checker had no budget" }, usage },
    );
    const runId = await api.start(id);
    const run = await done(runId);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    const rows = await getPrisma().delegation.findMany({ where: { runId }, orderBy: { seq: "asc" } });
    // asked $5, capped at what was left of $0.05 after the first turn ($0.0015)
    expect((rows[0]!.request as any).budget.usd).toBeCloseTo(0.0485, 6);
    expect(rows[0]!.status).toBe("done");
    // asked $0.001: less than one call's worst case, so the checker never called its model
    expect((rows[1]!.request as any).budget.usd).toBe(0.001);
    expect(rows[1]!.status).toBe("failed");
    expect((rows[1]!.result as any).rationale).toContain("budget of $0.001 would be exceeded");
    expect(openai.requests.length).toBe(3);
    const ledger = await getPrisma().costEntry.findMany({ where: { runId } });
    expect(ledger.map((e) => e.nodeId)).toEqual(["lead", "lead", "lead"]);
    const total = ledger.reduce((s, e) => s + Number(e.costUsd), 0);
    expect(total).toBeCloseTo(0.0045, 9);
    expect(Number(run.costUsd)).toBeCloseTo(total, 9);
    expect(Number(run.nodeRuns[0].costUsd)).toBeCloseTo(total, 9);
    expect(run.nodeRuns[0].output.costUsd).toBeCloseTo(total, 9);
    expect(Number(rows[0]!.costUsd)).toBeCloseTo(0.0015, 9);
  });

  it("a delegation's budget caps the saved graph's run it starts: a child asked to stay under one call's worst case makes no call and fails, saying which budget", async () => {
    const child = await api.createGraph({
      name: "Capped drafter",
      nodes: [
        { id: "draft", type: "agent", model: MODEL, prompt: "Draft: {{input.task}}" },
        { id: "out", type: "output", needs: ["draft"], value: "{{nodes.draft.output}}" },
      ],
    });
    const id = await api.createGraph({
      name: "Budgeted graphs",
      nodes: [{ id: "lead", type: "supervisor", model: MODEL, task: "Draft", maxDelegations: 2, budgetUsd: 0.05, agents: [{ name: "drafter", description: "Drafts", graph: child }] }],
    });
    openai.reset();
    const usage = { inputTokens: 1000, outputTokens: 500 }; // $0.0015 per call
    openai.enqueue(
      { toolCalls: [{ id: "c1", name: "drafter", args: { task: "Draft it", budgetUsd: 0.0001 } }], usage },
      { json: { status: "done", output: "no draft", confidence: 0.6, rationale: "the drafter had no budget" }, usage },
    );
    const runId = await api.start(id);
    const run = await done(runId);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    const [row] = await getPrisma().delegation.findMany({ where: { runId } });
    expect((row!.request as any).budget.usd).toBe(0.0001);
    expect(row!.status).toBe("failed");
    const childRun = await getPrisma().run.findUniqueOrThrow({ where: { id: row!.childRunId! } });
    expect(childRun.status).toBe("failed");
    expect(JSON.stringify(childRun.error)).toContain("Delegation to drafter");
    // the cap is the supervisor's to raise, not a budget a person can find and raise
    expect((childRun.error as any).message).toContain("share of the supervisor's budget its delegation was given");
    expect((childRun.error as any).message).not.toContain("Raise the budget");
    // the child never called its model: the supervisor's two turns are every call, and all the spend
    expect(openai.requests.length).toBe(2);
    expect(await getPrisma().costEntry.count({ where: { runId: childRun.id } })).toBe(0);
    // the cap is not one of the workspace's budgets
    const listed = await callRoute(budgetsRoute.GET as never, { key: tenant.apiKey.key });
    expect(JSON.stringify(listed.json)).not.toContain("Delegation to drafter");
  });

  it("nests three levels deep: graph → supervisor → saved graph with a supervisor → saved graph with a supervisor; outputs flow back up", async () => {
    const inner = await api.createGraph({
      name: "Nest inner",
      nodes: [
        { id: "lead", type: "supervisor", model: "sim:strong", task: "{{input.task}}", maxDelegations: 2, agents: [{ name: "checker", description: "Checks the figures", model: "sim:fast", output: { type: "object", properties: { total: { type: "number" } }, required: ["total"] } }] },
        { id: "out", type: "output", needs: ["lead"], value: "{{nodes.lead.output}}" },
      ],
    });
    const middle = await api.createGraph({
      name: "Nest middle",
      nodes: [
        { id: "lead", type: "supervisor", model: "sim:strong", task: "{{input.task}}", maxDelegations: 2, agents: [{ name: "deeper", description: "Audits in depth", graph: inner }] },
        { id: "out", type: "output", needs: ["lead"], value: "{{nodes.lead.output}}" },
      ],
    });
    const top = await api.createGraph({
      name: "Nest top",
      nodes: [
        { id: "lead", type: "supervisor", model: "sim:strong", task: "Audit invoice {{input.invoice}}: total: 120", maxDelegations: 2, agents: [{ name: "audit", description: "Audits invoices", graph: middle }] },
        { id: "out", type: "output", needs: ["lead"], value: "{{nodes.lead.output}}" },
      ],
    });
    const runId = await api.start(top, { input: { invoice: "INV-3" } });
    const run = await done(runId);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    expect(run.output).toMatchObject({ status: "done", output: { audit: { deeper: { checker: { total: expect.any(Number) } } } } });
    const tree = (await delegations(runId)).json.data;
    expect(tree).toHaveLength(1);
    expect(tree[0]).toMatchObject({ agent: "audit", kind: "graph", status: "done", childRunId: expect.stringMatching(/^run_/) });
    expect(tree[0].children[0]).toMatchObject({ agent: "deeper", kind: "graph", status: "done" });
    expect(tree[0].children[0].children[0]).toMatchObject({ agent: "checker", kind: "inline", status: "done", children: [] });
    // the child runs hang under the top run
    const child = await getPrisma().run.findUniqueOrThrow({ where: { id: tree[0].childRunId } });
    expect(child).toMatchObject({ parentRunId: runId, parentNodeId: "lead", rootRunId: runId });
  });
});
