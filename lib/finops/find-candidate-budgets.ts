import "server-only";
import type { WorkspaceContext } from "../auth/context";
import type { SpendContext } from "./attribution";

/**
 * The enabled budgets that may apply to some spend: every settings budget, and the spec budgets
 * of the spend's graph version and of its ancestors' versions. `matchBudgets` then picks the
 * windows that do apply.
 *
 * @example
 * const refs = matchBudgets(await findCandidateBudgets(ctx, spend), spend, at);
 */
export function findCandidateBudgets(ctx: WorkspaceContext, spend: SpendContext) {
  return ctx.db.budget.findMany({
    where: { enabled: true, OR: [{ source: "settings" }, { graphVersionId: { in: [spend.graphVersionId ?? "", ...spend.ancestors.map((a) => a.graphVersionId)] } }] },
  });
}
