import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { cancelRun } from "@/lib/runs/cancel-run";

/** POST /api/v1/runs/:id/cancel */
export const POST = withWorkspace<{ id: string }>("runs:cancel", async ({ params, ctx }) => json(await cancelRun(ctx, params.id)));

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
