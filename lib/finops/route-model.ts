import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { AppError } from "../errors";
import type { TModelPolicy } from "../graphs/spec/schema";
import { chooseByPolicy, nextCheaperModel, type RoutingCandidate, type RoutingDecision } from "./choose-by-policy";
import { listRateLimitedModels } from "./consume-rate-limit";
import type { BudgetUsage } from "./get-budget-usage";
import { listModels } from "./list-models";

async function candidatesOf(ctx: WorkspaceContext): Promise<RoutingCandidate[]> {
  const { candidates } = await listModels(ctx);
  const limited = await listRateLimitedModels(ctx, candidates);
  return candidates.map((c) => ({ ...c, rateLimited: limited.has(c.modelId) }));
}

/**
 * Chooses the concrete model for a node's routing policy: tier, max blended price, minimum
 * context, among providers the workspace has configured (`sim` always), skipping models that
 * failed (`exclude`) or are at their shared rate limit, moving down a tier at each
 * `downgradeAt` percentage (default 80 and 95) of budget use, and falling back to the listed
 * `fallbacks`. The decision (model, reason, alternatives) is what the runtime writes to the
 * trace.
 *
 * @example
 * const usage = await getBudgetUsage(ctx, spend);
 * const d = await routeModel(ctx, { tier: "balanced", maxUsdPerMTok: 5 }, { budgetUsage: usage });
 * // { modelId: "openai:gpt-4o", reason: "tier balanced ≤ $5/MTok blended: cheapest of 2 qualifying models …", alternatives: ["sim:balanced"], tier: "balanced" }
 * // on a provider error: routeModel(ctx, policy, { budgetUsage: usage, exclude: [d.modelId] })
 */
export async function routeModel(
  ctx: WorkspaceContext,
  policy: TModelPolicy,
  opts: { budgetUsage?: BudgetUsage | null; exclude?: string[]; /** only models of these providers (the gateway's dialect) */ providers?: string[] } = {},
): Promise<RoutingDecision> {
  const candidates = (await candidatesOf(ctx)).filter((c) => !opts.providers || opts.providers.includes(c.provider));
  const decision = chooseByPolicy(candidates, policy, { budgetUsedPct: opts.budgetUsage?.usedPct, exclude: opts.exclude });
  if (decision) return decision;
  throw new AppError(
    "unavailable",
    `No model satisfies the routing policy (tier ${policy.tier}${policy.maxUsdPerMTok !== undefined ? `, ≤ $${policy.maxUsdPerMTok}/MTok` : ""}${policy.minContext ? `, context ≥ ${policy.minContext}` : ""}` +
      `${opts.exclude?.length ? `, excluding ${opts.exclude.join(", ")}` : ""}): configure a provider, relax the policy or list fallbacks.`,
  );
}

/**
 * The model `onExceed: downgrade` retries with: the next cheaper available model (see
 * nextCheaperModel), or `null` when the model is already the cheapest — then the runtime
 * treats the budget as `stop`.
 *
 * @example
 * await getCheaperModel(ctx, "sim:strong"); // "sim:balanced"
 */
export async function getCheaperModel(ctx: WorkspaceContext, modelId: string, exclude: string[] = []): Promise<string | null> {
  return nextCheaperModel(await candidatesOf(ctx), modelId, exclude)?.modelId ?? null;
}
