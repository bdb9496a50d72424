import type { TModelPolicy, TNodeSpec } from "../../graphs/spec/schema";

type ModelRef = Extract<TNodeSpec, { type: "agent" }>["model"];

/** A model named in the spec; routing policies go through the FinOps router (`routeModel`). */
export function chooseModel(modelId: Extract<ModelRef, string>): { modelId: string; reason: string; alternatives: string[] } {
  return { modelId, reason: "named in the spec", alternatives: [] };
}

/**
 * The model a retry moves to after provider failures of a routed node: the policy's
 * `fallbacks` in order, skipping models that already failed in this run; null when every
 * fallback failed (the router then picks another qualifying model, excluding the failed ones).
 *
 * @example
 * nextFallbackModel({ tier: "cheap", fallbacks: ["openai:gpt-4o-mini", "sim:fast"] }, ["openai:gpt-5-nano"]);
 * // { modelId: "openai:gpt-4o-mini", reason: "fallback 1 of 2 after openai:gpt-5-nano failed", alternatives: ["sim:fast"] }
 */
export function nextFallbackModel(policy: TModelPolicy, failed: readonly string[]): { modelId: string; reason: string; alternatives: string[] } | null {
  if (!failed.length) return null;
  const fallbacks = policy.fallbacks ?? [];
  const left = fallbacks.filter((id) => !failed.includes(id));
  if (!left.length) return null;
  const [modelId, ...alternatives] = left;
  return { modelId: modelId!, reason: `fallback ${fallbacks.indexOf(modelId!) + 1} of ${fallbacks.length} after ${failed.join(", ")} failed`, alternatives };
}
