import { json, methodsNotAllowed, readQuery, withWorkspace } from "@/lib/api/handler";
import { listBreakerEvents, ZListBreakerEventsQuerySchema } from "@/lib/breakers/list-breakers";

/** GET /api/v1/breakers/events?key=&limit= — a breaker's history (or every breaker's), newest first. */
export const GET = withWorkspace("breakers:read", async ({ req, ctx }) => json({ events: await listBreakerEvents(ctx, readQuery(req, ZListBreakerEventsQuerySchema)) }));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
