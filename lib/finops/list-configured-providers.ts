import "server-only";
import type { WorkspaceContext } from "../auth/context";

/**
 * Providers a workspace can call: those with a stored credential, those configured through the
 * environment (`OPENAI_API_KEY`, `ANTHROPIC_API_KEY`, `OPENAI_COMPATIBLE_BASE_URL`), and the
 * simulated provider, which is always available.
 *
 * @example
 * await listConfiguredProviders(ctx); // Set { "sim", "openai" }
 */
export async function listConfiguredProviders(ctx: WorkspaceContext): Promise<Set<string>> {
  const rows = await ctx.db.providerCredential.findMany({ select: { provider: true, encryptedKey: true, baseUrl: true } });
  const out = new Set<string>(["sim"]);
  for (const r of rows) if (r.encryptedKey || r.baseUrl) out.add(r.provider);
  if (process.env.OPENAI_API_KEY) out.add("openai");
  if (process.env.ANTHROPIC_API_KEY) out.add("anthropic");
  if (process.env.OPENAI_COMPATIBLE_BASE_URL) out.add("openai-compatible");
  return out;
}
