/**
 * Finds the value of a named field in free text, so simulated structured output can echo what
 * the prompt (or a tool result) says: `supplier: ACME Corp` or `"supplier": "ACME Corp"` gives
 * `ACME Corp` for a property named `supplier`. Property names match their spoken forms too:
 * `invoiceNumber` matches `invoice number:`, `invoice_number=` and `Invoice-Number -`.
 *
 * When the name itself is not a label, a few everyday synonyms are (a `supplier` is the
 * `Vendor:` or the sender named in `From: ACME Ltd <sales@acme.example>`, a `tax` is the
 * `VAT:`), and an id field reads the id after its bare noun (`requestId` from `Request: PR-7`).
 */

/** Labels that mean the same as a property name, tried after the name itself (lower case). */
const SYNONYMS: Record<string, string[]> = {
  supplier: ["vendor", "seller", "from"],
  vendor: ["supplier", "seller", "from"],
  seller: ["supplier", "vendor", "from"],
  sender: ["from"],
  customer: ["client", "buyer"],
  tax: ["vat", "gst", "sales tax"],
  total: ["grand total", "total due", "amount due"],
  currency: ["currency code"],
};

/** An id-like token: letters, digits and dashes with at least one digit (`PR-2291`, `INV7`). */
const ID_TOKEN = /^[A-Za-z0-9][A-Za-z0-9_./-]*\d[A-Za-z0-9_./-]*/;

/**
 * The raw text after `<name>:` (or `=`) in `source`, up to the end of the line or a
 * delimiter, or `undefined` when the name does not appear as a label.
 *
 * @example
 * extractField("supplier", "Invoice from\nsupplier: ACME Corp\ntotal: 12.50"); // "ACME Corp"
 * extractField("invoiceNumber", '{"invoice_number":"INV-7"}'); // "INV-7"
 */
export function extractField(name: string, source: string): string | undefined {
  const stated = extract(name, source, "\\n,;}\\]");
  if (stated !== undefined) return stated;
  for (const synonym of SYNONYMS[name.toLowerCase()] ?? []) {
    const value = extract(synonym, source, "\\n,;}\\]");
    // `From: ACME Ltd <sales@acme.example>` names the sender before the address
    const named = synonym === "from" ? value?.replace(/<[^>]*>/g, "").replace(/^["']|["']$/g, "").trim() : value;
    if (named) return named;
  }
  // `requestId` ← `Request: PR-2291`, `orderNumber` ← `Order - 77-A`
  const noun = /^(.+?)[\s_-]?(?:id|number|no|ref|reference)$/i.exec(name)?.[1];
  if (noun) {
    const value = extract(noun, source, "\\n,;}\\]");
    const token = value?.match(ID_TOKEN)?.[0];
    if (token) return token.replace(/[./]$/, "");
  }
  return undefined;
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
  let raw = extract(name, source, "\\n;}\\]");
  for (const synonym of raw === undefined ? (SYNONYMS[name.toLowerCase()] ?? []) : []) {
    raw = extract(synonym, source, "\\n;}\\]");
    if (raw !== undefined) break;
  }
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
