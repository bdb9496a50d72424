/** Counts, token counts, percentages and file sizes, in one locale (see {@link NUMBER_LOCALE}). */
import { NUMBER_LOCALE } from "./money";

const integer = new Intl.NumberFormat(NUMBER_LOCALE, { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat(NUMBER_LOCALE, { notation: "compact", maximumFractionDigits: 1 });

/**
 * A count with thousands grouped; "—" when there is none.
 *
 * @example
 * formatCount(12345); // "12,345"
 */
export function formatCount(n: number | null | undefined): string {
  return n == null || !Number.isFinite(n) ? "—" : integer.format(n);
}

/**
 * Tokens in full, grouped ("12,345 tokens" when `unit` is set).
 *
 * @example
 * formatTokens(48000); // "48,000"
 * formatTokens(1, { unit: true }); // "1 token"
 */
export function formatTokens(n: number | null | undefined, opts: { unit?: boolean } = {}): string {
  const text = formatCount(n);
  if (!opts.unit || n == null) return text;
  return `${text} ${n === 1 ? "token" : "tokens"}`;
}

/**
 * A large count in short form for tight spaces: in full below 10,000, then "12.3K", "4.5M".
 *
 * @example
 * formatCompact(9800); // "9,800"
 * formatCompact(48_200); // "48.2K"
 * formatCompact(2_400_000); // "2.4M"
 */
export function formatCompact(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return "—";
  return Math.abs(n) < 10_000 ? integer.format(n) : compact.format(n);
}

/**
 * A percentage given in percent (42.5 → "42.5%"); one decimal below 10, none from 10 up,
 * unless `digits` says otherwise.
 *
 * @example
 * formatPercent(3.25); // "3.3%"
 * formatPercent(42.5); // "43%"
 * formatPercent(42.5, 1); // "42.5%"
 */
export function formatPercent(pct: number | null | undefined, digits?: number): string {
  if (pct == null || !Number.isFinite(pct)) return "—";
  const d = digits ?? (Math.abs(pct) < 10 ? 1 : 0);
  return `${new Intl.NumberFormat(NUMBER_LOCALE, { minimumFractionDigits: d, maximumFractionDigits: d }).format(pct)}%`;
}

/**
 * A size in bytes: "820 B", "14.2 KB", "3.1 MB".
 *
 * @example
 * formatBytes(3_250_000); // "3.1 MB"
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${formatCount(bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
