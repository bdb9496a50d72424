/**
 * The simulated provider as a supervisor, and as the sub-agents a supervisor delegates to.
 *
 * A supervisor request is recognised by the built-in `escalate_to_human` tool among the tools:
 * - first turn: it delegates to each agent the task names (or to all of them), with a task
 *   that says what that agent's part is and the task as context;
 * - later turns: a result that escalated, was unsure or failed goes to another agent not yet
 *   asked (the one whose description fits best), else to a person through `escalate_to_human`;
 * - then it answers: status done, confidence from the results, a rationale saying who did what,
 *   and an output whose fields named after agents hold their outputs.
 *
 * A sub-agent request is recognised by its answer schema (a delegation result: status,
 * confidence, rationale, output): it answers `done` unless its instructions or request state a
 * status (`status: escalate`), with a confidence that reads as fairly sure.
 */
import type { LanguageModelV3CallOptions, LanguageModelV3FunctionTool } from "@ai-sdk/provider";
import { composeText } from "./compose-text";
import { extractField, extractNumber } from "./extract-field";
import { generateJson, type GenerateJsonContext, type JsonSchema } from "./generate-json";
import type { PromptReading } from "./read-prompt";

const ESCALATE_TOOL = "escalate_to_human";
const STATUSES = ["done", "escalate", "uncertain", "failed", "rejected"];

export type SimSupervisorReply = { kind: "calls"; calls: { name: string; input: unknown }[] } | { kind: "text"; text: string };

/** True when the request is a supervisor's planning turn. */
export function isSupervisorRequest(tools: readonly LanguageModelV3FunctionTool[]): boolean {
  return tools.some((t) => t.name === ESCALATE_TOOL);
}

interface SeenResult {
  name: string;
  /** the turn whose results it is among */
  turn: number;
  agent?: string;
  status?: string;
  confidence?: number;
  output?: unknown;
  rationale?: string;
  attention?: string;
  standingInFor?: string;
  decision?: string;
  decidedBy?: string;
  edited?: boolean;
  /** the agent a person's decision was about */
  about?: string;
  error?: string;
}

/** The supervisor's move for this turn. */
export function simSupervisorReply(tools: readonly LanguageModelV3FunctionTool[], reading: PromptReading, options: LanguageModelV3CallOptions, context: GenerateJsonContext): SimSupervisorReply {
  const agents = tools.filter((t) => t.name !== ESCALATE_TOOL);
  const task = taskOf(reading.user);
  const seen = reading.toolResults.map((r) => ({ ...read(r.toolName, r.text), turn: r.turn }));
  const canCall = options.toolChoice?.type !== "none";
  if (canCall && seen.length === 0) {
    const named = agents.filter((t) => mentions(task, t.name));
    return { kind: "calls", calls: (named.length ? named : agents).map((t) => ({ name: t.name, input: delegationArgs(t, `${(t.description ?? t.name).replace(/\.$/, "")}: ${task}`, task, context) })) };
  }
  if (canCall) {
    const asked = new Set(seen.filter((s) => s.agent).map((s) => s.agent!));
    for (const [i, s] of seen.entries()) {
      if (!s.agent || !s.attention) continue;
      const later = seen.slice(i + 1);
      // settled by a person, or by a sure result of a later turn (the runtime holds to the same rule)
      if (later.some((l) => (l.name === ESCALATE_TOOL && l.decision) || (l.agent && l.turn > s.turn && !l.attention))) continue;
      const failedTool = agents.find((t) => t.name === s.agent);
      const untried = agents.filter((t) => !asked.has(t.name));
      if (untried.length) {
        const best = bestFit(untried, failedTool?.description ?? s.agent);
        return { kind: "calls", calls: [{ name: best.name, input: delegationArgs(best, `Take over from ${s.agent} (${s.attention}) — ${(best.description ?? best.name).replace(/\.$/, "")}: ${task}`, task, context) }] };
      }
      return { kind: "calls", calls: [{ name: ESCALATE_TOOL, input: { delegation: s.agent, question: `${s.agent} answered ${s.status ?? "without a result"}: ${s.rationale ?? s.attention}. Approve its result, reject it, or correct its output.` } }] };
    }
  }
  return { kind: "text", text: JSON.stringify(answer(seen, options, context)) };
}

