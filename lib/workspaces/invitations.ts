import "server-only";
import { getPrisma } from "../db/client";
import { AppError, notFound } from "../errors";
import { newId } from "../ids";
import { randomToken, sha256 } from "../crypto";
import { appUrl } from "../env";
import { sendEmail } from "../email/send-email";
import { recordAuditEvent, type AuditActor } from "../audit/record-audit-event";
import { grantableRoles } from "../auth/permissions";
import type { WorkspaceContext } from "../auth/context";

import { ZCreateInvitationRequestSchema, type TCreateInvitationRequest } from "../schemas/account";
export { ZCreateInvitationRequestSchema };

export function invitationUrl(token: string): string {
  return `${appUrl()}/invite/${token}`;
}

/** Creates an invite link (and e-mails it when SMTP is configured). The token is returned once. */
export async function createInvitation(ctx: WorkspaceContext, input: TCreateInvitationRequest) {
  if (!grantableRoles(ctx.role).includes(input.role)) {
    throw new AppError("forbidden", `A ${ctx.role} cannot invite someone as ${input.role}.`);
  }
  const token = randomToken(24);
  const invitation = await ctx.db.invitation.create({
    data: {
      id: newId("invitation"),
      email: input.email ?? null,
      role: input.role,
      tokenHash: sha256(token),
      invitedById: ctx.actor.userId ?? null,
      expiresAt: new Date(Date.now() + input.expiresInDays * 86_400_000),
    } as never,
  });
  const url = invitationUrl(token);
  let emailed = false;
  if (input.email) {
    emailed = await sendEmail({
      to: input.email,
      subject: `You are invited to ${ctx.workspace.name} on Switchyard`,
      text: `You have been invited to join ${ctx.workspace.name} as ${input.role}.\n\nAccept: ${url}\n\nThe link expires on ${invitation.expiresAt.toUTCString()}.`,
    }).catch(() => false);
  }
  await recordAuditEvent(ctx.actor, {
    workspaceId: ctx.workspace.id,
    action: "invitation.created",
    targetType: "invitation",
    targetId: invitation.id,
    data: { email: input.email ?? null, role: input.role, emailed },
  });
  return { invitation: publicInvitation(invitation), url, emailed };
}

function publicInvitation(i: { id: string; email: string | null; role: string; expiresAt: Date; createdAt: Date; acceptedAt: Date | null; revokedAt: Date | null }) {
  return { id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt, createdAt: i.createdAt, acceptedAt: i.acceptedAt, revokedAt: i.revokedAt };
}

export async function listInvitations(ctx: WorkspaceContext) {
  const rows = await ctx.db.invitation.findMany({
    where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map(publicInvitation);
}

export async function revokeInvitation(ctx: WorkspaceContext, id: string) {
  const { count } = await ctx.db.invitation.updateMany({ where: { id, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
  if (!count) throw notFound("Invitation");
  await recordAuditEvent(ctx.actor, { workspaceId: ctx.workspace.id, action: "invitation.revoked", targetType: "invitation", targetId: id });
}

/** What the invite page shows before the invitee accepts; null if the link is unusable. */
export async function getInvitationByToken(token: string) {
  const inv = await getPrisma().invitation.findUnique({ where: { tokenHash: sha256(token) }, include: { workspace: true } });
  if (!inv || inv.revokedAt || inv.acceptedAt || inv.expiresAt < new Date()) return null;
  return { id: inv.id, email: inv.email, role: inv.role, workspace: { name: inv.workspace.name, slug: inv.workspace.slug }, expiresAt: inv.expiresAt };
}

/** Adds the user to the invitation's workspace. A user already in it keeps the higher of the two roles' positions unchanged. */
export async function acceptInvitation(user: { id: string; email: string }, token: string, actor: AuditActor) {
  const db = getPrisma();
  const inv = await db.invitation.findUnique({ where: { tokenHash: sha256(token) }, include: { workspace: true } });
  if (!inv || inv.revokedAt || inv.acceptedAt || inv.expiresAt < new Date()) {
    throw new AppError("not_found", "This invitation link is invalid, expired, revoked or already used. Ask for a new one.");
  }
  if (inv.email && inv.email !== user.email.toLowerCase()) {
    throw new AppError("forbidden", `This invitation is for ${inv.email}. Sign in with that address to accept it.`);
  }
  await db.$transaction(async (tx) => {
    const claimed = await tx.invitation.updateMany({
      where: { id: inv.id, acceptedAt: null, revokedAt: null },
      data: { acceptedAt: new Date(), acceptedById: user.id },
    });
    if (!claimed.count) throw new AppError("conflict", "This invitation was just used.");
    const existing = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId: inv.workspaceId, userId: user.id } } });
    if (!existing) {
      await tx.membership.create({ data: { id: newId("membership"), workspaceId: inv.workspaceId, userId: user.id, role: inv.role } });
    }
  });
  await recordAuditEvent(actor, {
    workspaceId: inv.workspaceId,
    action: "member.joined",
    targetType: "user",
    targetId: user.id,
    data: { role: inv.role, invitationId: inv.id },
  });
  return { workspace: { id: inv.workspace.id, slug: inv.workspace.slug, name: inv.workspace.name }, role: inv.role };
}
