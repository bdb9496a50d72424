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
  const choice = opts.modelOverride
    ? { modelId: opts.modelOverride, reason: "downgraded to stay within budget", alternatives: [] as string[] }
    : typeof node.model === "string"
      ? chooseModel(node.model)
      : (nextFallbackModel(node.model, failedModels) ??
        (await routeModel(ctx, node.model, { exclude: failedModels, budgetUsage: await getBudgetUsage(ctx, await loadSpendContext(ctx, { runId: plan.runId, nodeId: node.id })) })));
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

/** Trace event a routed node records when its model fails, read back by the next attempt. */
const MODEL_FAILED = "model.failed";

/** Models that failed for this node earlier in the run, in order. */
async function modelsThatFailed(ctx: WorkspaceContext, runId: string, nodeId: string): Promise<string[]> {
  const events = await ctx.db.traceEvent.findMany({ where: { runId, nodeId, type: MODEL_FAILED }, orderBy: { id: "asc" }, select: { data: true } });
  return [...new Set(events.map((e) => (e.data as { model?: string } | null)?.model).filter((m): m is string => !!m))];
}
