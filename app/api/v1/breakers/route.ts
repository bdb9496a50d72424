import { json, methodsNotAllowed, readQuery, withWorkspace } from "@/lib/api/handler";
import { listBreakers, ZListBreakersQuerySchema } from "@/lib/breakers/list-breakers";

/** GET /api/v1/breakers?kind=agent|model|graph&state=closed|open|half_open — every breaker of the workspace. */
export const GET = withWorkspace("breakers:read", async ({ req, ctx }) => json({ breakers: await listBreakers(ctx, readQuery(req, ZListBreakersQuerySchema)) }));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
