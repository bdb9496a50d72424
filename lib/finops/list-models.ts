import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { getModelInfo } from "@/lib/models/model-catalogue";
import { CATALOGUE_MODELS, getCataloguePrice, type PriceSource } from "./catalogue-prices";
import { listConfiguredProviders } from "./list-configured-providers";
import { formatUsd, type Decimal } from "./money";

/** A model as the price list and the router see it. */
export interface ModelListing {
  modelId: string;
  provider: string;
  tier: string | null;
  contextWindow: number | null;
  maxOutputTokens: number | null;
  /** Effective prices (override if any, else catalogue), USD per million tokens, as decimal strings. */
  inputUsdPerMTok: string | null;
  outputUsdPerMTok: string | null;
  cachedUsdPerMTok: string | null;
  source: PriceSource | null;
  /** The catalogue's prices, also shown when an override replaces them. */
  catalogue: { inputUsdPerMTok: string; outputUsdPerMTok: string; cachedUsdPerMTok: string } | null;
  override: { inputUsdPerMTok: string; outputUsdPerMTok: string; cachedUsdPerMTok: string | null; effectiveFrom: Date; custom: boolean } | null;
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
  /** Whether the workspace can call it (credential or environment; `sim` always). */
  available: boolean;
  simulated: boolean;
}

/** Internal form used by the router: same data, prices as decimals. */
export interface ModelCandidate {
  modelId: string;
  provider: string;
  tier: string | null;
  contextWindow: number | null;
  maxOutputTokens: number | null;
  input: Decimal | null;
  output: Decimal | null;
  cached: Decimal | null;
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
  available: boolean;
}

/**
 * Every model the workspace can price: the catalogue's routable models, the workspace's
 * overrides and custom models (operator-wide rows included), with the effective price, tier,
 * context window and whether the provider is configured.
 *
 * @example
 * const { models } = await listModels(ctx);
 * models.find((m) => m.modelId === "sim:fast")?.source; // "simulated"
 */
export async function listModels(ctx: WorkspaceContext): Promise<{ models: ModelListing[]; candidates: ModelCandidate[] }> {
  const now = new Date();
  const [rows, configured] = await Promise.all([
    ctx.db.modelPrice.findMany({ where: { effectiveFrom: { lte: now } }, orderBy: { effectiveFrom: "desc" } }),
    listConfiguredProviders(ctx),
  ]);
  // Newest row per model, the workspace's own before operator-wide ones.
  const overrides = new Map<string, (typeof rows)[number]>();
  for (const r of [...rows.filter((r) => r.workspaceId !== null), ...rows.filter((r) => r.workspaceId === null)]) {
    const id = `${r.provider}:${r.model}`;
    if (!overrides.has(id)) overrides.set(id, r);
  }
  const ids = [...new Set<string>([...CATALOGUE_MODELS, ...overrides.keys()])];
  const models: ModelListing[] = [];
  const candidates: ModelCandidate[] = [];
  for (const modelId of ids) {
    const info = getModelInfo(modelId);
    const cat = getCataloguePrice(modelId);
    const o = overrides.get(modelId);
    const provider = modelId.slice(0, modelId.indexOf(":"));
    const input = o?.inputUsdPerMTok ?? cat?.inputUsdPerMTok ?? null;
    const output = o?.outputUsdPerMTok ?? cat?.outputUsdPerMTok ?? null;
    const cached = o ? (o.cachedUsdPerMTok ?? o.inputUsdPerMTok) : (cat?.cachedUsdPerMTok ?? null);
    const tier = o?.tier ?? info?.tier ?? null;
    const contextWindow = o?.contextWindow ?? info?.contextWindow ?? null;
    const maxOutputTokens = o?.maxOutputTokens ?? info?.maxOutputTokens ?? null;
    const available = configured.has(provider);
    models.push({
      modelId,
      provider,
      tier,
      contextWindow,
      maxOutputTokens,
      inputUsdPerMTok: input ? formatUsd(input) : null,
      outputUsdPerMTok: output ? formatUsd(output) : null,
      cachedUsdPerMTok: cached ? formatUsd(cached) : null,
      source: o ? (o.source === "custom" ? "custom" : "override") : (cat?.source ?? null),
      catalogue: cat ? { inputUsdPerMTok: formatUsd(cat.inputUsdPerMTok), outputUsdPerMTok: formatUsd(cat.outputUsdPerMTok), cachedUsdPerMTok: formatUsd(cat.cachedUsdPerMTok) } : null,
      override: o
        ? { inputUsdPerMTok: formatUsd(o.inputUsdPerMTok), outputUsdPerMTok: formatUsd(o.outputUsdPerMTok), cachedUsdPerMTok: o.cachedUsdPerMTok ? formatUsd(o.cachedUsdPerMTok) : null, effectiveFrom: o.effectiveFrom, custom: o.source === "custom" }
        : null,
      requestsPerMinute: o?.requestsPerMinute ?? null,
      tokensPerMinute: o?.tokensPerMinute ?? null,
      available,
      simulated: provider === "sim",
    });
    candidates.push({ modelId, provider, tier, contextWindow, maxOutputTokens, input, output, cached, requestsPerMinute: o?.requestsPerMinute ?? null, tokensPerMinute: o?.tokensPerMinute ?? null, available });
  }
  return { models, candidates };
}
