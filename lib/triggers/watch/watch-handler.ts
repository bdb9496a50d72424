import "server-only";
import type { TickHandler } from "../../scheduler/types";

/** A `watch` trigger's ticks: poll its URL every `every`, fire on the condition's rising edge. */
export const watchHandler: TickHandler = {
  next() {
    throw new Error("watch triggers are not implemented yet");
  },
  async tick() {
    throw new Error("watch triggers are not implemented yet");
  },
};
