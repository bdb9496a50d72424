import { methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { deleteWebhookEndpoint } from "@/lib/finops/delete-webhook-endpoint";

/** DELETE /api/v1/webhooks/:id */
export const DELETE = withWorkspace<{ id: string }>("workspace:update", async ({ params, ctx }) => {
  await deleteWebhookEndpoint(ctx, params.id);
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH } = methodsNotAllowed("DELETE");
