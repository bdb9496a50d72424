import type { TNodeSpec } from "../../graphs/spec/schema";
import { getModelInfo, listModels } from "../providers/model-catalogue";

type ModelRef = Extract<TNodeSpec, { type: "agent" }>["model"];

/**
 * The concrete model a node uses. A routing policy resolves to its first
 * fallback model, or to the simulated model of its tier when it names none;
 * price-aware routing replaces this with the FinOps router.
 */
export function chooseModel(ref: ModelRef): { modelId: string; reason: string; alternatives: string[] } {
  if (typeof ref === "string") return { modelId: ref, reason: "named in the spec", alternatives: [] };
  const [first, ...rest] = ref.fallbacks ?? [];
  if (first) return { modelId: first, reason: `policy tier ${ref.tier}: first listed model`, alternatives: rest };
  return { modelId: `sim:${ref.tier === "balanced" ? "balanced" : ref.tier === "strong" ? "strong" : "fast"}`, reason: `policy tier ${ref.tier}: no models listed, simulated model of the tier`, alternatives: [] };
}

const TIER_ORDER = ["strong", "balanced", "cheap"] as const;

/**
 * The next cheaper model of the same provider (one tier down), for budgets
 * whose policy is `downgrade`; undefined when the model is already the
 * cheapest tier or unknown.
 */
export function cheaperModel(modelId: string): string | undefined {
  const info = getModelInfo(modelId);
  if (!info) return undefined;
  const lower = TIER_ORDER.slice(TIER_ORDER.indexOf(info.tier) + 1);
  for (const tier of lower) {
    const found = listModels().find((m) => m.provider === info.provider && m.tier === tier);
    if (found) return `${found.provider}:${found.model}`;
  }
  return undefined;
}
