import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { listRunProvenance } from "@/lib/provenance/list-run-provenance";

/** GET /api/v1/runs/:id/provenance — the run's provenance chain, each record with the node, delegation, approval or sub-run it names. */
export const GET = withWorkspace<{ id: string }>("runs:read", async ({ params, ctx }) => json(await listRunProvenance(ctx, params.id)));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
