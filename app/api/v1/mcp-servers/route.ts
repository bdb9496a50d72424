import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { listMcpServers } from "@/lib/runtime/mcp/mcp-servers";

/** GET /api/v1/mcp-servers — the deployment's and the workspace's MCP servers (header values masked). */
export const GET = withWorkspace("graphs:write", async ({ ctx }) => json({ servers: await listMcpServers(ctx) }));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
