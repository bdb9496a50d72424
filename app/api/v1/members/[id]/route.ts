import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { changeMemberRole, removeMember, ZChangeRoleRequestSchema } from "@/lib/workspaces/members";

type P = { id: string };

/** PATCH /api/v1/members/:id `{ role }` */
export const PATCH = withWorkspace<P>("members:manage", async ({ req, params, ctx }) => {
  const { role } = await readJson(req, ZChangeRoleRequestSchema);
  return json(await changeMemberRole(ctx, params.id, role));
});

/** DELETE /api/v1/members/:id */
export const DELETE = withWorkspace<P>("members:manage", async ({ params, ctx }) => {
  await removeMember(ctx, params.id);
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT } = methodsNotAllowed("PATCH", "DELETE");
