/**
 * One planning turn of a supervisor: ONE model call with its sub-agents offered as tools that
 * have no `execute` (the runtime runs the delegations, durably), through the same model
 * routing and spend guard as agent nodes (reserved before, metered after, attributed to the
 * supervisor node). It returns the tool calls, or the final answer parsed against the answer
 * schema, or what was wrong with it.
 */
import "server-only";
import { generateText, jsonSchema, stepCountIs, tool, wrapLanguageModel, type ModelMessage, type ToolSet } from "ai";
import type { WorkspaceContext } from "../../auth/context";
import type { TNodeOf } from "../../graphs/spec/schema";
import { getProviderCredentials } from "../../providers/credentials";
import { getBudgetUsage, loadSpendContext, routeModel } from "../../finops";
import { resolveLanguageModel } from "../providers/resolve-language-model";
import { createSpendGuard } from "../agent/create-spend-guard";
import { createModelCallMiddleware } from "../agent/model-call-middleware";
import { LoopDetector } from "../agent/loop-detector";
import { RunLedger } from "../agent/run-ledger";
import { rawJsonOutput } from "../agent/json-output";
import { compileJsonSchema } from "../agent/json-schema-validator";
import { parseStructuredOutput } from "../agent/parse-structured-output";
import { DEFAULT_MAX_OUTPUT_TOKENS } from "../agent/types";
import { ModelCallError } from "../agent/errors";
import { usd, type Decimal } from "../../finops/money";
import type { Reservation } from "../../finops/reserve-budget";
import { getModelInfo } from "../../models/model-catalogue";
import { trace, type JsonValue, type RunPlan } from "../run-state";
import { answerSchema, type PlannedCall, type SupervisorAnswer, type SupervisorTool, type TurnResult } from "./protocol";

type SupervisorNode = TNodeOf<"supervisor">;

/** The supervisor's model: named in the spec, or chosen by its routing policy. */
export async function chooseSupervisorModel(ctx: WorkspaceContext, plan: RunPlan, node: SupervisorNode): Promise<{ modelId: string; reason: string }> {
  if (typeof node.model === "string") return { modelId: node.model, reason: "named in the spec" };
  const budgetUsage = await getBudgetUsage(ctx, await loadSpendContext(ctx, { runId: plan.runId, nodeId: node.id }));
  const choice = await routeModel(ctx, node.model, { budgetUsage });
  return { modelId: choice.modelId, reason: choice.reason };
}

export interface PlanningTurnInput {
  ctx: WorkspaceContext;
  plan: RunPlan;
  node: SupervisorNode;
  turn: number;
  instructions?: string;
  messages: ModelMessage[];
  tools: SupervisorTool[];
  /** no delegation left: tools stay declared but cannot be called */
  mustAnswer: boolean;
  signal?: AbortSignal;
  /** a cheaper model a budget moved the supervisor to (`onExceed: downgrade`): no routing, no fallbacks */
  modelOverride?: string;
  /** the reservation taken when the supervisor resumed from a budget pause: the turn's call replaces it */
  carried?: Reservation | null;
}

/**
 * Makes the turn's one model call. A routed supervisor whose model fails moves on to its
 * policy's `fallbacks` within the turn. Budget refusals and provider failures throw.
 */
