/**
 * Money as people read it: a currency symbol, thousands grouped, cents for sums and enough
 * significant digits for sub-cent model costs ($0.000042), never scientific notation.
 * Amounts arrive as decimal strings (the ledger's) or numbers; they are formatted, never summed.
 * Numbers are written in one locale (en-US) so the server, every browser and the tests agree.
 */

/** The locale numbers are written in. */
export const NUMBER_LOCALE = "en-US";

const formatters = new Map<string, Intl.NumberFormat>();
function currencyFormat(currency: string, fractionDigits?: number, compact = false): Intl.NumberFormat {
  const key = `${currency}|${fractionDigits ?? ""}|${compact}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(NUMBER_LOCALE, {
      style: "currency",
      currency,
      ...(compact ? { notation: "compact", minimumFractionDigits: 0, maximumFractionDigits: 1 } : {}),
      ...(fractionDigits !== undefined ? { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

/** A decimal string or number as a number, for display only (sums stay on the server); anything else is 0. */
export function toNumber(value: string | number | null | undefined): number {
  if (value == null || value === "") return 0;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? n : 0;
}

/** An ISO 4217 code the runtime knows, upper-cased; USD for anything else. */
export function currencyCode(currency: string | null | undefined): string {
  const code = (currency ?? "").trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) return "USD";
  try {
    currencyFormat(code);
    return code;
  } catch {
    return "USD";
  }
}

/** Fraction digits for an amount below one unit: two at least, else two significant digits. */
function subUnitDigits(a: number): number {
  return Math.min(10, Math.max(2, Math.ceil(-Math.log10(a)) + 1));
}

/**
 * An amount of money. Whole units and up: the currency's usual decimals. Below one unit: two
 * significant digits, at least cents, trailing zeros past the cents dropped.
 *
 * @example
 * formatMoney(580000); // "$580,000.00"
 * formatMoney("6226.08", "EUR"); // "€6,226.08"
 * formatMoney(0.0123); // "$0.012"
 * formatMoney("0.000042"); // "$0.000042"
 * formatMoney(null); // "$0.00"
 */
export function formatMoney(value: string | number | null | undefined, currency = "USD"): string {
  const code = currencyCode(currency);
  const v = toNumber(value);
  const a = Math.abs(v);
  if (a === 0 || a >= 1) return currencyFormat(code).format(v);
  const digits = subUnitDigits(a);
  const text = currencyFormat(code, digits).format(v);
  // "$0.050" → "$0.05": significant digits past the cents only when they carry something
  return text.replace(/(\.\d{2}\d*?)0+(?=\D*$)/, "$1");
}

/** US dollars: {@link formatMoney} in USD. */
export function formatUsd(value: string | number | null | undefined): string {
  return formatMoney(value, "USD");
}

/**
 * Chart axis ticks: no forced cents, millions and up compact, sub-cent ticks significant.
 *
 * @example
 * formatMoneyTick(1234.56); // "$1,234.56"
 * formatMoneyTick(2_500_000); // "$2.5M"
 * formatMoneyTick(0.000026); // "$0.000026"
 */
export function formatMoneyTick(value: number, currency = "USD"): string {
  const code = currencyCode(currency);
  if (!Number.isFinite(value) || value === 0) return currencyFormat(code, 0).format(0);
  const a = Math.abs(value);
  if (a >= 1_000_000) return currencyFormat(code, undefined, true).format(value);
  if (a >= 1) return new Intl.NumberFormat(NUMBER_LOCALE, { style: "currency", currency: code, minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(value);
  return new Intl.NumberFormat(NUMBER_LOCALE, { style: "currency", currency: code, maximumSignificantDigits: 2 }).format(value);
}

/**
 * A price per million tokens as the price list writes it: the decimal as stored, with a symbol.
 *
 * @example
 * formatPerMillion("2.5"); // "$2.50"
 * formatPerMillion("0.075"); // "$0.075"
 */
export function formatPerMillion(value: string | number | null | undefined): string {
  return value == null || value === "" ? "—" : formatUsd(value);
}
