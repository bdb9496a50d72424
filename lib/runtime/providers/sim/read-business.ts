/**
 * Business sense for the simulated provider: what an order e-mail or an upstream result says
 * about currency, line items and decisions, so simulated outputs agree with the text they were
 * given (a request the approver approved is closed as approved; an order in euros stays in
 * euros; the items are the ones listed, not invented ones).
 *
 * Everything here is a pure function of its text: the simulated provider stays deterministic.
 */

const CURRENCY_CODES = ["EUR", "USD", "GBP", "CHF", "JPY", "CAD", "AUD", "SEK", "NOK", "DKK", "PLN", "CZK", "CNY", "INR"];
const CURRENCY_SYMBOLS: Record<string, string> = { "€": "EUR", $: "USD", "£": "GBP", "¥": "JPY" };

/**
 * The ISO code of the first currency the text names, by code (`EUR 12`, `"currency":"eur"`)
 * or by symbol (`€12`), or `undefined`.
 *
 * @example
 * detectCurrency("Total: € 1,200.00"); // "EUR"
 */
export function detectCurrency(text: string): string | undefined {
  const code = new RegExp(`(?:^|[^A-Za-z])(${CURRENCY_CODES.join("|")})(?![A-Za-z])`, "i").exec(text);
  const symbol = /[€$£¥]/.exec(text);
  if (code && (!symbol || code.index <= symbol.index)) return code[1]!.toUpperCase();
  return symbol ? CURRENCY_SYMBOLS[symbol[0]] : undefined;
}

/** A value that reads as a currency code: `EUR`, `eur`, `€`. */
export function asCurrencyCode(value: string): string | undefined {
  const trimmed = value.trim();
  if (CURRENCY_SYMBOLS[trimmed]) return CURRENCY_SYMBOLS[trimmed];
  return /^[A-Za-z]{3}$/.test(trimmed) && CURRENCY_CODES.includes(trimmed.toUpperCase()) ? trimmed.toUpperCase() : undefined;
}

/** One order line read from text. */
export interface LineItem {
  quantity: number;
  description: string;
  unitPrice: number;
  sku?: string;
  currency?: string;
}

const MONEY = String.raw`(?:([A-Za-z]{3})\s*|([€$£¥])\s*)?(\d[\d,]*(?:\.\d+)?)(?:\s*([A-Za-z]{3})(?![A-Za-z])|\s*([€$£¥]))?`;
const LINE = new RegExp(
  String.raw`^[ \t]*(?:[-*•][ \t]*|\d+[.)][ \t]+)?(?:[A-Za-z][A-Za-z ]{0,19}:[ \t]*)?(\d+(?:\.\d+)?)[ \t]*(?:x|×|pcs\.?|units?|ea\.?)[ \t]+(.+?)[ \t]+(?:at|@|à)[ \t]+${MONEY}(?:[ \t]*(?:each|per unit|/[ \t]*unit|ea\.?|apiece))?[ \t]*[.;]?[ \t]*$`,
  "gim",
);

/**
 * The order lines of a text, one per line in the form `12 x Shelving unit (SKU SH-480) at EUR
 * 389.00` (also `- 3 pcs Cable @ $4.50 each`, `Items: 40 x Chair at 189.00 EUR`).
 *
 * @example
 * parseLineItems("- 2 x Desk lamp at EUR 30.00")[0]; // { quantity: 2, description: "Desk lamp", unitPrice: 30, currency: "EUR" }
 */
