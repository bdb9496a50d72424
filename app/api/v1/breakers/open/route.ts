import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { forceBreaker, ZForceOpenRequestSchema } from "@/lib/breakers/force-breaker";

/** POST /api/v1/breakers/open — force a breaker open { key, reason } (a graph: its kill switch); audited. */
export const POST = withWorkspace("breakers:manage", async ({ req, ctx }) => {
  const body = await readJson(req, ZForceOpenRequestSchema);
  return json(await forceBreaker(ctx, "open", body));
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
