import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { forceBreaker, ZForceCloseRequestSchema } from "@/lib/breakers/force-breaker";

/** POST /api/v1/breakers/close — close a breaker { key, reason, hold? } (hold: forced closed until released); audited. */
export const POST = withWorkspace("breakers:manage", async ({ req, ctx }) => {
  const body = await readJson(req, ZForceCloseRequestSchema);
  return json(await forceBreaker(ctx, body.hold ? "hold" : "close", body));
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
