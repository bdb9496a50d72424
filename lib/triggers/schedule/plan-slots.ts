/**
 * What one tick of a schedule does with the slots that are due, pure: the clock is a parameter,
 * so overlap, catch-up and jitter are tested without waiting (`plan-slots.test.ts`).
 */
import { slotStepper, type ScheduleConfig } from "./cron-schedule";

/**
 * A slot this late still fires normally under every catch-up policy (a tick held up by load or a
 * short restart); an older one is "missed" unless `catchUp` (`latest`, `all`) takes it.
 */
export const ON_TIME_GRACE_MS = 60_000;
/** At most this many missed slots are recorded one by one per tick; the rest are counted in one record. */
export const MAX_MISSED_RECORDS = 100;
/** At most this many slots are caught up by one tick (`catchUp: all`); older ones are missed. */
export const MAX_CATCH_UP = 100;
/** Slots looked at one by one before counting stops (an every-second schedule down for days). */
const MAX_SCAN = 500;

export interface SlotPlan {
  /** slots to fire now, oldest first */
  fire: Date[];
  /** slots not fired (recorded `missed`), oldest first, at most {@link MAX_MISSED_RECORDS} */
  missed: Date[];
  /** further missed slots before `missed[0]`, only counted (`atLeast`: the count stopped) */
  missedUncounted: { count: number; atLeast: boolean; from: Date } | null;
  /** the next slot after now, which the scheduler arms; null when the pattern stops */
  next: Date | null;
}

/**
 * Plans a tick: every slot from `firstSlot` (the slot the tick was armed for) up to `now` is due.
 * A slot within {@link ON_TIME_GRACE_MS} (plus the schedule's jitter) of now is on time. Catch-up:
 * `skip` fires only the newest on-time slot; `latest` fires the newest slot within the window;
 * `all` fires every slot within the window (at most {@link MAX_CATCH_UP}). The others are missed.
 *
 * @example
 * // an hourly schedule whose scheduler was down from 09:59 to 12:10, catch-up latest
 * planSlots(scheduleConfig({ cron: "0 * * * *", catchUp: { policy: "latest" } }), at("10:00"), at("12:10"));
 * // { fire: [12:00], missed: [10:00, 11:00], next: 13:00 }
 */
export function planSlots(config: ScheduleConfig, firstSlot: Date, now: Date): SlotPlan {
  const grace = ON_TIME_GRACE_MS + config.jitterMs;
  const lookback = config.catchUp.policy === "skip" ? grace : Math.max(grace, config.catchUp.windowMs);
  const horizon = now.getTime() - lookback;
  const nextSlot = slotStepper(config);
  let missed: Date[] = [];
  let dropped = 0;
  let from: Date | null = null;
  let atLeast = false;
  const candidates: Date[] = [];
  let slot: Date | null = firstSlot;
  let scanned = 0;
  while (slot && slot.getTime() <= now.getTime()) {
    if (slot.getTime() < horizon) {
      from ??= slot;
      missed.push(slot);
      // keep the newest records: older ones become a count
      if (missed.length >= 2 * MAX_MISSED_RECORDS) {
        dropped += missed.length - MAX_MISSED_RECORDS;
        missed = missed.slice(-MAX_MISSED_RECORDS);
      }
      if (++scanned >= MAX_SCAN) {
        // jump to the window: what lies between is missed, counted no further
        atLeast = true;
        slot = nextSlot(new Date(horizon - 1));
        continue;
      }
    } else {
      candidates.push(slot);
      const last = candidates.length;
      if (last >= MAX_SCAN && slot.getTime() < now.getTime()) {
        // a frequent pattern over a long window: jump to the newest slots, the ones between are missed
        const interval = Math.max(1000, slot.getTime() - candidates[last - 2]!.getTime());
        const resume = nextSlot(new Date(now.getTime() - interval * (MAX_CATCH_UP + 1)));
        if (resume && resume > slot) {
          from ??= candidates[0]!;
          atLeast = true;
          dropped += candidates.length;
          candidates.length = 0;
          slot = resume;
          continue;
        }
      }
    }
    slot = nextSlot(slot);
  }
  if (missed.length > MAX_MISSED_RECORDS) {
    dropped += missed.length - MAX_MISSED_RECORDS;
    missed = missed.slice(-MAX_MISSED_RECORDS);
  }
  const uncounted: SlotPlan["missedUncounted"] = dropped || atLeast ? { count: dropped, atLeast, from: from! } : null;
  let fire: Date[];
  if (config.catchUp.policy === "all") fire = candidates.slice(-MAX_CATCH_UP);
  else {
    const newest = candidates.at(-1);
    fire = newest ? [newest] : [];
  }
  const skipped = candidates.slice(0, candidates.length - fire.length);
  return { fire, missed: [...missed, ...skipped], missedUncounted: uncounted, next: slot };
}

/**
 * A slot's jitter: a delay in [0, jitterMs) drawn from the trigger and the slot (FNV-1a), so a
 * retried tick waits the same and two triggers on one pattern spread apart.
 *
 * @example
 * jitterOffsetMs("trg_1", new Date("2026-01-01T09:00:00Z"), 30_000); // e.g. 17342
 */
export function jitterOffsetMs(triggerId: string, slot: Date, jitterMs: number): number {
  if (jitterMs <= 0) return 0;
  let h = 0x811c9dc5;
  for (const ch of `${triggerId}@${slot.toISOString()}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return Math.floor((h / 2 ** 32) * jitterMs);
}