function answer(seen: SeenResult[], options: LanguageModelV3CallOptions, context: GenerateJsonContext) {
  const schema = (options.responseFormat?.type === "json" ? options.responseFormat.schema : undefined) as JsonSchema | undefined;
  const outputSchema = ((schema?.properties as Record<string, JsonSchema> | undefined)?.output ?? {}) as JsonSchema;
  // the final word per agent: a person's decision stands in for the result it was about, and a
  // result that needed attention is settled by a later sure result or by a person
  const final = new Map<string, { status: string; confidence: number; output: unknown; rationale: string; by?: string; superseded?: boolean }>();
  const open = new Set<string>();
  const openTurn = new Map<string, number>();
  for (const s of seen) {
    if (s.agent) {
      final.set(s.agent, { status: s.status ?? "done", confidence: s.confidence ?? 0, output: s.output, rationale: s.rationale ?? "" });
      if (s.attention) {
        open.add(s.agent);
        openTurn.set(s.agent, s.turn);
      } else settle(s.agent, s.turn);
    } else if (s.name === ESCALATE_TOOL && s.decision) {
      const about = (s.about && final.has(s.about) ? s.about : undefined) ?? [...open][0];
      if (about) final.set(about, { status: "done", confidence: 1, output: s.output, rationale: s.edited ? "corrected by a person" : "approved by a person", by: s.decidedBy });
      settle(about);
    }
  }
  /** a sure result settles the open results of earlier turns; a person's decision (turn: undefined) all of them */
  function settle(except: string | undefined, turn?: number) {
    for (const agent of [...open]) {
      if (turn !== undefined && (openTurn.get(agent) ?? 0) >= turn) continue;
      if (agent !== except) final.get(agent)!.superseded = true;
      open.delete(agent);
    }
  }
  const done = [...final.values()].filter((f) => f.status === "done");
  const confidence = done.length ? Math.round((done.reduce((sum, f) => sum + f.confidence, 0) / done.length) * 100) / 100 : 0.5;
  const rationale = final.size
    ? [...final]
        .map(([agent, f]) => (f.by ? `${agent}: ${f.rationale} (${f.by})` : `${agent}: ${f.status}${f.superseded ? " (settled by another)" : ` with confidence ${f.confidence}`}${f.rationale ? ` — ${firstSentence(f.rationale)}` : ""}`))
        .join("; ")
    : "No agent was asked; answered from the task alone.";
  let output = generateJson(outputSchema, context);
  const fields = (outputSchema.properties ?? {}) as Record<string, unknown>;
  if (output && typeof output === "object" && !Array.isArray(output)) {
    for (const [agent, f] of final) if (agent in fields && f.output !== undefined && !f.superseded) (output as Record<string, unknown>)[agent] = f.output;
  }
  if (!outputSchema.type && !outputSchema.properties) output = Object.fromEntries([...final].filter(([, f]) => !f.superseded).map(([agent, f]) => [agent, f.output ?? null]));
  return { status: open.size ? "uncertain" : "done", output, confidence, rationale };
}

/** True when the request is a sub-agent's: its answer is a delegation result. */
export function isEnvelopeSchema(schema: JsonSchema | undefined): boolean {
  const p = schema?.properties as Record<string, JsonSchema> | undefined;
  return !!p && !!p.status && !!p.confidence && !!p.rationale && "output" in p && Array.isArray(p.status.enum) && p.status.enum.includes("escalate");
}

