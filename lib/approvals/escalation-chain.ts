/**
 * Escalation chains of inbox items: who gets an item next while nobody decides it. Pure
 * helpers, shared by the decision wait (lib/runtime/decision-wait.ts) and the inbox.
 */
import { isDuration, parseDuration } from "../graphs/spec/duration";

/** One step of an escalation chain: after `after` undecided at the level before, the item goes to `to`. */
export interface EscalationStep {
  after: string;
  to: ({ user: string } | { role: string })[];
}

/**
 * The chain stored on an approval row (JSON), or an empty list when there is none or it is
 * not a chain (steps with a bad duration or no assignees are dropped, never guessed).
 *
 * @example
 * readEscalationChain([{ after: "4h", to: [{ role: "admin" }] }]); // one step
 * readEscalationChain(null); // []
 */
export function readEscalationChain(value: unknown): EscalationStep[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (s): s is EscalationStep =>
      !!s && typeof s === "object" && typeof s.after === "string" && isDuration(s.after) && Array.isArray(s.to) && s.to.length > 0 &&
      s.to.every((a: unknown) => !!a && typeof a === "object" && (typeof (a as { user?: unknown }).user === "string" || typeof (a as { role?: unknown }).role === "string")),
  );
}

/** A point of a decision wait where the item's row is looked at: a plain check (level 0) or a chain step. */
export interface WaitStop {
  /** milliseconds from the start of the wait */
  atMs: number;
  /** 0: only check the row; k ≥ 1: apply chain step k (1-based) */
  level: number;
}

/**
 * Where a decision wait of `totalMs` stops to look at the item: a first check after
 * `recheckMs` (unless a chain step comes first), then each chain step at the sum of the
 * `after`s up to it. Steps due at or after the end of the wait never apply. `round` turns a
 * duration into what the engine really waits (whole seconds).
 *
 * @example
 * waitStops(3_600_000, 20_000, [{ after: "10m", to: [{ role: "admin" }] }], (ms) => ms);
 * // [{ atMs: 20000, level: 0 }, { atMs: 600000, level: 1 }]
 */
export function waitStops(totalMs: number, recheckMs: number, chain: EscalationStep[], round: (ms: number) => number = (ms) => ms): WaitStop[] {
  const stops: WaitStop[] = [];
  let at = 0;
  chain.forEach((step, i) => {
    at += round(parseDuration(step.after));
    if (at < totalMs) stops.push({ atMs: at, level: i + 1 });
  });
  const first = Math.min(totalMs, recheckMs);
  if (first < totalMs && first < (stops[0]?.atMs ?? Number.POSITIVE_INFINITY)) stops.unshift({ atMs: first, level: 0 });
  return stops;
}
