import "server-only";
import { z } from "zod";
/**
 * MCP servers a workspace adds in Settings (tool nodes and agents use them as
 * `mcp:<server>/<tool>`), next to the deployment's own (`SWITCHYARD_MCP_SERVERS`).
 * Header values are stored encrypted; values that are templates over workspace secrets
 * (`Bearer {{secrets.CRM_TOKEN}}`) are shown back, literal values only masked.
 * Workspace servers' URLs go through the outbound guard (no private addresses unless the
 * deployment allows them); the deployment's servers are trusted.
 */
import { recordAuditEvent } from "../../audit/record-audit-event";
import type { WorkspaceContext } from "../../auth/context";
import { decryptSecret, encryptSecret } from "../../crypto";
import { AppError, notFound } from "../../errors";
import { newId } from "../../ids";
import { extractReferences } from "../../graphs/spec/template";
import { openMcpTools } from "./mcp-tools";
import { loadSecrets } from "../../secrets/secrets";
import type { TPutMcpServerRequest } from "./schemas";
import { serverEnv } from "../../env";

export { ZMcpServerNameSchema, ZPutMcpServerRequestSchema, type TPutMcpServerRequest } from "./schemas";

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
  z.object({ url: z.url(), headers: z.record(z.string(), z.string()).optional(), timeoutMs: z.number().int().positive().max(600_000).optional() }),
);
export type McpServerConfig = z.infer<typeof ZMcpServersSchema>[string];

export function configuredMcpServers(env: Record<string, string | undefined> = serverEnv()): Record<string, McpServerConfig> {
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

/** A server as the runtime uses it. */
export type ResolvedMcpServer = McpServerConfig & { source: "deployment" | "workspace" };

const isTemplate = (v: string) => /^[^{}]*(\{\{\s*secrets\.[A-Z][A-Z0-9_]*\s*\}\}[^{}]*)+$/.test(v);

function readHeaders(sealed: string | null): Record<string, string> {
  return sealed ? (JSON.parse(decryptSecret(sealed)) as Record<string, string>) : {};
}

/** Servers of the deployment and of this workspace (the deployment's names are reserved). */
export async function resolveMcpServers(ctx: WorkspaceContext): Promise<Record<string, ResolvedMcpServer>> {
  const out: Record<string, ResolvedMcpServer> = {};
  const rows = await ctx.db.mcpServer.findMany();
  for (const r of rows) out[r.name] = { url: r.url, headers: readHeaders(r.encryptedHeaders), timeoutMs: r.timeoutMs ?? undefined, source: "workspace" };
  for (const [name, config] of Object.entries(configuredMcpServers())) out[name] = { ...config, source: "deployment" };
  return out;
}

/** For Settings: every server, header values masked unless they are secret templates. */
export async function listMcpServers(ctx: WorkspaceContext) {
  const rows = await ctx.db.mcpServer.findMany({ orderBy: { name: "asc" } });
  const workspace = rows.map((r) => ({
    name: r.name,
    url: r.url,
    source: "workspace" as const,
    headers: Object.fromEntries(Object.entries(readHeaders(r.encryptedHeaders)).map(([k, v]) => [k, isTemplate(v) ? v : "••••••"])),
    timeoutMs: r.timeoutMs,
    updatedAt: r.updatedAt,
  }));
  const deployment = Object.entries(configuredMcpServers()).map(([name, c]) => ({
    name,
    url: c.url,
    source: "deployment" as const,
    headers: Object.fromEntries(Object.keys(c.headers ?? {}).map((k) => [k, "(set by the deployment)"])),
    timeoutMs: c.timeoutMs ?? null,
    updatedAt: null,
  }));
  return [...deployment, ...workspace];
}

/**
 * Adds or replaces a workspace server. A header value sent as `••••••` (as listed) keeps
 * the stored value, so a server can be edited without re-typing its tokens.
 */
export async function putMcpServer(ctx: WorkspaceContext, name: string, body: TPutMcpServerRequest) {
  if (configuredMcpServers()[name]) {
    throw new AppError("conflict", `"${name}" is an MCP server of this deployment (SWITCHYARD_MCP_SERVERS); choose another name.`, [
      { path: "name", message: "Taken by a deployment server" },
    ]);
  }
  const existing = await ctx.db.mcpServer.findFirst({ where: { name } });
  const before = readHeaders(existing?.encryptedHeaders ?? null);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(body.headers ?? {})) {
    if (v === "••••••") {
      if (before[k] === undefined) {
        throw new AppError("validation_failed", `Header ${k} has no stored value to keep; type its value.`, [{ path: `headers.${k}`, message: "No stored value to keep" }]);
      }
      headers[k] = before[k]!;
    } else headers[k] = v;
  }
  const data = {
    url: body.url,
    encryptedHeaders: Object.keys(headers).length ? encryptSecret(JSON.stringify(headers)) : null,
    timeoutMs: body.timeoutMs ?? null,
  };
  if (existing) await ctx.db.mcpServer.update({ where: { id: existing.id }, data });
  else await ctx.db.mcpServer.create({ data: { id: newId("mcpServer"), name, ...data } as never });
  await recordAuditEvent(ctx.actor, {
    workspaceId: ctx.workspace.id,
    action: existing ? "mcp_server.updated" : "mcp_server.created",
    targetType: "mcp_server",
    targetId: name,
    data: { url: body.url, headers: Object.keys(headers) },
  });
  return { name, created: !existing };
}

export async function deleteMcpServer(ctx: WorkspaceContext, name: string) {
  const { count } = await ctx.db.mcpServer.deleteMany({ where: { name } });
  if (!count) throw notFound("MCP server");
  await recordAuditEvent(ctx.actor, { workspaceId: ctx.workspace.id, action: "mcp_server.deleted", targetType: "mcp_server", targetId: name });
}

/**
 * Connects to one server the way a run would (header templates rendered with the
 * workspace's secrets) and lists its tools: the Settings "test" button and the builder's
 * tool picker. Never throws for an unreachable server: `{ ok: false, error }`.
 */
export async function probeMcpServer(ctx: WorkspaceContext, name: string) {
  const servers = await resolveMcpServers(ctx);
  if (!servers[name]) throw notFound("MCP server");
  const secrets = await loadSecrets(ctx, headerSecretNames(servers[name]!));
  const started = Date.now();
  const opened = await openMcpTools([], { secret: (s) => secrets.get(s) }, servers);
  try {
    const tools = await (await opened.connection(name)).listTools();
    return { ok: true as const, latencyMs: Date.now() - started, tools: tools.map((t) => ({ name: t.name, description: t.description ?? null, ref: `mcp:${name}/${t.name}` })) };
  } catch (err) {
    return { ok: false as const, latencyMs: Date.now() - started, error: (err as Error).message.slice(0, 500) };
  } finally {
    await opened.close();
  }
}

/** Names of the workspace secrets a server's header templates read (`{{secrets.NAME}}`). */
export function headerSecretNames(server: McpServerConfig): string[] {
  const names = new Set<string>();
  for (const v of Object.values(server.headers ?? {})) {
    try {
      for (const ref of extractReferences(v)) if (ref.root === "secrets" && ref.path[0]) names.add(ref.path[0]);
    } catch {
      // a malformed template renders as an error when the server is used
    }
  }
  return [...names];
}
