/**
 * When a throttled run may find room, in ms from now: `released` are the window's releases (ms
 * relative to now, ascending, all in (-period, 0]), `ahead` the runs of its key waiting before
 * it. Those ahead take the next places; this run's place is the (released + ahead − limit)-th
 * release's expiry, or whole periods later when that lies beyond the releases seen.
 *
 * @example
 * throttleWait([-900, -100], 0, 2, 1000); // 100: the first release leaves the window then
 * throttleWait([-900, -100], 3, 2, 1000); // 1000: three ahead — the next window at the earliest
 */
export function throttleWait(released: number[], ahead: number, limit: number, periodMs: number): number {
  const place = released.length + ahead - limit;
  if (place < 0) return 0;
  if (place < released.length) return released[place]! + periodMs;
  return periodMs * (1 + Math.floor((place - released.length) / limit));
}
