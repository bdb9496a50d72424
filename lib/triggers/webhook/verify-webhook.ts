/**
 * Who sent a webhook delivery: the signature over its raw body, checked against the trigger's
 * secret (and, during a rotation's grace period, its previous one). Two modes:
 * - `standard` (the default): Standard Webhooks, with the `standardwebhooks` package —
 *   `webhook-id`, `webhook-timestamp`, `webhook-signature` (`v1,<base64>`, several allowed),
 *   5 minutes of tolerance either way, so a captured delivery cannot be replayed later;
 * - `hmac`: one header holding an HMAC of the raw body (GitHub's `x-hub-signature-256:
 *   sha256=<hex>`, and the like), compared in constant time. The key is the secret's text as
 *   shown (what a person pastes into the sender's settings).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { AppError } from "../../errors";
import type { TWebhookVerification } from "../../graphs/spec/schema";

/** The Standard Webhooks headers. */
export const STANDARD_HEADERS = { id: "webhook-id", timestamp: "webhook-timestamp", signature: "webhook-signature" } as const;

/** Seconds a Standard Webhooks timestamp may differ from now (the package's fixed tolerance). */
export const STANDARD_TOLERANCE_SEC = 5 * 60;

/** The header names whose values are signatures: kept out of the event a run sees. */
export function signatureHeaders(verify: TWebhookVerification | undefined): string[] {
  return verify?.mode === "hmac" ? [verify.header.toLowerCase()] : [STANDARD_HEADERS.signature];
}

const unauthorized = (reason: string, fix: string) =>
  new AppError("unauthorized", `The delivery's signature was refused: ${reason}. ${fix}`, [{ path: "signature", message: reason }]);

const HEX = /^[0-9a-f]+$/i;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** An HMAC of `body` as the `hmac` mode's header carries it (prefix included). */
export function hmacSignature(secret: string, body: Uint8Array | string, opts: { algorithm?: string; encoding?: "hex" | "base64"; prefix?: string } = {}): string {
  return `${opts.prefix ?? ""}${createHmac(opts.algorithm ?? "sha256", secret).update(body).digest(opts.encoding ?? "hex")}`;
}

function verifyHmac(verify: Extract<TWebhookVerification, { mode: "hmac" }>, secrets: string[], raw: Buffer, headers: Headers): void {
  const name = verify.header.toLowerCase();
  const given = headers.get(name);
  const fix = `Sign the raw body with HMAC-${(verify.algorithm ?? "sha256").toUpperCase()} under the trigger's secret and send it in the ${name} header${verify.prefix ? `, after "${verify.prefix}"` : ""}, ${verify.encoding ?? "hex"}-encoded.`;
  if (!given) throw unauthorized(`the ${name} header is missing`, fix);
  const prefix = verify.prefix ?? "";
  if (!given.startsWith(prefix)) throw unauthorized(`the ${name} header does not start with "${prefix}"`, fix);
  const text = given.slice(prefix.length).trim();
  const encoding = verify.encoding ?? "hex";
  if (!(encoding === "hex" ? HEX.test(text) && text.length % 2 === 0 : BASE64.test(text))) throw unauthorized(`the ${name} header is not ${encoding}`, fix);
  const mac = Buffer.from(text, encoding);
  for (const secret of secrets) {
    const expected = createHmac(verify.algorithm ?? "sha256", secret).update(raw).digest();
    if (expected.length === mac.length && timingSafeEqual(expected, mac)) return;
  }
  throw unauthorized("the signature does not match the body", fix);
}

function verifyStandard(secrets: string[], body: string, headers: Headers): string {
  const fix = "Sign it as Standard Webhooks do (webhook-id, webhook-timestamp in Unix seconds within 5 minutes of now, webhook-signature v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the trigger's secret.";
  const h = { [STANDARD_HEADERS.id]: headers.get(STANDARD_HEADERS.id) ?? "", [STANDARD_HEADERS.timestamp]: headers.get(STANDARD_HEADERS.timestamp) ?? "", [STANDARD_HEADERS.signature]: headers.get(STANDARD_HEADERS.signature) ?? "" };
  const missing = Object.entries(h).filter(([, v]) => !v).map(([k]) => k);
  if (missing.length) throw unauthorized(`the ${missing.join(", ")} header${missing.length > 1 ? "s are" : " is"} missing`, fix);
  if (h[STANDARD_HEADERS.id].length > 200) throw unauthorized("the webhook-id header is longer than 200 characters", fix);
  let last: unknown;
  for (const secret of secrets) {
    try {
      new Webhook(secret).verify(body, h, { jsonParse: false });
      return h[STANDARD_HEADERS.id];
    } catch (err) {
      last = err;
    }
  }
  const message = last instanceof WebhookVerificationError ? last.message : "";
  if (/too old|too new/i.test(message)) throw unauthorized(`the webhook-timestamp is outside the ${STANDARD_TOLERANCE_SEC / 60}-minute window (a replay, or a clock that is off)`, fix);
  if (/Invalid Signature Headers/i.test(message)) throw unauthorized("the webhook-timestamp is not a number of seconds", fix);
  throw unauthorized("no v1 signature matches the body", fix);
}

/**
 * Verifies a delivery against the trigger's secrets (current first). Returns the webhook id
 * the signature vouches for (standard mode), or null.
 *
 * @throws AppError `unauthorized` (401) saying what was wrong and how to sign.
 * @example verifyWebhookDelivery(undefined, ["whsec_…"], raw, req.headers); // "msg_2x…"
 */
export function verifyWebhookDelivery(verify: TWebhookVerification | undefined, secrets: string[], raw: Buffer, headers: Headers): string | null {
  if (verify?.mode === "hmac") {
    verifyHmac(verify, secrets, raw, headers);
    return null;
  }
  return verifyStandard(secrets, raw.toString("utf8"), headers);
}
