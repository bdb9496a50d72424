/**
 * Money in FinOps is always a `Prisma.Decimal` (USD, up to 12 decimals, as the ledger columns
 * store it), never a JavaScript float: a float sum of a million ledger rows drifts, a decimal
 * one does not. Helpers here turn prices and token counts into exact amounts.
 */
import { Prisma } from "../generated/prisma/client";

export type Decimal = Prisma.Decimal;
export const Decimal = Prisma.Decimal;

/** Any input that can be read exactly as an amount of USD. */
export type UsdInput = Prisma.Decimal | string | number;

const MTOK = new Prisma.Decimal(1_000_000);

/**
 * An exact USD amount. Numbers are read through their shortest decimal string, so `0.1`
 * becomes exactly `0.1`, not the float closest to it.
 *
 * @example
 * usd("0.15").plus(usd(0.6)).toString(); // "0.75"
 */
export function usd(value: UsdInput): Prisma.Decimal {
  if (value instanceof Prisma.Decimal) return value;
  return new Prisma.Decimal(typeof value === "number" ? String(value) : value);
}

export const ZERO = new Prisma.Decimal(0);

/** Unit prices of one model, USD per million tokens. */
export interface UnitPrices {
  inputUsdPerMTok: Prisma.Decimal;
  outputUsdPerMTok: Prisma.Decimal;
  /** Price of input tokens served from the prompt cache; the input price when the model has none. */
  cachedUsdPerMTok: Prisma.Decimal;
}

/** Token counts of one call; `cachedTokens` are part of `inputTokens`, as providers report them. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cachedTokens?: number;
}

/**
 * The exact cost of a call: uncached input at the input price, cached input at the cached
 * price, output at the output price.
 *
 * @example
 * costOf({ inputTokens: 1000, outputTokens: 500, cachedTokens: 200 },
 *   { inputUsdPerMTok: usd(3), outputUsdPerMTok: usd(15), cachedUsdPerMTok: usd("0.3") }).toString();
 * // "0.00996"
 */
export function costOf(usage: TokenUsage, prices: UnitPrices): Prisma.Decimal {
  const cached = Math.min(Math.max(usage.cachedTokens ?? 0, 0), Math.max(usage.inputTokens, 0));
  const uncached = Math.max(usage.inputTokens, 0) - cached;
  return prices.inputUsdPerMTok
    .times(uncached)
    .plus(prices.cachedUsdPerMTok.times(cached))
    .plus(prices.outputUsdPerMTok.times(Math.max(usage.outputTokens, 0)))
    .div(MTOK)
    .toDecimalPlaces(12, Prisma.Decimal.ROUND_UP);
}

/** A decimal as the string the API returns (no exponent, trailing zeros trimmed). */
export function formatUsd(value: Prisma.Decimal | null | undefined): string {
  if (value == null) return "0";
  return value.toFixed();
}
