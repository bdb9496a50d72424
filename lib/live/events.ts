/**
 * What the live stream (`GET /api/v1/live`, server-sent events) tells a screen. Each event
 * says *what* changed, never the changed object itself: the screen reads that through the
 * REST API as it always does, so the stream carries no data a caller could not read anyway
 * and cannot disagree with the API.
 *
 * - `run`: a run's status, cost, pause or times changed (or it was created or deleted).
 * - `node`: one or more of a run's node runs changed (status, attempts, cost).
 * - `delegation`: one or more of a run's delegations or map items changed.
 * - `inbox`: inbox items (approvals, escalations) were created, decided or reassigned, or an
 *   item's history grew (a notice sent, a vote).
 * - `breaker`: a circuit breaker changed state, was forced or released, or counted a failure.
 * - `schedule`: a trigger was created, changed, paused, resumed or deleted, or fired.
 * - `reset`: changes may have been missed (first connection, a resume from an id this
 *   process no longer holds, or the database connection was re-made): read everything again.
 *   From a `reset` on, every change arrives.
 * - `paused`: the server is not hearing changes now (its database connection is being made
 *   again): poll until the next `reset`.
 *
 * Events are coalesced: within {@link LIVE_COALESCE_MS} one event per kind and run.
 */
export type LiveKind = "run" | "node" | "delegation" | "inbox" | "breaker" | "schedule";

export interface LiveChange {
  kind: LiveKind;
  /** the run (none for inbox items outside a run) */
  runId: string | null;
  /** the run's or the item's status after the change, when it has one */
  status: string | null;
}

export const LIVE_KINDS: readonly LiveKind[] = ["run", "node", "delegation", "inbox", "breaker", "schedule"];

/** The longest a change waits on the server to be sent together with others of its kind and run. */
export const LIVE_COALESCE_MS = 50;

/** How often an idle stream sends a comment, so proxies keep it open and dead peers are found. */
export const LIVE_HEARTBEAT_MS = 25_000;

/** The key under which changes are coalesced: one per kind and run (one for the whole inbox, the breakers, the schedules). */
export function coalesceKey(c: LiveChange): string {
  return c.kind === "inbox" || c.kind === "breaker" || c.kind === "schedule" ? c.kind : `${c.kind}:${c.runId ?? ""}`;
}
