/**
 * A `schedule` trigger's time arithmetic, pure (no database, no clock: every function takes
 * its `now` / `from`), shared by the scheduler, the spec's checks on save, the preview API and
 * the Schedules page. Patterns are parsed by `croner`: 5 fields (minute first) or 6 (second
 * first), evaluated in an IANA time zone with its daylight-saving rules.
 *
 * DST, as croner applies it: a wall-clock time that does not exist on the spring-forward day
 * (02:30 in Europe/Berlin on 2026-03-29) fires once, an hour later by the clock (03:30 CEST);
 * one that happens twice on the fall-back day (02:30 on 2026-10-25) fires once, at the second
 * (CET) occurrence.
 */
import { Cron } from "croner";
import { tryParseDuration } from "../../graphs/spec/duration";
import type { TTrigger } from "../../graphs/spec/schema";

export type TScheduleTrigger = Extract<TTrigger, { type: "schedule" }>;
export type TOverlapPolicy = NonNullable<TScheduleTrigger["overlap"]>;
export type TCatchUpPolicy = NonNullable<TScheduleTrigger["catchUp"]>["policy"];

/** A schedule as the scheduler uses it: defaults applied, durations in ms. */
export interface ScheduleConfig {
  cron: string;
  timezone: string;
  overlap: TOverlapPolicy;
  catchUp: { policy: TCatchUpPolicy; windowMs: number };
  jitterMs: number;
}

/** How far back `catchUp: all | latest` looks when the spec names no window. */
export const DEFAULT_CATCH_UP_WINDOW_MS = 3_600_000;

/**
 * The schedule's settings with their defaults (UTC, overlap `skip`, catch-up `skip` with a 1 h
 * window, no jitter). Accepts the spec's trigger or a Trigger row's `config` (the same JSON).
 *
 * @example
 * scheduleConfig({ type: "schedule", cron: "0 9 * * 1" }).overlap; // "skip"
 */
export function scheduleConfig(spec: Pick<TScheduleTrigger, "cron"> & Partial<TScheduleTrigger>): ScheduleConfig {
  return {
    cron: spec.cron.trim(),
    timezone: spec.timezone?.trim() || "UTC",
    overlap: spec.overlap ?? "skip",
    catchUp: { policy: spec.catchUp?.policy ?? "skip", windowMs: (spec.catchUp?.window && tryParseDuration(spec.catchUp.window)) || DEFAULT_CATCH_UP_WINDOW_MS },
    jitterMs: (spec.jitter && tryParseDuration(spec.jitter)) || 0,
  };
}

const UTC = new Set(["UTC", "Etc/UTC", "Etc/GMT", "GMT", "Etc/Universal", "Universal", "Zulu"]);

function cronOf(config: Pick<ScheduleConfig, "cron" | "timezone">): Cron {
  // croner converts through Intl per call in a named zone (~1 ms); UTC needs no conversion
  return UTC.has(config.timezone) ? new Cron(config.cron, { utcOffset: 0, paused: true }) : new Cron(config.cron, { timezone: config.timezone, paused: true });
}

/**
 * The first slot strictly after `after`, or null when the pattern never fires again.
 *
 * @example
 * nextSlot({ cron: "0 9 * * *", timezone: "Europe/Berlin" }, new Date("2026-07-01T00:00:00Z")); // 2026-07-01T07:00:00.000Z
 */
export function nextSlot(config: Pick<ScheduleConfig, "cron" | "timezone">, after: Date): Date | null {
  return cronOf(config).nextRun(after);
}

/** `nextSlot` for many calls on one schedule (the pattern is parsed once). */
export function slotStepper(config: Pick<ScheduleConfig, "cron" | "timezone">): (after: Date) => Date | null {
  const cron = cronOf(config);
  return (after) => cron.nextRun(after);
}

/**
 * The next `count` slots strictly after `from` (fewer when the pattern stops firing).
 *
 * @example
 * nextFireTimes({ cron: "*\/15 * * * *", timezone: "UTC" }, 2, new Date("2026-01-01T00:01:00Z"));
 * // [2026-01-01T00:15:00.000Z, 2026-01-01T00:30:00.000Z]
 */
export function nextFireTimes(config: Pick<ScheduleConfig, "cron" | "timezone">, count: number, from: Date): Date[] {
  const cron = cronOf(config);
  const out: Date[] = [];
  let at: Date | null = from;
  while (out.length < count && at) {
    at = cron.nextRun(at);
    if (at) out.push(at);
  }
  return out;
}

/**
 * A time as ISO 8601 with the zone's offset at that instant (`2026-03-29T03:30:00+02:00`).
 *
 * @example
 * formatInZone(new Date("2026-03-29T01:30:00Z"), "Europe/Berlin"); // "2026-03-29T03:30:00+02:00"
 */
export function formatInZone(date: Date, timezone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      timeZoneName: "longOffset",
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const offset = (parts.timeZoneName ?? "GMT").replace("GMT", "") || "+00:00";
  const ms = date.getUTCMilliseconds();
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${ms ? `.${String(ms).padStart(3, "0")}` : ""}${offset === "+00:00" || offset === "" ? "Z" : offset}`;
}

/** Whether `timezone` is an IANA zone this runtime knows. */
export function isTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** One problem with a schedule, by field. */
export interface ScheduleIssue {
  field: "cron" | "timezone";
  message: string;
}

/**
 * What is wrong with a schedule, field by field: a pattern croner cannot read (it needs 5
 * fields, or 6 with seconds first), a time zone that is not IANA, a pattern that never fires
 * (`0 0 31 2 *`).
 *
 * @example
 * scheduleIssues({ cron: "0 0 31 2 *" }, new Date());
 * // [{ field: "cron", message: 'never fires: no date matches "0 0 31 2 *" …' }]
 */
export function scheduleIssues(spec: { cron: string; timezone?: string }, now: Date): ScheduleIssue[] {
  const issues: ScheduleIssue[] = [];
  const timezone = spec.timezone?.trim() || "UTC";
  const zoneOk = isTimeZone(timezone);
  if (!zoneOk) issues.push({ field: "timezone", message: `unknown time zone "${spec.timezone}" — use an IANA name such as "Europe/Berlin", "America/New_York" or "UTC"` });
  let cron: Cron;
  try {
    cron = new Cron(spec.cron.trim(), { timezone: zoneOk ? timezone : "UTC", paused: true });
  } catch (err) {
    const detail = (err as Error).message.replace(/^CronPattern: /, "");
    issues.push({
      field: "cron",
      message: `"${spec.cron}" is not a cron pattern: ${detail} — write 5 fields (minute hour day-of-month month day-of-week, e.g. "0 9 * * 1") or 6 with seconds first ("*/10 * * * * *")`,
    });
    return issues;
  }
  if (!cron.nextRun(now)) issues.push({ field: "cron", message: `never fires: no date matches "${spec.cron}" (e.g. the 31st of a month that has 30 days) — fix the day or month` });
  return issues;
}

/** The `event` a schedule's `when` and `input` mapping read. */
export function scheduleEvent(trigger: { name: string }, config: Pick<ScheduleConfig, "timezone">, slot: Date, now: Date) {
  return { scheduledAt: slot.toISOString(), firedAt: now.toISOString(), trigger: trigger.name, timezone: config.timezone };
}
