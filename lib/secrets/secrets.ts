import "server-only";
import { z } from "zod";
import { decryptSecret, encryptSecret } from "../crypto";
import { notFound } from "../errors";
import { newId } from "../ids";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { WorkspaceContext } from "../auth/context";

export const ZSecretNameSchema = z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, "Use UPPER_SNAKE_CASE, e.g. VENDOR_API_KEY");
export const ZPutSecretRequestSchema = z.object({ value: z.string().min(1).max(10_000) });

/** Decrypted values of the named secrets (names not set are absent). Used by tool nodes only. */
export async function loadSecrets(ctx: WorkspaceContext, names: string[]): Promise<Map<string, string>> {
  if (!names.length) return new Map();
  const rows = await ctx.db.secret.findMany({ where: { name: { in: names } } });
  return new Map(rows.map((r) => [r.name, decryptSecret(r.encryptedValue)]));
}

export async function putSecret(ctx: WorkspaceContext, name: string, value: string) {
  const encryptedValue = encryptSecret(value);
  await ctx.db.secret.upsert({
    where: { workspaceId_name: { workspaceId: ctx.workspace.id, name } },
    create: { id: newId("secret"), name, encryptedValue } as never,
    update: { encryptedValue },
  });
  await recordAuditEvent(ctx.actor, { workspaceId: ctx.workspace.id, action: "secret.set", targetType: "secret", targetId: name, data: { name } });
  return { name };
}

export async function listSecrets(ctx: WorkspaceContext) {
  const rows = await ctx.db.secret.findMany({ orderBy: { name: "asc" }, select: { name: true, updatedAt: true } });
  return rows;
}

export async function deleteSecret(ctx: WorkspaceContext, name: string) {
  const { count } = await ctx.db.secret.deleteMany({ where: { name } });
  if (!count) throw notFound("Secret");
  await recordAuditEvent(ctx.actor, { workspaceId: ctx.workspace.id, action: "secret.deleted", targetType: "secret", targetId: name });
}
