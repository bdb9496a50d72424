import { handler, json, methodsNotAllowed } from "@/lib/api/handler";
import { checkInboundToken, receivePostmarkEmail } from "@/lib/triggers/email/receive-inbound";

/**
 * POST /api/v1/inbound/email/postmark — Postmark's inbound webhook JSON → 202 as
 * POST /api/v1/inbound/email. Give Postmark `https://inbound:<SWITCHYARD_INBOUND_TOKEN>@<host>/api/v1/inbound/email/postmark`.
 */
export const POST = handler(async (req) => {
  checkInboundToken(req);
  const { status, body } = await receivePostmarkEmail(req);
  return json(body, status);
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
