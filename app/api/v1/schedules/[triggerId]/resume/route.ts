import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { setSchedulePaused } from "@/lib/triggers/schedules-view";

/** POST /api/v1/schedules/:triggerId/resume → `{ id, name, paused: false }`; audited. */
export const POST = withWorkspace<{ triggerId: string }>("triggers:write", async ({ params, ctx }) => json(await setSchedulePaused(ctx, params.triggerId, false)));

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
