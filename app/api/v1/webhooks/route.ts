import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { createWebhookEndpoint, ZCreateWebhookRequestSchema } from "@/lib/finops/create-webhook-endpoint";
import { listWebhookEndpoints } from "@/lib/finops/list-webhook-endpoints";

/** GET /api/v1/webhooks — endpoints (secrets never returned). */
export const GET = withWorkspace("workspace:update", async ({ ctx }) => json({ webhooks: await listWebhookEndpoints(ctx) }));

/** POST /api/v1/webhooks `{ url, events? }` — register an endpoint; the signing secret is in this response only. */
export const POST = withWorkspace("workspace:update", async ({ req, ctx }) => {
  const body = await readJson(req, ZCreateWebhookRequestSchema);
  return json({ webhook: await createWebhookEndpoint(ctx, body) }, 201);
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed("GET", "POST");
