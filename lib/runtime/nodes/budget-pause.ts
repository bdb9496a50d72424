import "server-only";
import type { WorkspaceContext } from "../../auth/context";
import { getApprovalState } from "../../approvals/open-approval";
import { openBudgetPause } from "../../approvals/open-budget-pause";
import type { ApprovalDecidedData } from "../../events/names";
import { BudgetExceededError, type BudgetExceededDetails } from "../../finops/errors";
import { loadSpendContext } from "../../finops/load-spend-context";
import { usd } from "../../finops/money";
import { reserveRaisingShortfall } from "../../finops/raise-budget";
import type { Reservation } from "../../finops/reserve-budget";
import { systemContext } from "../system-context";
import { failNode, trace } from "../run-state";
import { errorInfo } from "./errors";

/** How long a budget pause waits for a person (the inbox item then expires and the node fails). */
export const BUDGET_DECISION_TIMEOUT = "30d";
/** A resume that keeps failing on a transient error is tried this many times, then the node fails. */
const RESUME_TRIES = 3;

/** The durable step tools a budget pause needs (the Inngest SDK's `step` has them). */
export interface BudgetPauseSteps {
  run<T>(id: string, fn: () => Promise<T>): Promise<T>;
}

/** A reservation as it crosses a step boundary (plain JSON). */
export interface CarriedReservation {
  id: string | null;
  amountUsd: string;
  windows: Reservation["windows"];
}

/** What happened to a node paused on a budget. */
export type BudgetPauseOutcome =
  /** approved: re-run the node with `carried`, the reservation taken for it on resume */
  | { status: "resumed"; carried: CarriedReservation }
  /** approved, but another budget refuses the re-reservation: pause again, on that one */
  | { status: "budget"; budget: BudgetExceededDetails }
  /** rejected, not decided in time, or the resume could not be made: the node failed */
  | { status: "failed"; error: { name: string; message: string; reason?: string; retryable: boolean; [k: string]: unknown } };

/** The reservation a resumed node's first model call replaces (see reserveBudget's `replaces`). */
export function carriedReservation(c: CarriedReservation | null | undefined): Reservation | null {
  return c?.id ? { id: c.id, amountUsd: usd(c.amountUsd), windows: c.windows } : null;
}

/** A decision recorded on the item's row (its event was not seen), or undefined while pending. */
function decisionFromRow(row: Awaited<ReturnType<typeof getApprovalState>>, runId: string, workspaceId: string): ApprovalDecidedData | undefined {
  if (!row || (row.status !== "approved" && row.status !== "rejected")) return undefined;
  return { approvalId: row.id, runId, workspaceId, decision: row.status === "approved" ? "approve" : "reject", decidedBy: row.decidedById ? `user:${row.decidedById}` : "unknown", comment: row.comment, output: row.output };
}

/**
 * After a wait ends: the run goes back to running (or waiting, when an approval or wait node
 * still waits) once no node of it is paused any more. Each resuming node marks itself first,
 * so whichever resumes last sees none left and flips the run.
 */
async function resumeRunIfNothingPaused(ctx: WorkspaceContext, runId: string) {
  const paused = await ctx.db.nodeRun.count({ where: { runId, status: "paused" } });
  if (paused) return;
  const waiting = await ctx.db.nodeRun.count({ where: { runId, status: "waiting" } });
  await ctx.db.run.updateMany({ where: { id: runId, status: "paused", pausedReason: "budget" }, data: { status: waiting ? "waiting" : "running", pausedReason: null } });
}

/**
 * A node refused by a budget whose `onExceed` is `pause`: opens (or joins) the run's one inbox
 * item for that budget window, marks the node and the run paused, waits durably for the
 * decision, then resumes. Every node refused on the same window waits on the same item and the
 * same decision event (`budget-wait:<approvalId>:<nodeId>`), so one approval resumes them all.
 *
 * Resuming re-attempts the node's reservation and raises the window by only what is still
 * missing (nothing when settlements freed enough meanwhile); that reservation is carried into
 * the node's re-run. A rejection, a timeout, or a resume that cannot be made fails the node with
 * the reason — it never stays paused silently.
 *
 * @example
 * const out = await pauseOnBudget({ step, workspaceId, runId, graphName: spec.name, nodeId: node.id, round, budget, waitForDecision });
 * if (out.status === "resumed") await runWorkStep(node, round + 1, { carried: out.carried });
 */
