/**
 * Duration and time strings as the SDK sends them: `"1h"`, `"90m"`, `"1h30m"`,
 * `"1500ms"`, `"2d"`, a number of milliseconds, or (for `sleepUntil`) an ISO date.
 */

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Parses a duration such as `"1h30m"` into milliseconds.
 * Returns `undefined` for an empty or unparseable value so callers choose the default.
 */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  const s = value.trim();
  if (!s) return undefined;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s); // bare number = ms, like the `ms` package
  const re = /(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    matched = re.lastIndex;
  }
  return matched === s.length ? total : undefined;
}

/**
 * When a `Sleep` op should wake, in ms since the epoch. The SDK puts the duration
 * (or an ISO date for `sleepUntil`) in the op's `name`; `opts.duration` is read as a fallback.
 */
export function sleepUntil(name: unknown, opts: { duration?: unknown } | undefined, now: number): number {
  for (const v of [name, opts?.duration]) {
    const d = parseDuration(v);
    if (d !== undefined) return now + d;
    if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}T/.test(v)) {
      const t = Date.parse(v);
      if (Number.isFinite(t)) return t;
    }
  }
  return now; // an unreadable duration (e.g. "" from ms("1h30m")) sleeps zero, as the Go server does
}

/**
 * Retry delay for attempt `attempt` (0-based) — exponential with full jitter,
 * capped. The delay is added to the database clock (`now()`) by the caller.
 */
export function backoffMs(attempt: number, baseMs: number, capMs = 3_600_000, random: () => number = Math.random): number {
  const exp = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(exp / 2 + (random() * exp) / 2);
}

/**
 * Reads a `retry-after` header: whole seconds or an HTTP/ISO date. Returns a delay in ms.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isFinite(t) ? Math.max(0, t - now) : undefined;
}
