import "server-only";
import { getPrisma } from "../db/client";
import { sha256, randomToken } from "../crypto";
import { AppError, notFound } from "../errors";
import { newId } from "../ids";
import { recordAuditEvent } from "../audit/record-audit-event";
import { grantableRoles, type RoleName } from "./permissions";
import type { WorkspaceContext } from "./context";

export const API_KEY_PREFIX = "sy_";

import { ZCreateApiKeyRequestSchema, type TCreateApiKeyRequest } from "../schemas/account";
export { ZCreateApiKeyRequestSchema };

const publicFields = {
  id: true,
  name: true,
  prefix: true,
  role: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  createdById: true,
} as const;

/** Creates a key; the whole key is returned once and only its hash is kept. */
export async function createApiKey(ctx: WorkspaceContext, input: TCreateApiKeyRequest) {
  if (!grantableRoles(ctx.role).includes(input.role)) {
    throw new AppError("forbidden", `A ${ctx.role} cannot create a key with the ${input.role} role.`);
  }
  const key = `${API_KEY_PREFIX}${randomToken(30)}`;
  const apiKey = await ctx.db.apiKey.create({
    data: {
      id: newId("apiKey"),
      name: input.name,
      prefix: key.slice(0, 10),
      hash: sha256(key),
      role: input.role,
      createdById: ctx.actor.userId ?? null,
      expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
    } as never,
    select: publicFields,
  });
  await recordAuditEvent(ctx.actor, {
    workspaceId: ctx.workspace.id,
    action: "api_key.created",
    targetType: "api_key",
    targetId: apiKey.id,
    data: { name: input.name, role: input.role },
  });
  return { key, apiKey };
}

export function listApiKeys(ctx: WorkspaceContext) {
  return ctx.db.apiKey.findMany({ where: { revokedAt: null }, orderBy: { createdAt: "desc" }, select: publicFields });
}

export async function revokeApiKey(ctx: WorkspaceContext, id: string) {
  const { count } = await ctx.db.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  if (!count) throw notFound("API key");
  await recordAuditEvent(ctx.actor, { workspaceId: ctx.workspace.id, action: "api_key.revoked", targetType: "api_key", targetId: id });
}

/** The key's workspace and role, or null for an unknown, revoked or expired key. */
export async function authenticateApiKey(raw: string) {
  if (!raw.startsWith(API_KEY_PREFIX)) return null;
  const db = getPrisma();
  const apiKey = await db.apiKey.findUnique({ where: { hash: sha256(raw) }, include: { workspace: true } });
  if (!apiKey || apiKey.revokedAt || (apiKey.expiresAt && apiKey.expiresAt < new Date())) return null;
  // lastUsedAt is advisory: write it at most once a minute per key
  if (!apiKey.lastUsedAt || Date.now() - apiKey.lastUsedAt.getTime() > 60_000) {
    await db.apiKey.update({ where: { id: apiKey.id }, data: { lastUsedAt: new Date() } });
  }
  return { apiKey, workspace: apiKey.workspace, role: apiKey.role as RoleName };
}
