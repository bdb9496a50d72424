import "server-only";
import type { TickHandler } from "../scheduler/types";
import { runReportSchedule } from "./run-report-schedule";
import { nextReportTime } from "./next-report-time";

/** A scheduled cost report's ticks: build the report for its period and deliver it. */
export const reportScheduleHandler: TickHandler = {
  next(trigger, after) {
    return nextReportTime(trigger.config, after);
  },
  async tick(ctx, trigger, tick) {
    const fired = await runReportSchedule(ctx, trigger.id, tick);
    return { retryAt: fired?.retryAt ?? null };
  },
};
