/**
 * A schedule's overlap policy as a pure decision (Temporal's policies): what a slot does while
 * runs this trigger started have not ended.
 */
import type { TOverlapPolicy } from "./cron-schedule";

/** Slots `buffer_all` keeps waiting at most; a slot beyond is recorded `overlap`. */
export const MAX_BUFFERED = 100;

export type OverlapDecision =
  | { action: "fire" }
  | { action: "cancel_then_fire" }
  | { action: "buffer" }
  | { action: "skip"; reason: string };

/**
 * Decides one slot. `active`: runs this trigger started that have not ended; `buffered`: slots
 * already waiting for them (a buffered slot goes before a new one, so slots start in order).
 *
 * @example
 * decideOverlap("skip", { active: 1, buffered: 0 }); // { action: "skip", reason: "…still going…" }
 * decideOverlap("buffer_one", { active: 1, buffered: 0 }); // { action: "buffer" }
 */
export function decideOverlap(policy: TOverlapPolicy, state: { active: number; buffered: number }): OverlapDecision {
  const busy = state.active > 0 || state.buffered > 0;
  switch (policy) {
    case "allow_all":
      return { action: "fire" };
    case "cancel_other":
      return state.active > 0 ? { action: "cancel_then_fire" } : { action: "fire" };
    case "buffer_one":
      if (!busy) return { action: "fire" };
      return state.buffered < 1 ? { action: "buffer" } : { action: "skip", reason: "A run this schedule started is still going and one slot already waits for it (overlap buffer_one)." };
    case "buffer_all":
      if (!busy) return { action: "fire" };
      return state.buffered < MAX_BUFFERED
        ? { action: "buffer" }
        : { action: "skip", reason: `A run this schedule started is still going and ${MAX_BUFFERED} slots already wait for it (overlap buffer_all keeps at most ${MAX_BUFFERED}).` };
    default:
      return state.active > 0 ? { action: "skip", reason: `A run this schedule started is still going (overlap skip).` } : { action: "fire" };
  }
}
