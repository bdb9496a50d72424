import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { getSchedule } from "@/lib/triggers/schedules-view";

/** GET /api/v1/schedules/:triggerId → one trigger as the Schedules page shows it, with its next 5 fire times. */
export const GET = withWorkspace<{ triggerId: string }>("graphs:read", async ({ params, ctx }) => json(await getSchedule(ctx, params.triggerId)));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
