import { methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { revokeInvitation } from "@/lib/workspaces/invitations";

/** DELETE /api/v1/invitations/:id — revoke. */
export const DELETE = withWorkspace<{ id: string }>("invitations:manage", async ({ params, ctx }) => {
  await revokeInvitation(ctx, params.id);
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH } = methodsNotAllowed("DELETE");
