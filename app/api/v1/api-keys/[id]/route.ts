import { methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { revokeApiKey } from "@/lib/auth/api-keys";

/** DELETE /api/v1/api-keys/:id — revoke. */
export const DELETE = withWorkspace<{ id: string }>("apiKeys:manage", async ({ params, ctx }) => {
  await revokeApiKey(ctx, params.id);
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH } = methodsNotAllowed("DELETE");
