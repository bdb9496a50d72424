import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { getGraphVersionOrThrow } from "@/lib/graphs/get-graph";

/** GET /api/v1/graphs/:id/versions/:version — one immutable version with its spec. */
export const GET = withWorkspace<{ id: string; version: string }>("graphs:read", async ({ params, ctx }) => {
  const n = /^\d{1,10}$/.test(params.version) ? Number(params.version) : NaN;
  if (!(n >= 1 && n <= 2_147_483_647)) {
    throw new AppError("bad_request", `version: "${params.version.slice(0, 40)}" is not a version number (a whole number from 1).`, [{ path: "version", message: "must be a whole number from 1 to 2147483647" }]);
  }
  const v = await getGraphVersionOrThrow(ctx, params.id, n);
  return json({ graphId: v.graphId, version: v.version, spec: v.spec, specHash: v.specHash, message: v.message, createdById: v.createdById, createdAt: v.createdAt });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
