import { formatDateTime } from "@/components/runs/format";

/** The zone a trigger's times are read in: a schedule's (or a report's) own, else none (the viewer's). */
export function triggerZone(s: { type: string; config: unknown }): string | undefined {
  return (s.config as { timezone?: string } | null)?.timezone ?? (s.type === "schedule" ? "UTC" : undefined);
}

/**
 * A fire time as a schedule is read: in the trigger's own zone when it has one (a cron's
 * 07:00 Berlin reads 07:00 wherever the viewer is), seconds only when the pattern has them.
 *
 * @example
 * slotTime("2026-12-07T06:00:00.000Z", "Europe/Berlin"); // "Mon, 7 Dec, 07:00" (in an en-GB browser)
 */
export function slotTime(iso: string, timezone: string | undefined): string {
  const seconds = new Date(iso).getUTCSeconds() !== 0;
  try {
    return new Date(iso).toLocaleString(undefined, {
      ...(timezone ? { timeZone: timezone } : {}),
      weekday: "short",
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
      ...(seconds ? { second: "2-digit" as const } : {}),
      hourCycle: "h23",
    });
  } catch {
    return formatDateTime(iso);
  }
}
