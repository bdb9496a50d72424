import { handler, json, methodsNotAllowed } from "@/lib/api/handler";
import { checkInboundToken, receiveMailgunEmail } from "@/lib/triggers/email/receive-inbound";

/**
 * POST /api/v1/inbound/email/mailgun — a Mailgun inbound route's form post (parsed fields, or
 * `body-mime`) → 202 as POST /api/v1/inbound/email. Point the route's forward() at
 * `https://api:<SWITCHYARD_INBOUND_TOKEN>@<host>/api/v1/inbound/email/mailgun`.
 */
export const POST = handler(async (req) => {
  checkInboundToken(req);
  const { status, body } = await receiveMailgunEmail(req);
  return json(body, status);
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
