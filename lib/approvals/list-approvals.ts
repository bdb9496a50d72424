import "server-only";
import { z } from "zod";
import { parseCursor } from "../api/cursor";
import type { WorkspaceContext } from "../auth/context";
import { mayDecide, voterOf } from "./decide-approval";
import { readEscalationChain } from "./escalation-chain";

export const ZListApprovalsQuerySchema = z.object({
  /** one status, or `decided`: everything no longer pending, newest decision first */
  status: z.enum(["pending", "decided", "approved", "rejected", "expired", "cancelled"]).optional(),
  /** mine: assigned to me by user; role: assigned to my role; all */
  scope: z.enum(["mine", "role", "all"]).default("all"),
  runId: z.string().max(60).optional(),
  /** newest first (default), or `due`: the nearest deadline first (overdue ones at the top; none last) */
  sort: z.enum(["newest", "due"]).default("newest"),
  cursor: z.string().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TListApprovalsQuery = z.infer<typeof ZListApprovalsQuerySchema>;

export async function listApprovals(ctx: WorkspaceContext, q: TListApprovalsQuery) {
  const cursor = parseCursor("approval", q.cursor);
  // pending items newest first; decided ones by when they were decided (the history's order)
  const byDecision = !!q.status && q.status !== "pending";
  const rows = await ctx.db.approval.findMany({
    where: {
      ...(q.status === "decided" ? { status: { not: "pending" } } : q.status ? { status: q.status } : {}),
      ...(q.runId ? { runId: q.runId } : {}),
      ...(q.scope === "mine" && ctx.actor.userId ? { assigneeUserIds: { has: ctx.actor.userId } } : {}),
      ...(q.scope === "role" ? { assigneeRoles: { has: ctx.role } } : {}),
    },
    orderBy: byDecision
      ? [{ decidedAt: { sort: "desc", nulls: "last" } }, { id: "desc" }]
      : q.sort === "due"
        ? [{ dueAt: { sort: "asc", nulls: "last" } }, { id: "desc" }]
        : { id: "desc" },
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    take: q.limit + 1,
    include: { votes: { select: { voter: true, decision: true, comment: true, createdAt: true }, orderBy: { createdAt: "asc" } } },
  });
  const page = rows.slice(0, q.limit);
  return {
    approvals: page.map((a) => ({
      ...a,
      /** approve votes so far, toward `minApprovals` */
      approvals: a.votes.filter((v) => v.decision === "approve").length,
      canDecide: a.status === "pending" && mayDecide(ctx, a) && !a.votes.some((v) => v.voter === voterOf(ctx)),
      canReassign: a.status === "pending" && mayDecide(ctx, a),
      escalationChain: readEscalationChain(a.escalationChain),
    })),
    nextCursor: rows.length > q.limit ? page[page.length - 1].id : null,
  };
}
