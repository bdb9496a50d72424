import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { verifyAuditChain } from "@/lib/audit/audit-chain";

/** GET /api/v1/audit/verify — `{ ok, events, head, firstBroken? }` for the workspace's audit chain. */
export const GET = withWorkspace("audit:read", async ({ ctx }) => json(await verifyAuditChain(ctx.workspace.id)));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
