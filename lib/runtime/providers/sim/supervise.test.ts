import { describe, expect, it } from "vitest";
import { generateText, jsonSchema, stepCountIs, tool, type ToolSet } from "ai";
import { createSimLanguageModel } from "./sim-language-model";
import { answerSchema, escalateTool, rebuildConversation, subAgentTool, supervisorPrompt, type TurnRecord } from "../../supervision/protocol";
import { rawJsonOutput } from "../../agent/json-output";
import type { TSubAgent } from "../../../graphs/spec/schema";

const agents: TSubAgent[] = [
  { name: "pricing", description: "Checks prices against the catalogue", model: "sim:fast" },
  { name: "compliance", description: "Screens the supplier against sanctions lists", model: "sim:fast" },
  { name: "screening_backup", description: "Screens suppliers against the sanctions registry", model: "sim:fast" },
];
const tools: ToolSet = Object.fromEntries(
  [...agents.map(subAgentTool), escalateTool(agents)].map((t) => [t.name, tool({ description: t.description, inputSchema: jsonSchema(t.inputSchema as never) })]),
);
const output = { type: "object", properties: { pricing: {}, compliance: {}, summary: { type: "string" } } };

async function turn(task: string, history: TurnRecord[]) {
  return generateText({
    model: createSimLanguageModel("strong", { latency: { fixedMs: 0 } }),
    messages: rebuildConversation(supervisorPrompt(task, agents, 5), history, false),
    tools,
    stopWhen: stepCountIs(1),
    output: rawJsonOutput(answerSchema(output)),
  });
}

const calls = (r: Awaited<ReturnType<typeof turn>>) => r.toolCalls.map((c) => ({ id: c.toolCallId, name: c.toolName, args: c.input as Record<string, never> }));

