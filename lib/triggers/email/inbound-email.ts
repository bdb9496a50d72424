/**
 * The one shape every inbound e-mail takes, whichever way it arrived (the SMTP listener, the
 * generic JSON endpoint with fields or a raw message, a provider's inbound JSON): what an e-mail
 * trigger's `input` mapping sees as `event`, and the run's input when it has no mapping.
 * Attachments are described (name, type, size), never carried. A trigger's `event` adds `id`
 * (what dedupes it: the Message-ID, or a hash of the message without one), `recipient` (the
 * trigger's address) and `tag` (the `+tag` the sender put after it, or null).
 */
import { createHash } from "node:crypto";
import PostalMime, { type Address, addressParser } from "postal-mime";

/** One mailbox: `text` is how a mail client shows it, `ACME Supply <sales@acme.example>`. */
export interface TMailbox {
  address: string;
  name: string;
  text: string;
}

export interface TInboundAttachment {
  filename: string | null;
  contentType: string;
  size: number;
}

/** A normalised inbound e-mail (`event` of an e-mail trigger). */
export interface TInboundEmail {
  from: TMailbox;
  to: TMailbox[];
  cc: TMailbox[];
  replyTo: TMailbox[];
  subject: string;
  /** the plain-text body; derived from the HTML when the message has only HTML */
  text: string;
  html: string | null;
  /** without angle brackets; null when the message has none */
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  /** the conversation it belongs to: the first Message-ID of its References, else its In-Reply-To, else its own Message-ID (null without any) */
  threadId: string | null;
  /** reference codes its subject names, in order (`PR-2291`, `PO-77`, `INV-2026-104`): the keys a purchase request, order or ticket goes by */
  subjectRefs: string[];
  /** what it is about, for a run's key: its subject's first reference code, else its thread's id (a reply belongs to the request its thread began with) */
  reference: string | null;
  /** when it was sent (ISO 8601), or when it was received if its Date header is missing or unreadable */
  date: string;
  receivedAt: string;
  attachments: TInboundAttachment[];
  /** set when `text` or `html` was cut to {@link MAX_BODY_CHARS} */
  truncated?: true;
}

/** The most characters of `text` and of `html` kept in a run's input. */
export const MAX_BODY_CHARS = 256 * 1024;

/**
 * Text safe to store: no NUL (PostgreSQL refuses it in JSON) and no lone surrogate.
 *
 * @example clean("a\u0000b") // "ab"
 */
