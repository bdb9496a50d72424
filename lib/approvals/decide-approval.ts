import "server-only";
import { z } from "zod";
import { AppError, notFound } from "../errors";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { WorkspaceContext } from "../auth/context";
import { inngest } from "../events/client";
import { EVENTS } from "../events/names";
import { newId } from "../ids";
import { raiseBudget } from "../finops/raise-budget";
import { isBudgetExceeded } from "../finops/errors";
import { recordApprovalEvent } from "./record-approval-event";
import { checkEditedOutput } from "./check-edited-output";

export const ZDecideApprovalRequestSchema = z.object({
  decision: z.enum(["approve", "reject"]),
  comment: z.string().trim().max(4000).optional(),
  /** replaces the output the run continues with (an approver's edit) */
  output: z.unknown().optional(),
});
export type TDecideApprovalRequest = z.infer<typeof ZDecideApprovalRequestSchema>;

/**
 * Whether the caller may decide this item: an assignee by user or role; owners and admins
 * always. An item with no assignees (opened before assignees were resolved at run time) is
 * for owners and admins only, never for everyone.
 */
export function mayDecide(ctx: WorkspaceContext, approval: { assigneeUserIds: string[]; assigneeRoles: string[] }): boolean {
  if (ctx.role === "owner" || ctx.role === "admin") return true;
  if (ctx.actor.userId && approval.assigneeUserIds.includes(ctx.actor.userId)) return true;
  return approval.assigneeRoles.includes(ctx.role);
}

/** How a voter is recorded: `user:<id>` or `apikey:<id>`. */
export function voterOf(ctx: WorkspaceContext): string {
  return ctx.actor.userId ? `user:${ctx.actor.userId}` : `apikey:${ctx.actor.apiKeyId}`;
}

/**
 * Records a vote, and settles the item when the vote decides it, then resumes the waiting run.
 *
 * The rule for `minApprovals` (N): the item is approved by approve votes of N distinct
 * people (or API keys); a single reject rejects it. Each voter votes once (a second vote
 * is a 409). Every vote is kept (who, what, when) and listed with the item. The row is
 * settled only while it is still pending, so two deciding votes at once settle it once.
 */
