import "server-only";
import { getPrisma } from "../db/client";
import { newId } from "../ids";
import { isRole, type RoleName } from "../auth/permissions";
import type { WorkspaceContext } from "../auth/context";

export interface OpenApprovalInput {
  runId: string | null;
  nodeId: string | null;
  /** `forecast`: a run whose cost forecast exceeds its graph's threshold, waiting to start. */
  kind: "approval" | "budget" | "escalation" | "forecast";
  title: string;
  context: unknown;
  assignees: ({ user: string } | { role: string })[];
  dueAt: Date | null;
  onTimeout?: string | null;
}

/**
 * Puts an item in the approvals inbox. Assignees given by e-mail are resolved
 * to users of this workspace; roles are kept as roles. When none of them resolves to anyone
 * the item goes to the admins, and its title says why.
 */
export async function openApproval(ctx: WorkspaceContext, input: OpenApprovalInput) {
  const roles: RoleName[] = [];
  const userRefs: string[] = [];
  for (const a of input.assignees) {
    if ("role" in a && isRole(a.role)) roles.push(a.role);
    else if ("user" in a) userRefs.push(a.user);
  }
  let userIds: string[] = [];
  if (userRefs.length) {
    const members = await ctx.db.membership.findMany({ include: { user: { select: { id: true, email: true } } } });
    userIds = members.filter((m) => userRefs.includes(m.user.id) || userRefs.includes(m.user.email)).map((m) => m.user.id);
  }
  let title = input.title;
  if (roles.length === 0 && userIds.length === 0) {
    // Assignees that resolve to no one (a role that does not exist, people who left) would
    // otherwise leave the item to anyone who may decide: it goes to the admins, saying why.
    roles.push("admin");
    const named = input.assignees.map((a) => ("role" in a ? `role "${a.role}"` : `"${a.user}"`)).join(", ");
    title = `${input.title} (for the admins: ${named ? `${named} matches no member` : "no assignee was given"})`;
  }
  const approval = await ctx.db.approval.create({
    data: {
      id: newId("approval"),
      kind: input.kind,
      runId: input.runId,
      nodeId: input.nodeId,
      title,
      context: (input.context ?? null) as never,
      assigneeRoles: roles,
      assigneeUserIds: userIds,
      dueAt: input.dueAt,
      onTimeout: input.onTimeout ?? null,
    } as never,
  });
  return approval;
}

/** The settled approval, as the run sees it. */
export async function getApprovalState(workspaceId: string, approvalId: string) {
  return getPrisma().approval.findFirst({ where: { id: approvalId, workspaceId } });
}
