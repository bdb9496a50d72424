import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { archiveGraph } from "@/lib/graphs/archive-graph";

/** POST /api/v1/graphs/:id/archive → `{ id, name, archivedAt }`; the graph stops running and being listed, its history stays. */
export const POST = withWorkspace<{ id: string }>("graphs:write", async ({ params, ctx }) => json(await archiveGraph(ctx, params.id)));

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
