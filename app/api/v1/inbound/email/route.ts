import { handler, json, methodsNotAllowed } from "@/lib/api/handler";
import { checkInboundToken, receiveGenericEmail } from "@/lib/triggers/email/receive-inbound";

/**
 * POST /api/v1/inbound/email — an inbound e-mail, as its fields `{ to, from, subject, text, html,
 * messageId, … }` or as `{ raw: "<RFC 822 message>", recipients? }` → 202 `{ messageId, dedupeKey,
 * deliveries: [{ recipient, trigger, graphId, outcome, runId, reason, fireId }], unknown }`.
 * Authenticated with the deployment's inbound token (SWITCHYARD_INBOUND_TOKEN), not an API key.
 */
export const POST = handler(async (req) => {
  checkInboundToken(req);
  const { status, body } = await receiveGenericEmail(req);
  return json(body, status);
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
