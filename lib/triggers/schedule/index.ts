/**
 * What the browser may import about schedules (pure: no database, no server-only module):
 * fire times, the preview's shapes, the checks a save applies.
 */
export { formatInZone, isTimeZone, nextFireTimes, nextSlot, scheduleConfig, scheduleIssues, type ScheduleConfig, type ScheduleIssue } from "./cron-schedule";
export { jitterOffsetMs, planSlots } from "./plan-slots";
export { ZSchedulePreviewQuery, ZSchedulePreviewRequestSchema, type SchedulePreview, type TSchedulePreviewRequest } from "./preview-query";