export async function pauseOnBudget(args: {
  step: BudgetPauseSteps;
  workspaceId: string;
  runId: string;
  graphName: string;
  nodeId: string;
  /** which pause of this node it is (step ids stay unique across pauses) */
  round: number | string;
  budget: BudgetExceededDetails;
  /** the interpreter's shared decision wait: the decision event, or null (timed out, or decided unseen) */
  waitForDecision: (stepId: string, approvalId: string, timeout: string) => Promise<{ data: unknown } | null>;
}): Promise<BudgetPauseOutcome> {
  const { step, workspaceId, runId, nodeId, budget: b } = args;
  const opened = await step.run(`budget-pause:${nodeId}:${args.round}`, async () => {
    const ctx = await systemContext(workspaceId);
    const { approvalId, opened } = await openBudgetPause(ctx, { runId, nodeId, graphName: args.graphName, budget: b });
    await ctx.db.nodeRun.updateMany({ where: { runId, nodeId }, data: { status: "paused" } });
    await ctx.db.run.updateMany({ where: { id: runId, status: { in: ["running", "waiting"] } }, data: { status: "paused", pausedReason: "budget" } });
    await trace(ctx, runId, nodeId, "run.paused", `Paused: ${b.budgetName} would be exceeded (short by $${b.shortfallUsd}); waiting for a decision${opened ? "" : " with the other paused nodes"}`, { ...b, approvalId });
    return { approvalId };
  });
  const { approvalId } = opened;
  const decided = await args.waitForDecision(`budget-wait:${approvalId}:${nodeId}`, approvalId, BUDGET_DECISION_TIMEOUT);
  return step.run(`budget-resume:${approvalId}:${nodeId}`, async (): Promise<BudgetPauseOutcome> => {
    const ctx = await systemContext(workspaceId);
    const data = (decided?.data as ApprovalDecidedData | undefined) ?? decisionFromRow(await getApprovalState(workspaceId, approvalId), runId, workspaceId);
    if (data?.decision !== "approve") {
      await ctx.db.approval.updateMany({ where: { id: approvalId, status: "pending" }, data: { status: "expired", decidedAt: new Date(), decision: "reject" } });
      const error = { name: "BudgetExceededError", message: `Stopped: ${b.budgetName} would be exceeded and the raise was ${data ? "rejected" : `not decided within ${BUDGET_DECISION_TIMEOUT}`}.`, reason: "budget_exceeded", retryable: false, budget: b };
      await failNode(ctx, runId, nodeId, error, 1, true);
      await resumeRunIfNothingPaused(ctx, runId);
      return { status: "failed", error };
    }
    for (let tries = 1; ; tries++) {
      try {
        const spend = await loadSpendContext(ctx, { runId, nodeId });
        const held = await reserveRaisingShortfall(ctx, spend, b.requestedUsd, { budgetId: b.budgetId, windowKey: b.windowKey }, { approvalId });
        await ctx.db.nodeRun.updateMany({ where: { runId, nodeId, status: "paused" }, data: { status: "running" } });
        await resumeRunIfNothingPaused(ctx, runId);
        const raised = held.raisedUsd ? `raised by $${held.raisedUsd.toFixed()}` : "nothing to raise (enough was freed meanwhile)";
        await trace(ctx, runId, nodeId, "run.resumed", `Budget approved by ${data.decidedBy}: ${raised}; resuming`, { approvalId, raisedUsd: held.raisedUsd?.toFixed() ?? "0" });
        return { status: "resumed", carried: { id: held.id, amountUsd: held.amountUsd.toFixed(), windows: held.windows } };
      } catch (err) {
        if (err instanceof BudgetExceededError) return { status: "budget", budget: JSON.parse(JSON.stringify(err.toJSON())) as BudgetExceededDetails };
        const info = errorInfo(err);
        if (info.retryable && tries < RESUME_TRIES) {
          await new Promise((r) => setTimeout(r, 250 * tries));
          continue;
        }
        const error = { ...info, retryable: false, reason: "budget_resume_failed", message: `Could not resume after the budget was approved: ${info.message}` };
        await failNode(ctx, runId, nodeId, error, 1, true);
        await resumeRunIfNothingPaused(ctx, runId);
        return { status: "failed", error };
      }
    }
  });
}
