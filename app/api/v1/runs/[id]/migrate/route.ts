import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { migrateRun, ZMigrateRunRequestSchema } from "@/lib/runs/migrate-run";

/** POST /api/v1/runs/:id/migrate `{ version }` — move a run waiting for a decision to another version (409 with reasons when incompatible). */
export const POST = withWorkspace<{ id: string }>("graphs:write", async ({ req, params, ctx }) => {
  const { version } = await readJson(req, ZMigrateRunRequestSchema);
  return json(await migrateRun(ctx, params.id, version));
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
