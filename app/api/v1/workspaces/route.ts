import { json, methodsNotAllowed, readJson, withUser } from "@/lib/api/handler";
import { requestOrigin } from "@/lib/audit/record-audit-event";
import { listUserWorkspaces } from "@/lib/auth/session";
import { createWorkspace, ZCreateWorkspaceRequestSchema } from "@/lib/workspaces/create-workspace";

/** GET /api/v1/workspaces — the signed-in user's workspaces. */
export const GET = withUser(async ({ user }) => json({ workspaces: await listUserWorkspaces(user.id) }));

/** POST /api/v1/workspaces — create a workspace owned by the signed-in user. */
export const POST = withUser(async ({ req, user }) => {
  const { name } = await readJson(req, ZCreateWorkspaceRequestSchema);
  const ws = await createWorkspace(user.id, name, { userId: user.id, ...requestOrigin(req.headers) });
  return json({ id: ws.id, slug: ws.slug, name: ws.name, role: "owner" }, 201);
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed("GET", "POST");
