import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { forceBreaker, ZReleaseRequestSchema } from "@/lib/breakers/force-breaker";

/** POST /api/v1/breakers/release — end an admin's override { key, reason? }; audited. */
export const POST = withWorkspace("breakers:manage", async ({ req, ctx }) => {
  const body = await readJson(req, ZReleaseRequestSchema);
  return json(await forceBreaker(ctx, "release", body));
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
