/**
 * Every setting of a supervisor node and of its sub-agents does what the spec says: the real
 * engine, the supervisor's model scripted on the OpenAI stub (or simulated), HTTP agents and
 * saved graphs on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpStub, useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { graphApi } from "../graph-api";
import { startOpenAIStub, type ApiStub } from "../stubs/openai-stub";
import { getPrisma } from "../../lib/db/client";
import { makeApiKey, makeTenant } from "../../prisma/factories";
import * as decisionRoute from "../../app/api/v1/approvals/[id]/decision/route";
import * as providerRoute from "../../app/api/v1/providers/[provider]/route";
import * as priceRoute from "../../app/api/v1/models/[modelId]/price/route";
import * as secretRoute from "../../app/api/v1/secrets/[name]/route";

const rt = useRuntime("supsettings");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
let openai: ApiStub;
const MODEL = "openai:gpt-4o-mini";
const api = graphApi(() => tenant.apiKey.key);
const saved = process.env.SWITCHYARD_DECISION_RECHECK_MS;

beforeAll(async () => {
  process.env.SWITCHYARD_DECISION_RECHECK_MS = "1000";
  tenant = await makeTenant("Supervision Settings Co");
  openai = await startOpenAIStub();
  const provider = await callRoute(providerRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { provider: "openai" }, body: { apiKey: "sk-test-set", baseUrl: openai.url } });
  expect(provider.status, provider.text).toBe(200);
  const finance = await makeApiKey(tenant.workspace.id, "finance");
  const price = await callRoute(priceRoute.PUT as never, { key: finance.key, method: "PUT", params: { modelId: MODEL }, body: { inputUsdPerMTok: 1, outputUsdPerMTok: 1 } });
  expect(price.status, price.text).toBe(200);
}, 60_000);
afterAll(async () => {
  process.env.SWITCHYARD_DECISION_RECHECK_MS = saved;
  await openai?.close();
});

const done = (runId: string) => rt.waitForRun(runId, (r) => ["succeeded", "failed", "cancelled"].includes(r.status), 60_000);
const toolResultIn = (body: any, callId: string) => {
  const item = (body.input ?? []).find((i: any) => i.type === "function_call_output" && i.call_id === callId);
  return item ? JSON.parse(item.output) : undefined;
};

describe("supervisor settings", () => {
  it("settings reach the models: the supervisor's instructions, task and output schema; each sub-agent as a tool with its name, description and input schema; an inline agent's instructions, output, temperature and maxOutputTokens", async () => {
    const agentInput = { type: "object", properties: { item: { type: "string" } }, required: ["item"] };
    const id = await api.createGraph({
      name: "Settings reach",
      nodes: [
        {
          id: "lead",
          type: "supervisor",
          model: MODEL,
          instructions: "You are the lead buyer for {{input.team}}.",
          task: "Buy {{input.item}} for the office",
          maxDelegations: 2,
          output: { type: "object", properties: { vendor: { type: "string" } }, required: ["vendor"] },
          agents: [
            {
              name: "quoter",
              description: "Gets quotes from the catalogue",
              input: agentInput,
              model: MODEL,
              instructions: "Quote in EUR for {{input.team}}",
              output: { type: "object", properties: { price: { type: "number" } }, required: ["price"] },
              temperature: 0.3,
              maxOutputTokens: 300,
            },
          ],
        },
      ],
    });
    openai.reset();
    openai.enqueue(
      { toolCalls: [{ id: "q1", name: "quoter", args: { task: "Quote chairs", context: { item: "chairs" } } }] },
      { json: { status: "done", output: { price: 12 }, confidence: 0.9, rationale: "catalogue price" } },
      { json: { status: "done", output: { vendor: 5 }, confidence: 0.8, rationale: "cheapest" } },
      { json: { status: "done", output: { vendor: "ACME" }, confidence: 0.8, rationale: "cheapest" } },
    );
    const runId = await api.start(id, { input: { team: "facilities", item: "chairs" } });
    const run = await done(runId);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    const [turn1, quoter, turn2, turn3] = openai.requests.map((r) => r.body);
    expect(JSON.stringify(turn1.input)).toContain("You are the lead buyer for facilities.");
    expect(JSON.stringify(turn1.input)).toContain("Buy chairs for the office");
    const tool = turn1.tools.find((t: any) => t.name === "quoter");
    expect(tool).toMatchObject({ description: "Gets quotes from the catalogue", parameters: { properties: { context: agentInput }, required: ["task"] } });
    expect(turn1.tools.map((t: any) => t.name)).toEqual(["quoter", "escalate_to_human"]);
    expect(turn1.text.format.schema.properties.output).toEqual({ type: "object", properties: { vendor: { type: "string" } }, required: ["vendor"] });
    // the inline agent: its own instructions, the request envelope as its prompt, its settings
    expect(JSON.stringify(quoter.input)).toContain("Quote in EUR for facilities");
    expect(JSON.stringify(quoter.input)).toContain("Quote chairs");
    expect(quoter).toMatchObject({ temperature: 0.3, max_output_tokens: 300 });
    expect(quoter.text.format.schema.properties.output).toEqual({ type: "object", properties: { price: { type: "number" } }, required: ["price"] });
    // an answer that breaks the output schema is sent back once with what is wrong
    expect(JSON.stringify(turn3.input)).toContain("does not match the required JSON schema");
    expect(turn2).toBeDefined();
    expect(run.nodeRuns[0].output).toMatchObject({ status: "done", output: { vendor: "ACME" } });
  });

  it("an HTTP agent gets its headers rendered with secrets by reference; a saved graph agent runs the version it names", async () => {
    const put = await callRoute(secretRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { name: "AGENT_TOKEN" }, body: { value: "tok-123" } });
    expect(put.status, put.text).toBeLessThan(300);
    const remote = await startHttpStub(async () => ({ json: { status: "done", output: { checked: true }, confidence: 0.95, rationale: "checked remotely" } }));
    const pinned = await api.createGraph({ name: "Pinned agent", nodes: [{ id: "out", type: "output", value: "version one" }] });
    await api.saveGraph(pinned, { name: "Pinned agent", nodes: [{ id: "out", type: "output", value: "version two" }] });
    const id = await api.createGraph({
      name: "Remote and pinned",
      nodes: [
        {
          id: "lead",
          type: "supervisor",
          model: "sim:strong",
          task: "Check the order",
          maxDelegations: 3,
          agents: [
            { name: "remote", description: "Checks remotely", http: { url: `${remote.url}/check`, headers: { Authorization: "Bearer {{secrets.AGENT_TOKEN}}", "X-Team": "{{input.team}}" } } },
            { name: "archive", description: "Archives the order", graph: pinned, version: 1 },
          ],
        },
      ],
    });
    const runId = await api.start(id, { input: { team: "ops" } });
    const run = await done(runId);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    expect(remote.calls[0]!.headers).toMatchObject({ authorization: "Bearer tok-123", "x-team": "ops", "content-type": "application/json" });
    const rows = await getPrisma().delegation.findMany({ where: { runId }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.agent, r.status, (r.result as any).output])).toEqual([
      ["remote", "done", { checked: true }],
      ["archive", "done", "version one"],
    ]);
    // the token is not stored with the run
    expect(JSON.stringify(rows)).not.toContain("tok-123");
    await remote.close();
  });

  it("maxParallel and maxDelegations bound the delegations; a result below minConfidence is reported back as unsure, and an unsure answer goes to the named person, whose rejection fails the node", async () => {
    let inFlight = 0;
    let most = 0;
    const slow = await startHttpStub(async (req) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 300));
      inFlight--;
      return { json: { status: "done", output: { from: req.url }, confidence: req.url === "/a" ? 0.4 : 0.9, rationale: `answered ${req.url}` } };
    });
    const id = await api.createGraph({
      name: "Bounded",
      nodes: [
        {
          id: "lead",
          type: "supervisor",
          model: MODEL,
          task: "Ask around",
          maxDelegations: 2,
          maxParallel: 1,
          minConfidence: 0.6,
          escalateTo: { user: tenant.owner.email },
          agents: ["a", "b", "c"].map((name) => ({ name, description: `Agent ${name}`, http: { url: `${slow.url}/${name}` } })),
        },
      ],
    });
    openai.reset();
    openai.enqueue(
      { toolCalls: ["a", "b", "c"].map((name) => ({ id: `p_${name}`, name, args: { task: `Ask ${name}` } })) },
      { json: { status: "done", output: "a guess", confidence: 0.5, rationale: "a was unsure" } },
    );
    const runId = await api.start(id);
    await rt.waitForRun(runId, (r) => r.status === "waiting" || ["succeeded", "failed"].includes(r.status), 60_000);
    // maxParallel 1: never two at once; maxDelegations 2: c was never asked
    expect(most).toBe(1);
    expect(slow.calls.map((c) => c.url)).toEqual(["/a", "/b"]);
    const turn2 = openai.requests[1]!.body;
    expect(toolResultIn(turn2, "p_a").needsAttention).toBe("Confidence 0.4 is below 0.6: delegate to another agent or escalate to a person.");
    expect(toolResultIn(turn2, "p_b").needsAttention).toBeUndefined();
    expect(toolResultIn(turn2, "p_c").error).toContain("Not delegated");
    // the answer's confidence 0.5 is below 0.6: the named person decides
    const approval = await getPrisma().approval.findFirstOrThrow({ where: { runId } });
    expect(approval).toMatchObject({ kind: "escalation", assigneeUserIds: [tenant.owner.id], assigneeRoles: [] });
    expect(approval.context).toMatchObject({ subAgentOutput: "a guess", rationale: "a was unsure" });
    const res = await callRoute(decisionRoute.POST as never, { key: tenant.apiKey.key, params: { id: approval.id }, body: { decision: "reject", comment: "not good enough" } });
    expect(res.status, res.text).toBe(200);
    const run = await done(runId);
    expect(run.status).toBe("failed");
    expect(run.nodeRuns[0].error).toMatchObject({ reason: "escalation_rejected", message: expect.stringContaining("not good enough") });
    await slow.close();
  });

  it("the deadline: past the supervisor's timeout no new delegation starts and the node fails with deadline_exceeded naming what was pending", async () => {
    const slow = await startHttpStub(async () => ({ json: { status: "done", confidence: 1, rationale: "late" }, delayMs: 4000 }));
    const id = await api.createGraph({
      name: "Deadline",
      nodes: [{ id: "lead", type: "supervisor", model: MODEL, task: "Hurry", maxDelegations: 2, timeout: "2s", agents: [{ name: "slowpoke", description: "Takes its time", http: { url: `${slow.url}/slow` } }] }],
    });
    openai.reset();
    openai.enqueue({ toolCalls: [{ id: "s1", name: "slowpoke", args: { task: "Take your time" } }] });
    const runId = await api.start(id);
    const run = await done(runId);
    expect(run.status).toBe("failed");
    expect(run.nodeRuns[0].error).toMatchObject({ code: "deadline_exceeded", reason: "deadline_exceeded", message: expect.stringContaining("slowpoke (delegation 1)") });
    const row = await getPrisma().delegation.findFirstOrThrow({ where: { runId } });
    expect((row.request as any).deadline).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(row.status).toBe("failed");
    expect(openai.requests.length).toBe(1);
    await slow.close();
  });

  it("routing policies: the supervisor and an inline agent route by tier within maxUsdPerMTok and minContext, and a failing model hands over to the policy's fallbacks", async () => {
    const id = await api.createGraph({
      name: "Routed",
      nodes: [
        {
          id: "lead",
          type: "supervisor",
          model: { tier: "cheap", maxUsdPerMTok: 50, minContext: 1000, downgradeAt: [90], fallbacks: ["sim:strong"] },
          task: "Plan the week",
          maxDelegations: 1,
          agents: [{ name: "planner", description: "Plans", model: { tier: "cheap", fallbacks: ["sim:fast"] } }],
        },
      ],
    });
    openai.reset();
    // every call to the configured provider fails: the stub answers 500 when nothing is queued
    const runId = await api.start(id);
    const run = await done(runId);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    const events = await getPrisma().traceEvent.findMany({ where: { runId, type: { in: ["model.routed", "model.failed"] } }, orderBy: { id: "asc" } });
    const routed = events.find((e) => e.type === "model.routed")!;
    expect((routed.data as any).modelId).toMatch(/^openai:/);
    expect(events.filter((e) => e.type === "model.failed").map((e) => e.message)).toEqual([
      expect.stringMatching(/^openai:.* failed: .*; trying sim:strong$/),
      expect.stringMatching(/^planner: openai:.* failed: .*; trying sim:fast$/),
      expect.stringMatching(/^openai:.* failed: .*; trying sim:strong$/),
    ]);
    const ledger = await getPrisma().costEntry.findMany({ where: { runId }, orderBy: { occurredAt: "asc" }, select: { model: true, success: true } });
    expect(ledger.filter((e) => e.success).map((e) => e.model).sort()).toEqual(["sim:fast", "sim:strong", "sim:strong"]);
    expect(openai.requests.length).toBe(3);
  });
});
