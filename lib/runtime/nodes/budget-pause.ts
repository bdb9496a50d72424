import "server-only";
import type { TNodeSpec } from "../../graphs/spec/schema";
import { openBudgetPause } from "../../approvals/open-budget-pause";
import { BudgetExceededError, type BudgetExceededDetails } from "../../finops/errors";
import { loadSpendContext } from "../../finops/load-spend-context";
import { usd } from "../../finops/money";
import { reserveRaisingShortfall } from "../../finops/raise-budget";
import type { Reservation } from "../../finops/reserve-budget";
import { expireUndecided, waitForInboxDecision } from "../decision-wait";
import type { NodeContext } from "./context";
import { errorInfo, type ErrorInfo } from "./errors";

/** How long a budget pause waits for a person (the inbox item then expires and the node fails). */
export const BUDGET_DECISION_TIMEOUT = "30d";
/** A resume that keeps failing on a transient error is tried this many times, then the node fails. */
const RESUME_TRIES = 3;

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
  | { status: "failed"; error: ErrorInfo };

/** The reservation a resumed node's first model call replaces (see reserveBudget's `replaces`). */
export function carriedReservation(c: CarriedReservation | null | undefined): Reservation | null {
  return c?.id ? { id: c.id, amountUsd: usd(c.amountUsd), windows: c.windows } : null;
}

/**
 * A node refused by a budget whose `onExceed` is `pause`: opens (or joins) the run's one inbox
 * item for that budget window, marks the node and the run paused, and waits durably for the
 * decision (the shared decision wait). Every node refused on the same window waits on the same
 * item, so one approval — or `POST /budgets/:id/raise` — resumes them all.
 *
 * Resuming re-attempts the node's reservation and raises the window by only what is still
 * missing (nothing when settlements freed enough meanwhile); that reservation is carried into
 * the node's re-run, so no other call can take the room first. A rejection, a timeout, or a
 * resume that cannot be made fails the node with the reason: it never stays paused silently.
 *
 * Step ids: `budget-pause:<node>:<round>`, `budget-wait:<node>:<round>`, `budget-resume:<node>:<round>`.
 *
 * @example
 * const out = await pauseOnBudget(n, node, err, round);
 * if (out.status === "resumed") await runWorkStep(n, node, executor, round + 1, undefined, out.carried);
 */
export async function pauseOnBudget(n: NodeContext, node: TNodeSpec, b: BudgetExceededDetails, round: number | string): Promise<BudgetPauseOutcome> {
  const { runId, life } = n;
  const ids = { open: `budget-pause:${node.id}:${round}`, wait: `budget-wait:${node.id}:${round}`, decided: `budget-resume:${node.id}:${round}` };
  const outcome = await waitForInboxDecision(n, ids, BUDGET_DECISION_TIMEOUT, {
    open: async (ctx) => {
      const { approvalId, opened } = await openBudgetPause(ctx, { runId, nodeId: node.id, graphName: n.spec.name, budget: b });
      await life.pauseNode(ctx, runId, node.id);
      await life.pauseRun(ctx, runId, "budget");
      const how = opened ? "waiting for a decision" : "waiting with the other paused nodes for the same decision";
      await life.trace(ctx, runId, node.id, "run.paused", `Paused: ${b.budgetName} would be exceeded (short by $${b.shortfallUsd}); ${how}`, { ...b, approvalId });
      return { approvalId };
    },
    decided: async (ctx, data, approvalId): Promise<BudgetPauseOutcome> => {
      if (data?.decision !== "approve") {
        await expireUndecided(ctx, approvalId, "reject");
        const error = { name: "BudgetExceededError", message: `Stopped: ${b.budgetName} would be exceeded and the raise was ${data ? "rejected" : `not decided within ${BUDGET_DECISION_TIMEOUT}`}.`, reason: "budget_exceeded", retryable: false, budget: b };
        await life.failNode(ctx, runId, node.id, error, 1, true);
        await life.resumePausedRun(ctx, runId);
        return { status: "failed", error };
      }
      for (let tries = 1; ; tries++) {
        try {
          const spend = await loadSpendContext(ctx, { runId, nodeId: node.id });
          const held = await reserveRaisingShortfall(ctx, spend, b.requestedUsd, { budgetId: b.budgetId, windowKey: b.windowKey }, { approvalId });
          await life.resumePausedRun(ctx, runId, node.id);
          const raised = held.raisedUsd ? `raised by $${held.raisedUsd.toFixed()}` : "nothing left to raise";
          await life.trace(ctx, runId, node.id, "run.resumed", `Budget approved by ${data.decidedBy}: ${raised}; resuming`, { approvalId, raisedUsd: held.raisedUsd?.toFixed() ?? "0" });
          return { status: "resumed", carried: { id: held.id, amountUsd: held.amountUsd.toFixed(), windows: held.windows } };
        } catch (err) {
          if (err instanceof BudgetExceededError) return { status: "budget", budget: JSON.parse(JSON.stringify(err.toJSON())) as BudgetExceededDetails };
          const info = errorInfo(err);
          if (info.retryable && tries < RESUME_TRIES) {
            await new Promise((r) => setTimeout(r, 250 * tries));
            continue;
          }
          const error = { ...info, retryable: false, reason: "budget_resume_failed", message: `Could not resume after the budget was approved: ${info.message}` };
          await life.failNode(ctx, runId, node.id, error, 1, true);
          await life.resumePausedRun(ctx, runId);
          return { status: "failed", error };
        }
      }
    },
  });
  // the open step never declines
  return outcome!;
}
