/**
 * Duration strings used by graph specs for timeouts, waits and approval deadlines.
 *
 * A duration is one or more `<integer><unit>` parts, largest unit first, e.g. `"30s"`,
 * `"2h"`, `"3d"`, `"1h30m"`, `"250ms"`. Units: `ms`, `s`, `m`, `h`, `d`, `w`. Plain numbers
 * are rejected on purpose: `"30"` could mean seconds or milliseconds and a spec that guesses
 * wrong either hangs a run or kills it early.
 */

const UNIT_MS = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
} as const;

type TDurationUnit = keyof typeof UNIT_MS;

/** Units from largest to smallest; a duration must list its parts in this order. */
const UNIT_ORDER: readonly TDurationUnit[] = ["w", "d", "h", "m", "s", "ms"];

// `ms` must come before `m` and `s` in the alternation so "250ms" is not read as "250m" + "s".
const PART = /(\d+)(ms|w|d|h|m|s)/y;

/** Human description of the accepted syntax, reused by schema and validation messages. */
export const DURATION_HINT = 'use a number with a unit, e.g. "500ms", "30s", "5m", "2h", "3d" or "1h30m"';

/**
 * Parses a duration string into milliseconds.
 *
 * @throws Error naming the string and the accepted syntax when it is not a duration.
 * @example
 * parseDuration("30s"); // 30000
 * parseDuration("1h30m"); // 5400000
 * parseDuration("3d"); // 259200000
 */
export function parseDuration(text: string): number {
  const ms = tryParseDuration(text);
  if (ms === undefined) {
    throw new Error(`"${text}" is not a duration — ${DURATION_HINT}`);
  }
  return ms;
}

/**
 * Like {@link parseDuration} but returns `undefined` instead of throwing.
 *
 * @example
 * tryParseDuration("2h"); // 7200000
 * tryParseDuration("2 hours"); // undefined
 */
export function tryParseDuration(text: string): number | undefined {
  if (typeof text !== "string" || text.length === 0) return undefined;
  PART.lastIndex = 0;
  let total = 0;
  let lastRank = -1;
  while (PART.lastIndex < text.length) {
    const match = PART.exec(text);
    if (!match) return undefined;
    const unit = match[2] as TDurationUnit;
    const rank = UNIT_ORDER.indexOf(unit);
    // "30s5m" or "5m5m" is almost certainly a typo; refuse rather than add them up.
    if (rank <= lastRank) return undefined;
    lastRank = rank;
    total += Number(match[1]) * UNIT_MS[unit];
  }
  return Number.isSafeInteger(total) ? total : undefined;
}

/**
 * Whether `text` is a valid duration string.
 *
 * @example
 * isDuration("45m"); // true
 * isDuration("45"); // false
 */
export function isDuration(text: string): boolean {
  return tryParseDuration(text) !== undefined;
}

/**
 * Formats milliseconds as the shortest duration string that {@link parseDuration} reads back.
 *
 * @example
 * formatDuration(5_400_000); // "1h30m"
 * formatDuration(0); // "0ms"
 */
export function formatDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new Error(`formatDuration expects a non-negative integer number of milliseconds, got ${ms}`);
  }
  if (ms === 0) return "0ms";
  let rest = ms;
  let out = "";
  for (const unit of UNIT_ORDER) {
    const size = UNIT_MS[unit];
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out;
}
