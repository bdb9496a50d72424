import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { rotateWebhookSecret } from "@/lib/triggers/webhook/rotate-webhook-secret";

/**
 * POST /api/v1/graphs/:id/triggers/:name/secret → 201 `{ name, url, secret, secretCreatedAt,
 * previousSecretValidUntil, curl }`: creates or rotates a webhook trigger's secret. The only
 * answer that shows it; the replaced one keeps verifying deliveries for 24 hours.
 */
export const POST = withWorkspace<{ id: string; name: string }>("triggers:write", async ({ params, ctx }) =>
  json(await rotateWebhookSecret(ctx, params.id, params.name), 201, { "cache-control": "no-store" }),
);

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
