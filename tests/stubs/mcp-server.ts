/**
 * A real MCP server (the official SDK, Streamable HTTP, stateless) on
 * 127.0.0.1 for integration tests, with a vendor lookup tool. Requests and
 * their headers are recorded.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

export async function startMcpServer() {
  const calls: { tool: string; args: unknown; authorization?: string }[] = [];
  const server = http.createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const mcp = new McpServer({ name: "vendor-registry", version: "1.0.0" });
    mcp.registerTool(
      "lookup_vendor",
      { description: "Looks a vendor up in the registry by name", inputSchema: { name: z.string() } },
      async ({ name }) => {
        calls.push({ tool: "lookup_vendor", args: { name }, authorization: req.headers.authorization });
        const record = { name, vendorId: name.toLowerCase().startsWith("acme") ? "V-1001" : "", verified: name.toLowerCase().startsWith("acme") };
        return { content: [{ type: "text", text: JSON.stringify(record) }] };
      },
    );
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on("close", () => {
      void transport.close();
      void mcp.close();
    });
    await mcp.connect(transport);
    await transport.handleRequest(req, res, body ? JSON.parse(body) : undefined);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`,
    calls,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