export async function planningTurn(input: PlanningTurnInput): Promise<TurnResult> {
  const { ctx, plan, node } = input;
  const first = input.modelOverride ? { modelId: input.modelOverride, reason: "downgraded to stay within budget" } : await chooseSupervisorModel(ctx, plan, node);
  await trace(ctx, plan.runId, node.id, "model.routed", `Model ${first.modelId} (${first.reason})`, { ...first, turn: input.turn });
  const fallbacks = typeof node.model === "string" || input.modelOverride ? [] : (node.model.fallbacks ?? []).filter((m) => m !== first.modelId);
  let spent = usd(0);
  for (const [i, modelId] of [first.modelId, ...fallbacks].entries()) {
    try {
      // the reservation carried from a budget pause is replaced by the turn's first call only
      const result = await oneCall(input, modelId, (cost) => (spent = spent.plus(cost)), i === 0 ? input.carried : null);
      const routing = i === 0 ? first.reason : `fallback after ${[first.modelId, ...fallbacks].slice(0, i).join(", ")} failed`;
      return "costUsd" in result ? { ...result, costUsd: spent.toFixed(), routing } : result;
    } catch (err) {
      if (!(err instanceof ModelCallError) || i === fallbacks.length) throw err;
      await trace(ctx, plan.runId, node.id, "model.failed", `${modelId} failed: ${err.message}; trying ${fallbacks[i]}`, { model: modelId, turn: input.turn });
    }
  }
  throw new Error("unreachable");
}

async function oneCall(input: PlanningTurnInput, modelId: string, charged: (cost: Decimal) => void, carried: Reservation | null | undefined): Promise<TurnResult> {
  const { ctx, plan, node } = input;
  const credentials = await getProviderCredentials(ctx);
  // budgets reserve the worst case of each call from this limit, so the spec can set what the supervisor needs
  const maxOutputTokens = node.maxOutputTokens ?? Math.min(getModelInfo(modelId)?.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS, DEFAULT_MAX_OUTPUT_TOKENS);
  const guard = createSpendGuard({ ctx, plan, nodeId: node.id, attempt: 1, carried });
  const ledger = new RunLedger();
  const names = new Map(input.tools.map((t) => [t.name, t.name]));
  const toolSet: ToolSet = Object.fromEntries(input.tools.map((t) => [t.name, tool({ description: t.description, inputSchema: jsonSchema(t.inputSchema as Parameters<typeof jsonSchema>[0]) })]));
  const model = wrapLanguageModel({
    model: resolveLanguageModel(modelId, credentials),
    middleware: createModelCallMiddleware({
      modelId,
      ledger,
      loops: new LoopDetector(Number.MAX_SAFE_INTEGER),
      toolNames: names,
      maxOutputTokens,
      beforeModelCall: guard.beforeModelCall,
      afterModelCall: guard.afterModelCall,
    }),
  });
  const schema = answerSchema(node.output);
  let text: string;
  let calls: PlannedCall[];
  try {
    const r = await generateText({
      model,
      system: input.instructions?.trim() ? input.instructions : undefined,
      messages: input.messages,
      tools: toolSet,
      toolChoice: input.mustAnswer ? "none" : "auto",
      stopWhen: stepCountIs(1),
      maxRetries: 0,
      maxOutputTokens,
      temperature: node.temperature,
      abortSignal: input.signal,
      output: rawJsonOutput(schema),
      providerOptions: { openai: { store: false, strictJsonSchema: false, parallelToolCalls: true } },
    });
    text = r.text;
    calls = input.mustAnswer ? [] : r.toolCalls.map((c) => ({ id: c.toolCallId, name: c.toolName, args: asArgs(c.input) }));
  } finally {
    await guard.release();
    charged(guard.spentUsd());
  }
  const costUsd = guard.spentUsd().toFixed();
  const { inputTokens, outputTokens, cachedTokens } = ledger.totals();
  const tokens = { inputTokens, outputTokens, cachedTokens };
  if (calls.length) return { kind: "calls", text, calls, costUsd, model: modelId, tokens };
  const parsed = parseStructuredOutput(text, compileJsonSchema(schema, "supervisor's answer schema"));
  if (!parsed.ok) return { kind: "invalid", text, issues: parsed.issues.slice(0, 20).map((i) => `${i.path}: ${i.message}`), costUsd, model: modelId, tokens };
  return { kind: "answer", text, answer: parsed.value as SupervisorAnswer, costUsd, model: modelId, tokens };
}

function asArgs(input: unknown): Record<string, JsonValue> {
  return input && typeof input === "object" && !Array.isArray(input) ? (input as Record<string, JsonValue>) : { task: String(input ?? "") };
}
