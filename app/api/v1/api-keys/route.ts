import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { createApiKey, listApiKeys, ZCreateApiKeyRequestSchema } from "@/lib/auth/api-keys";

/** GET /api/v1/api-keys — active keys (never the secret). */
export const GET = withWorkspace("apiKeys:manage", async ({ ctx }) => json({ apiKeys: await listApiKeys(ctx) }));

/** POST /api/v1/api-keys `{ name, role, expiresInDays? }` → 201 `{ key, apiKey }`; the key is shown only here. */
export const POST = withWorkspace("apiKeys:manage", async ({ req, ctx }) => {
  const input = await readJson(req, ZCreateApiKeyRequestSchema);
  return json(await createApiKey(ctx, input), 201);
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed("GET", "POST");
