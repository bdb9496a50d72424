import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { listRunDelegations } from "@/lib/runtime/supervision/list-delegations";

/** GET /api/v1/runs/:id/delegations — the run's delegations, each with its child run's (5 levels). */
export const GET = withWorkspace<{ id: string }>("runs:read", async ({ params, ctx }) => json({ data: await listRunDelegations(ctx, params.id) }));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
