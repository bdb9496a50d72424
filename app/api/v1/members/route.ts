import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { listMembers } from "@/lib/workspaces/members";

/** GET /api/v1/members */
export const GET = withWorkspace("members:read", async ({ ctx }) => json({ members: await listMembers(ctx) }));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
