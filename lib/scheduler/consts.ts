/**
 * How long before a tick's time the tick function wakes; it waits out the rest inside its step.
 * The engine's timer wake-up plus one call to the app is the floor of a tick's lateness, so the
 * function arrives early and starts the slot on time (bench/scheduling/README.md). Early enough
 * that when many ticks share an instant, the first to wake has taken on the others before the
 * rest arrive, and they arm their next ticks before the moment rather than during it.
 */
export const TICK_LEAD_MS = 2000;

/** The concurrency key every scheduler function shares: one decision at a time per trigger. */
export const PER_TRIGGER = { scope: "env", key: "event.data.triggerId", limit: 1 } as const;
