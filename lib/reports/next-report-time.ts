import { Cron } from "croner";
import { ZReportScheduleConfig } from "./schemas";

/**
 * The next time a report schedule's cron pattern fires strictly after `after`, in its time zone;
 * null when its settings no longer parse (it ticks no more until they are fixed).
 */
export function nextReportTime(config: unknown, after: Date): Date | null {
  const parsed = ZReportScheduleConfig.safeParse(config);
  if (!parsed.success) return null;
  try {
    return new Cron(parsed.data.cron, { timezone: parsed.data.timezone, paused: true }).nextRun(after);
  } catch {
    return null;
  }
}
