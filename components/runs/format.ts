/** Display helpers shared by the runs and approvals screens. Pure functions. */

/** US dollars with enough precision for tiny model costs ($0.000042) and cents for larger sums. */
export function formatUsd(value: number | null | undefined): string {
  const v = value ?? 0;
  if (v === 0) return "$0.00";
  if (Math.abs(v) >= 1) return `$${v.toFixed(2)}`;
  if (Math.abs(v) >= 0.01) return `$${v.toFixed(3)}`;
  return `$${v.toPrecision(2).replace(/0+$/, "")}`;
}

/** 850 ms, 12.4 s, 3 m 05 s, 2 h 10 m */
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

export function durationBetween(start: string | null, end: string | null, now = Date.now()): number | null {
  if (!start) return null;
  return (end ? new Date(end).getTime() : now) - new Date(start).getTime();
}

/** "24 Nov, 12:28:09" in the viewer's locale. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleString(undefined, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/** "5 s ago", "3 min ago", "2 h ago", else a date. */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return "—";
  const diff = now - new Date(iso).getTime();
  if (diff < 0) return formatDateTime(iso);
  if (diff < 60_000) return `${Math.max(1, Math.round(diff / 1000))} s ago`;
  if (diff < 3_600_000) return `${Math.round(diff / 60_000)} min ago`;
  if (diff < 86_400_000) return `${Math.round(diff / 3_600_000)} h ago`;
  return formatDateTime(iso);
}

/** Time left before `dueAt`: "2 h 10 m left", "overdue by 5 min", or null without a deadline. */
export function formatTimeLeft(dueAt: string | null | undefined, now = Date.now()): { label: string; urgent: boolean } | null {
  if (!dueAt) return null;
  const left = new Date(dueAt).getTime() - now;
  if (left <= 0) return { label: `overdue by ${formatDuration(-left)}`, urgent: true };
  return { label: `${formatDuration(left)} left`, urgent: left < 3_600_000 };
}

export const shortId = (id: string) => (id.length > 12 ? `…${id.slice(-8)}` : id);
