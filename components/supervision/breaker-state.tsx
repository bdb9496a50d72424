import type { Breaker } from "./types";

/** Icon and words for each state: the state never rests on colour alone. */
const LOOK = {
  closed: { icon: "●", text: "Closed", hint: "calls go through", className: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  open: { icon: "⛔", text: "Open", hint: "calls refused", className: "bg-red-50 text-red-800 ring-red-200" },
  half_open: { icon: "◐", text: "Half-open", hint: "one probe call out", className: "bg-amber-50 text-amber-900 ring-amber-200" },
} as const;

/** A breaker's effective state, with "forced" when an admin holds it there. */
export function BreakerStateBadge({ breaker }: { breaker: Pick<Breaker, "state" | "forced"> }) {
  const look = LOOK[breaker.state];
  return (
    <span className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${look.className}`} title={look.hint}>
      <span aria-hidden>{look.icon}</span>
      {breaker.forced ? `Forced ${breaker.forced}` : look.text}
    </span>
  );
}

/** A state name from the history (`forced_open`, `half_open`…) in words. */
export function stateWords(state: string): string {
  return state.replace("forced_", "forced ").replace("half_open", "half-open");
}

/** "in 42 s", "in 3 min", "now" — until a breaker's next probe. */
export function timeUntil(iso: string | null, now: number): string {
  if (!iso) return "—";
  const s = Math.round((new Date(iso).getTime() - now) / 1000);
  if (s <= 0) return "due now";
  if (s < 90) return `in ${s} s`;
  if (s < 5400) return `in ${Math.round(s / 60)} min`;
  return `in ${Math.round(s / 3600)} h`;
}
