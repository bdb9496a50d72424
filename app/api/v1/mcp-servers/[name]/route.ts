import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { deleteMcpServer, putMcpServer, ZMcpServerNameSchema, ZPutMcpServerRequestSchema } from "@/lib/runtime/mcp/mcp-servers";

type P = { name: string };

/** PUT /api/v1/mcp-servers/:name `{ url, headers?, timeoutMs? }` — adds or replaces a workspace MCP server. */
export const PUT = withWorkspace<P>("providers:manage", async ({ req, params, ctx }) => {
  const name = ZMcpServerNameSchema.parse(params.name);
  const body = await readJson(req, ZPutMcpServerRequestSchema);
  const r = await putMcpServer(ctx, name, body);
  return json(r, r.created ? 201 : 200);
});

/** DELETE /api/v1/mcp-servers/:name */
export const DELETE = withWorkspace<P>("providers:manage", async ({ params, ctx }) => {
  await deleteMcpServer(ctx, params.name);
  return new Response(null, { status: 204 });
});

export const { GET, POST, PATCH } = methodsNotAllowed("PUT", "DELETE");
