import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { archiveGraph } from "@/lib/graphs/archive-graph";
import { getGraphOrThrow } from "@/lib/graphs/get-graph";
import { saveGraphVersion, ZSaveGraphRequestSchema } from "@/lib/graphs/save-graph";

type P = { id: string };

/** GET /api/v1/graphs/:id — current spec and the list of versions (`archivedAt` is set for an archived graph). */
export const GET = withWorkspace<P>("graphs:read", async ({ params, ctx }) => json(await getGraphOrThrow(ctx, params.id)));

/** PUT /api/v1/graphs/:id — the spec (or `{ spec, message }`) → a new immutable version; 409 when archived. */
export const PUT = withWorkspace<P>("graphs:write", async ({ req, params, ctx }) => {
  const body = await readJson(req, ZSaveGraphRequestSchema.or(ZSaveGraphRequestSchema.shape.spec));
  const input = body && typeof body === "object" && "spec" in body && !("nodes" in body) ? (body as { spec: unknown; message?: string }) : { spec: body };
  const saved = await saveGraphVersion(ctx, params.id, input);
  return json({ id: saved.id, version: saved.version, unchanged: saved.unchanged, warnings: saved.warnings });
});

export const { POST, PATCH } = methodsNotAllowed("GET", "PUT", "DELETE");

/**
 * DELETE /api/v1/graphs/:id — archives the graph (versions, runs and costs are kept; undo with
 * POST /graphs/:id/unarchive) → `{ id, name, archivedAt }`.
 */
export const DELETE = withWorkspace<P>("graphs:write", async ({ params, ctx }) => json(await archiveGraph(ctx, params.id)));