describe("the simulated supervisor", () => {
  it("delegates first to the agents the task names, with the task as each one's part", async () => {
    const r = await turn("Review PO-7: ask pricing and compliance.", []);
    const c = calls(r);
    expect(c.map((x) => x.name)).toEqual(["pricing", "compliance"]);
    expect(c[0]!.args.task).toBe("Checks prices against the catalogue: Review PO-7: ask pricing and compliance.");
    // the same request is answered the same way
    expect(calls(await turn("Review PO-7: ask pricing and compliance.", [])).map((x) => x.args)).toEqual(c.map((x) => x.args));
  });

  it("hands an escalated result to the agent that fits best, then to a person, then answers who did what", async () => {
    const task = "Review PO-7: ask pricing and compliance.";
    const first = calls(await turn(task, []));
    const results = {
      pricing: { agent: "pricing", delegation: 1, status: "done", output: { fair: true }, confidence: 0.9, rationale: "Prices match the catalogue." },
      compliance: { agent: "compliance", delegation: 2, status: "escalate", output: null, confidence: 0.3, rationale: "A name match needs a person.", needsAttention: "compliance answered escalate: delegate to another agent or escalate to a person." },
    } as const;
    const history: TurnRecord[] = [
      { turn: { kind: "calls", text: "", calls: first, costUsd: "0", model: "sim:strong" }, outcomes: first.map((c) => ({ callId: c.id, name: c.name, result: results[c.name as keyof typeof results] })) },
    ];
    const second = calls(await turn(task, history));
    expect(second.map((c) => c.name)).toEqual(["screening_backup"]);
    expect(second[0]!.args.task).toContain("Take over from compliance");

    history.push({
      turn: { kind: "calls", text: "", calls: second, costUsd: "0", model: "sim:strong" },
      outcomes: [{ callId: second[0]!.id, name: "screening_backup", result: { agent: "screening_backup", delegation: 3, status: "uncertain", output: null, confidence: 0.4, rationale: "Registry is stale.", needsAttention: "screening_backup answered uncertain: delegate to another agent or escalate to a person." } }],
    });
    const third = calls(await turn(task, history));
    expect(third.map((c) => c.name)).toEqual(["escalate_to_human"]);
    expect(third[0]!.args.delegation).toBe("compliance");

    history.push({
      turn: { kind: "calls", text: "", calls: third, costUsd: "0", model: "sim:strong" },
      outcomes: [{ callId: third[0]!.id, name: "escalate_to_human", result: { decision: "approved", delegation: "compliance", decidedBy: "user:ana", output: { cleared: true }, note: "A person replaced compliance output: use this output as compliance result." } }],
    });
    const last = await turn(task, history);
    expect(last.toolCalls).toEqual([]);
    const answer = JSON.parse(last.text);
    expect(answer).toMatchObject({ status: "done", output: { pricing: { fair: true }, compliance: { cleared: true } } });
    expect(answer.rationale).toContain("pricing: done with confidence 0.9 — Prices match the catalogue.");
    expect(answer.rationale).toContain("compliance: corrected by a person (user:ana)");
  });

  it("a sure result in the same turn does not settle an escalation: only a later turn's result or a person does", async () => {
    const task = "Review PO-8: ask compliance and pricing.";
    const first = calls(await turn(task, []));
    expect(first.map((c) => c.name)).toEqual(["pricing", "compliance"]);
    const results = {
      compliance: { agent: "compliance", delegation: 1, status: "escalate", output: null, confidence: 0.3, rationale: "A name match needs a person.", needsAttention: "compliance answered escalate: delegate to another agent or escalate to a person." },
      pricing: { agent: "pricing", delegation: 2, status: "done", output: { fair: true }, confidence: 0.9, rationale: "Prices match the catalogue." },
    } as const;
    // compliance's escalation comes first and pricing's sure result after it, in the same turn
    const ordered = [...first].sort((a) => (a.name === "compliance" ? -1 : 1));
    const history: TurnRecord[] = [
      { turn: { kind: "calls", text: "", calls: ordered, costUsd: "0", model: "sim:strong" }, outcomes: ordered.map((c) => ({ callId: c.id, name: c.name, result: results[c.name as keyof typeof results] })) },
    ];
    const second = calls(await turn(task, history));
    expect(second.map((c) => c.name)).toEqual(["screening_backup"]);
    history.push({
      turn: { kind: "calls", text: "", calls: second, costUsd: "0", model: "sim:strong" },
      outcomes: [{ callId: second[0]!.id, name: "screening_backup", result: { agent: "screening_backup", delegation: 3, status: "done", output: { cleared: true }, confidence: 0.85, rationale: "The registry shows another company." } }],
    });
    const last = await turn(task, history);
    expect(last.toolCalls).toEqual([]);
    const answer = JSON.parse(last.text);
    expect(answer.status).toBe("done");
    expect(answer.rationale).toContain("compliance: escalate (settled by another)");
  });

  it("as a sub-agent, answers done unless its instructions state another status", async () => {
    const schema = { type: "object", properties: { status: { type: "string", enum: ["done", "escalate", "uncertain", "failed", "rejected"] }, output: {}, confidence: { type: "number" }, rationale: { type: "string" } }, required: ["status", "output", "confidence", "rationale"] };
    const ask = async (system: string) =>
      JSON.parse((await generateText({ model: createSimLanguageModel("fast", { latency: { fixedMs: 0 } }), system, prompt: "Screen ACME", output: rawJsonOutput(schema) })).text);
    const plain = await ask("You screen suppliers.");
    expect(plain.status).toBe("done");
    expect(plain.confidence).toBeGreaterThanOrEqual(0.8);
    // an agent with no output schema answers in words, never a stray word of its prompt
    expect(typeof plain.output).toBe("string");
    expect(plain.output.split(" ").length).toBeGreaterThan(3);
    const escalated = await ask("You screen suppliers. Answer with output and status: escalate");
    expect(escalated.status).toBe("escalate");
    expect(escalated.output).toBeNull();
  });
});
