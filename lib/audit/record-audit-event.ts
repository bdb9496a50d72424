import "server-only";
import { getPrisma } from "../db/client";
import { appendAuditEvents } from "./audit-chain";

export interface AuditActor {
  userId?: string | null;
  apiKeyId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditInput {
  workspaceId?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  data?: Record<string, unknown>;
}

/**
 * Appends one audit event (who, what, when, from where) to its workspace's chain
 * (lib/audit/audit-chain.ts). Audit rows are never updated or deleted by the product.
 */
export async function recordAuditEvent(actor: AuditActor, input: AuditInput): Promise<void> {
  await recordAuditEvents(actor, [input]);
}

/** Appends events by one actor, in order, in one append per chain. */
export async function recordAuditEvents(actor: AuditActor, inputs: AuditInput[]): Promise<void> {
  await appendAuditEvents(
    inputs.map((input) => ({
      workspaceId: input.workspaceId ?? null,
      actorUserId: actor.userId ?? null,
      actorApiKeyId: actor.apiKeyId ?? null,
      action: input.action,
      targetType: input.targetType ?? null,
      targetId: input.targetId ?? null,
      data: input.data ?? null,
      ip: actor.ip ?? null,
      userAgent: actor.userAgent?.slice(0, 300) ?? null,
    })),
  );
}

/** Client address and user agent of a request, for the audit trail. */
export function requestOrigin(headers: { get(name: string): string | null }): { ip: string | null; userAgent: string | null } {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return { ip: forwarded || headers.get("x-real-ip") || null, userAgent: headers.get("user-agent") };
}

/**
 * Records an event about a user (sign-in, sign-out) in the audit log of every
 * workspace they belong to, so each workspace's admins see their members'
 * sign-ins; a user with no workspace gets one unscoped row.
 */
export async function recordUserAuditEvent(actor: AuditActor & { userId: string }, action: string, data?: Record<string, unknown>): Promise<void> {
  const memberships = await getPrisma().membership.findMany({ where: { userId: actor.userId }, select: { workspaceId: true } });
  const workspaceIds = memberships.length ? memberships.map((m) => m.workspaceId) : [null];
  await appendAuditEvents(
    workspaceIds.map((workspaceId) => ({
      workspaceId,
      actorUserId: actor.userId,
      actorApiKeyId: null,
      action,
      targetType: "user",
      targetId: actor.userId,
      data: data ?? null,
      ip: actor.ip ?? null,
      userAgent: actor.userAgent?.slice(0, 300) ?? null,
    })),
  );
}
