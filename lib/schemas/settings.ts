/**
 * What the settings API answers (model providers, secrets, MCP servers, external agents), as
 * zod schemas: declared in the OpenAPI document and checked against real answers by the
 * integration tests. Pure: no server imports.
 */
import { z } from "zod";

const ZWhen = z.iso.datetime({ offset: true });

export const ZProvider = z.object({
  provider: z.enum(["openai", "anthropic", "openai-compatible"]),
  configured: z.boolean(),
  keyHint: z.string().nullable().describe("The key's last characters; never the key"),
  baseUrl: z.string().nullable(),
  updatedAt: ZWhen.nullable(),
  fromEnvironment: z.boolean(),
});
export const ZListProvidersResponse = z.object({ providers: z.array(ZProvider) });
/** Body of `POST /providers/{provider}/test`. */
export const ZTestProviderRequestSchema = z.strictObject({
  /** Model to call (without the provider prefix); required for an OpenAI-compatible server without a default. */
  model: z.string().trim().min(1).max(200).optional(),
});
export const ZTestProviderResponse = z.object({ ok: z.boolean(), latencyMs: z.number(), model: z.string(), error: z.string().optional() });

export const ZListSecretsResponse = z.object({ secrets: z.array(z.object({ name: z.string(), updatedAt: ZWhen })) });
export const ZPutSecretResponse = z.object({ name: z.string() });

export const ZMcpServer = z.object({
  name: z.string(),
  url: z.string(),
  source: z.enum(["deployment", "workspace"]),
  headers: z.record(z.string(), z.string()).describe("Header values masked"),
  timeoutMs: z.number().int().nullable(),
  updatedAt: ZWhen.nullable(),
});
export const ZListMcpServersResponse = z.object({ servers: z.array(ZMcpServer) });
export const ZPutMcpServerResponse = z.object({ name: z.string(), created: z.boolean() });
export const ZProbeMcpServerResponse = z.object({
  ok: z.boolean(),
  latencyMs: z.number(),
  tools: z.array(z.object({ name: z.string(), description: z.string().nullable(), ref: z.string() })).optional(),
  error: z.string().optional(),
});

export const ZTestAgentConnectionResponse = z.union([
  z.object({
    ok: z.literal(true),
    kind: z.enum(["a2a", "http"]),
    latencyMs: z.number(),
    name: z.string().optional(),
    description: z.string().optional(),
    url: z.string().optional(),
    skills: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
    status: z.number().int().optional(),
    message: z.string().optional(),
  }),
  z.object({ ok: z.literal(false), kind: z.enum(["a2a", "http"]), latencyMs: z.number(), reason: z.string() }),
]);