/** A sub-agent's delegation result. */
export function simEnvelope(schema: JsonSchema, reading: PromptReading, context: GenerateJsonContext): unknown {
  const source = `${reading.system}\n${reading.user}`;
  const stated = extractField("status", source)?.toLowerCase();
  const status = stated && STATUSES.includes(stated) ? stated : "done";
  const confidence = extractNumber("confidence", source) ?? Math.round((0.8 + context.random.next() * 0.15) * 100) / 100;
  const outputSchema = ((schema.properties as Record<string, JsonSchema>).output ?? {}) as JsonSchema;
  // an agent that declares no output answers in words (a schema-less value would be a stray word of the prompt)
  const untyped = !outputSchema.type && !outputSchema.properties && !outputSchema.enum && !outputSchema.items && !outputSchema.$ref && !outputSchema.anyOf && !outputSchema.oneOf;
  const output = untyped ? (status === "done" ? composeText(reading, context.random, 1) : null) : generateJson(outputSchema, context);
  const rationale = status === "done" ? composeText(reading, context.random, 2) : `Cannot settle this alone (${status}): ${composeText(reading, context.random, 1)}`;
  return { status, output, confidence: Math.min(1, Math.max(0, confidence)), rationale };
}

/** The task: the user text before the list of agents the runtime appends. */
function taskOf(user: string): string {
  return user.split(/\n\s*\nYou supervise these agents:/)[0]!.trim();
}

function delegationArgs(tool: LanguageModelV3FunctionTool, taskText: string, brief: string, context: GenerateJsonContext) {
  const contextSchema = ((tool.inputSchema as JsonSchema).properties as Record<string, JsonSchema> | undefined)?.context;
  const ctxValue = contextSchema && (contextSchema.type || contextSchema.properties) ? generateJson(contextSchema, context) : { brief };
  return { task: taskText, context: ctxValue };
}

function read(name: string, text: string): Omit<SeenResult, "turn"> {
  let v: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(text);
    if (parsed && typeof parsed === "object") v = parsed as Record<string, unknown>;
  } catch {
    return { name, error: text };
  }
  if (typeof v.error === "string") return { name, error: v.error };
  if (name === ESCALATE_TOOL) return { name, decision: String(v.decision ?? ""), decidedBy: String(v.decidedBy ?? "a person"), output: v.output, edited: typeof v.note === "string" && v.note.includes("replaced"), about: typeof v.delegation === "string" ? v.delegation : undefined };
  return {
    name,
    agent: typeof v.agent === "string" ? v.agent : name,
    status: typeof v.status === "string" ? v.status : undefined,
    confidence: typeof v.confidence === "number" ? v.confidence : undefined,
    output: v.output,
    rationale: typeof v.rationale === "string" ? v.rationale : undefined,
    attention: typeof v.needsAttention === "string" ? v.needsAttention : undefined,
    standingInFor: typeof v.standingInFor === "string" ? v.standingInFor : undefined,
  };
}

function mentions(text: string, name: string): boolean {
  const t = text.toLowerCase();
  const phrase = (p: string) => new RegExp(`(^|[^a-z0-9_])${p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^a-z0-9_])`).test(t);
  return phrase(name.toLowerCase()) || phrase(name.toLowerCase().replace(/[_-]+/g, " "));
}

/** The agent whose description shares the most words with `description`. */
function bestFit(candidates: LanguageModelV3FunctionTool[], description: string): LanguageModelV3FunctionTool {
  const words = (s: string) => new Set(s.toLowerCase().match(/[a-z]{4,}/g) ?? []);
  const want = words(description);
  let best = candidates[0]!;
  let score = -1;
  for (const c of candidates) {
    const have = words(c.description ?? c.name);
    const s = [...have].filter((w) => want.has(w)).length;
    if (s > score) [best, score] = [c, s];
  }
  return best;
}

function firstSentence(text: string): string {
  const m = /^(.{1,160}?[.!?])(\s|$)/.exec(text);
  return m ? m[1]! : text.slice(0, 160);
}
