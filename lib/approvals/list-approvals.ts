import "server-only";
import { z } from "zod";
import type { WorkspaceContext } from "../auth/context";
import { mayDecide } from "./decide-approval";

export const ZListApprovalsQuerySchema = z.object({
  status: z.enum(["pending", "approved", "rejected", "expired", "cancelled"]).optional(),
  /** mine: assigned to me by user; role: assigned to my role; all */
  scope: z.enum(["mine", "role", "all"]).default("all"),
  runId: z.string().max(60).optional(),
  cursor: z.string().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TListApprovalsQuery = z.infer<typeof ZListApprovalsQuerySchema>;

export async function listApprovals(ctx: WorkspaceContext, q: TListApprovalsQuery) {
  const rows = await ctx.db.approval.findMany({
    where: {
      ...(q.status ? { status: q.status } : {}),
      ...(q.runId ? { runId: q.runId } : {}),
      ...(q.scope === "mine" && ctx.actor.userId ? { assigneeUserIds: { has: ctx.actor.userId } } : {}),
      ...(q.scope === "role" ? { assigneeRoles: { has: ctx.role } } : {}),
      ...(q.cursor ? { id: { lt: q.cursor } } : {}),
    },
    orderBy: { id: "desc" },
    take: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  return {
    approvals: page.map((a) => ({ ...a, canDecide: a.status === "pending" && mayDecide(ctx, a) })),
    nextCursor: rows.length > q.limit ? page[page.length - 1].id : null,
  };
}
