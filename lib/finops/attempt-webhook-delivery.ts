import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { decryptSecret, signPayload } from "../crypto";
import { findOutboundBlocked, outboundFetch } from "../net/outbound";
import { webhookRetryBaseMs } from "../env";

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">` on outbound webhooks. */
export const SIGNATURE_HEADER = "x-switchyard-signature";
/** Header naming the delivery, the same on every attempt: receivers de-duplicate retries by it. */
export const DELIVERY_HEADER = "x-switchyard-delivery";

/** Attempts in all: the first (inline, when the event happens) and up to five retries. */
export const WEBHOOK_MAX_ATTEMPTS = 6;
const WEBHOOK_TIMEOUT_MS = 5_000;

/**
 * Delay before attempt `attempt` (2…): `SWITCHYARD_WEBHOOK_RETRY_MS` (default 60 s) × 3^(attempt − 2),
 * so 1 min, 3 min, 9 min, 27 min, 81 min — about two hours from the first attempt to the last.
 *
 * @example
 * webhookRetryDelayMs(2); // 60000
 */
export function webhookRetryDelayMs(attempt: number): number {
  return Math.round(webhookRetryBaseMs() * 3 ** Math.max(0, attempt - 2));
}

export interface AttemptLogEntry {
  attempt: number;
  at: string;
  statusCode?: number;
  error?: string;
  durationMs: number;
}

/** `done`: delivered or given up (nothing more to try); otherwise retry after `retryInMs`. */
export type AttemptOutcome = { done: true; status: "delivered" | "failed" } | { done: false; retryInMs: number };

/**
 * Makes attempt number `attempt` of one webhook delivery and records it on the row: a signed
 * POST of the stored body (fresh timestamp, same delivery id header), 5 s timeout, no redirects
 * followed. 2xx → delivered. A refused address (private/loopback/link-local, see
 * lib/net/outbound.ts and `SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS`), or a removed or disabled
 * endpoint, fails it for good; anything else is retried until {@link WEBHOOK_MAX_ATTEMPTS}.
 *
 * Idempotent per attempt number: an attempt the row already records (a step re-run after a
 * crash) is not made again.
 *
 * @example
 * const outcome = await attemptWebhookDelivery(ctx, deliveryId, 1);
 * if (!outcome.done) scheduleRetry(deliveryId, outcome.retryInMs);
 */
export async function attemptWebhookDelivery(ctx: WorkspaceContext, deliveryId: string, attempt: number): Promise<AttemptOutcome> {
  const delivery = await ctx.db.webhookDelivery.findFirst({ where: { id: deliveryId }, include: { endpoint: true } });
  if (!delivery) return { done: true, status: "failed" };
  if (delivery.status !== "pending") return { done: true, status: delivery.status };
  if (delivery.attempts >= attempt) {
    return delivery.attempts >= WEBHOOK_MAX_ATTEMPTS ? { done: true, status: "failed" } : { done: false, retryInMs: webhookRetryDelayMs(delivery.attempts + 1) };
  }
  const started = Date.now();
  let statusCode: number | undefined;
  let error: string | undefined;
  let permanent = false;
  if (!delivery.endpoint.enabled) {
    error = "The endpoint is disabled.";
    permanent = true;
  } else {
    try {
      const signature = signPayload(decryptSecret(delivery.endpoint.encryptedSecret), delivery.body);
      const init: RequestInit = {
        method: "POST",
        headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signature, [DELIVERY_HEADER]: delivery.id, "user-agent": "Switchyard-Webhooks/1" },
        body: delivery.body,
        redirect: "manual",
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      };
      // the guard refuses private addresses when connecting, unless its webhook policy allows them
      const res = await outboundFetch(delivery.endpoint.url, init, { purpose: "webhook" });
      await res.body?.cancel();
      statusCode = res.status;
      if (res.status < 200 || res.status > 299) error = `HTTP ${res.status}${res.status >= 300 && res.status < 400 ? " (redirects are not followed)" : ""}`;
    } catch (err) {
      const blocked = findOutboundBlocked(err);
      if (blocked) {
        error = blocked.message;
        permanent = true;
      } else error = (err as Error).name === "TimeoutError" ? `No answer within ${WEBHOOK_TIMEOUT_MS / 1000} s` : `${(err as Error).name}: ${(err as Error).message}`.slice(0, 300);
    }
  }
  const ok = !error;
  const last = attempt >= WEBHOOK_MAX_ATTEMPTS;
  const status = ok ? "delivered" : permanent || last ? "failed" : "pending";
  const entry: AttemptLogEntry = { attempt, at: new Date(started).toISOString(), ...(statusCode !== undefined ? { statusCode } : {}), ...(error ? { error } : {}), durationMs: Date.now() - started };
  const retryInMs = webhookRetryDelayMs(attempt + 1);
  // only the attempt this call made moves the row (attempts = attempt − 1): a concurrent re-run cannot log twice
  await ctx.db.webhookDelivery.updateMany({
    where: { id: deliveryId, attempts: attempt - 1, status: "pending" },
    data: {
      attempts: attempt,
      status,
      attemptLog: [...((delivery.attemptLog as unknown as AttemptLogEntry[]) ?? []), entry] as never,
      lastStatusCode: statusCode ?? null,
      lastError: error ?? null,
      nextAttemptAt: status === "pending" ? new Date(Date.now() + retryInMs) : null,
      deliveredAt: ok ? new Date() : null,
    },
  });
  if (!ok) console.warn(JSON.stringify({ level: "warn", msg: "webhook delivery attempt failed", deliveryId, webhookId: delivery.endpointId, attempt, statusCode, final: status === "failed" }));
  return status === "pending" ? { done: false, retryInMs } : { done: true, status };
}
