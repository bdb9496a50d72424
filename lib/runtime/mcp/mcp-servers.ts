import { z } from "zod";

/**
 * MCP servers tool nodes and agents may use, configured for the deployment
 * with `SWITCHYARD_MCP_SERVERS` (JSON):
 *
 * @example
 * SWITCHYARD_MCP_SERVERS='{"crm":{"url":"https://mcp.example.com/mcp","headers":{"authorization":"Bearer {{secrets.CRM_TOKEN}}"}}}'
 *
 * Header values are templates, so tokens stay workspace secrets. Servers speak
 * the Streamable HTTP transport.
 */
export const ZMcpServersSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9_-]*$/i, "server names are letters, digits, - and _"),
  z.object({ url: z.url(), headers: z.record(z.string(), z.string()).optional(), timeoutMs: z.number().int().positive().optional() }),
);
export type McpServerConfig = z.infer<typeof ZMcpServersSchema>[string];

export function configuredMcpServers(env: Record<string, string | undefined> = process.env): Record<string, McpServerConfig> {
  const raw = env.SWITCHYARD_MCP_SERVERS;
  if (!raw) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    throw new Error(`SWITCHYARD_MCP_SERVERS is not valid JSON: ${(err as Error).message}`);
  }
  const result = ZMcpServersSchema.safeParse(parsed);
  if (!result.success) {
    throw new Error(`SWITCHYARD_MCP_SERVERS is invalid: ${result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return result.data;
}

/** `mcp:<server>/<tool>` → its parts, or null for other names. */
export function parseMcpToolName(name: string): { server: string; tool: string } | null {
  const m = /^mcp:([^/]+)\/(.+)$/.exec(name);
  return m ? { server: m[1], tool: m[2] } : null;
}
