import { json, withUser } from "@/lib/api/handler";
import { requestOrigin } from "@/lib/audit/record-audit-event";
import { acceptInvitation } from "@/lib/workspaces/invitations";

/** POST /api/invitations/:token/accept — join the workspace as the signed-in user. */
export const POST = withUser<{ token: string }>(async ({ req, params, user }) => {
  const result = await acceptInvitation(user, params.token, { userId: user.id, ...requestOrigin(req.headers) });
  return json(result);
});
