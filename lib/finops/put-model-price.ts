import "server-only";
import { z } from "zod";
import type { WorkspaceContext } from "../auth/context";
import { recordAuditEvent } from "../audit/record-audit-event";
import { MODEL_TIERS } from "../graphs/spec/schema";
import { newId } from "../ids";
import { getCataloguePrice } from "./catalogue-prices";
import { listModels, type ModelListing } from "./list-models";
import { formatUsd } from "./money";
import { assertKnownProvider, ZModelIdParam, ZUsdAmount } from "./schemas";

/** Body of `PUT /api/v1/models/:modelId/price`. Prices are USD per million tokens. */
export const ZPutModelPriceRequestSchema = z.strictObject({
  inputUsdPerMTok: ZUsdAmount,
  outputUsdPerMTok: ZUsdAmount,
  cachedUsdPerMTok: ZUsdAmount.optional(),
  tier: z.enum(MODEL_TIERS).optional(),
  contextWindow: z.number().int().positive().max(2_147_483_647).optional(),
  maxOutputTokens: z.number().int().positive().max(2_147_483_647).optional(),
  requestsPerMinute: z.number().int().positive().max(2_147_483_647).optional(),
  tokensPerMinute: z.number().int().positive().max(2_147_483_647).optional(),
});
export type TPutModelPriceRequest = z.infer<typeof ZPutModelPriceRequestSchema>;

/**
 * Sets the workspace's price for a model: an override of a catalogue model, or a custom model
 * the catalogue does not know. Each call appends a row effective from now, so the price in
 * force at any past instant stays answerable; ledger rows carry their own unit prices anyway.
 *
 * @example
 * await putModelPrice(ctx, "openai:gpt-4o-mini", { inputUsdPerMTok: usd("0.1"), outputUsdPerMTok: usd("0.4") });
 */
export async function putModelPrice(ctx: WorkspaceContext, modelId: string, input: TPutModelPriceRequest): Promise<ModelListing> {
  const id = ZModelIdParam.parse(modelId);
  assertKnownProvider(id);
  const colon = id.indexOf(":");
  const custom = getCataloguePrice(id) === null;
  await ctx.db.modelPrice.create({
    data: {
      id: newId("modelPrice"),
      workspaceId: ctx.workspace.id,
      provider: id.slice(0, colon),
      model: id.slice(colon + 1),
      inputUsdPerMTok: input.inputUsdPerMTok,
      outputUsdPerMTok: input.outputUsdPerMTok,
      cachedUsdPerMTok: input.cachedUsdPerMTok ?? null,
      tier: input.tier ?? null,
      contextWindow: input.contextWindow ?? null,
      maxOutputTokens: input.maxOutputTokens ?? null,
      requestsPerMinute: input.requestsPerMinute ?? null,
      tokensPerMinute: input.tokensPerMinute ?? null,
      source: custom ? "custom" : "override",
    },
  });
  await recordAuditEvent(ctx.actor, {
    workspaceId: ctx.workspace.id,
    action: "model_price.updated",
    targetType: "model",
    targetId: id,
    data: { inputUsdPerMTok: formatUsd(input.inputUsdPerMTok), outputUsdPerMTok: formatUsd(input.outputUsdPerMTok), custom },
  });
  const { models } = await listModels(ctx);
  return models.find((m) => m.modelId === id)!;
}
