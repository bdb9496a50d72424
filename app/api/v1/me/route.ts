import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { PERMISSIONS, can, type Permission } from "@/lib/auth/permissions";

/** GET /api/v1/me — who is calling, in which workspace, with which role and permissions. */
export const GET = withWorkspace("workspace:read", async ({ ctx }) => {
  const permissions = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(ctx.role, p));
  return json({
    workspace: ctx.workspace,
    role: ctx.role,
    actor: { type: ctx.actor.type, userId: ctx.actor.userId ?? null, apiKeyId: ctx.actor.apiKeyId ?? null },
    permissions,
  });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
