import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { AppError } from "../errors";
import { parseModelId } from "@/lib/models/model-id";
import { getCataloguePrice, type PriceSource } from "./catalogue-prices";
import { usd, type UnitPrices, type UsdInput } from "./money";

/** The price a call is charged at, and where it came from. */
export interface ModelPriceQuote extends UnitPrices {
  modelId: string;
  provider: string;
  source: PriceSource;
  /** Shared per-minute limits configured on the workspace's price row, if any. */
  requestsPerMinute?: number | null;
  tokensPerMinute?: number | null;
}

/**
 * The price of a model for a workspace at an instant (default now): the workspace's newest
 * override in effect, else an operator-wide row (`workspaceId` null), else the catalogue
 * (see catalogue-prices.ts). `null` when nobody prices the model.
 *
 * @example
 * const price = await getPrice(ctx, "openai:gpt-4o-mini");
 * // { inputUsdPerMTok: 0.15, outputUsdPerMTok: 0.6, cachedUsdPerMTok: 0.075, source: "catalogue", … }
 */
export async function getPrice(ctx: WorkspaceContext, modelId: string, at: Date = new Date()): Promise<ModelPriceQuote | null> {
  const parsed = parseModelId(modelId);
  const provider = parsed?.provider ?? modelId.split(":")[0] ?? "";
  const model = parsed?.model ?? modelId.slice(provider.length + 1);
  // The scoped client adds "workspaceId is null or this workspace" to ModelPrice reads.
  const rows = await ctx.db.modelPrice.findMany({
    where: { provider, model, effectiveFrom: { lte: at } },
    orderBy: { effectiveFrom: "desc" },
    take: 10,
  });
  const row = rows.find((r) => r.workspaceId === ctx.workspace.id) ?? rows.find((r) => r.workspaceId === null);
  return priceQuote(modelId, provider, row ?? null, at);
}

/** The fields of a `ModelPrice` row a quote reads (Decimals, or their text as raw SQL returns it). */
export interface PriceRow {
  inputUsdPerMTok: UsdInput;
  outputUsdPerMTok: UsdInput;
  cachedUsdPerMTok: UsdInput | null;
  source: string;
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
}

/**
 * The quote for a model from the price row that applies to the workspace, or from the catalogue
 * when there is none; null when nobody prices the model.
 *
 * @example
 * priceQuote("openai:gpt-4o-mini", "openai", null)?.source; // "catalogue"
 */
export function priceQuote(modelId: string, provider: string, row: PriceRow | null, at?: Date): ModelPriceQuote | null {
  if (row) {
    return {
      modelId,
      provider,
      inputUsdPerMTok: usd(row.inputUsdPerMTok),
      outputUsdPerMTok: usd(row.outputUsdPerMTok),
      cachedUsdPerMTok: usd(row.cachedUsdPerMTok ?? row.inputUsdPerMTok),
      source: row.source === "custom" ? "custom" : "override",
      requestsPerMinute: row.requestsPerMinute,
      tokensPerMinute: row.tokensPerMinute,
    };
  }
  const catalogue = getCataloguePrice(modelId, at);
  if (!catalogue) return null;
  return { modelId, provider, inputUsdPerMTok: catalogue.inputUsdPerMTok, outputUsdPerMTok: catalogue.outputUsdPerMTok, cachedUsdPerMTok: catalogue.cachedUsdPerMTok, source: catalogue.source };
}

/**
 * Like {@link getPrice}, but a model nobody prices is an error: budgets cannot reserve for a
 * model whose cost is unknown, so spending on it is refused rather than left unmetered.
 *
 * @example
 * await getPriceOrThrow(ctx, "openai:gpt-4o"); // ModelPriceQuote
 */
export async function getPriceOrThrow(ctx: WorkspaceContext, modelId: string, at?: Date): Promise<ModelPriceQuote> {
  const price = await getPrice(ctx, modelId, at);
  if (price) return price;
  throw new AppError(
    "validation_failed",
    `Model "${modelId}" has no price, so its spend cannot be budgeted. Set one with PUT /api/v1/models/${encodeURIComponent(modelId)}/price.`,
    [{ path: "model", message: "has no price in the catalogue or in this workspace's overrides" }],
  );
}
