import "server-only";
import { createHash } from "node:crypto";
import { renderTemplate, type TTemplateContext } from "../../graphs/spec/template";
import type { TNodeSpec } from "../../graphs/spec/schema";
import type { WorkspaceContext } from "../../auth/context";
import { getProviderCredentials } from "../../providers/credentials";
import { trace, type RunPlan } from "../run-state";
import { isErrorCode, isRetryableCode } from "../../errors";
import { NodeError } from "./errors";
import { isTransientError } from "./transient";
import { chooseModel, nextFallbackModel } from "./choose-model";
import { openMcpTools } from "../mcp/mcp-tools";
import type { ResolvedMcpServer } from "../mcp/mcp-servers";
import { getBudgetUsage, loadSpendContext, routeModel } from "../../finops";
import { createSpendGuard } from "../agent/create-spend-guard";
import { BudgetExceededError, LoopDetectedError as SpendLoopError } from "../../finops/errors";
import { runAgent } from "../agent/run-agent";
import type { Reservation } from "../../finops/reserve-budget";
import type { AgentResult } from "../agent/types";
import { ModelCallError } from "../agent/errors";
import { checkBreaker, modelBreakerKey, recordBreakerOutcome, type BreakerGate } from "../../breakers";
import { modelBreakerPolicy } from "../../env";
import { exportToolCallSpan } from "../../telemetry";

type AgentNode = Extract<TNodeSpec, { type: "agent" }>;

export interface AgentNodeResult {
  output: unknown;
  usage: { provider: string; model: string; inputTokens: number; outputTokens: number; cachedTokens: number };
  provenance: Record<string, unknown>;
}

/**
 * Runs an agent node: renders its prompt, resolves its model (or routing
 * policy), runs the multi-turn tool loop and returns the structured output
 * with usage and provenance (who produced it: node, version, model, prompt
 * hash, inputs).
 */
export async function executeAgentNode(
  ctx: WorkspaceContext,
  plan: RunPlan,
  node: AgentNode,
  tctx: TTemplateContext,
  opts: {
    timeoutMs: number;
    attempt: number;
    modelOverride?: string;
    mcpServers: Record<string, ResolvedMcpServer>;
    /** the reservation taken for this node when it resumed from a budget pause (its first call uses it) */
    carried?: Reservation | null;
  },
): Promise<AgentNodeResult> {
  const prompt = String(renderTemplate(node.prompt, tctx) ?? "");
  const instructions = node.instructions ? String(renderTemplate(node.instructions, tctx) ?? "") : undefined;
  // a routed node retried after provider failures moves on to its fallbacks, never the model that failed
  const failedModels = typeof node.model === "string" || opts.attempt <= 1 ? [] : await modelsThatFailed(ctx, plan.runId, node.id);
  const routed = typeof node.model !== "string" && !opts.modelOverride;
  const chosen = opts.modelOverride
    ? { modelId: opts.modelOverride, reason: "downgraded to stay within budget", alternatives: [] as string[] }
    : typeof node.model === "string"
      ? chooseModel(node.model)
      : (nextFallbackModel(node.model, failedModels) ??
        (await routeModel(ctx, node.model, { exclude: failedModels, budgetUsage: await getBudgetUsage(ctx, await loadSpendContext(ctx, { runId: plan.runId, nodeId: node.id })) })));
  // the model's breaker: open → a routed node moves to its next fallback, a named model fails the node
  const { choice, gate } = await passModelBreaker(ctx, plan, node, chosen, routed ? failedModels : null);
  await trace(ctx, plan.runId, node.id, "model.routed", `Model ${choice.modelId} (${choice.reason})`, choice);
  const mcp = node.tools?.length ? await openMcpTools(node.tools, tctx, opts.mcpServers) : null;
  const credentials = await getProviderCredentials(ctx);
  const signal = AbortSignal.timeout(opts.timeoutMs);
  // every model call is reserved against the budgets before it is made, and metered after
  const guard = createSpendGuard({ ctx, plan, nodeId: node.id, attempt: opts.attempt, carried: opts.carried });
  let r: AgentResult;
  try {
    r = await runAgent({
      modelId: choice.modelId,
      credentials,
      instructions,
      prompt,
      tools: mcp?.tools ?? [],
      outputSchema: node.output,
      maxTurns: node.maxTurns,
      maxOutputTokens: node.maxOutputTokens,
      temperature: node.temperature,
      abortSignal: signal,
      beforeModelCall: guard.beforeModelCall,
      afterModelCall: guard.afterModelCall,
      onTrace: (e) => void trace(ctx, plan.runId, node.id, `agent.${e.type}`, e.message, e.data).catch(() => {}),
    });
  } catch (err) {
    // a provider's failure counts against the model's breaker; budget refusals and the node's own errors do not
    if (err instanceof ModelCallError && err.retryable) await recordModelOutcome(ctx, choice.modelId, { ok: false, error: err.message, probe: gate.probe });
    // budget refusals keep their type: the interpreter pauses, stops or downgrades on them
    if (err instanceof BudgetExceededError || err instanceof SpendLoopError) throw err;
    // an overloaded database (the spend guard's writes) is retried, never the node's failure
    if (isTransientError(err)) throw err;
    const e = err as { name?: string; message: string; retryable?: boolean; status?: number; code?: unknown };
    if (typeof node.model !== "string" && !opts.modelOverride) {
      await trace(ctx, plan.runId, node.id, MODEL_FAILED, `${choice.modelId} failed: ${e.message}`, { model: choice.modelId, attempt: opts.attempt });
    }
    // a fallback still to try makes any model failure worth another attempt (on that fallback)
    const fallbackLeft = typeof node.model !== "string" && !opts.modelOverride && !!nextFallbackModel(node.model, [...failedModels, choice.modelId]);
    // otherwise retryable by the error's own say, else by its product code; of the rest, only a timeout is worth another try
    const retryable = fallbackLeft || (e.retryable ?? (isErrorCode(e.code) ? isRetryableCode(e.code) : e.name === "TimeoutError" || e.name === "AbortError"));
    throw Object.assign(new NodeError(e.message, retryable, { ...(e.status ? { status: e.status } : {}), errorType: e.name, model: choice.modelId }), { cause: err });
  } finally {
    await guard.release();
    await mcp?.close();
  }
  await recordModelOutcome(ctx, choice.modelId, { ok: true, probe: gate.probe });
  for (const [i, t] of r.toolCalls.entries()) {
    const end = new Date(t.startedAt.getTime() + t.durationMs);
    exportToolCallSpan(ctx, { runId: plan.runId, nodeId: node.id, attempt: opts.attempt, call: t.toolCallId ?? `${t.turn}.${i}`, name: t.name, start: t.startedAt, end, error: t.error });
  }
  const [provider] = choice.modelId.split(":");
  return {
    output: r.output,
    usage: { provider, model: choice.modelId, inputTokens: r.usage.inputTokens, outputTokens: r.usage.outputTokens, cachedTokens: r.usage.cachedTokens ?? 0 },
    provenance: {
      agent: node.id,
      graphId: plan.graphId,
      graphVersion: plan.version,
      model: choice.modelId,
      ...(failedModels.length ? { failedModels } : {}),
      simulated: r.simulated,
      promptHash: createHash("sha256").update(`${instructions ?? ""}\n---\n${prompt}`).digest("hex"),
      // the templates as written (the rendered prompt above varies with the inputs)
      promptTemplateHash: createHash("sha256").update(`${node.instructions ?? ""}\n---\n${node.prompt}`).digest("hex"),
      routing: { reason: choice.reason, alternatives: choice.alternatives ?? [], ...(typeof node.model === "string" ? {} : { policy: node.model }) },
      inputs: node.needs ?? [],
      toolCalls: r.toolCalls.map((t) => ({ name: t.name, ok: !t.error, durationMs: t.durationMs })),
      attempt: opts.attempt,
      turns: r.turns,
      repaired: r.repaired,
    },
  };
}

