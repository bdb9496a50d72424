import "server-only";
import { nextReportTime } from "./next-report-time";
import type { TReportScheduleConfig } from "./schemas";

/** The Trigger row fields a report schedule's view reads. */
export interface ReportScheduleRow {
  id: string;
  name: string;
  config: unknown;
  enabled: boolean;
  pausedAt: Date | null;
  secretEnc: string | null;
  nextFireAt: Date | null;
  lastFiredAt: Date | null;
  lastCheckedAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A report schedule as the API answers it. `nextFireAt` is the time the scheduler armed, else the
 * pattern's next time from now (null while paused); the webhook's signing secret is never in it
 * (only `hasSigningSecret`).
 */
export function reportScheduleView(row: ReportScheduleRow, now = new Date()) {
  // a row written by hand may hold anything: show what is there rather than fail
  const config = (row.config !== null && typeof row.config === "object" ? row.config : {}) as Partial<TReportScheduleConfig>;
  const paused = !row.enabled || row.pausedAt !== null;
  return {
    id: row.id,
    name: row.name,
    cron: config.cron ?? null,
    timezone: config.timezone ?? null,
    report: config.report ?? null,
    deliver: config.deliver ?? null,
    paused,
    pausedAt: row.pausedAt,
    nextFireAt: paused ? null : (row.nextFireAt ?? nextReportTime(row.config, now)),
    lastFiredAt: row.lastFiredAt,
    lastCheckedAt: row.lastCheckedAt,
    lastError: row.lastError,
    lastErrorAt: row.lastErrorAt,
    hasSigningSecret: row.secretEnc !== null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type ReportScheduleView = ReturnType<typeof reportScheduleView>;
