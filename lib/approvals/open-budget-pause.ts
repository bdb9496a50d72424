import "server-only";
import type { WorkspaceContext } from "../auth/context";
import type { BudgetExceededDetails } from "../finops/errors";
import { formatUsd, usd } from "../finops/money";
import { newId } from "../ids";
import { notifyAssignees } from "./notify-assignees";
import { recordApprovalEvent } from "./record-approval-event";
import { formatMoney } from "../format/money";

/** How long a budget pause waits for a decision before the run is stopped. */
export const BUDGET_PAUSE_TIMEOUT_MS = 30 * 24 * 3600_000;
const MAX_OPEN_ATTEMPTS = 5;

/** One node waiting on a budget pause, as the inbox item lists it. */
export interface BudgetPauseWaiter {
  nodeId: string;
  /** Worst case of the refused call (what the node re-reserves on resume). */
  requestedUsd: string;
  /** Shortfall when this node was refused. */
  shortfallUsd: string;
}

/** The context of a `budget` inbox item. */
export interface BudgetPauseContext {
  /** The latest refusal (budget, window, limit, spent, reserved, shortfall). */
  budget: BudgetExceededDetails;
  /** Every node waiting on this item; approving resumes them all. */
  waiting: BudgetPauseWaiter[];
  /** The smallest raise that lets every waiting node through, as of the latest refusal. */
  shortfallUsd: string;
  runCostUsd: string;
  hint: string;
}

/** The key of a run's pause on one budget window (without its `#n`). */
export const budgetPausePrefix = (runId: string, budgetId: string, windowKey: string) => `${runId}:${budgetId}:${windowKey}#`;

/**
 * Opens the inbox item of a run paused on a budget window, or joins the one already pending:
 * one budget pause is one item per run and window, however many parallel nodes a budget
 * refuses. Each refused node is listed in the item's `waiting`, and the title asks for what
 * all of them still need. Opens for one run and window are serialised by a transaction-scoped
 * advisory lock (two nodes refused at the same moment share one item), and the unique key
 * `<runId>:<budgetId>:<windowKey>#<n>` (n counts that window's pauses) backs it in the schema.
 * Idempotent per node (a step re-executed after a crash changes nothing).
 *
 * @example
 * const { approvalId } = await openBudgetPause(ctx, { runId, nodeId: "a3", graphName: spec.name, budget: err.toJSON() });
 */
export async function openBudgetPause(
  ctx: WorkspaceContext,
  input: { runId: string; nodeId: string; graphName: string; budget: BudgetExceededDetails },
): Promise<{ approvalId: string; opened: boolean }> {
  const ws = ctx.workspace.id;
  const b = input.budget;
  const prefix = budgetPausePrefix(input.runId, b.budgetId, b.windowKey);
  for (let tries = 1; ; tries++) {
    try {
      return await ctx.db.$transaction(
        async (tx) => {
          // opens for one run and window take turns; each then reads what the one before committed
          await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${`budget-pause:${ws}:${prefix}`}, 0))`;
          const [pending] = await tx.$queryRaw<{ id: string; context: BudgetPauseContext | null }[]>`
            select "id", "context" from "Approval"
             where "workspaceId" = ${ws} and "runId" = ${input.runId} and "status" = 'pending' and "kind" = 'budget'
               and left("pauseKey", ${prefix.length}) = ${prefix}
             for update`;
          const earlier = pending?.context?.waiting ?? [];
          const me = earlier.find((w) => w.nodeId === input.nodeId);
          const waiting = me ? earlier : [...earlier, { nodeId: input.nodeId, requestedUsd: b.requestedUsd, shortfallUsd: b.shortfallUsd }];
          // the refused node's shortfall already counts what is reserved; the others hold nothing while they wait
          const needed = waiting.filter((w) => w.nodeId !== input.nodeId).reduce((sum, w) => sum.plus(w.requestedUsd), usd(me ? 0 : b.shortfallUsd));
          const run = await tx.run.findFirst({ where: { id: input.runId }, select: { costUsd: true } });
          const context: BudgetPauseContext = {
            budget: b,
            waiting,
            shortfallUsd: formatUsd(me ? usd(pending!.context!.shortfallUsd) : needed),
            runCostUsd: run?.costUsd.toString() ?? "0",
            hint: "Approve to raise the budget by what the waiting nodes still need (or by output.raiseUsd) and resume them all; reject to stop the run.",
          };
          const title = `Raise budget "${b.budgetName}" by ${formatMoney(context.shortfallUsd)} and resume ${input.graphName}, or stop it`;
          if (pending) {
            if (!me) await tx.approval.updateMany({ where: { id: pending.id, status: "pending" }, data: { title, context: context as never } });
            return { approvalId: pending.id, opened: false };
          }
          const [{ n }] = await tx.$queryRaw<{ n: number }[]>`
            select count(*)::int as n from "Approval"
             where "workspaceId" = ${ws} and "runId" = ${input.runId} and left("pauseKey", ${prefix.length}) = ${prefix}`;
          const approvalId = newId("approval");
          await tx.approval.create({
            data: {
              id: approvalId,
              kind: "budget",
              runId: input.runId,
              nodeId: input.nodeId,
              title,
              context: context as never,
              assigneeRoles: ["finance", "admin"],
              assigneeUserIds: [],
              dueAt: new Date(Date.now() + BUDGET_PAUSE_TIMEOUT_MS),
              onTimeout: "reject",
              pauseKey: `${prefix}${n + 1}`,
            } as never,
          });
          const openedId = await recordApprovalEvent(tx, { approvalId, kind: "opened", actor: "system", data: { to: { roles: ["finance", "admin"], userIds: [] } } });
          return { approvalId, opened: true, openedId };
        },
        { timeout: 15_000, maxWait: 15_000 },
      ).then(async (r) => {
        if ("openedId" in r && r.openedId) {
          const item = await ctx.db.approval.findFirst({ where: { id: r.approvalId } });
          if (item) await notifyAssignees(ctx, item, "opened", r.openedId);
        }
        return { approvalId: r.approvalId, opened: r.opened };
      });
    } catch (err) {
      // another node of the run opened the item at the same moment: join it
      if ((err as { code?: string }).code === "P2002" && tries < MAX_OPEN_ATTEMPTS) continue;
      throw err;
    }
  }
}
