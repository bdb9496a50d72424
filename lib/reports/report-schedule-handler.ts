import "server-only";
import type { TickHandler } from "../scheduler/types";

/** A scheduled cost report's ticks: build the report for its period and deliver it. */
export const reportScheduleHandler: TickHandler = {
  next() {
    throw new Error("scheduled reports are not implemented yet");
  },
  async tick() {
    throw new Error("scheduled reports are not implemented yet");
  },
};
