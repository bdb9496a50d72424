import "server-only";
import type { TickHandler } from "../../scheduler/types";

/** A `schedule` trigger's ticks: cron slots, with overlap, catch-up and jitter. */
export const cronHandler: TickHandler = {
  next() {
    throw new Error("schedule triggers are not implemented yet");
  },
  async tick() {
    throw new Error("schedule triggers are not implemented yet");
  },
};
