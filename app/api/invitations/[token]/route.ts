import { handler, json } from "@/lib/api/handler";
import { notFound } from "@/lib/errors";
import { getInvitationByToken } from "@/lib/workspaces/invitations";

/** GET /api/invitations/:token — what the invite link offers (no sign-in needed). */
export const GET = handler<{ token: string }>(async (_req, { token }) => {
  const inv = await getInvitationByToken(token);
  if (!inv) throw notFound("Invitation");
  return json(inv);
});
