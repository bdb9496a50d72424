/**
 * Request signing as SDK 4.24 checks it (INNGEST-PROTOCOL.md §4):
 * `X-Inngest-Signature: t=<unix s>&s=HMAC_SHA256(key, JCS(body) + t)`, where the key is the
 * signing key without its `signkey-<env>-` prefix, used as UTF-8 text (not hex-decoded).
 * The SDK proves itself to us with `Authorization: Bearer <hashed signing key>`.
 */
import canonicalize from "canonicalize";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

const PREFIX = /^signkey-\w+-/;

/** Serialises a body exactly as it will be signed (RFC 8785 JSON canonicalization). */
export function canonicalBody(body: unknown): string {
  const s = canonicalize(body);
  if (s === undefined) throw new Error("Cannot canonicalize an undefined request body");
  return s;
}

/** The `X-Inngest-Signature` header value for a serialized body. */
export function signBody(serialized: string, signingKey: string, nowMs: number = Date.now()): string {
  const t = Math.floor(nowMs / 1000);
  const key = signingKey.replace(PREFIX, "");
  const s = createHmac("sha256", key).update(serialized + t).digest("hex");
  return `t=${t}&s=${s}`;
}

/**
 * The hashed form the SDK sends as a bearer token: the prefix kept, the rest
 * replaced by sha256 of its hex-decoded bytes.
 */
export function hashSigningKey(signingKey: string): string {
  const prefix = PREFIX.exec(signingKey)?.[0] ?? "";
  const raw = signingKey.slice(prefix.length);
  const bytes = /^[0-9a-f]*$/i.test(raw) && raw.length % 2 === 0 ? Buffer.from(raw, "hex") : Buffer.from(raw, "utf8");
  return prefix + createHash("sha256").update(bytes).digest("hex");
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Checks an `Authorization` header from the SDK (or an operator) against the signing key.
 * Accepts the hashed key (what the SDK sends) or the raw key (what a person would paste).
 */
export function verifyBearer(header: string | undefined, signingKey: string): boolean {
  if (!header?.startsWith("Bearer ")) return false;
  const got = header.slice("Bearer ".length).trim();
  return safeEqual(got, hashSigningKey(signingKey)) || safeEqual(got, signingKey);
}

/** Verifies an `X-Inngest-Signature` over a serialized body (used for signed SDK responses). */
export function verifySignature(
  header: string | undefined,
  serialized: string,
  signingKey: string,
  nowMs: number = Date.now(),
  maxSkewMs = 5 * 60_000,
): boolean {
  if (!header) return false;
  const params = new URLSearchParams(header);
  const t = Number(params.get("t"));
  const s = params.get("s");
  if (!Number.isFinite(t) || !s || Math.abs(nowMs - t * 1000) > maxSkewMs) return false;
  const key = signingKey.replace(PREFIX, "");
  const want = createHmac("sha256", key).update(serialized + t).digest("hex");
  return safeEqual(want, s);
}
