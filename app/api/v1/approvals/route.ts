import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { listApprovals, ZListApprovalsQuerySchema } from "@/lib/approvals/list-approvals";

/** GET /api/v1/approvals?status=pending&scope=mine|role|all */
export const GET = withWorkspace("approvals:read", async ({ req, ctx }) => {
  const q = ZListApprovalsQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return json(await listApprovals(ctx, q));
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
