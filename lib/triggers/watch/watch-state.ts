/**
 * What a watch remembers between polls (`Trigger.state`), and the edge decision: a watch fires
 * when its condition becomes true, not while it stays true. Pure, so it is unit-tested alone.
 */
import { isPlainObject } from "../../graphs/spec/json";

/** Keys remembered as having started a run (the newest); older ones are still deduped by the run's idempotency key. */
export const WATCH_KEYS_KEPT = 200;

export interface WatchState {
  /** the condition's value at the last poll that evaluated it; null before the first */
  last: boolean | null;
  /** the key at the last poll whose condition held */
  lastKey: string | null;
  /** the tick (intended time, ISO) whose poll was last settled: a repeated tick does nothing */
  lastTickAt: string | null;
  /** failed polls in a row (the first of a streak is recorded as a fire with outcome `error`) */
  failures: number;
  /** keys that started a run, newest last, with that run */
  keys: { key: string; runId: string | null }[];
}

/** The state stored on the row, read defensively (an older or hand-edited value reads as empty). */
export function readWatchState(raw: unknown): WatchState {
  const s = isPlainObject(raw) ? raw : {};
  return {
    last: typeof s.last === "boolean" ? s.last : null,
    lastKey: typeof s.lastKey === "string" ? s.lastKey : null,
    lastTickAt: typeof s.lastTickAt === "string" ? s.lastTickAt : null,
    failures: typeof s.failures === "number" && Number.isFinite(s.failures) ? s.failures : 0,
    keys: Array.isArray(s.keys) ? s.keys.flatMap((k) => (isPlainObject(k) && typeof k.key === "string" ? [{ key: k.key, runId: typeof k.runId === "string" ? k.runId : null }] : [])) : [],
  };
}

/**
 * Whether a poll whose condition evaluated to `holds` (with `key`, when the watch has one) is an
 * edge: the condition was not true at the previous poll (false, or never evaluated), or it stays
 * true but the key changed (a new thing to act on). An error between two polls does not reset
 * the previous value.
 *
 * @example
 * isRisingEdge({ ...empty, last: false }, { holds: true }); // true
 * isRisingEdge({ ...empty, last: true }, { holds: true }); // false
 * isRisingEdge({ ...empty, last: true, lastKey: "v1" }, { holds: true, key: "v2" }); // true
 */
export function isRisingEdge(state: Pick<WatchState, "last" | "lastKey">, poll: { holds: boolean; key?: string }): boolean {
  if (!poll.holds) return false;
  if (state.last !== true) return true;
  return poll.key !== undefined && poll.key !== state.lastKey;
}

/** The state after a poll that evaluated (whether or not it fired). */
export function afterPoll(state: WatchState, poll: { holds: boolean; key?: string; tickAt: string }): WatchState {
  return { ...state, last: poll.holds, lastKey: poll.holds ? (poll.key ?? null) : null, lastTickAt: poll.tickAt, failures: 0 };
}

/** The state after a failed poll: the previous value stands, the streak grows. */
export function afterFailure(state: WatchState, tickAt: string): WatchState {
  return { ...state, lastTickAt: tickAt, failures: state.failures + 1 };
}

/** The run a key already started, if the watch remembers it. */
export function firedKey(state: WatchState, key: string): { key: string; runId: string | null } | undefined {
  return state.keys.find((k) => k.key === key);
}

/** Remembers that `key` started `runId`, keeping the newest {@link WATCH_KEYS_KEPT}. */
export function rememberKey(state: WatchState, key: string, runId: string | null): WatchState {
  const keys = [...state.keys.filter((k) => k.key !== key), { key, runId }];
  return { ...state, keys: keys.slice(-WATCH_KEYS_KEPT) };
}
