import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { notFound } from "../errors";
import { mayDecide, voterOf } from "./decide-approval";
import { readEscalationChain } from "./escalation-chain";

/**
 * One inbox item with its votes and its history (opened, notified, reassigned, escalated,
 * voted, decided, expired — oldest first), its escalation chain and level, and what the caller
 * may do with it. Another workspace's item is a 404 like a missing one.
 *
 * @example
 * const { approval, events } = await getApproval(ctx, "apr_…");
 */
export async function getApproval(ctx: WorkspaceContext, id: string) {
  const a = await ctx.db.approval.findFirst({
    where: { id },
    include: {
      votes: { select: { voter: true, decision: true, comment: true, createdAt: true }, orderBy: { createdAt: "asc" } },
      events: { select: { id: true, kind: true, actor: true, level: true, data: true, createdAt: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
  });
  if (!a) throw notFound("Approval");
  const { events, ...approval } = a;
  const chain = readEscalationChain(a.escalationChain);
  return {
    approval: {
      ...approval,
      escalationChain: chain.length ? chain : null,
      approvals: a.votes.filter((v) => v.decision === "approve").length,
      canDecide: a.status === "pending" && mayDecide(ctx, a) && !a.votes.some((v) => v.voter === voterOf(ctx)),
      canReassign: a.status === "pending" && mayDecide(ctx, a),
    },
    events,
  };
}
