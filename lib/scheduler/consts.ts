/**
 * How long before a tick's time the tick function wakes; it waits out the rest inside its step.
 * The engine's timer wake-up plus one call to the app is the floor of a tick's lateness, so the
 * function arrives a little early and starts the slot on time (bench/scheduling/README.md).
 */
export const TICK_LEAD_MS = 500;

/** The concurrency key every scheduler function shares: one decision at a time per trigger. */
export const PER_TRIGGER = { scope: "env", key: "event.data.triggerId", limit: 1 } as const;
