import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { createInvitation, listInvitations, ZCreateInvitationRequestSchema } from "@/lib/workspaces/invitations";

/** GET /api/v1/invitations — open invitations. */
export const GET = withWorkspace("invitations:manage", async ({ ctx }) => json({ invitations: await listInvitations(ctx) }));

/** POST /api/v1/invitations `{ email?, role, expiresInDays? }` → 201 `{ invitation, url, emailed }` (url shown once). */
export const POST = withWorkspace("invitations:manage", async ({ req, ctx }) => {
  const input = await readJson(req, ZCreateInvitationRequestSchema);
  return json(await createInvitation(ctx, input), 201);
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed("GET", "POST");
