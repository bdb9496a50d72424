import "server-only";
import { getPrisma } from "../db/client";
import { newId } from "../ids";
import { isRole, type RoleName } from "../auth/permissions";
import type { WorkspaceContext } from "../auth/context";
import type { EscalationStep } from "./escalation-chain";
import { notifyAssignees } from "./notify-assignees";
import { recordApprovalEvent } from "./record-approval-event";

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
  /** distinct approve votes needed (default 1); one reject rejects */
  minApprovals?: number;
  /**
   * Who gets the item next while it stays pending, in order: each step's `after` (a duration
   * such as "4h") counts from when the item reached the level before it (opened, for the first
   * step). The wait in lib/runtime/decision-wait.ts advances it durably.
   */
  escalationChain?: EscalationStep[];
}

export type { EscalationStep };

/** Roles that get an item nobody else can decide. */
const FALLBACK_ROLES: RoleName[] = ["admin", "owner"];

/**
 * Who an item's assignees are in this workspace today: users named by id or e-mail who are
 * members, and workspace roles (a role is a group people and API keys can be given while the
 * item waits, so it counts even when nobody holds it yet; owners and admins may always
 * decide). Unknown roles and people who are not members are dropped. When none of them resolves,
 * the item goes to the workspace's admins (and owners) and `assignmentNote` says why; it never
 * falls open to everyone.
 */
export async function resolveAssignees(ctx: WorkspaceContext, assignees: OpenApprovalInput["assignees"]) {
  const members = await ctx.db.membership.findMany({ select: { user: { select: { id: true, email: true } } } });
  const roles: RoleName[] = [];
  const userIds: string[] = [];
  const unresolved: string[] = [];
  for (const a of assignees) {
    if ("role" in a) {
      if (isRole(a.role)) roles.push(a.role);
      else unresolved.push(`role ${a.role} (not a workspace role)`);
    } else {
      const member = members.find((m) => m.user.id === a.user || m.user.email.toLowerCase() === a.user.toLowerCase());
      if (member) userIds.push(member.user.id);
      else unresolved.push(`user ${a.user} (not a member)`);
    }
  }
  if (roles.length || userIds.length) {
    return { roles: [...new Set(roles)], userIds: [...new Set(userIds)], note: unresolved.length ? `Not assigned: ${unresolved.join("; ")}.` : null };
  }
  return {
    roles: FALLBACK_ROLES,
    userIds: [],
    note: `Sent to the workspace admins: the assignees resolve to no one — ${unresolved.join("; ")}.`,
  };
}

/**
 * Puts an item in the approvals inbox, assigned as {@link resolveAssignees} says, records its
 * opening in the item's history and tells its assignees (in the app, on the workspace's
 * webhooks, by e-mail when SMTP is configured). An `escalationChain` is stored with it; the
 * decision wait advances it.
 */
export async function openApproval(ctx: WorkspaceContext, input: OpenApprovalInput) {
  const resolved = await resolveAssignees(ctx, input.assignees);
  const approval = await ctx.db.approval.create({
    data: {
      id: newId("approval"),
      kind: input.kind,
      runId: input.runId,
      nodeId: input.nodeId,
      title: input.title,
      context: (input.context ?? null) as never,
      assigneeRoles: resolved.roles,
      assigneeUserIds: resolved.userIds,
      assignmentNote: resolved.note,
      minApprovals: Math.max(1, input.minApprovals ?? 1),
      dueAt: input.dueAt,
      onTimeout: input.onTimeout ?? null,
      escalationChain: input.escalationChain?.length ? (input.escalationChain as never) : undefined,
    } as never,
  });
  const openedId = await recordApprovalEvent(ctx.db, {
    approvalId: approval.id,
    kind: "opened",
    actor: "system",
    data: { to: { roles: resolved.roles, userIds: resolved.userIds }, note: resolved.note, dueAt: input.dueAt?.toISOString() ?? null, chain: input.escalationChain?.length ?? 0 },
  });
  await notifyAssignees(ctx, approval, "opened", openedId);
  return approval;
}

/** The settled approval, as the run sees it. */
export async function getApprovalState(workspaceId: string, approvalId: string) {
  return getPrisma().approval.findFirst({ where: { id: approvalId, workspaceId } });
}
