import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { listGraphs } from "@/lib/graphs/get-graph";
import { createGraph, ZSaveGraphRequestSchema } from "@/lib/graphs/save-graph";

/** GET /api/v1/graphs */
export const GET = withWorkspace("graphs:read", async ({ ctx }) => json({ graphs: await listGraphs(ctx) }));

/**
 * POST /api/v1/graphs — body: the spec itself, or `{ spec, message }`.
 * 201 `{ id, version }`; an invalid spec is a 422 `{ error, issues: [{ path, message }] }`.
 */
export const POST = withWorkspace("graphs:write", async ({ req, ctx }) => {
  const body = await readJson(req, ZSaveGraphRequestSchema.or(ZSaveGraphRequestSchema.shape.spec));
  const input = body && typeof body === "object" && "spec" in body && !("nodes" in body) ? (body as { spec: unknown; message?: string }) : { spec: body };
  const created = await createGraph(ctx, input);
  return json({ id: created.id, version: created.version }, 201);
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed("GET", "POST");
