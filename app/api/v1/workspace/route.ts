import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { renameWorkspace, ZUpdateWorkspaceRequestSchema } from "@/lib/workspaces/update-workspace";

/** GET /api/v1/workspace — the current workspace. */
export const GET = withWorkspace("workspace:read", async ({ ctx }) => json({ ...ctx.workspace, role: ctx.role }));

/** PATCH /api/v1/workspace `{ name }` — rename it. */
export const PATCH = withWorkspace("workspace:update", async ({ req, ctx }) => {
  const { name } = await readJson(req, ZUpdateWorkspaceRequestSchema);
  return json(await renameWorkspace(ctx, name));
});

export const { POST, PUT, DELETE } = methodsNotAllowed("GET", "PATCH");
