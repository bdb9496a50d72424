import { parseDuration } from "../graphs/spec/duration";
import type { TBreakerPolicy } from "../graphs/spec/schema";

/** A breaker policy with every default filled in, durations in milliseconds. */
export interface ResolvedBreakerPolicy {
  /** failures within the window that open the breaker */
  failures: number;
  /** or: this share of failed calls, once the window holds at least `minCalls` calls */
  failureRate: number | null;
  minCalls: number;
  windowMs: number;
  /** how long an opened breaker refuses calls before one probe goes through (also the probe's lease) */
  coolDownMs: number;
}

export const BREAKER_DEFAULTS = { failures: 5, minCalls: 10, window: "10m", coolDown: "1m" } as const;

/**
 * The spec's `breaker` thresholds (ZBreakerPolicy) with defaults: 5 failures in 10 minutes,
 * a 1-minute cool-down; `failureRate` applies once `minCalls` (default 10) calls were made.
 *
 * @example resolveBreakerPolicy({ failures: 3 }) // { failures: 3, failureRate: null, minCalls: 10, windowMs: 600000, coolDownMs: 60000 }
 */
export function resolveBreakerPolicy(policy?: TBreakerPolicy | null): ResolvedBreakerPolicy {
  return {
    failures: policy?.failures ?? BREAKER_DEFAULTS.failures,
    failureRate: policy?.failureRate ?? null,
    minCalls: policy?.minCalls ?? BREAKER_DEFAULTS.minCalls,
    windowMs: parseDuration(policy?.window ?? BREAKER_DEFAULTS.window),
    coolDownMs: parseDuration(policy?.coolDown ?? BREAKER_DEFAULTS.coolDown),
  };
}
