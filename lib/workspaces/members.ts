import "server-only";
import { AppError, notFound } from "../errors";
import { recordAuditEvent } from "../audit/record-audit-event";
import { grantableRoles, type RoleName } from "../auth/permissions";
import type { WorkspaceContext } from "../auth/context";

export { ZChangeRoleRequestSchema } from "../schemas/account";

export async function listMembers(ctx: WorkspaceContext) {
  const rows = await ctx.db.membership.findMany({
    orderBy: { createdAt: "asc" },
    include: { user: { select: { id: true, email: true, name: true, lastLoginAt: true } } },
  });
  return rows.map((m) => ({ id: m.id, role: m.role, createdAt: m.createdAt, user: m.user }));
}

async function getMemberOrThrow(ctx: WorkspaceContext, id: string) {
  const member = await ctx.db.membership.findFirst({ where: { id } });
  if (!member) throw notFound("Member");
  return member;
}

async function assertNotLastOwner(ctx: WorkspaceContext, memberRole: string) {
  if (memberRole !== "owner") return;
  const owners = await ctx.db.membership.count({ where: { role: "owner" } });
  if (owners <= 1) throw new AppError("conflict", "A workspace needs at least one owner: make someone else owner first.");
}

function assertMayManage(ctx: WorkspaceContext, targetRole: RoleName) {
  if (targetRole === "owner" && ctx.role !== "owner") {
    throw new AppError("forbidden", "Only an owner can change or remove another owner.");
  }
}

export async function changeMemberRole(ctx: WorkspaceContext, id: string, role: RoleName) {
  const member = await getMemberOrThrow(ctx, id);
  assertMayManage(ctx, member.role as RoleName);
  if (!grantableRoles(ctx.role).includes(role)) throw new AppError("forbidden", `A ${ctx.role} cannot grant the ${role} role.`);
  if (role !== "owner") await assertNotLastOwner(ctx, member.role);
  await ctx.db.membership.updateMany({ where: { id }, data: { role } });
  await recordAuditEvent(ctx.actor, {
    workspaceId: ctx.workspace.id,
    action: "member.role_changed",
    targetType: "user",
    targetId: member.userId,
    data: { from: member.role, to: role },
  });
  return { id, role };
}

export async function removeMember(ctx: WorkspaceContext, id: string) {
  const member = await getMemberOrThrow(ctx, id);
  assertMayManage(ctx, member.role as RoleName);
  await assertNotLastOwner(ctx, member.role);
  await ctx.db.membership.deleteMany({ where: { id } });
  await recordAuditEvent(ctx.actor, {
    workspaceId: ctx.workspace.id,
    action: "member.removed",
    targetType: "user",
    targetId: member.userId,
    data: { role: member.role },
  });
}
