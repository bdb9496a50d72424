import "server-only";
import type { WorkspaceContext } from "../auth/context";
import type { SpendContext } from "./attribution";

/**
 * The enabled budgets that may apply to some spend: every settings budget, the spec budgets
 * of the spend's graph version and of its ancestors' versions, and the delegation caps on the
 * spend's run and its ancestors. `matchBudgets` then picks the
 * windows that do apply.
 *
 * @example
 * const refs = matchBudgets(await findCandidateBudgets(ctx, spend), spend, at);
 */
export function findCandidateBudgets(ctx: WorkspaceContext, spend: SpendContext) {
  return ctx.db.budget.findMany({
    where: {
      enabled: true,
      OR: [
        { source: "settings" },
        { graphVersionId: { in: [spend.graphVersionId ?? "", ...spend.ancestors.map((a) => a.graphVersionId)] } },
        // a delegation's cap on the run it started (and, through it, that run's sub-runs)
        { source: "delegation", scopeRef: { in: [spend.runId ?? "", ...spend.ancestors.map((a) => a.runId)] } },
      ],
    },
  });
}
