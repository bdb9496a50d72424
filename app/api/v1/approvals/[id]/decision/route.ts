import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { decideApproval, ZDecideApprovalRequestSchema } from "@/lib/approvals/decide-approval";

/** POST /api/v1/approvals/:id/decision `{ decision: "approve"|"reject", comment?, output? }` — resumes the run. */
export const POST = withWorkspace<{ id: string }>("approvals:decide", async ({ req, params, ctx }) => {
  const input = await readJson(req, ZDecideApprovalRequestSchema);
  return json(await decideApproval(ctx, params.id, input));
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