type ModelChoice = { modelId: string; reason: string; alternatives: string[] };

/**
 * The model's circuit breaker (`model:<provider:model>`, policy from SWITCHYARD_MODEL_BREAKER_*)
 * before its first call. Open: a routed node (`failedModels` given) moves to its next
 * `fallbacks` model whose breaker lets it through; a named model, or a routed one with no
 * fallback left, fails the node with code `breaker_open` (not retryable), so its
 * `onError.fallback` stands in.
 */
async function passModelBreaker(ctx: WorkspaceContext, plan: RunPlan, node: AgentNode, chosen: ModelChoice, failedModels: string[] | null): Promise<{ choice: ModelChoice; gate: BreakerGate }> {
  const policy = modelBreakerPolicy();
  const refused: string[] = [];
  let choice: ModelChoice | null = chosen;
  while (choice) {
    const gate = await checkBreaker(ctx, modelBreakerKey(choice.modelId), policy);
    if (gate.allowed) {
      if (!refused.length) return { choice, gate };
      return { choice: { ...choice, reason: `fallback: the breaker of ${refused.join(", ")} is open` }, gate };
    }
    refused.push(choice.modelId);
    await trace(ctx, plan.runId, node.id, "model.breaker_open", `${choice.modelId} not called: ${gate.reason ?? "its breaker is open"}`, { model: choice.modelId, state: gate.state });
    if (!failedModels || typeof node.model === "string" || refused.length >= 10) break;
    const exclude = [...failedModels, ...refused];
    // the policy's fallbacks in order, then any other model the router finds for the policy
    choice = nextFallbackModel(node.model, exclude) ?? (await routeModel(ctx, node.model, { exclude }).catch(() => null));
    if (choice && refused.includes(choice.modelId)) choice = null;
  }
  throw new NodeError(
    `The circuit breaker of ${refused.join(", ")} is open${failedModels ? " and no fallback model is available" : ""}; the node was not run. ` +
      `It closes after a successful probe once its cool-down passes, or when an admin closes it (Supervision page, POST /api/v1/breakers/close).`,
    false,
    { code: "breaker_open", model: refused[0] },
  );
}

/** A model call's outcome for its breaker; bookkeeping never fails (or re-runs) the node. */
async function recordModelOutcome(ctx: WorkspaceContext, modelId: string, outcome: { ok: boolean; error?: string; probe: boolean }) {
  try {
    await recordBreakerOutcome(ctx, modelBreakerKey(modelId), outcome, modelBreakerPolicy());
  } catch (err) {
    console.warn(`[breakers] could not record the outcome of a call to ${modelId}: ${(err as Error).message}`);
  }
}

/** Trace event a routed node records when its model fails, read back by the next attempt. */
const MODEL_FAILED = "model.failed";

/** Models that failed for this node earlier in the run, in order. */
async function modelsThatFailed(ctx: WorkspaceContext, runId: string, nodeId: string): Promise<string[]> {
  const events = await ctx.db.traceEvent.findMany({ where: { runId, nodeId, type: MODEL_FAILED }, orderBy: { id: "asc" }, select: { data: true } });
  return [...new Set(events.map((e) => (e.data as { model?: string } | null)?.model).filter((m): m is string => !!m))];
}
