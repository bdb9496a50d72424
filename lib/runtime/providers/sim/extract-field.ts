/**
 * Finds the value of a named field in free text, so simulated structured output can echo what
 * the prompt (or a tool result) says: `supplier: ACME Corp` or `"supplier": "ACME Corp"` gives
 * `ACME Corp` for a property named `supplier`. Property names match their spoken forms too:
 * `invoiceNumber` matches `invoice number:`, `invoice_number=` and `Invoice-Number -`.
 */

/**
 * The raw text after `<name>:` (or `=`) in `source`, up to the end of the line or a
 * delimiter, or `undefined` when the name does not appear as a label.
 *
 * @example
 * extractField("supplier", "Invoice from\nsupplier: ACME Corp\ntotal: 12.50"); // "ACME Corp"
 * extractField("invoiceNumber", '{"invoice_number":"INV-7"}'); // "INV-7"
 */
export function extractField(name: string, source: string): string | undefined {
  return extract(name, source, "\\n,;}\\]");
}

/** Like {@link extractField}, with the characters that end an unquoted value given. */
function extract(name: string, source: string, stopChars: string): string | undefined {
  for (const label of labelsFor(name)) {
    const pattern = new RegExp(
      `(?:^|[^A-Za-z0-9])${label}["']?\\s*(?::|=|\\s-\\s)\\s*(?:"([^"\\n]*)"|'([^'\\n]*)'|([^${stopChars}]+))`,
      "i",
    );
    const match = pattern.exec(source);
    const value = (match?.[1] ?? match?.[2] ?? match?.[3])?.trim().replace(/\.$/, "");
    if (value) return value.slice(0, 200);
  }
  return undefined;
}

/**
 * A number for a named field: `total: $1,234.50` → 1234.5.
 *
 * @example
 * extractNumber("total", "total: $1,234.50"); // 1234.5
 */
export function extractNumber(name: string, source: string): number | undefined {
  // Commas may be thousands separators here, so only line ends and delimiters end the value.
  const raw = extract(name, source, "\\n;}\\]");
  const match = raw?.replace(/,(?=\d{3}\b)/g, "").match(/-?\d+(?:\.\d+)?/);
  return match ? Number(match[0]) : undefined;
}

/**
 * A boolean for a named field: `approved: yes` → true.
 *
 * @example
 * extractBoolean("urgent", "urgent: no"); // false
 */
export function extractBoolean(name: string, source: string): boolean | undefined {
  const raw = extractField(name, source)?.toLowerCase();
  if (raw === undefined) return undefined;
  if (/^(true|yes|y|1)\b/.test(raw)) return true;
  if (/^(false|no|n|0)\b/.test(raw)) return false;
  return undefined;
}

/** Regex sources for a property name and its spoken forms, most specific first. */
function labelsFor(name: string): string[] {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map(escapeRegExp);
  const forms = new Set([escapeRegExp(name), words.join("[\\s_-]?")]);
  return [...forms];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
