/**
 * Hashing, tokens and encryption at rest. Provider keys and secrets are
 * encrypted with AES-256-GCM under a key derived from SWITCHYARD_SECRET;
 * API keys and invitation tokens are stored only as SHA-256 hashes.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { derivedKey } from "./env";

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** URL-safe random token. */
export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString("base64url");
}

const VERSION = "v1";

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derivedKey("encryption"), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function decryptSecret(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error("Unrecognised encrypted value.");
  const decipher = createDecipheriv("aes-256-gcm", derivedKey("encryption"), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

/** `t=<unix seconds>,v1=<hex hmac of "t.body">`, the signature on outbound webhooks. */
export function signPayload(secret: string, body: string, at = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac("sha256", secret).update(`${at}.${body}`).digest("hex");
  return `t=${at},v1=${mac}`;
}

export function verifySignature(secret: string, body: string, header: string, toleranceSec = 300): boolean {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=") as [string, string]));
  const at = Number(parts.t);
  if (!Number.isFinite(at) || Math.abs(Date.now() / 1000 - at) > toleranceSec || !parts.v1) return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(`${at}.${body}`).digest("hex"));
  const given = Buffer.from(parts.v1);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
