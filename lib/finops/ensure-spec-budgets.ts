import "server-only";
import { createHash } from "node:crypto";
import type { WorkspaceContext } from "../auth/context";
import type { TGraphSpec } from "../graphs/spec/schema";
import { usd } from "./money";

const done = new Set<string>();

/** A stable id per (graph version, budget), so every worker materialises the same rows. */
function specBudgetId(graphVersionId: string, key: string): string {
  return `bdg_spec_${createHash("sha256").update(`${graphVersionId}\u0000${key}`).digest("hex").slice(0, 24)}`;
}

/**
 * Materialises a graph version's declared budgets as Budget rows (`source: "spec"`), so spec
 * budgets and Budget-API budgets are reserved, settled, alerted and raised by one mechanism:
 * `budget.perRunUsd` → a per-run budget; `budget.perNodeUsd` → a per-node, per-run budget for
 * every node; a node's `budgetUsd` → a per-run budget for that node (the lower of the two
 * caps wins, since both apply). Versions are immutable, so rows are created once and never
 * updated; concurrent callers race harmlessly (`skipDuplicates`).
 *
 * @example
 * await ensureSpecBudgets(ctx, plan.graphVersionId, plan.graphId, plan.spec);
 */
export async function ensureSpecBudgets(ctx: WorkspaceContext, graphVersionId: string, graphId: string, spec: TGraphSpec): Promise<void> {
  const cacheKey = `${ctx.workspace.id}/${graphVersionId}`;
  if (done.has(cacheKey)) return;
  const onExceed = spec.budget?.onExceed ?? "pause";
  const rows: { id: string; name: string; scope: "run" | "agent"; scopeRef: string | null; limitUsd: ReturnType<typeof usd> }[] = [];
  if (spec.budget?.perRunUsd !== undefined) {
    rows.push({ id: specBudgetId(graphVersionId, "run"), name: `${spec.name}: per run`, scope: "run", scopeRef: graphId, limitUsd: usd(spec.budget.perRunUsd) });
  }
  if (spec.budget?.perNodeUsd !== undefined) {
    rows.push({ id: specBudgetId(graphVersionId, "node"), name: `${spec.name}: per node`, scope: "agent", scopeRef: null, limitUsd: usd(spec.budget.perNodeUsd) });
  }
  for (const node of spec.nodes) {
    if (node.budgetUsd !== undefined) {
      rows.push({ id: specBudgetId(graphVersionId, `node:${node.id}`), name: `${spec.name}: node ${node.id}`, scope: "agent", scopeRef: node.id, limitUsd: usd(node.budgetUsd) });
    }
  }
  if (rows.length) {
    await ctx.db.budget.createMany({
      data: rows.map((r) => ({ ...r, period: "run" as const, onExceed, source: "spec", graphVersionId, workspaceId: ctx.workspace.id })),
      skipDuplicates: true,
    });
  }
  done.add(cacheKey);
}
