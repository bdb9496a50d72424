export type BreakerState = "closed" | "open" | "half_open";

/** What a caller may do now. */
export interface BreakerGate {
  /** false while the breaker is open (or forced open), or half-open with its probe already out */
  allowed: boolean;
  state: BreakerState;
  /** this call is the half-open probe: its outcome closes or re-opens the breaker */
  probe: boolean;
  /** why a call is refused, for the trace and the supervisor */
  reason?: string;
}
