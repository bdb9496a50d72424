"use client";

import type { BudgetStatus, BudgetWindowStatus } from "./types";
import { formatPercent, formatPeriod, formatUsd, toNumber } from "@/lib/format";

/** "2026-11" → "November 2026", a run id → "run …abcd1234", "2026-11|acme" → "November 2026 · acme". */
export function windowLabel(b: Pick<BudgetStatus, "period">, w: BudgetWindowStatus): string {
  const [key, value] = w.windowKey.split("|");
  let when = key ?? w.windowKey;
  if (b.period === "month" && /^\d{4}-\d{2}/.test(when)) when = formatPeriod(when.slice(0, 7), { long: true });
  else if (b.period === "day" && /^\d{4}-\d{2}-\d{2}/.test(when)) when = formatPeriod(when.slice(0, 10), { long: true });
  else if (b.period === "run") when = `run …${when.slice(-8)}`;
  return value ? `${when} · ${value}` : when;
}

/**
 * One budget window as a bar: spent (solid), reserved by calls in flight (striped), the
 * projected period end (a marker) and the alert thresholds (ticks).
 */
export function BudgetBurn({ budget, window: w, compact = false }: { budget: BudgetStatus; window: BudgetWindowStatus; compact?: boolean }) {
  const limit = toNumber(w.limitUsd);
  const spent = toNumber(w.spentUsd);
  const reserved = toNumber(w.reservedUsd);
  const projected = w.projectedUsd == null ? null : toNumber(w.projectedUsd);
  const scale = Math.max(limit, projected ?? 0, spent + reserved) || 1;
  const pct = (v: number) => `${Math.min(100, (v / scale) * 100)}%`;
  const used = limit > 0 ? (spent / limit) * 100 : 100;
  const tone = used >= 100 ? "bg-red-500" : used >= (budget.thresholds.at(-2) ?? 80) ? "bg-amber-500" : "bg-brand-600";
  const projectedOver = projected != null && projected > limit;
  return (
    <div data-testid="budget-burn">
      <div className="flex items-baseline justify-between gap-2 text-xs">
        <span className="text-slate-600">{windowLabel(budget, w)}</span>
        <span className="tabular-nums text-slate-900">
          <strong>{formatUsd(w.spentUsd)}</strong> of {formatUsd(w.limitUsd)} · {formatPercent(w.usedPct, 0)}
        </span>
      </div>
      <div
        className="relative mt-1 h-2.5 overflow-hidden rounded-full bg-slate-100"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={spent}
        aria-label={`${budget.name}: ${formatUsd(spent)} spent of ${formatUsd(limit)}`}
      >
        <div className={`absolute inset-y-0 left-0 ${tone}`} style={{ width: pct(spent) }} />
        {reserved > 0 && <div className="absolute inset-y-0 bg-[repeating-linear-gradient(45deg,var(--color-slate-400)_0_3px,transparent_3px_6px)]" style={{ left: pct(spent), width: pct(reserved) }} />}
        {limit < scale && <div className="absolute inset-y-0 w-0.5 bg-slate-900" style={{ left: pct(limit) }} title="Limit" />}
        {projected != null && projected > 0 && <div className={`absolute inset-y-0 w-0.5 ${projectedOver ? "bg-red-700" : "bg-slate-500"}`} style={{ left: `calc(${pct(projected)} - 2px)` }} title="Projected at period end" />}
        {budget.thresholds
          .filter((t) => t < 100)
          .map((t) => (
            <div key={t} className="absolute inset-y-0 w-px bg-white/80" style={{ left: pct((limit * t) / 100) }} />
          ))}
      </div>
      {!compact && (
        <div className="mt-1 flex flex-wrap gap-x-4 text-xs text-slate-500">
          <span>Remaining {formatUsd(w.remainingUsd)}</span>
          {reserved > 0 && <span>Reserved in flight {formatUsd(w.reservedUsd)}</span>}
          {projected != null && (
            <span className={projectedOver ? "font-medium text-red-700" : undefined}>
              Projected at period end {formatUsd(projected)}
              {projectedOver ? ` — over the limit by ${formatUsd(projected - limit)}` : ""}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
