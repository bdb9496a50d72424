import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { unarchiveGraph } from "@/lib/graphs/archive-graph";

/** POST /api/v1/graphs/:id/unarchive → `{ id, name, archivedAt: null }`; listed, editable and runnable again. */
export const POST = withWorkspace<{ id: string }>("graphs:write", async ({ params, ctx }) => json(await unarchiveGraph(ctx, params.id)));

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
