import "server-only";
import { reportScheduleHandler } from "../reports/report-schedule-handler";
import { cronHandler } from "../triggers/schedule/cron-handler";
import { watchHandler } from "../triggers/watch/watch-handler";
import type { ScheduledTrigger, TickHandler } from "./types";

/** Each scheduled kind's handler. */
export const TICK_HANDLERS: Record<ScheduledTrigger["type"], TickHandler> = {
  schedule: cronHandler,
  watch: watchHandler,
  report: reportScheduleHandler,
};

/** The trigger types the scheduler arms. */
export const SCHEDULED_TYPES = Object.keys(TICK_HANDLERS) as ScheduledTrigger["type"][];
