import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { rerunRun } from "@/lib/runs/rerun-run";
import { ZRerunRequestSchema } from "@/lib/runs/run-schemas";

/** POST /api/v1/runs/:id/rerun `{ fromNode? }` → 202 `{ runId }`: a new run on the same version reusing outputs upstream of fromNode. */
export const POST = withWorkspace<{ id: string }>("runs:start", async ({ req, params, ctx }) => {
  const { fromNode } = await readJson(req, ZRerunRequestSchema);
  return json(await rerunRun(ctx, params.id, fromNode), 202);
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
