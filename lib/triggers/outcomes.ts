/** The outcomes a trigger fire can have (shared by the API, the UI and the firing code). */
/**
 * How a fire ended: a run started, or the reason it did not.
 * - `started`: a new run; `duplicate`: its dedupe key already started one (that run's id is kept);
 * - `buffered`: a schedule's slot waits for the run still going (overlap `buffer_one`/`buffer_all`);
 * - `debounced`: coalesced into a run that starts later with the last payload;
 * - `coalesced`: the graph's queue was full (`flow.queue.policy: coalesce`): the newest waiting run took this payload;
 * - `overlap`: skipped because a run it started is still going (overlap `skip`);
 * - `missed`: a slot the scheduler was down for, not caught up (catchUp policy);
 * - `throttled`, `queue_full`, `stale`, `budget`: refused by the graph's backpressure or its budget;
 * - `condition_false`, `paused`, `error`.
 */
export const FIRE_OUTCOMES = [
  "started",
  "duplicate",
  "buffered",
  "debounced",
  "coalesced",
  "overlap",
  "missed",
  "throttled",
  "queue_full",
  "stale",
  "budget",
  "condition_false",
  "paused",
  "error",
] as const;
export type FireOutcome = (typeof FIRE_OUTCOMES)[number];
