import "server-only";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { findOutboundBlocked, outboundFetch } from "../../net/outbound";
import { NodeError } from "../nodes/errors";
import type { McpServerConfig } from "./mcp-servers";

export interface McpConnection {
  listTools(): Promise<{ name: string; description?: string; inputSchema: Record<string, unknown> }[]>;
  callTool(name: string, args: Record<string, unknown>, signal?: AbortSignal): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Connects to an MCP server over Streamable HTTP with the official SDK.
 * `headers` are already rendered (secrets resolved) by the caller. A server a workspace
 * added (`source: "workspace"`) is reached through the outbound guard.
 */
export async function connectMcpServer(
  name: string,
  config: McpServerConfig & { source?: "deployment" | "workspace" },
  headers: Record<string, string>,
): Promise<McpConnection> {
  const client = new Client({ name: "switchyard", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(config.url), {
    requestInit: { headers },
    ...(config.source === "workspace" ? { fetch: outboundFetch as typeof fetch } : {}),
  });
  try {
    await client.connect(transport);
  } catch (err) {
    // a refused address stays refused: not worth a retry
    const blocked = findOutboundBlocked(err);
    throw new NodeError(`Could not connect to MCP server "${name}" at ${new URL(config.url).host}: ${(blocked ?? (err as Error)).message}`, !blocked, blocked ? { code: blocked.code } : {});
  }
  return {
    async listTools() {
      const { tools } = await client.listTools();
      return tools.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema as Record<string, unknown> }));
    },
    async callTool(tool, args, signal) {
      const result = await client.callTool({ name: tool, arguments: args }, undefined, { signal, timeout: config.timeoutMs ?? 60_000 });
      const content = (result.content ?? []) as { type: string; text?: string }[];
      if (result.isError) {
        throw new NodeError(`MCP tool ${name}/${tool} failed: ${content.map((c) => c.text ?? "").join(" ").slice(0, 500) || "no details"}`, false);
      }
      if (result.structuredContent !== undefined) return result.structuredContent;
      const texts = content.filter((c) => c.type === "text").map((c) => c.text ?? "");
      if (texts.length === 1) {
        try {
          return JSON.parse(texts[0]);
        } catch {
          return texts[0];
        }
      }
      return content;
    },
    close: () => client.close(),
  };
}
