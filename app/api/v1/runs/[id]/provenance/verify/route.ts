import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { verifyRunProvenance } from "@/lib/provenance/verify-run-provenance";

/** GET /api/v1/runs/:id/provenance/verify — `{ ok, records, head, firstBroken? }`: the first broken link of the run's chain, if any. */
export const GET = withWorkspace<{ id: string }>("runs:read", async ({ params, ctx }) => json(await verifyRunProvenance(ctx, params.id)));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