export function parseLineItems(text: string): LineItem[] {
  const items: LineItem[] = [];
  for (const match of text.matchAll(LINE)) {
    const [, quantity, rawDescription, codeBefore, symbolBefore, amount, codeAfter, symbolAfter] = match;
    const sku = /\(\s*(?:sku|art(?:icle)?\.?|part(?:\s*no\.?)?)[:#\s]*([A-Za-z0-9][\w./-]*)\s*\)/i.exec(rawDescription!);
    const description = rawDescription!.replace(sku?.[0] ?? "", "").replace(/\s+/g, " ").trim();
    const currency = asCurrencyCode(codeBefore ?? symbolBefore ?? codeAfter ?? symbolAfter ?? "");
    items.push({
      quantity: Number(quantity),
      description,
      unitPrice: Number(amount!.replace(/,/g, "")),
      ...(sku ? { sku: sku[1] } : {}),
      ...(currency ? { currency } : {}),
    });
  }
  return items;
}

/** What a decision-like enum value means. */
export type Verdict = "approve" | "reject" | "hold";

const VERDICT_WORDS: Record<Verdict, RegExp> = {
  approve: /^(approve|approved|accept|accepted|allow|allowed|pass|passed|go|proceed|yes)$/i,
  reject: /^(reject|rejected|deny|denied|decline|declined|refuse|refused|block|blocked|no)$/i,
  hold: /^(hold|on_hold|review|escalate|escalated|pending|defer|deferred|wait)$/i,
};

/** The verdict an enum value stands for (`"approved"` → approve), or `undefined`. */
export function verdictOf(value: unknown): Verdict | undefined {
  if (typeof value !== "string") return undefined;
  return (Object.keys(VERDICT_WORDS) as Verdict[]).find((v) => VERDICT_WORDS[v].test(value.trim()));
}

/**
 * The enum value a statement names: its first word (`"approve by user:1 (fine)"` → approve,
 * `"Approved"` → approve), or a value it contains as a whole word.
 */
export function enumFromStatement(values: readonly unknown[], stated: string): unknown {
  const text = stated.trim().toLowerCase();
  const first = /^[\p{L}\p{N}_-]+/u.exec(text)?.[0];
  if (first) {
    const exact = values.find((v) => String(v).toLowerCase() === first);
    if (exact !== undefined) return exact;
    // approved → approve, rejected → reject
    const stem = values.find((v) => String(v).length >= 4 && first.startsWith(String(v).toLowerCase()));
    if (stem !== undefined) return stem;
    const verdict = verdictOf(first);
    const same = verdict ? values.find((v) => verdictOf(v) === verdict) : undefined;
    if (same !== undefined) return same;
  }
  return values.find((v) => new RegExp(`(^|[^\\p{L}\\p{N}_])${escapeRegExp(String(v).toLowerCase())}($|[^\\p{L}\\p{N}_])`, "u").test(text));
}

/**
 * The verdict upstream data supports when no one stated one: a sanctions hit, a suspended or
 * unverified vendor → reject; a high or medium risk, or a price found unfair → hold; otherwise
 * approve.
 *
 * @example
 * judgeVerdict('Compliance: {"risk":"low"} Pricing: {"fairPrice":true}'); // "approve"
 */
export function judgeVerdict(text: string): Verdict {
  const says = (label: string, value: string) =>
    new RegExp(`(^|[^a-z0-9])${label}["']?\\s*[:=]\\s*["']?(${value})(?![a-z0-9])`, "i").test(text);
  if (says("sanctions[_\\s-]?hit", "true|yes") || says("status", "suspended|blocked|blacklisted") || says("verified", "false|no")) return "reject";
  if (says("risk", "high|medium") || says("fair[_\\s-]?price", "false|no") || says("needs[_\\s-]?human", "true|yes")) return "hold";
  return "approve";
}

/** What follows a verdict, for a "next step" enum beside it. */
const FOLLOWS: Record<Verdict, RegExp> = {
  approve: /create|order|purchase|proceed|pay|execute|fulfil/i,
  reject: /notify|inform|close|decline|cancel/i,
  hold: /request|quote|review|ask|info|clarif|escalat/i,
};

/** The value of `values` that follows `verdict` (`create_purchase_order` after approve), if any. */
export function followingValue(values: readonly unknown[], verdict: Verdict): unknown {
  return values.find((v) => typeof v === "string" && FOLLOWS[verdict].test(v));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
