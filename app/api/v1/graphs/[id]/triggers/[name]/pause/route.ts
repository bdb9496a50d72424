import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { setTriggerPaused } from "@/lib/triggers/list-triggers";

/** POST /api/v1/graphs/:id/triggers/:name/pause → `{ name, paused: true }`: the trigger records its fires as `paused` and starts no run, until resumed. */
export const POST = withWorkspace<{ id: string; name: string }>("triggers:write", async ({ params, ctx }) => json(await setTriggerPaused(ctx, params.id, params.name, true)));

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
