import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { listTriggerFires } from "@/lib/triggers/list-triggers";
import { ZListFiresQuery } from "@/lib/triggers/list-triggers-query";

/** GET /api/v1/graphs/:id/triggers/:name/fires?outcome=&cursor=&limit= → fires newest first: intended vs actual time, outcome and reason, the run started. */
export const GET = withWorkspace<{ id: string; name: string }>("graphs:read", async ({ req, params, ctx }) => {
  const q = ZListFiresQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return json(await listTriggerFires(ctx, params.id, params.name, q));
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
