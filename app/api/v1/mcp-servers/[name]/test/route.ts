import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { probeMcpServer } from "@/lib/runtime/mcp/mcp-servers";

/** POST /api/v1/mcp-servers/:name/test — connects as a run would and lists the server's tools. */
export const POST = withWorkspace<{ name: string }>("graphs:write", async ({ params, ctx }) => json(await probeMcpServer(ctx, params.name)));

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
