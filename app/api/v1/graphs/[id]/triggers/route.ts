import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { listGraphTriggers } from "@/lib/triggers/list-triggers";

/** GET /api/v1/graphs/:id/triggers → the triggers the latest version declares, with pause state and the last day's fires by outcome. */
export const GET = withWorkspace<{ id: string }>("graphs:read", async ({ params, ctx }) => json(await listGraphTriggers(ctx, params.id)));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