export function clean(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what is removed here
  return text.replace(/\u0000/g, "").replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

/** A mailbox from an address and a display name. */
export function mailbox(address: string, name = ""): TMailbox {
  const a = clean(address).trim();
  const n = clean(name).replace(/\s+/g, " ").trim();
  return { address: a, name: n, text: n ? `${/[",<>@()]/.test(n) ? JSON.stringify(n) : n} <${a}>` : a };
}

/**
 * Mailboxes from header text (`"Anna" <a@x>, b@y`), groups flattened.
 *
 * @example parseAddressList("ACME <sales@acme.example>")[0].name // "ACME"
 */
export function parseAddressList(text: string | null | undefined): TMailbox[] {
  if (!text?.trim()) return [];
  return addressParser(clean(text), { flatten: true })
    .filter((m) => typeof m.address === "string" && m.address.includes("@"))
    .map((m) => mailbox(m.address!, m.name));
}

/** `<abc@x>` → `abc@x`. */
export function bareMessageId(id: string | null | undefined): string | null {
  const text = clean(id ?? "")
    .trim()
    .replace(/^<|>$/g, "")
    .trim();
  return text ? text.slice(0, 998) : null;
}

/** A plain-text rendering of an HTML body, for messages without a text part. */
export function htmlToText(html: string): string {
  const entities: Record<string, string> = { nbsp: " ", amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'" };
  return html
    .replace(/<(script|style|head)[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|tr|h[1-6]|table|blockquote)\s*>/gi, "\n")
    .replace(/<li[^>]*>/gi, "- ")
    .replace(/<[^>]+>/g, "")
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+\d*);/gi, (whole, name: string) => {
      const key = name.toLowerCase();
      if (entities[key] !== undefined) return entities[key];
      if (key.startsWith("#x")) return String.fromCodePoint(Number.parseInt(key.slice(2), 16) || 0xfffd);
      if (key.startsWith("#")) return String.fromCodePoint(Number(key.slice(1)) || 0xfffd);
      return whole;
    })
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function isoDate(value: string | null | undefined, fallback: Date): string {
  const t = value ? Date.parse(value) : Number.NaN;
  return Number.isFinite(t) ? new Date(t).toISOString() : fallback.toISOString();
}

/** The fields an e-mail is built from, before normalising (every way in fills what it has). */
export interface TEmailFields {
  from?: TMailbox | null;
  to?: TMailbox[];
  cc?: TMailbox[];
  replyTo?: TMailbox[];
  subject?: string | null;
  text?: string | null;
  html?: string | null;
  messageId?: string | null;
  inReplyTo?: string | null;
  references?: string | string[] | null;
  date?: string | null;
  attachments?: TInboundAttachment[];
}

/** A reference code: letters (and digits) then a number, hyphen-joined, as purchase requests, orders, invoices and tickets are keyed. */
const REFERENCE_CODE = /(?<![\p{L}\p{N}-])([A-Z][A-Z0-9]{1,9}(?:-[A-Z0-9]{1,12})*-\d{1,12})(?![\p{L}\p{N}-])/gu;

/**
 * The reference codes a subject names, in order, each once.
 *
 * @example referenceCodes("Re: Quote for PR-2291 (was PO-77, PR-2291)") // ["PR-2291", "PO-77"]
 */
export function referenceCodes(subject: string): string[] {
  return [...new Set([...subject.matchAll(REFERENCE_CODE)].map((m) => m[1]!))].slice(0, 20);
}

/** The normalised e-mail from its fields; `receivedAt` is now unless given. */
export function normaliseEmail(fields: TEmailFields, receivedAt = new Date()): TInboundEmail {
  const html = fields.html ? clean(fields.html) : null;
  let text = clean(fields.text ?? "");
  if (!text.trim() && html) text = htmlToText(html);
  const cut = (s: string) => (s.length > MAX_BODY_CHARS ? s.slice(0, MAX_BODY_CHARS) : s);
  const truncated = text.length > MAX_BODY_CHARS || (html?.length ?? 0) > MAX_BODY_CHARS;
  const refs = Array.isArray(fields.references) ? fields.references : (fields.references ?? "").split(/\s+/);
  const subject = clean(fields.subject ?? "")
    .replace(/[\r\n]+\s*/g, " ")
    .trim();
  const references = refs.map(bareMessageId).filter((r): r is string => !!r);
  const messageId = bareMessageId(fields.messageId);
  const inReplyTo = bareMessageId(fields.inReplyTo);
  const threadId = references[0] ?? inReplyTo ?? messageId;
  const subjectRefs = referenceCodes(subject);
  return {
    from: fields.from ?? mailbox(""),
    to: fields.to ?? [],
    cc: fields.cc ?? [],
    replyTo: fields.replyTo ?? [],
    subject,
    text: cut(text),
    html: html === null ? null : cut(html),
    messageId,
    inReplyTo,
    references,
    threadId,
    subjectRefs,
    reference: subjectRefs[0] ?? threadId,
    date: isoDate(fields.date, receivedAt),
    receivedAt: receivedAt.toISOString(),
    attachments: (fields.attachments ?? []).map((a) => ({
      filename: a.filename === null ? null : clean(a.filename).slice(0, 500),
      contentType: clean(a.contentType).toLowerCase().slice(0, 200),
      size: a.size,
    })),
    ...(truncated ? { truncated: true as const } : {}),
  };
}

/**
 * Parses a raw RFC 822 message (MIME) into the normalised shape.
 *
 * @example
 * const email = await parseRawEmail("From: a@x\r\nSubject: Hi\r\nMessage-ID: <1@x>\r\n\r\nHello");
 * email.messageId; // "1@x"
 */
export async function parseRawEmail(raw: string | Uint8Array, receivedAt = new Date()): Promise<TInboundEmail> {
  const parsed = await PostalMime.parse(raw, { attachmentEncoding: "arraybuffer" });
  const boxes = (list: Address[] | undefined): TMailbox[] => (list ?? []).flatMap((a) => (a.group ? a.group.map((m) => mailbox(m.address, m.name)) : a.address ? [mailbox(a.address, a.name)] : []));
  const from = boxes(parsed.from ? [parsed.from] : parsed.sender ? [parsed.sender] : [])[0] ?? null;
  return normaliseEmail(
    {
      from,
      to: boxes(parsed.to),
      cc: boxes(parsed.cc),
      replyTo: boxes(parsed.replyTo),
      subject: parsed.subject,
      text: parsed.text,
      html: parsed.html,
      messageId: parsed.messageId,
      inReplyTo: parsed.inReplyTo,
      references: parsed.references,
      date: parsed.date,
      attachments: parsed.attachments.map((a) => ({
        filename: a.filename,
        contentType: a.mimeType,
        size: typeof a.content === "string" ? Buffer.byteLength(a.content) : a.content.byteLength,
      })),
    },
    receivedAt,
  );
}

/**
 * What dedupes an e-mail: its Message-ID, or a hash of the raw message (or of its fields) when
 * it has none. Long ids are hashed so the run's idempotency key stays within its limit.
 *
 * @example emailDedupeKey({ messageId: "1@x" }, "…") // "1@x"
 */
export function emailDedupeKey(email: Pick<TInboundEmail, "messageId">, raw: string | Uint8Array | unknown): string {
  if (email.messageId && email.messageId.length <= 150) return email.messageId;
  const hash = createHash("sha256");
  if (email.messageId) hash.update(`message-id:${email.messageId}`);
  else if (typeof raw === "string" || raw instanceof Uint8Array) hash.update(raw);
  else hash.update(JSON.stringify(raw));
  return `sha256:${hash.digest("hex")}`;
}
