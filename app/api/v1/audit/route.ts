import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { listAuditEvents, ZListAuditEventsQuerySchema } from "@/lib/audit/list-audit-events";

/** GET /api/v1/audit?action=&actor=&from=&to=&cursor=&limit= */
export const GET = withWorkspace("audit:read", async ({ req, ctx }) => {
  const query = ZListAuditEventsQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return json(await listAuditEvents(ctx, query));
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
