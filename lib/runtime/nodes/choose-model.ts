import type { TNodeSpec } from "../../graphs/spec/schema";

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
