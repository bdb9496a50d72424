import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { setTriggerPaused } from "@/lib/triggers/list-triggers";

/** POST /api/v1/graphs/:id/triggers/:name/resume → `{ name, paused: false }`. */
export const POST = withWorkspace<{ id: string; name: string }>("triggers:write", async ({ params, ctx }) => json(await setTriggerPaused(ctx, params.id, params.name, false)));

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
