import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { providerConfiguredByEnv } from "../env";

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
  for (const provider of ["openai", "anthropic", "openai-compatible"]) if (providerConfiguredByEnv(provider)) out.add(provider);
  return out;
}
