import "server-only";
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import type { WorkspaceContext } from "../../auth/context";
import { recordAuditEvent } from "../../audit/record-audit-event";
import { encryptSecret } from "../../crypto";
import { AppError, notFound } from "../../errors";
import { isPlainObject } from "../../graphs/spec/json";
import type { TWebhookVerification } from "../../graphs/spec/schema";
import { hookUrl } from "./hook-url";
import { hmacSignature } from "./verify-webhook";
import { newWebhookSecret, previousSecretOf, WEBHOOK_SECRET_GRACE_MS } from "./webhook-secret";

/** The body of the example request shown with a new secret. */
const EXAMPLE_BODY = JSON.stringify({ hello: "world" });

const quote = (s: string) => `'${s.replace(/'/g, `'"'"'`)}'`;

/**
 * A signed request a person can paste into a shell to try the trigger (standard mode: valid
 * for 5 minutes, the signature's window).
 *
 * @example exampleCurl("https://…/api/v1/hooks/acme/orders", "whsec_…", undefined)
 * // curl -X POST 'https://…' -H 'content-type: application/json' -H 'webhook-id: msg_…' …
 */
export function exampleCurl(url: string, secret: string, verify: TWebhookVerification | undefined, body = EXAMPLE_BODY, now = new Date()): string {
  const headers = ["content-type: application/json"];
  if (verify?.mode === "hmac") {
    headers.push(`${verify.header.toLowerCase()}: ${hmacSignature(secret, body, verify)}`);
  } else {
    const id = `msg_${randomBytes(12).toString("hex")}`;
    const at = new Date(Math.floor(now.getTime() / 1000) * 1000);
    headers.push(`webhook-id: ${id}`, `webhook-timestamp: ${Math.floor(at.getTime() / 1000)}`, `webhook-signature: ${new Webhook(secret).sign(id, at, body)}`);
  }
  return [`curl -X POST ${quote(url)}`, ...headers.map((h) => `-H ${quote(h)}`), `--data-raw ${quote(body)}`].join(" \\\n  ");
}

/**
 * Creates a webhook trigger's secret, or rotates it: the new one is returned once (with the
 * trigger's URL and an example signed `curl`); the previous one keeps verifying deliveries for
 * 24 hours. Audited (without the secret).
 *
 * @throws 404 for an unknown graph or trigger; 422 when the trigger is not a webhook.
 */
export async function rotateWebhookSecret(ctx: WorkspaceContext, graphId: string, name: string) {
  const row = await ctx.db.trigger.findFirst({ where: { graphId, name } });
  if (!row) throw notFound("Trigger");
  if (row.type !== "webhook") {
    throw new AppError("validation_failed", `Trigger ${name} is a ${row.type} trigger; only webhook triggers have a secret.`, [{ path: "name", message: "is not a webhook trigger" }]);
  }
  const secret = newWebhookSecret();
  const now = new Date();
  const previous = row.secretEnc ? { enc: row.secretEnc, validUntil: new Date(now.getTime() + WEBHOOK_SECRET_GRACE_MS).toISOString() } : previousSecretOf(row.state, now);
  const state = { ...(isPlainObject(row.state) ? row.state : {}), previousSecret: previous };
  const hookPath = row.hookPath ?? row.id;
  await ctx.db.trigger.updateMany({ where: { id: row.id }, data: { secretEnc: encryptSecret(secret), secretCreatedAt: now, hookPath, state: state as never } });
  await recordAuditEvent(ctx.actor, {
    workspaceId: ctx.workspace.id,
    action: row.secretEnc ? "trigger.secret_rotated" : "trigger.secret_created",
    targetType: "trigger",
    targetId: row.id,
    data: { graphId, name },
  });
  const url = hookUrl(ctx.workspace.slug, hookPath);
  const verify = isPlainObject(row.config) ? (row.config.verify as TWebhookVerification | undefined) : undefined;
  return {
    name,
    url,
    secret,
    secretCreatedAt: now,
    /** until when the replaced secret still verifies deliveries (null when there was none) */
    previousSecretValidUntil: previous?.validUntil ?? null,
    curl: exampleCurl(url, secret, verify),
  };
}
