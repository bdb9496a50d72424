import "server-only";
import { ZWatchTrigger } from "../../graphs/spec/schema";
import { tryParseDuration } from "../../graphs/spec/duration";
import type { TickHandler } from "../../scheduler/types";
import { tickWatch } from "./tick-watch";

/** A `watch` trigger's ticks: poll its URL every `every`, fire on the condition's rising edge. */
export const watchHandler: TickHandler = {
  next(trigger, after) {
    const parsed = ZWatchTrigger.safeParse(trigger.config);
    const every = parsed.success ? tryParseDuration(parsed.data.every) : undefined;
    // a declaration that no longer parses ticks no more (saving a valid version re-arms it)
    if (every === undefined) return null;
    return new Date(after.getTime() + every);
  },
  async tick(ctx, trigger, tick) {
    await tickWatch(ctx, trigger.id, tick);
  },
};
