import "server-only";
import { createHash } from "node:crypto";
import { checkJsonValue } from "../../api/read-json";
import type { WorkspaceContext } from "../../auth/context";
import { requestOrigin } from "../../audit/record-audit-event";
import { getPrisma } from "../../db/client";
import { scopedDb } from "../../db/scoped";
import { webhookMaxBytes } from "../../env";
import { AppError, isInternalError } from "../../errors";
import { isPlainObject } from "../../graphs/spec/json";
import type { TWebhookVerification } from "../../graphs/spec/schema";
import { renderTemplate } from "../../graphs/spec/template";
import { fireTrigger, type FireResult } from "../fire-trigger";
import { signatureHeaders, verifyWebhookDelivery } from "./verify-webhook";
import { validSecrets } from "./webhook-secret";
import { readCappedBody } from "../../net/read-capped";

/** `application/json`, or any `…+json` type. */
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/** Headers a run never sees: credentials, whatever a sender put there. */
const PRIVATE_HEADERS = ["authorization", "proxy-authorization", "cookie"];

/** Longest dedupe key kept as is; a longer one is replaced by its hash (run idempotency keys hold 200 characters). */
const MAX_DEDUPE_KEY = 120;

const NOT_FOUND = () => new AppError("not_found", "No webhook trigger listens at this URL.");

/** What a webhook trigger receives, as `event` in its `when`, `input` and `dedupeKey` templates. */
export interface WebhookEvent {
  [key: string]: unknown;
  body: unknown;
  /** the request's headers, lower-cased, without credentials or the signature */
  headers: Record<string, string>;
  query: Record<string, string>;
  /** the trigger's path (after /api/v1/hooks/<workspace>/) */
  path: string;
  /** the Standard Webhooks `webhook-id` (null in hmac mode) */
  webhookId: string | null;
  receivedAt: string;
}

/** The answer to a delivery: 202 with the fire, or the error a sender should act on. */
export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

const tooLarge = (maxBytes: number) =>
  new AppError("payload_too_large", `The delivery's body is larger than ${maxBytes} bytes, the limit for webhook deliveries (SWITCHYARD_WEBHOOK_MAX_BYTES).`, [{ path: "body", message: `must be at most ${maxBytes} bytes` }], { details: { maxBytes } });

/** The raw body, refused (413) as soon as its declared length or the bytes read pass `maxBytes`. */
function readCapped(req: Request, maxBytes: number): Promise<Buffer> {
  return readCappedBody(req, maxBytes, () => tooLarge(maxBytes));
}

function parseBody(raw: Buffer): unknown {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    throw new AppError("invalid_json", "The delivery's body is not valid UTF-8.", [{ path: "body", message: "must be UTF-8 JSON" }]);
  }
  if (!text.trim()) throw new AppError("invalid_json", "The delivery's body is empty; send a JSON object.", [{ path: "body", message: "must be a JSON object" }]);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new AppError("invalid_json", `The delivery's body is not valid JSON: ${(err as Error).message.slice(0, 200)}`, [{ path: "body", message: "must be valid JSON" }]);
  }
  const issues = checkJsonValue(body).map((i) => ({ path: i.path === "(body)" ? "body" : `body.${i.path}`, message: i.message }));
  if (issues.length) throw new AppError("validation_failed", `Invalid delivery: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
  if (!isPlainObject(body)) throw new AppError("validation_failed", `The delivery's body must be a JSON object; it is ${Array.isArray(body) ? "an array" : typeof body === "string" ? "a string" : body === null ? "null" : `a ${typeof body}`}.`, [{ path: "body", message: "must be a JSON object" }]);
  return body;
}

/** The dedupe key of a delivery: its webhook id, the trigger's `dedupeKey` template over `event`, or a hash of the body. */
function dedupeKeyOf(config: Record<string, unknown>, event: WebhookEvent, raw: Buffer): string {
  let key: string;
  if (event.webhookId) key = event.webhookId;
  else if (typeof config.dedupeKey === "string") {
    let rendered: unknown;
    try {
      rendered = renderTemplate(config.dedupeKey, { event });
    } catch (err) {
      throw new AppError("validation_failed", `The trigger's dedupeKey ${config.dedupeKey} cannot be rendered for this delivery: ${(err as Error).message}`, [{ path: "dedupeKey", message: (err as Error).message }]);
    }
    if (rendered === null || rendered === undefined || rendered === "") {
      throw new AppError("validation_failed", `The trigger's dedupeKey ${config.dedupeKey} is empty for this delivery, so it cannot be told apart from others.`, [{ path: "dedupeKey", message: "is empty for this delivery" }]);
    }
    key = typeof rendered === "string" ? rendered : JSON.stringify(rendered);
  } else key = `sha256:${createHash("sha256").update(raw).digest("hex")}`;
  return key.length > MAX_DEDUPE_KEY ? `sha256:${createHash("sha256").update(key).digest("hex")}` : key;
}

