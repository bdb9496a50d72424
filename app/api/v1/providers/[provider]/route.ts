import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { putProvider, ZPutProviderRequestSchema } from "@/lib/providers/credentials";

/** PUT /api/v1/providers/:provider `{ apiKey?, baseUrl? }` (openai, anthropic, openai-compatible); the key is encrypted at rest. */
export const PUT = withWorkspace<{ provider: string }>("providers:manage", async ({ req, params, ctx }) => {
  const input = await readJson(req, ZPutProviderRequestSchema);
  return json(await putProvider(ctx, params.provider, input));
});

export const { GET, POST, PATCH, DELETE } = methodsNotAllowed("PUT");
