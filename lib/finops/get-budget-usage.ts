import "server-only";
import type { WorkspaceContext } from "../auth/context";
import type { SpendContext } from "./attribution";
import { findCandidateBudgets } from "./find-candidate-budgets";
import { matchBudgets } from "./match-budgets";
import { usd } from "./money";

/** How full the fullest budget that applies to some spend is. */
export interface BudgetUsage {
  /** Highest (spent + reserved) / limit over every applicable window, in percent (0 without budgets). */
  usedPct: number;
  budgetId: string | null;
  windowKey: string | null;
}

/**
 * The budget use routing downgrades on: over every budget window that applies to the spend,
 * the highest percentage already spent or held.
 *
 * @example
 * const usage = await getBudgetUsage(ctx, await loadSpendContext(ctx, { runId, nodeId }));
 * routeModel(ctx, policy, { budgetUsage: usage });
 */
export async function getBudgetUsage(ctx: WorkspaceContext, spend: SpendContext, at: Date = new Date()): Promise<BudgetUsage> {
  const refs = matchBudgets(await findCandidateBudgets(ctx, spend), spend, at);
  let best: BudgetUsage = { usedPct: 0, budgetId: null, windowKey: null };
  if (!refs.length) return best;
  const windows = await ctx.db.budgetWindow.findMany({ where: { OR: refs.map((r) => ({ budgetId: r.budget.id, windowKey: r.windowKey })) } });
  for (const r of refs) {
    const w = windows.find((x) => x.budgetId === r.budget.id && x.windowKey === r.windowKey);
    const limit = r.budget.limitUsd.plus(w?.boostUsd ?? 0);
    const used = usd(w?.spentUsd ?? 0).plus(w?.reservedUsd ?? 0);
    const pct = limit.gt(0) ? Number(used.div(limit).times(100).toFixed(2)) : 100;
    if (pct > best.usedPct) best = { usedPct: pct, budgetId: r.budget.id, windowKey: r.windowKey };
  }
  return best;
}
