import { json, withWorkspace } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { getGraphVersionOrThrow } from "@/lib/graphs/get-graph";

/** GET /api/v1/graphs/:id/versions/:version — one immutable version with its spec. */
export const GET = withWorkspace<{ id: string; version: string }>("graphs:read", async ({ params, ctx }) => {
  const n = Number(params.version);
  if (!Number.isInteger(n) || n < 1) throw new AppError("bad_request", "version must be a positive integer.");
  const v = await getGraphVersionOrThrow(ctx, params.id, n);
  return json({ graphId: v.graphId, version: v.version, spec: v.spec, specHash: v.specHash, message: v.message, createdById: v.createdById, createdAt: v.createdAt });
});
