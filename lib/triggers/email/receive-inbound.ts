import "server-only";
import { timingSafeEqual } from "node:crypto";
import type { z } from "zod";
import { checkJsonValue } from "../../api/read-json";
import { AppError, invalid } from "../../errors";
import { emailMaxBytes, inboundToken } from "../../env";
import { deliverInboundEmail, RETRY_LATER, shouldRetryLater, type TEmailDelivery } from "./deliver-email";
import { type ZAddresses, ZInboundEmailRequestSchema, type ZPostmarkAddress, ZPostmarkInboundSchema } from "./inbound-schemas";
import { emailDedupeKey, mailbox, normaliseEmail, parseAddressList, parseRawEmail, type TInboundEmail, type TMailbox } from "./inbound-email";
import { readCappedBody } from "../../net/read-capped";
import { assertJsonContentType, decodeUtf8, parseJsonText } from "../../api/read-json";

/**
 * The inbound-parse endpoints (`POST /api/v1/inbound/email`, `…/postmark`, `…/mailgun`): a
 * provider (or a relay script) posts each received message; every e-mail trigger it is
 * addressed to fires once per Message-ID, exactly as through the SMTP listener.
 */

function same(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Refuses (401) a request without the deployment's inbound token (`SWITCHYARD_INBOUND_TOKEN`):
 * as the basic-auth password (or user name, for providers that only take one), a bearer token,
 * or `?token=`.
 */
export function checkInboundToken(req: Request): void {
  const token = inboundToken();
  if (!token) {
    throw new AppError("unauthorized", "Inbound e-mail over HTTP is off: set SWITCHYARD_INBOUND_TOKEN on the server, and give it to your provider as the basic-auth password or ?token=.");
  }
  const header = req.headers.get("authorization") ?? "";
  const given: string[] = [];
  const query = new URL(req.url).searchParams.get("token");
  if (query) given.push(query);
  const [scheme, value = ""] = header.split(/\s+/, 2);
  if (/^bearer$/i.test(scheme ?? "")) given.push(value);
  if (/^basic$/i.test(scheme ?? "")) {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    given.push(colon === -1 ? decoded : decoded.slice(colon + 1));
    if (colon > 0 && colon === decoded.length - 1) given.push(decoded.slice(0, colon));
  }
  if (!given.some((g) => same(g, token))) {
    throw new AppError("unauthorized", "The inbound token is missing or wrong: send SWITCHYARD_INBOUND_TOKEN as the basic-auth password, a bearer token or ?token=.");
  }
}

/** The largest inbound request body: a message at the size cap, base64-encoded inside JSON or a form, plus room for the envelope. */
export function inboundBodyLimit(): number {
  return Math.ceil((emailMaxBytes() * 4) / 3) + 1024 * 1024;
}

/** The request body as bytes, refused with 413 over {@link inboundBodyLimit}. */
export async function readInboundBody(req: Request): Promise<Buffer> {
  const max = inboundBodyLimit();
  return readCappedBody(req, max, () =>
    new AppError("payload_too_large", `The request body is larger than ${max} bytes, the limit for inbound e-mail (SWITCHYARD_EMAIL_MAX_BYTES, encoded).`, undefined, { details: { maxBytes: max } }),
  );
}

/** A JSON body within the inbound limits: 415 for another type, 400 malformed, 422 for deep nesting, NUL or lone surrogates (naming the field). */
export async function readInboundJson(req: Request): Promise<unknown> {
  assertJsonContentType(req);
  return parseJsonText(decodeUtf8(await readInboundBody(req)));
}

function boxes(value: z.infer<typeof ZAddresses> | undefined): TMailbox[] {
  if (value === undefined) return [];
  const list = typeof value === "string" ? [value] : value;
  return list.flatMap((v) => (typeof v === "string" ? parseAddressList(v) : [mailbox(v.address, v.name ?? "")]));
}

/** What an inbound-parse endpoint answers: 202 with each trigger's outcome; 404 when no trigger receives for any recipient; 429 when backpressure refused a fire for now. */
async function deliver(email: TInboundEmail, recipients: string[], dedupeKey: string, field: string): Promise<{ status: number; body: Record<string, unknown>; headers?: Record<string, string> }> {
  const { deliveries, unknown } = await deliverInboundEmail(email, recipients, dedupeKey);
  if (!deliveries.length) {
    const shown = recipients.slice(0, 5).join(", ") || "(none)";
    throw new AppError("not_found", `No e-mail trigger receives mail for ${shown}.`, [{ path: field, message: `no e-mail trigger receives mail for ${shown}` }]);
  }
  const body = { messageId: email.messageId, dedupeKey, deliveries: deliveries.map(shownDelivery), unknown };
  const failed = deliveries.find((d) => shouldRetryLater(d) && !RETRY_LATER.includes(d.outcome));
  if (failed) {
    throw new AppError("unavailable", `The message could not be delivered to ${failed.trigger} for now. Deliver it again (the same Message-ID starts nothing twice).`, undefined, {
      details: body,
      headers: { "Retry-After": "5" },
    });
  }
  const later = deliveries.filter((d) => RETRY_LATER.includes(d.outcome));
  if (later.length) {
    const seconds = Math.max(1, Math.ceil(Math.max(...later.map((d) => d.retryAfterMs ?? 1000)) / 1000));
    throw new AppError(
      "rate_limited",
      `The graph is busy: ${later[0]!.reason ?? later[0]!.outcome}. Deliver the message again after ${seconds} s (the same Message-ID starts nothing twice).`,
      undefined,
      {
        details: body,
        headers: { "Retry-After": String(seconds) },
      },
    );
  }
  return { status: 202, body };
}

function shownDelivery(d: TEmailDelivery) {
  return { recipient: d.recipient, trigger: d.trigger, graphId: d.graphId, outcome: d.outcome, runId: d.runId, reason: d.reason, fireId: d.fireId };
}

/** The generic form (fields or `{ raw }`). */
export async function receiveGenericEmail(req: Request) {
  const parsed = ZInboundEmailRequestSchema.safeParse(await readInboundJson(req));
  if (!parsed.success) throw invalid(parsed.error);
  const body = parsed.data;
  if (body.raw !== undefined) {
    const bytes = Buffer.byteLength(body.raw);
    if (bytes > emailMaxBytes())
      throw new AppError("payload_too_large", `The message is ${bytes} bytes; the limit is ${emailMaxBytes()} (SWITCHYARD_EMAIL_MAX_BYTES).`, [
        { path: "raw", message: `is larger than ${emailMaxBytes()} bytes` },
      ]);
    const email = await parseRawEmail(body.raw);
    const recipients = body.recipients ?? [...email.to, ...email.cc].map((m) => m.address);
    return deliver(email, recipients, emailDedupeKey(email, body.raw), body.recipients ? "recipients" : "raw");
  }
  const { recipients: envelope, ...fields } = body;
  const email = normaliseEmail({
    from: typeof fields.from === "string" ? (parseAddressList(fields.from)[0] ?? null) : fields.from ? mailbox(fields.from.address, fields.from.name ?? "") : null,
    to: boxes(fields.to),
    cc: boxes(fields.cc),
    replyTo: boxes(fields.replyTo),
    subject: fields.subject,
    text: fields.text,
    html: fields.html,
    messageId: fields.messageId,
    inReplyTo: fields.inReplyTo,
    references: fields.references,
    date: fields.date,
    attachments: (fields.attachments ?? []).map((a) => ({ filename: a.filename ?? null, contentType: a.contentType ?? "application/octet-stream", size: a.size })),
  });
  const recipients = envelope ?? [...email.to, ...email.cc].map((m) => m.address);
  return deliver(email, recipients, emailDedupeKey(email, fields), envelope ? "recipients" : "to");
}

/** Postmark's inbound JSON (`FromFull`, `ToFull`, `Subject`, `TextBody`, `HtmlBody`, `Headers`, `Attachments`…). The message's own Message-ID header dedupes (Postmark's `MessageID` when it has none). */
export async function receivePostmarkEmail(req: Request) {
  const parsed = ZPostmarkInboundSchema.safeParse(await readInboundJson(req));
  if (!parsed.success) throw invalid(parsed.error);
  const p = parsed.data;
  const header = (name: string) => p.Headers?.find((h) => h.Name.toLowerCase() === name)?.Value ?? null;
  const list = (items: z.infer<typeof ZPostmarkAddress>[] | null | undefined) => (items ?? []).map((a) => mailbox(a.Email, a.Name ?? ""));
  const email = normaliseEmail({
    from: p.FromFull ? mailbox(p.FromFull.Email, p.FromFull.Name ?? "") : (parseAddressList(p.From)[0] ?? null),
    to: list(p.ToFull),
    cc: list(p.CcFull),
    replyTo: parseAddressList(p.ReplyTo),
    subject: p.Subject,
    text: p.TextBody,
    html: p.HtmlBody,
    messageId: header("message-id") ?? p.MessageID,
    inReplyTo: header("in-reply-to"),
    references: header("references"),
    date: p.Date ?? header("date"),
    attachments: (p.Attachments ?? []).map((a) => ({
      filename: a.Name ?? null,
      contentType: a.ContentType ?? "application/octet-stream",
      size: a.ContentLength ?? (a.Content ? Buffer.from(a.Content, "base64").byteLength : 0),
    })),
  });
  const recipients = [p.OriginalRecipient, ...[...(p.ToFull ?? []), ...(p.CcFull ?? []), ...(p.BccFull ?? [])].map((a) => a.Email)].filter((r): r is string => !!r);
  const { Attachments: _dropped, ...rest } = p;
  return deliver(email, recipients, emailDedupeKey(email, rest), "ToFull");
}

/**
 * Mailgun's inbound route (a form post: `recipient`, `from`, `subject`, `body-plain`,
 * `body-html`, `Message-Id`, `message-headers`, attachments as files; or `body-mime` with the
 * raw message when the route's URL asks for MIME).
 */
export async function receiveMailgunEmail(req: Request) {
  const type = req.headers.get("content-type") ?? "";
  if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)\s*(;|$)/i.test(type)) {
    throw new AppError(
      "unsupported_media_type",
      `Mailgun posts a form: send "content-type: multipart/form-data" or "application/x-www-form-urlencoded" (it was ${type ? `"${type.slice(0, 100)}"` : "not given"}).`,
      [{ path: "content-type", message: "must be multipart/form-data or application/x-www-form-urlencoded" }],
    );
  }
  const bytes = await readInboundBody(req);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(bytes), { headers: { "content-type": type } }).formData();
  } catch (err) {
    throw new AppError("bad_request", `The form cannot be read: ${(err as Error).message.slice(0, 200)}`);
  }
  const field = (name: string): string | null => {
    const v = form.get(name);
    return typeof v === "string" ? v : null;
  };
  for (const [key, value] of form.entries()) {
    const problem = typeof value === "string" ? checkJsonValue({ [key]: value }) : [];
    if (problem.length) throw new AppError("validation_failed", `Invalid input: ${problem.map((i) => `${i.path}: ${i.message}`).join("; ")}`, problem);
  }
  const envelope = (field("recipient") ?? "")
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean);
  const mime = field("body-mime");
  if (mime !== null) {
    if (Buffer.byteLength(mime) > emailMaxBytes())
      throw new AppError("payload_too_large", `The message is larger than ${emailMaxBytes()} bytes (SWITCHYARD_EMAIL_MAX_BYTES).`, [{ path: "body-mime", message: "is too large" }]);
    const email = await parseRawEmail(mime);
    return deliver(email, envelope.length ? envelope : [...email.to, ...email.cc].map((m) => m.address), emailDedupeKey(email, mime), "recipient");
  }
  let headers: [string, string][] = [];
  try {
    const parsed = JSON.parse(field("message-headers") ?? "[]");
    if (Array.isArray(parsed)) headers = parsed.filter((h): h is [string, string] => Array.isArray(h) && typeof h[0] === "string" && typeof h[1] === "string");
  } catch {
    throw new AppError("validation_failed", "message-headers is not JSON (a list of [name, value] pairs).", [{ path: "message-headers", message: "must be a JSON list of [name, value] pairs" }]);
  }
  const header = (name: string) => headers.find(([k]) => k.toLowerCase() === name)?.[1] ?? null;
  const files = [...form.entries()].flatMap(([key, value]) => (key.startsWith("attachment") && typeof value !== "string" ? [value] : []));
  const email = normaliseEmail({
    from: parseAddressList(field("from") ?? field("sender"))[0] ?? null,
    to: parseAddressList(field("To") ?? header("to")),
    cc: parseAddressList(field("Cc") ?? header("cc")),
    replyTo: parseAddressList(header("reply-to")),
    subject: field("subject") ?? field("Subject"),
    text: field("body-plain"),
    html: field("body-html"),
    messageId: field("Message-Id") ?? header("message-id"),
    inReplyTo: field("In-Reply-To") ?? header("in-reply-to"),
    references: field("References") ?? header("references"),
    date: field("Date") ?? header("date"),
    attachments: files.map((f) => ({ filename: f.name || null, contentType: f.type || "application/octet-stream", size: f.size })),
  });
  if (!envelope.length) throw new AppError("validation_failed", "recipient is required: the address Mailgun received the message for.", [{ path: "recipient", message: "is required" }]);
  const fields = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"));
  return deliver(email, envelope, emailDedupeKey(email, fields), "recipient");
}
