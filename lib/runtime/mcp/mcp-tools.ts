import "server-only";
import { renderTemplate, type TTemplateContext } from "../../graphs/spec/template";
import type { AgentTool } from "../agent/types";
import { NodeError } from "../nodes/errors";
import type { ResolvedMcpServer } from "./mcp-servers";
import { connectMcpServer, type McpConnection } from "./mcp-client";
import { parseMcpToolName } from "./mcp-servers";

/**
 * Opens the MCP servers a node needs (once each) and resolves its tool
 * names (`mcp:<server>/<tool>`) into agent tools. Call `close()` when the
 * node is done. `servers`: the workspace's and the deployment's (mcp-servers.ts).
 */
export async function openMcpTools(toolNames: string[], tctx: TTemplateContext, servers: Record<string, ResolvedMcpServer>) {
  const connections = new Map<string, McpConnection>();
  const connection = async (server: string) => {
    let c = connections.get(server);
    if (!c) {
      const config = servers[server];
      if (!config) {
        throw new NodeError(
          `MCP server "${server}" is not configured. Add it in Settings → Providers & secrets → MCP servers (configured: ${Object.keys(servers).join(", ") || "none"}).`,
          false,
        );
      }
      const headers = Object.fromEntries(Object.entries(config.headers ?? {}).map(([k, v]) => [k, String(renderTemplate(v, tctx) ?? "")]));
      c = await connectMcpServer(server, config, headers);
      connections.set(server, c);
    }
    return c;
  };
  const tools: AgentTool[] = [];
  try {
    for (const name of toolNames) {
      const ref = parseMcpToolName(name);
      if (!ref) throw new NodeError(`Tool "${name}" is not an MCP tool (mcp:<server>/<tool>); only MCP tools can be given to agents.`, false);
      const c = await connection(ref.server);
      const listed = (await c.listTools()).find((t) => t.name === ref.tool);
      if (!listed) throw new NodeError(`MCP server "${ref.server}" has no tool "${ref.tool}".`, false);
      tools.push({
        name,
        description: listed.description,
        inputSchema: listed.inputSchema,
        execute: (args, { abortSignal }) => c.callTool(ref.tool, (args ?? {}) as Record<string, unknown>, abortSignal),
      });
    }
  } catch (err) {
    await Promise.all([...connections.values()].map((c) => c.close().catch(() => {})));
    throw err;
  }
  return { tools, connection, close: () => Promise.all([...connections.values()].map((c) => c.close().catch(() => {}))).then(() => undefined) };
}
