import "server-only";
import { z } from "zod";
import { decryptSecret, encryptSecret } from "../crypto";
import { AppError } from "../errors";
import { newId } from "../ids";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { WorkspaceContext } from "../auth/context";
import { providerConfiguredByEnv } from "../env";

export const PROVIDER_NAMES = ["openai", "anthropic", "openai-compatible"] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

export const ZPutProviderRequestSchema = z
  .object({
    apiKey: z.string().trim().min(1).max(500).optional(),
    baseUrl: z.url("Must be an http(s) URL").max(500).optional(),
  })
  .refine((v) => v.apiKey !== undefined || v.baseUrl !== undefined, { message: "Give an apiKey, a baseUrl, or both", path: ["apiKey"] });

export type ProviderCredentials = Partial<Record<ProviderName, { apiKey?: string; baseUrl?: string }>>;

/** Decrypted credentials for the runtime; never returned by the API. */
export async function getProviderCredentials(ctx: WorkspaceContext): Promise<ProviderCredentials> {
  const rows = await ctx.db.providerCredential.findMany({});
  const out: ProviderCredentials = {};
  for (const r of rows) {
    out[r.provider as ProviderName] = { ...(r.encryptedKey ? { apiKey: decryptSecret(r.encryptedKey) } : {}), ...(r.baseUrl ? { baseUrl: r.baseUrl } : {}) };
  }
  return out;
}

/** Masked view for settings and the API: the last four characters only. */
export async function listProviders(ctx: WorkspaceContext) {
  const rows = await ctx.db.providerCredential.findMany({ orderBy: { provider: "asc" } });
  return PROVIDER_NAMES.map((provider) => {
    const r = rows.find((x) => x.provider === provider);
    const fromEnv = providerConfiguredByEnv(provider);
    return { provider, configured: !!r, keyHint: r?.keyHint ?? null, baseUrl: r?.baseUrl ?? null, updatedAt: r?.updatedAt ?? null, fromEnvironment: fromEnv };
  });
}

export async function putProvider(ctx: WorkspaceContext, provider: string, input: z.infer<typeof ZPutProviderRequestSchema>) {
  if (!(PROVIDER_NAMES as readonly string[]).includes(provider)) {
    throw new AppError("not_found", `Unknown provider "${provider}". Use one of: ${PROVIDER_NAMES.join(", ")}.`);
  }
  const data = {
    ...(input.apiKey !== undefined ? { encryptedKey: encryptSecret(input.apiKey), keyHint: input.apiKey.slice(-4) } : {}),
    ...(input.baseUrl !== undefined ? { baseUrl: input.baseUrl } : {}),
  };
  await ctx.db.providerCredential.upsert({
    where: { workspaceId_provider: { workspaceId: ctx.workspace.id, provider } },
    create: { id: newId("providerCredential"), provider, ...data } as never,
    update: data,
  });
  await recordAuditEvent(ctx.actor, { workspaceId: ctx.workspace.id, action: "provider.updated", targetType: "provider", targetId: provider, data: { apiKey: input.apiKey !== undefined, baseUrl: input.baseUrl ?? null } });
  return (await listProviders(ctx)).find((p) => p.provider === provider)!;
}
