import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { reassignApproval, ZReassignApprovalRequestSchema } from "@/lib/approvals/reassign-approval";

/** POST /api/v1/approvals/:id/reassign `{ to: [{ user } | { role }], comment? }` — by an admin, an owner or a current assignee. */
export const POST = withWorkspace<{ id: string }>("approvals:read", async ({ req, params, ctx }) => {
  const input = await readJson(req, ZReassignApprovalRequestSchema);
  return json(await reassignApproval(ctx, params.id, input));
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