export async function decideApproval(ctx: WorkspaceContext, id: string, input: TDecideApprovalRequest) {
  const approval = await ctx.db.approval.findFirst({ where: { id } });
  if (!approval) throw notFound("Approval");
  if (approval.status !== "pending") throw new AppError("conflict", `This item was already ${approval.status}.`);
  if (!mayDecide(ctx, approval)) {
    throw new AppError("forbidden", `This item is assigned to ${[...approval.assigneeRoles.map((r) => `the ${r} role`), ...(approval.assigneeUserIds.length ? ["named people"] : [])].join(" and ")}.`);
  }
  if (approval.kind === "escalation" && input.decision === "approve" && input.output !== undefined && input.output !== null) checkEditedOutput(approval.context, input.output);
  const raiseUsd = approval.kind === "budget" && input.decision === "approve" ? askedRaise(input.output) : null;
  const decidedBy = voterOf(ctx);
  const now = new Date();
  const vote = async () => {
    try {
      await ctx.db.approvalVote.create({ data: { id: newId("approvalVote"), approvalId: id, voter: decidedBy, decision: input.decision, comment: input.comment ?? null, createdAt: now } as never });
    } catch (err) {
      if ((err as { code?: string }).code === "P2002") throw new AppError("conflict", "You already voted on this item; it needs other people's votes now.");
      throw err;
    }
  };
  // one vote needed: the vote is the decision, recorded once it won; several: each vote first
  if (approval.minApprovals > 1) await vote();
  if (input.decision === "approve" && approval.minApprovals > 1) {
    const approvals = await ctx.db.approvalVote.count({ where: { approvalId: id, decision: "approve" } });
    if (approvals < approval.minApprovals) {
      await recordApprovalEvent(ctx.db, { approvalId: id, kind: "voted", actor: decidedBy, level: approval.escalationLevel, data: { decision: input.decision, comment: input.comment ?? null, approvals, minApprovals: approval.minApprovals } });
      await recordAuditEvent(ctx.actor, {
        workspaceId: ctx.workspace.id,
        action: "approval.voted",
        targetType: "approval",
        targetId: id,
        data: { runId: approval.runId, nodeId: approval.nodeId, decision: input.decision, approvals, minApprovals: approval.minApprovals },
      });
      return { id, status: "pending" as const, approvals, minApprovals: approval.minApprovals, decidedAt: null };
    }
  }
  const { count } = await ctx.db.approval.updateMany({
    where: { id, status: "pending" },
    data: {
      status: input.decision === "approve" ? "approved" : "rejected",
      decision: input.decision,
      comment: input.comment ?? null,
      output: (input.output === undefined ? undefined : input.output) as never,
      decidedById: ctx.actor.userId ?? null,
      decidedAt: now,
    },
  });
  if (!count) {
    // with several votes needed, another deciding vote may have settled it a moment ago: this vote still counts
    if (approval.minApprovals > 1) {
      const settled = await ctx.db.approval.findFirst({ where: { id }, select: { status: true, decidedAt: true } });
      return { id, status: settled?.status ?? "pending", approvals: approval.minApprovals, minApprovals: approval.minApprovals, decidedAt: settled?.decidedAt ?? null };
    }
    throw new AppError("conflict", "Someone else decided this item a moment ago.");
  }
  if (approval.minApprovals <= 1) await vote();
  await recordApprovalEvent(ctx.db, { approvalId: id, kind: "decided", actor: decidedBy, level: approval.escalationLevel, data: { decision: input.decision, comment: input.comment ?? null, editedOutput: input.output !== undefined } });
  if (raiseUsd) await raiseAsAsked(ctx, approval.context, raiseUsd);
  await inngest.send({
    name: EVENTS.approvalDecided,
    data: { approvalId: id, runId: approval.runId, workspaceId: ctx.workspace.id, decision: input.decision, decidedBy, comment: input.comment ?? null, output: input.output ?? null },
  });
  await recordAuditEvent(ctx.actor, {
    workspaceId: ctx.workspace.id,
    action: `approval.${input.decision === "approve" ? "approved" : "rejected"}`,
    targetType: "approval",
    targetId: id,
    data: { runId: approval.runId, nodeId: approval.nodeId, kind: approval.kind, comment: input.comment ?? null, editedOutput: input.output !== undefined },
  });
  const approvals = approval.minApprovals > 1 ? await ctx.db.approvalVote.count({ where: { approvalId: id, decision: "approve" } }) : input.decision === "approve" ? 1 : 0;
  return { id, status: input.decision === "approve" ? "approved" : "rejected", approvals, minApprovals: approval.minApprovals, decidedAt: now };
}

/** `output.raiseUsd` of a budget approval: a non-negative USD amount, or a 422 naming it. */
function askedRaise(output: unknown): string | null {
  const asked = (output as { raiseUsd?: unknown } | null | undefined)?.raiseUsd;
  if (asked === undefined || asked === null) return null;
  const text = typeof asked === "number" ? String(asked) : typeof asked === "string" ? asked.trim() : "";
  if (!/^\d{1,12}(\.\d{1,12})?$/.test(text)) {
    throw new AppError("validation_failed", "output.raiseUsd must be an amount in USD (for example 2.5).", [{ path: "output.raiseUsd", message: "must be a non-negative amount in USD, at most 12 decimals" }]);
  }
  return text;
}

/**
 * A budget item approved with `output.raiseUsd` raises the paused window by that much now; the
 * waiting nodes then top it up by only what is still missing as they resume (often nothing).
 */
async function raiseAsAsked(ctx: WorkspaceContext, context: unknown, raiseUsd: string) {
  const budget = (context as { budget?: unknown } | null)?.budget;
  if (!isBudgetExceeded(budget)) return;
  try {
    await raiseBudget(ctx, budget.budgetId, raiseUsd, { windowKey: budget.windowKey });
  } catch (err) {
    // a budget deleted meanwhile holds nothing back any more
    if (!(err instanceof AppError && err.code === "not_found")) throw err;
  }
}
