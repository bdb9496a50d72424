/**
 * What a supervisor's model sees: its sub-agents as tools (plus the built-in escalation
 * tool), the schema of its final answer, and the conversation rebuilt from the memoised
 * planning turns and delegation results (so a replay sends exactly what was sent before).
 */
import type { ModelMessage } from "ai";
import { DELEGATION_STATUSES, type TSubAgent } from "../../graphs/spec/schema";
import type { JsonSchema } from "../agent/types";
import type { JsonValue } from "../run-state";

/** The built-in tool a supervisor calls to hand a question to a person. */
export const ESCALATE_TOOL = "escalate_to_human";

/** A tool offered to the supervisor's model. */
export interface SupervisorTool {
  name: string;
  description: string;
  inputSchema: JsonSchema;
}

/** One tool call of a planning turn, as memoised. */
export interface PlannedCall {
  id: string;
  name: string;
  args: Record<string, JsonValue>;
}

/** The supervisor's final answer, before the runtime adds `costUsd`. */
export interface SupervisorAnswer {
  status: (typeof DELEGATION_STATUSES)[number];
  output: JsonValue;
  confidence: number;
  rationale: string;
}

/** How a planning turn ended, memoised by its step `sup-turn:<node>:<k>`. */
/** The model a turn's call was answered by, and why that one (`routing`: the policy's reason, a fallback, a downgrade). */
/** Tokens of one planning turn's model call (absent from turns memoised before they were kept). */
export type TurnTokens = { inputTokens: number; outputTokens: number; cachedTokens: number };
type Answered = { model: string; routing?: string; tokens?: TurnTokens };

export type TurnResult =
  | ({ kind: "calls"; text: string; calls: PlannedCall[]; costUsd: string } & Answered)
  | ({ kind: "answer"; text: string; answer: SupervisorAnswer; costUsd: string } & Answered)
  | ({ kind: "invalid"; text: string; issues: string[]; costUsd: string } & Answered)
  | { kind: "deadline"; at: string };

/** What the model is told for one tool call (a delegation's result, a refusal, a person's decision). */
export interface CallOutcome {
  callId: string;
  name: string;
  result: JsonValue;
}

/** One turn with the outcomes of its tool calls, in call order. */
export interface TurnRecord {
  turn: TurnResult;
  outcomes: CallOutcome[];
}

/** The input schema of a sub-agent's tool: a delegation request the supervisor fills in. */
export function subAgentTool(agent: TSubAgent): SupervisorTool {
  return {
    name: agent.name,
    description: agent.description,
    inputSchema: {
      type: "object",
      properties: {
        task: { type: "string", description: `What ${agent.name} should do, in one or two sentences.` },
        context: agent.input ?? { description: "Facts and data the agent needs (any JSON)." },
        constraints: { type: "array", items: { type: "string" }, description: "Rules the answer must respect." },
        budgetUsd: { type: "number", minimum: 0, description: "The most this delegation may spend, in US dollars (capped by what is left)." },
      },
      required: ["task"],
    },
  };
}

/** The built-in escalation tool: a person decides what no agent could. */
export function escalateTool(agents: readonly TSubAgent[]): SupervisorTool {
  return {
    name: ESCALATE_TOOL,
    description:
      "Ask a person to decide when no agent could give a result you can stand behind. Name the agent whose result needs the decision; the person approves it, rejects it, or replaces its output.",
    inputSchema: {
      type: "object",
      properties: {
        delegation: { type: "string", enum: agents.map((a) => a.name), description: "The agent whose result needs a person's decision." },
        question: { type: "string", description: "What the person should decide." },
      },
      required: ["delegation", "question"],
    },
  };
}

/** The schema of the supervisor's final answer: a delegation result whose `output` is the node's. */
export function answerSchema(output: JsonSchema | undefined): JsonSchema {
  return {
    type: "object",
    properties: {
      status: { type: "string", enum: [...DELEGATION_STATUSES] },
      output: output ?? { description: "The result (any JSON)." },
      confidence: { type: "number", minimum: 0, maximum: 1 },
      rationale: { type: "string" },
    },
    required: ["status", "output", "confidence", "rationale"],
  };
}

/** The first user message: the task and how to work. */
export function supervisorPrompt(task: string, agents: readonly TSubAgent[], maxDelegations: number): string {
  return [
    task,
    "",
    `You supervise these agents: ${agents.map((a) => `${a.name} (${a.description})`).join("; ")}.`,
    `Delegate independent parts in parallel by calling their tools (at most ${maxDelegations} delegations in all), review their results, delegate again if one escalates or is unsure, and call ${ESCALATE_TOOL} when no agent can settle it.`,
    "When you have what you need, answer with JSON: status (done, escalate, uncertain, failed or rejected), output, confidence (0 to 1) and rationale (who did what).",
  ].join("\n");
}

/** Told once every delegation is used up. */
export const NO_DELEGATIONS_LEFT = "You have used every delegation you were allowed: answer now with what you have.";

/**
 * The conversation for planning turn `history.length + 1`: the prompt, then each earlier turn's
 * tool calls and their outcomes (or an invalid answer and what was wrong with it).
 */
export function rebuildConversation(prompt: string, history: readonly TurnRecord[], mustAnswer: boolean): ModelMessage[] {
  const messages: ModelMessage[] = [{ role: "user", content: prompt }];
  for (const { turn, outcomes } of history) {
    if (turn.kind === "calls") {
      messages.push({
        role: "assistant",
        content: [...(turn.text ? [{ type: "text" as const, text: turn.text }] : []), ...turn.calls.map((c) => ({ type: "tool-call" as const, toolCallId: c.id, toolName: c.name, input: c.args }))],
      });
      messages.push({
        role: "tool",
        content: outcomes.map((o) => ({ type: "tool-result" as const, toolCallId: o.callId, toolName: o.name, output: { type: "json" as const, value: o.result } })),
      });
    } else if (turn.kind === "invalid") {
      messages.push({ role: "assistant", content: turn.text || "(no answer)" });
      messages.push({ role: "user", content: `Your answer does not match the required JSON schema:\n${turn.issues.map((i) => `- ${i}`).join("\n")}\nReply with only the corrected JSON.` });
    }
  }
  if (mustAnswer) messages.push({ role: "user", content: NO_DELEGATIONS_LEFT });
  return messages;
}
