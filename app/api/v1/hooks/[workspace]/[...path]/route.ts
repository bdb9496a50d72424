import { handler, json, methodsNotAllowed } from "@/lib/api/handler";
import { receiveWebhook } from "@/lib/triggers/webhook/receive-webhook";

/**
 * POST /api/v1/hooks/:workspace/:path… — a delivery for a webhook trigger (public: the
 * signature over the raw body is the authentication). 202 `{ runId, fireId, outcome, duplicate }`;
 * 401 bad or missing signature, 404 no such trigger, 409 paused, 413 too large, 415 not JSON,
 * 429 throttled or queue full (Retry-After).
 */
export const POST = handler<{ workspace: string; path: string[] }>(async (req, params) => {
  const answer = await receiveWebhook(req, params.workspace, Array.isArray(params.path) ? params.path : []);
  return json(answer.body, answer.status, answer.headers);
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
