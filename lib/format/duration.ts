/** Durations: how long a run or node took, how late a schedule fired, time left on an approval. */

/**
 * A duration in milliseconds, in the largest two units that matter.
 *
 * @example
 * formatDuration(850); // "850 ms"
 * formatDuration(12_400); // "12.4 s"
 * formatDuration(185_000); // "3 m 05 s"
 * formatDuration(7_800_000); // "2 h 10 m"
 * formatDuration(null); // "—"
 */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return "—";
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} m ${String(Math.floor(s % 60)).padStart(2, "0")} s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ${String(m % 60).padStart(2, "0")} m`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/**
 * A signed offset, such as how late (+) or early (−) a schedule fired.
 *
 * @example
 * formatOffset(1_250); // "+1.3 s"
 * formatOffset(-40); // "−40 ms"
 */
export function formatOffset(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return "—";
  return `${ms < 0 ? "−" : "+"}${formatDuration(Math.abs(ms))}`;
}

/** Milliseconds from `start` to `end` (or to `now` while it runs); null before it starts. */
export function durationBetween(start: string | null | undefined, end: string | null | undefined, now = Date.now()): number | null {
  if (!start) return null;
  return (end ? new Date(end).getTime() : now) - new Date(start).getTime();
}

/**
 * A span rounded to whole minutes (seconds below one minute), at most two units, for
 * deadlines people plan around: "2 d 4 h", "3 h 20 min", "45 s"; null below a second.
 */
export function formatSpan(ms: number): string | null {
  if (ms < 1000) return null;
  if (ms < 60_000) return `${Math.floor(ms / 1000)} s`;
  const minutes = Math.round(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d) return h ? `${d} d ${h} h` : `${d} d`;
  if (h) return m ? `${h} h ${m} min` : `${h} h`;
  return `${m} min`;
}

/**
 * "due in 3 h 20 min", "overdue by 12 min", "due now": the time left of an item, read by a
 * person (in the inbox, the run view and the notices sent to assignees).
 *
 * @example
 * formatDue(new Date("2026-01-01T13:20:00Z"), new Date("2026-01-01T10:00:00Z")); // "due in 3 h 20 min"
 */
export function formatDue(dueAt: Date | string, now: Date | number = Date.now()): string {
  const ms = new Date(dueAt).getTime() - new Date(now).getTime();
  const span = formatSpan(Math.abs(ms));
  if (span === null) return "due now";
  return ms > 0 ? `due in ${span}` : `overdue by ${span}`;
}
