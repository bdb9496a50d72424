/**
 * Circuit breakers shared by every run and process of a workspace: one per sub-agent
 * (`agent:<graphId>/<nodeId>/<name>`), per model (`model:<provider:model>`) and per graph
 * (`graph:<graphId>`, the kill switch). The state lives in PostgreSQL (`CircuitBreaker`, with
 * its history in `BreakerEvent`); every transition is one conditional SQL statement, so
 * processes share it and no state is kept in memory.
 *
 * This module is the interface the runtime calls; the state machine behind it is in this folder:
 * `check-breaker.ts` (closed → open → half-open probe), `record-breaker-outcome.ts`,
 * `force-breaker.ts` (an admin's override), `kill-switch.ts` (a graph's switch).
 *
 * @example
 * const gate = await checkBreaker(ctx, modelBreakerKey("openai:gpt-4o"));
 * if (!gate.allowed) return useFallback(gate.reason);
 * try {
 *   const out = await call();
 *   await recordBreakerOutcome(ctx, key, { ok: true, probe: gate.probe });
 * } catch (err) {
 *   await recordBreakerOutcome(ctx, key, { ok: false, error: err.message, probe: gate.probe });
 * }
 */
import "server-only";

export type { BreakerGate, BreakerState } from "./types";
export { checkBreaker } from "./check-breaker";
export { recordBreakerOutcome, type BreakerOutcome } from "./record-breaker-outcome";
export { agentBreakerKey, graphBreakerKey, modelBreakerKey, parseBreakerKey, type BreakerKind } from "./keys";
export { resolveBreakerPolicy, type ResolvedBreakerPolicy } from "./policy";
