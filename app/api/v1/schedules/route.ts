import { json, methodsNotAllowed, readQuery, withWorkspace } from "@/lib/api/handler";
import { ZListSchedulesQuerySchema } from "@/lib/triggers/schedules-query";
import { listSchedules } from "@/lib/triggers/schedules-view";

/** GET /api/v1/schedules?graphId=&count= → every trigger of the workspace: what it listens to, next fire times, health, last fire, lateness p50/p99. */
export const GET = withWorkspace("graphs:read", async ({ req, ctx }) => json(await listSchedules(ctx, readQuery(req, ZListSchedulesQuerySchema))));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
