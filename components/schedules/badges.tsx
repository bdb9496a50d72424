import type { TriggerHealth } from "@/lib/triggers/schedules-view";

/** Each health state with an icon and words: never colour alone. */
const HEALTH: Record<TriggerHealth, { icon: string; text: string; hint: string; className: string }> = {
  healthy: { icon: "●", text: "Healthy", hint: "its last check and fire went through", className: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  failing: { icon: "✕", text: "Failing", hint: "its last check or fire failed", className: "bg-red-50 text-red-800 ring-red-200" },
  overdue: { icon: "⏰", text: "Overdue", hint: "its next tick is past due: the scheduler may have stopped", className: "bg-amber-50 text-amber-900 ring-amber-200" },
  unarmed: { icon: "○", text: "Not armed", hint: "the scheduler has no next tick for it", className: "bg-slate-100 text-slate-700 ring-slate-200" },
  paused: { icon: "⏸", text: "Paused", hint: "it records nothing and starts no run until resumed", className: "bg-slate-100 text-slate-700 ring-slate-300" },
};

export function HealthBadge({ status, title }: { status: TriggerHealth; title?: string }) {
  const look = HEALTH[status] ?? HEALTH.healthy;
  return (
    <span className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${look.className}`} title={title ?? look.hint} data-testid="health">
      <span aria-hidden>{look.icon}</span>
      {look.text}
    </span>
  );
}

/** Fire outcomes: a run (green), a run it already started (blue), held back on purpose (amber), refused or failed (red), nothing to do (slate). */
const OUTCOME_TONE: Record<string, string> = {
  started: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  duplicate: "bg-sky-50 text-sky-800 ring-sky-200",
  buffered: "bg-amber-50 text-amber-900 ring-amber-200",
  debounced: "bg-amber-50 text-amber-900 ring-amber-200",
  overlap: "bg-amber-50 text-amber-900 ring-amber-200",
  throttled: "bg-amber-50 text-amber-900 ring-amber-200",
  missed: "bg-red-50 text-red-800 ring-red-200",
  queue_full: "bg-red-50 text-red-800 ring-red-200",
  stale: "bg-red-50 text-red-800 ring-red-200",
  budget: "bg-red-50 text-red-800 ring-red-200",
  error: "bg-red-50 text-red-800 ring-red-200",
  condition_false: "bg-slate-100 text-slate-700 ring-slate-200",
  paused: "bg-slate-100 text-slate-700 ring-slate-200",
};

/** "condition_false" → "condition false". */
export const outcomeWords = (outcome: string) => outcome.replace(/_/g, " ");

export function OutcomeBadge({ outcome }: { outcome: string }) {
  return (
    <span className={`inline-flex whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${OUTCOME_TONE[outcome] ?? OUTCOME_TONE.paused}`} data-testid="outcome">
      {outcomeWords(outcome)}
    </span>
  );
}

