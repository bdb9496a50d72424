import { json, methodsNotAllowed, readQuery, withWorkspace } from "@/lib/api/handler";
import { ZListScheduleFiresQuerySchema } from "@/lib/triggers/schedules-query";
import { listScheduleFires } from "@/lib/triggers/schedules-view";

/** GET /api/v1/schedules/:triggerId/fires?outcome=&at=&cursor=&limit= → fires newest first (outcome=not_started: those that did not become a run). */
export const GET = withWorkspace<{ triggerId: string }>("graphs:read", async ({ req, params, ctx }) => json(await listScheduleFires(ctx, params.triggerId, readQuery(req, ZListScheduleFiresQuerySchema))));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