/** The HTTP answer to a fire: 202 unless the delivery should be retried or changed. */
function answerOf(fire: FireResult): WebhookAnswer {
  const body = { runId: fire.runId, fireId: fire.fireId, outcome: fire.outcome, duplicate: fire.outcome === "duplicate", ...(fire.reason ? { reason: fire.reason } : {}) };
  switch (fire.outcome) {
    case "paused":
      return { status: 409, body: { error: `The trigger is paused: the delivery was recorded (fire ${fire.fireId}) and started no run. Resume the trigger, then send it again.`, code: "conflict", ...body } };
    case "throttled":
    case "queue_full": {
      const retryAfter = String(Math.max(1, Math.ceil((fire.retryAfterMs ?? 1000) / 1000)));
      return { status: 429, headers: { "Retry-After": retryAfter }, body: { error: fire.reason ?? "Too many runs of this graph right now; try again later.", code: fire.outcome === "throttled" ? "rate_limited" : "queue_full", ...body } };
    }
    case "budget":
      return { status: 402, body: { error: fire.reason ?? "A budget refused the run.", code: "budget_exceeded", ...body } };
    case "error":
      // an internal failure says nothing about the delivery: the sender should try again
      if (/^Internal error \(ref /.test(fire.reason ?? "") || isInternalError(new Error(fire.reason ?? ""))) return { status: 503, headers: { "Retry-After": "5" }, body: { error: `The run could not be started (${fire.reason}); try again shortly.`, code: "unavailable", fireId: fire.fireId, outcome: fire.outcome } };
      return { status: 422, body: { error: `The delivery was recorded but started no run: ${fire.reason}`, code: "validation_failed", issues: [{ path: "body", message: fire.reason ?? "" }], ...body } };
    default:
      return { status: 202, body };
  }
}

/**
 * Receives one delivery for a webhook trigger at `/api/v1/hooks/<workspace>/<path>`: finds the
 * trigger (an unknown workspace or path is the same 404), refuses an oversized body (413,
 * unread past the limit), another content type (415), a missing or bad signature (401), and
 * malformed JSON (400); then fires the trigger with `event` = the delivery, deduped on its
 * webhook id. 202 `{ runId, fireId, outcome, duplicate }`; a duplicate gets the original run.
 */
export async function receiveWebhook(req: Request, workspaceSlug: string, segments: string[]): Promise<WebhookAnswer> {
  const path = segments.join("/");
  if (!segments.length || path.length > 200) throw NOT_FOUND();
  const workspace = await getPrisma().workspace.findUnique({ where: { slug: workspaceSlug }, select: { id: true, slug: true, name: true } });
  if (!workspace) throw NOT_FOUND();
  const db = scopedDb(workspace.id);
  const row = await db.trigger.findFirst({ where: { type: "webhook", OR: [{ hookPath: path }, { id: path, hookPath: null }] } });
  if (!row) throw NOT_FOUND();
  if (!row.secretEnc) {
    throw new AppError(
      "unauthorized",
      `Webhook trigger ${row.name} has no secret yet, so no delivery can be verified. Create one in the graph's Triggers panel, or with POST /api/v1/graphs/<graph id>/triggers/${row.name}/secret, and sign deliveries with it.`,
      [{ path: "secret", message: "the trigger has no secret yet" }],
    );
  }
  const maxBytes = webhookMaxBytes();
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const type = req.headers.get("content-type") ?? "";
  if (!JSON_TYPE.test(type)) {
    throw new AppError("unsupported_media_type", `A webhook delivery must be JSON, sent with "content-type: application/json" (it was ${type ? `"${type.slice(0, 100)}"` : "not given"}).`, [
      { path: "content-type", message: "must be application/json" },
    ]);
  }
  const raw = await readCapped(req, maxBytes);
  const config = isPlainObject(row.config) ? row.config : {};
  const verify = config.verify as TWebhookVerification | undefined;
  const webhookId = verifyWebhookDelivery(verify, validSecrets(row), raw, req.headers);
  const body = parseBody(raw);
  const hidden = new Set([...PRIVATE_HEADERS, ...signatureHeaders(verify)]);
  const headers: Record<string, string> = {};
  for (const [name, value] of req.headers) if (!hidden.has(name)) headers[name] = value;
  const receivedAt = new Date();
  const event: WebhookEvent = { body, headers, query: Object.fromEntries(new URL(req.url).searchParams), path, webhookId, receivedAt: receivedAt.toISOString() };
  const dedupeKey = dedupeKeyOf(config, event, raw);
  const ctx: WorkspaceContext = { workspace, role: "owner", actor: { type: "system", userId: null, apiKeyId: null, ...requestOrigin(req.headers) }, db };
  return answerOf(await fireTrigger(ctx, row, { event, input: body, dedupeKey, intendedAt: receivedAt }));
}
