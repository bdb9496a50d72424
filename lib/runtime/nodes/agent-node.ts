import "server-only";
import { createHash } from "node:crypto";
import { renderTemplate, type TTemplateContext } from "../../graphs/spec/template";
import type { TNodeSpec } from "../../graphs/spec/schema";
import type { WorkspaceContext } from "../../auth/context";
import { getProviderCredentials } from "../../providers/credentials";
import { trace, type RunPlan } from "../run-state";
import { NodeError } from "./errors";
import { chooseModel } from "./choose-model";

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
  opts: { timeoutMs: number; attempt: number },
): Promise<AgentNodeResult> {
  const { runAgent } = await import("../agent/run-agent");
  const { resolveLanguageModel } = await import("../providers/resolve-language-model");
  const prompt = String(renderTemplate(node.prompt, tctx) ?? "");
  const instructions = node.instructions ? String(renderTemplate(node.instructions, tctx) ?? "") : undefined;
  const choice = chooseModel(node.model);
  await trace(ctx, plan.runId, node.id, "model.routed", `Model ${choice.modelId} (${choice.reason})`, choice);
  const credentials = await getProviderCredentials(ctx);
  let model;
  try {
    model = resolveLanguageModel(choice.modelId, credentials);
  } catch (err) {
    throw new NodeError((err as Error).message, false);
  }
  const signal = AbortSignal.timeout(opts.timeoutMs);
  let result;
  try {
    result = await runAgent({
      model,
      modelId: choice.modelId,
      instructions,
      prompt,
      tools: [],
      outputSchema: node.output,
      maxTurns: node.maxTurns ?? 8,
      temperature: node.temperature,
      abortSignal: signal,
      onTrace: (e: { type: string; message: string; data?: unknown }) => void trace(ctx, plan.runId, node.id, e.type, e.message, e.data).catch(() => {}),
    } as never);
  } catch (err) {
    const e = err as { name?: string; message: string; retryable?: boolean; status?: number };
    throw new NodeError(e.message, e.retryable ?? (e.name === "TimeoutError" || e.name === "AbortError"), { ...(e.status ? { status: e.status } : {}), errorType: e.name });
  }
  const r = result as { output: unknown; usage: { inputTokens: number; outputTokens: number; cachedTokens?: number }; turns?: number };
  const [provider] = choice.modelId.split(":");
  return {
    output: r.output,
    usage: { provider, model: choice.modelId, inputTokens: r.usage.inputTokens, outputTokens: r.usage.outputTokens, cachedTokens: r.usage.cachedTokens ?? 0 },
    provenance: {
      agent: node.id,
      graphId: plan.graphId,
      graphVersion: plan.version,
      model: choice.modelId,
      simulated: provider === "sim",
      promptHash: createHash("sha256").update(`${instructions ?? ""}\n---\n${prompt}`).digest("hex"),
      inputs: node.needs ?? [],
      attempt: opts.attempt,
      turns: r.turns ?? 1,
    },
  };
}
