import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { getRunOrThrow } from "@/lib/runs/get-run";

/** GET /api/v1/runs/:id — status, input, output, error, cost and every node run. */
export const GET = withWorkspace<{ id: string }>("runs:read", async ({ params, ctx }) => json(await getRunOrThrow(ctx, params.id)));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
