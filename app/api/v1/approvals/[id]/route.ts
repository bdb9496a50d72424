import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { getApproval } from "@/lib/approvals/get-approval";

/** GET /api/v1/approvals/:id — the item, its votes and its history (`events`, oldest first). */
export const GET = withWorkspace<{ id: string }>("approvals:read", async ({ params, ctx }) => json(await getApproval(ctx, params.id)));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
