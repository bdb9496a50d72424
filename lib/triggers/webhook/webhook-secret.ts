/**
 * A webhook trigger's secret: Standard Webhooks' format (`whsec_` + base64 of 24 random bytes),
 * kept encrypted on the Trigger row (`secretEnc`). Rotating it keeps the previous one valid for
 * a grace period (in `state.previousSecret`), so senders can switch over without losing
 * deliveries: a delivery signed with either is accepted (Standard Webhooks allows a sender to
 * send both signatures while it switches).
 */
import { randomBytes } from "node:crypto";
import { decryptSecret } from "../../crypto";
import { isPlainObject } from "../../graphs/spec/json";

export const WEBHOOK_SECRET_PREFIX = "whsec_";

/** How long a rotated-out secret still verifies deliveries. */
export const WEBHOOK_SECRET_GRACE_MS = 24 * 3600_000;

/** A fresh secret. @example newWebhookSecret() // "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" */
export function newWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(24).toString("base64")}`;
}

/** What a webhook trigger remembers of its previous secret while the grace period lasts. */
export interface PreviousSecret {
  enc: string;
  validUntil: string;
}

/** The previous secret kept in a trigger's `state`, when it is still within its grace period. */
export function previousSecretOf(state: unknown, now = new Date()): PreviousSecret | null {
  const prev = isPlainObject(state) ? state.previousSecret : undefined;
  if (!isPlainObject(prev) || typeof prev.enc !== "string" || typeof prev.validUntil !== "string") return null;
  return new Date(prev.validUntil).getTime() > now.getTime() ? { enc: prev.enc, validUntil: prev.validUntil } : null;
}

/** The secrets a delivery may be signed with now: the current one, then the previous one in its grace period. */
export function validSecrets(row: { secretEnc: string | null; state: unknown }, now = new Date()): string[] {
  const out: string[] = [];
  if (row.secretEnc) out.push(decryptSecret(row.secretEnc));
  const prev = previousSecretOf(row.state, now);
  if (prev) out.push(decryptSecret(prev.enc));
  return out;
}
