"use client";

import { useSyncExternalStore } from "react";
import { formatAbsolute, formatDateTime, formatRelative, SERVER_DATE_LOCALE, type TDateOptions } from "@/lib/format";

const TICK_MS = 15_000;
let clock = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

// between ticks (or before the first subscriber) the clock reads to the second, so repeated reads agree
function snapshot(): number {
  if (!timer) clock = Math.floor(Date.now() / 1000) * 1000;
  return clock;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    clock = Date.now();
    timer = setInterval(() => {
      clock = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (!listeners.size && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/**
 * The clock relative times are measured against, ticking every 15 s while anything shows one;
 * `null` while the server renders and the browser hydrates, so both write the same text.
 */
function useClock(): number | null {
  return useSyncExternalStore(subscribe, snapshot, () => null);
}

/**
 * A moment as people read it: relative ("3 min ago") or absolute ("24 Nov, 12:28:09") in the
 * viewer's zone, with the full date and zone on hover and the machine-readable instant in
 * `<time dateTime>`. The server knows neither the viewer's zone nor their clock, so it (and
 * the hydrating browser) writes the absolute moment in UTC; the text is refined after mount,
 * so the first render never mismatches.
 *
 * @example
 * <Time value={run.createdAt} />            // "3 min ago", title "24 Nov 2026, 12:28:09 CET"
 * <Time value={run.startedAt} mode="absolute" />
 */
export function Time({
  value,
  mode = "relative",
  now,
  className,
  options,
}: {
  value: string | Date | null | undefined;
  /** relative ("3 min ago") or absolute ("24 Nov, 12:28:09") */
  mode?: "relative" | "absolute";
  /** A clock the caller already ticks (e.g. a live run's); else a shared 15 s one. */
  now?: number;
  className?: string;
  /** For absolute: a zone (a schedule's own) and which parts to show. */
  options?: TDateOptions;
}) {
  const clock = useClock();
  if (value == null || value === "") return <span className={className}>—</span>;
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return <span className={className}>—</span>;
  const iso = d.toISOString();
  const mounted = clock !== null;
  const zone = mounted ? options?.timeZone : (options?.timeZone ?? "UTC");
  // before mount: a fixed locale and zone, so the server's text and the hydrating browser's agree
  const locale = mounted ? undefined : SERVER_DATE_LOCALE;
  const text = !mounted ? formatDateTime(d, { ...options, timeZone: zone, year: true, locale }) : mode === "relative" ? formatRelative(d, now ?? clock) : formatDateTime(d, options);
  return (
    <time dateTime={iso} title={formatAbsolute(d, zone, locale)} className={className}>
      {text}
    </time>
  );
}
