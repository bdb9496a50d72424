/**
 * The pure core of model routing: given priced candidates and a policy, which model and why.
 * Unit-tested without a database; {@link routeModel} feeds it the workspace's models.
 */
import type { TModelPolicy } from "../graphs/spec/schema";
import { usd, type Decimal } from "./money";

export const TIERS = ["cheap", "balanced", "strong"] as const;
export type Tier = (typeof TIERS)[number];

/** Budget use at which a policy without `downgradeAt` moves down a tier. */
export const DEFAULT_DOWNGRADE_AT = [80, 95];

export interface RoutingCandidate {
  modelId: string;
  provider: string;
  tier: string | null;
  contextWindow: number | null;
  input: Decimal | null;
  output: Decimal | null;
  available: boolean;
  /** True when the model's shared per-minute limit is used up right now. */
  rateLimited?: boolean;
}

export interface RoutingDecision {
  modelId: string;
  reason: string;
  /** Other models that satisfy the policy, in the order they would be tried (then the fallbacks). */
  alternatives: string[];
  tier: Tier;
  /** The tier asked for when a budget moved the choice down. */
  downgradedFrom?: Tier;
}

/**
 * The price routing compares: a blend of three input tokens to one output token, the usual
 * shape of agent calls (long prompts, short answers), in USD per million tokens.
 *
 * @example
 * blendedPrice({ input: usd("0.15"), output: usd("0.6") }).toString(); // "0.2625"
 */
export function blendedPrice(c: { input: Decimal | null; output: Decimal | null }): Decimal | null {
  if (!c.input || !c.output) return null;
  return c.input.times(3).plus(c.output).div(4);
}

/**
 * Picks a model for a policy: the tier (moved down one step per `downgradeAt` percentage the
 * budget use has reached), within `maxUsdPerMTok` (blended) and `minContext`, among available
 * models that are not excluded (failed, rate-limited); real providers before the simulated
 * one, cheapest first. Listed `fallbacks` follow; when nothing in the tier qualifies the first
 * usable fallback is chosen.
 *
 * @example
 * chooseByPolicy(candidates, { tier: "strong", downgradeAt: [80, 95] }, { budgetUsedPct: 85 });
 * // { modelId: "sim:balanced", tier: "balanced", downgradedFrom: "strong", reason: "tier balanced (budget 85% ≥ 80%: down from strong) …", … }
 */
export function chooseByPolicy(
  candidates: RoutingCandidate[],
  policy: TModelPolicy,
  opts: { budgetUsedPct?: number; exclude?: string[] } = {},
): RoutingDecision | null {
  const exclude = new Set(opts.exclude ?? []);
  const steps = (policy.downgradeAt ?? DEFAULT_DOWNGRADE_AT).filter((pct) => (opts.budgetUsedPct ?? 0) >= pct).length;
  const asked = policy.tier as Tier;
  const tier = TIERS[Math.max(0, TIERS.indexOf(asked) - steps)]!;
  const maxPrice = policy.maxUsdPerMTok !== undefined ? usd(policy.maxUsdPerMTok) : null;
  const usable = (c: RoutingCandidate) =>
    c.available && !c.rateLimited && !exclude.has(c.modelId) && (!policy.minContext || (c.contextWindow ?? 0) >= policy.minContext);
  const withinPrice = (c: RoutingCandidate) => {
    const p = blendedPrice(c);
    return p !== null && (maxPrice === null || p.lte(maxPrice));
  };
  const inTier = candidates
    .filter((c) => c.tier === tier && usable(c) && withinPrice(c))
    .sort((a, b) => Number(a.provider === "sim") - Number(b.provider === "sim") || blendedPrice(a)!.comparedTo(blendedPrice(b)!) || a.modelId.localeCompare(b.modelId));
  const byId = new Map(candidates.map((c) => [c.modelId, c]));
  const fallbacks = (policy.fallbacks ?? []).filter((id) => !exclude.has(id) && !inTier.some((c) => c.modelId === id) && (byId.get(id) ? usable(byId.get(id)!) : true));
  const downgrade = tier !== asked ? { downgradedFrom: asked } : {};
  const why = [
    `tier ${tier}`,
    tier !== asked ? `(budget ${opts.budgetUsedPct}% ≥ ${(policy.downgradeAt ?? DEFAULT_DOWNGRADE_AT)[steps - 1]}%: down from ${asked})` : null,
    maxPrice ? `≤ $${maxPrice.toFixed()}/MTok blended` : null,
    policy.minContext ? `context ≥ ${policy.minContext}` : null,
    exclude.size ? `excluding ${[...exclude].join(", ")}` : null,
  ].filter(Boolean).join(" ");
  if (inTier.length) {
    const [first, ...rest] = inTier;
    return { modelId: first!.modelId, reason: `${why}: cheapest of ${inTier.length} qualifying model${inTier.length > 1 ? "s" : ""} ($${blendedPrice(first!)!.toFixed()}/MTok blended)`, alternatives: [...rest.map((c) => c.modelId), ...fallbacks], tier, ...downgrade };
  }
  if (fallbacks.length) {
    const [first, ...rest] = fallbacks;
    return { modelId: first!, reason: `${why}: no model of the tier qualifies, first usable fallback`, alternatives: rest, tier, ...downgrade };
  }
  return null;
}

/**
 * The next cheaper model for `onExceed: downgrade`: among available candidates strictly cheaper
 * (blended) than `modelId`, the most expensive one — one step down, not straight to the bottom;
 * the same provider is preferred at equal price. `null` when nothing is cheaper.
 *
 * @example
 * nextCheaperModel(candidates, "sim:strong")?.modelId; // "sim:balanced"
 */
export function nextCheaperModel(candidates: RoutingCandidate[], modelId: string, exclude: string[] = []): RoutingCandidate | null {
  const current = candidates.find((c) => c.modelId === modelId);
  const price = current ? blendedPrice(current) : null;
  if (!current || !price) return null;
  const cheaper = candidates
    .filter((c) => c.available && !c.rateLimited && !exclude.includes(c.modelId) && c.modelId !== modelId)
    .filter((c) => {
      const p = blendedPrice(c);
      return p !== null && p.lt(price);
    })
    .sort((a, b) => blendedPrice(b)!.comparedTo(blendedPrice(a)!) || Number(b.provider === current.provider) - Number(a.provider === current.provider));
  return cheaper[0] ?? null;
}
