/**
 * Which budget windows a call must reserve in. Pure: it takes budgets and an attribution and
 * returns (budget, windowKey) pairs, so the rules are unit-tested without a database.
 *
 * Rules
 * - `workspace` always applies; `graph`, `agent`, `tag`, `customer`, `run` apply when the call
 *   carries that attribute and the budget's `scopeRef` names it (`agent` also matches
 *   `<graphId>/<nodeId>`; `run` budgets may name a graph to cap only its runs, or one run: a
 *   supervisor's delegation to a saved graph caps the child run at the delegation's budget).
 * - A budget without `scopeRef` (other than `workspace`) caps **each** value separately:
 *   "every customer key at most $5 a month" keeps one window per customer key.
 * - Periods: `day` and `month` are UTC calendar windows; `run` keeps one window per run (and
 *   needs a run). Spec budgets (`source: "spec"`) apply only to runs of their graph version.
 * - Delegation: the per-run budgets of every ancestor run also apply, with the ancestor's run id
 *   as the window and its delegating node as the agent, so a sub-run can never spend more than
 *   its parent has left, and its spend counts against every ancestor.
 */
import type { AncestorRun, SpendContext } from "./attribution";

/** The fields of a Budget row that matching reads. */
export interface BudgetForMatching {
  id: string;
  scope: string;
  scopeRef: string | null;
  period: string;
  source: string;
  graphVersionId: string | null;
  enabled: boolean;
}

export interface BudgetWindowRef<B extends BudgetForMatching = BudgetForMatching> {
  budget: B;
  windowKey: string;
}

/**
 * The window key of a period at an instant: `2026-11-24`, `2026-11`, or the run id.
 *
 * @example
 * periodKey("month", new Date("2026-11-24T10:00:00Z"), null); // "2026-11"
 */
export function periodKey(period: string, at: Date, runId: string | null | undefined): string | null {
  if (period === "day") return at.toISOString().slice(0, 10);
  if (period === "month") return at.toISOString().slice(0, 7);
  return runId ?? null;
}

/** The values a budget partitions by (one window per value), or `[]` when it does not apply. */
function scopeValues(b: BudgetForMatching, a: { runId?: string | null; graphId?: string | null; agent?: string | null; tags?: string[]; customerKey?: string | null }): (string | null)[] {
  const ref = b.scopeRef;
  switch (b.scope) {
    case "workspace":
      return [null];
    case "graph":
      if (!a.graphId) return [];
      return ref == null ? [a.graphId] : ref === a.graphId ? [null] : [];
    case "agent": {
      if (!a.agent) return [];
      const qualified = a.graphId ? `${a.graphId}/${a.agent}` : a.agent;
      return ref == null ? [qualified] : ref === a.agent || ref === qualified ? [null] : [];
    }
    case "tag": {
      const tags = [...new Set(a.tags ?? [])];
      return ref == null ? tags : tags.includes(ref) ? [null] : [];
    }
    case "customer":
      if (!a.customerKey) return [];
      return ref == null ? [a.customerKey] : ref === a.customerKey ? [null] : [];
    case "run":
      // one window per run whatever the period; scopeRef may restrict it to one graph's runs, or
      // to one run (a delegation's cap on the child run it started, and so on that run's sub-runs)
      if (!a.runId) return [];
      return ref == null || ref === a.graphId || ref === a.runId ? [null] : [];
    default:
      return [];
  }
}

function windowsFor<B extends BudgetForMatching>(b: B, a: { runId?: string | null; graphId?: string | null; graphVersionId?: string | null; agent?: string | null; tags?: string[]; customerKey?: string | null }, at: Date): BudgetWindowRef<B>[] {
  if (!b.enabled) return [];
  if (b.source === "spec" && b.graphVersionId !== (a.graphVersionId ?? null)) return [];
  const period = b.scope === "run" ? "run" : b.period;
  const key = periodKey(period, at, a.runId);
  if (key === null) return [];
  return scopeValues(b, a).map((value) => ({ budget: b, windowKey: value === null ? key : `${key}|${value}` }));
}

/**
 * Every (budget, window) a call with this attribution must reserve in, deduplicated, in a
 * stable order (budget id, then window) so that concurrent reservations lock rows in the same
 * order and cannot deadlock.
 *
 * @example
 * matchBudgets([{ id: "b1", scope: "workspace", scopeRef: null, period: "month", source: "settings", graphVersionId: null, enabled: true }],
 *   { agent: "writer", ancestors: [] }, new Date("2026-11-24T00:00:00Z"));
 * // [{ budget: { id: "b1", … }, windowKey: "2026-11" }]
 */
export function matchBudgets<B extends BudgetForMatching>(budgets: B[], spend: SpendContext, at: Date): BudgetWindowRef<B>[] {
  const out = new Map<string, BudgetWindowRef<B>>();
  const add = (refs: BudgetWindowRef<B>[]) => refs.forEach((r) => out.set(`${r.budget.id}\u0000${r.windowKey}`, r));
  for (const b of budgets) add(windowsFor(b, spend, at));
  for (const anc of spend.ancestors) add(ancestorWindows(budgets, anc, at));
  return [...out.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, r]) => r);
}

function ancestorWindows<B extends BudgetForMatching>(budgets: B[], anc: AncestorRun, at: Date): BudgetWindowRef<B>[] {
  const a = { runId: anc.runId, graphId: anc.graphId, graphVersionId: anc.graphVersionId, agent: anc.delegatingNodeId, tags: anc.tags, customerKey: anc.customerKey };
  // Only per-run windows: calendar windows already hold the spend through the spending run.
  return budgets.filter((b) => b.scope === "run" || b.period === "run").flatMap((b) => windowsFor(b, a, at));
}
