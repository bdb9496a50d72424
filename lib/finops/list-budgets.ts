import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { notFound } from "../errors";
import { periodKey } from "./match-budgets";
import { formatUsd, usd, type Decimal } from "./money";

export interface BudgetWindowStatus {
  windowKey: string;
  limitUsd: string;
  spentUsd: string;
  reservedUsd: string;
  remainingUsd: string;
  usedPct: number;
  /** Spend at the end of the period if it continues at the pace so far (calendar periods only). */
  projectedUsd: string | null;
  alertedPct: number;
}

export interface BudgetStatus {
  id: string;
  name: string;
  scope: string;
  scopeRef: string | null;
  period: string;
  limitUsd: string;
  onExceed: string;
  thresholds: number[];
  enabled: boolean;
  source: string;
  graphVersionId: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** The current window (or, for budgets kept per value or per run, the busiest current windows first). */
  current: BudgetWindowStatus[];
}

const MAX_WINDOWS = 20;

function periodBounds(period: string, at: Date): { start: Date; end: Date } | null {
  if (period === "day") {
    const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
    return { start, end: new Date(start.getTime() + 86_400_000) };
  }
  if (period === "month") {
    return { start: new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1)), end: new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1)) };
  }
  return null;
}

function windowStatus(limit: Decimal, w: { windowKey: string; spentUsd: Decimal; reservedUsd: Decimal; boostUsd: Decimal; alertedPct: number }, period: string, at: Date): BudgetWindowStatus {
  const cap = limit.plus(w.boostUsd);
  const remaining = cap.minus(w.spentUsd).minus(w.reservedUsd);
  const bounds = periodBounds(period, at);
  let projected: string | null = null;
  if (bounds) {
    const elapsed = Math.max(at.getTime() - bounds.start.getTime(), 60_000);
    projected = formatUsd(w.spentUsd.times(bounds.end.getTime() - bounds.start.getTime()).div(elapsed).toDecimalPlaces(6));
  }
  return {
    windowKey: w.windowKey,
    limitUsd: formatUsd(cap),
    spentUsd: formatUsd(w.spentUsd),
    reservedUsd: formatUsd(w.reservedUsd),
    remainingUsd: formatUsd(remaining.gt(0) ? remaining : usd(0)),
    usedPct: cap.gt(0) ? Number(w.spentUsd.div(cap).times(100).toFixed(2)) : 100,
    projectedUsd: projected,
    alertedPct: w.alertedPct,
  };
}

/**
 * Budgets with their current windows: spent, reserved, remaining, percentage used and, for
 * day and month budgets, the spend projected at the period's end at the current pace. Budgets
 * declared in graph specs are included with `includeSpec`.
 *
 * @example
 * const budgets = await listBudgets(ctx);
 * budgets[0].current[0]; // { windowKey: "2026-11", spentUsd: "12.5", remainingUsd: "37.5", projectedUsd: "16.3", … }
 */
export async function listBudgets(ctx: WorkspaceContext, opts: { includeSpec?: boolean; id?: string; at?: Date } = {}): Promise<BudgetStatus[]> {
  const at = opts.at ?? new Date();
  const budgets = await ctx.db.budget.findMany({
    // delegation caps (one per capped child run) are shown by id only, never listed
    where: { ...(opts.id ? { id: opts.id } : {}), ...(opts.id ? {} : { source: { in: opts.includeSpec ? ["settings", "spec"] : ["settings"] } }) },
    orderBy: { createdAt: "asc" },
  });
  if (opts.id && !budgets.length) throw notFound("Budget");
  const out: BudgetStatus[] = [];
  for (const b of budgets) {
    const period = b.scope === "run" ? "run" : b.period;
    const key = period === "run" ? null : periodKey(period, at, null);
    const windows = await ctx.db.budgetWindow.findMany({
      where: { budgetId: b.id, ...(key ? { OR: [{ windowKey: key }, { windowKey: { startsWith: `${key}|` } }] } : {}) },
      orderBy: [{ spentUsd: "desc" }, { updatedAt: "desc" }],
      take: MAX_WINDOWS,
    });
    const current = windows.map((w) => windowStatus(b.limitUsd, w, period, at));
    // A calendar budget that has not spent yet still has a (virtual) current window.
    if (!current.length && key && (b.scope === "workspace" || b.scopeRef)) {
      current.push(windowStatus(b.limitUsd, { windowKey: key, spentUsd: usd(0), reservedUsd: usd(0), boostUsd: usd(0), alertedPct: 0 }, period, at));
    }
    out.push({
      id: b.id,
      name: b.name,
      scope: b.scope,
      scopeRef: b.scopeRef,
      period,
      limitUsd: formatUsd(b.limitUsd),
      onExceed: b.onExceed,
      thresholds: b.thresholds,
      enabled: b.enabled,
      source: b.source,
      graphVersionId: b.graphVersionId,
      createdAt: b.createdAt,
      updatedAt: b.updatedAt,
      current,
    });
  }
  return out;
}
