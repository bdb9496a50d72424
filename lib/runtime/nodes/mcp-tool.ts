import "server-only";
import { renderValue, type TTemplateContext } from "../../graphs/spec/template";
import type { TNodeSpec } from "../../graphs/spec/schema";
import type { ResolvedMcpServer } from "../mcp/mcp-servers";
import { openMcpTools } from "../mcp/mcp-tools";

type McpTool = Extract<Extract<TNodeSpec, { type: "tool" }>["tool"], { kind: "mcp" }>;

/** A tool node's MCP call: arguments rendered as templates; the tool's result is the output. */
export async function callMcpTool(tool: McpTool, tctx: TTemplateContext, signal: AbortSignal, servers: Record<string, ResolvedMcpServer>): Promise<unknown> {
  const opened = await openMcpTools([], tctx, servers);
  try {
    const c = await opened.connection(tool.server);
    return await c.callTool(tool.tool, (renderValue(tool.arguments ?? {}, tctx) ?? {}) as Record<string, unknown>, signal);
  } finally {
    await opened.close();
  }
}
