import type { InngestFunction } from "inngest";
import { inngest } from "../../lib/events/client";
import { EVENTS, type TriggerTickArmedData } from "../../lib/events/names";
import { systemContext } from "../../lib/runtime/system-context";
import { tickEvent } from "../../lib/scheduler/arm";
import { PER_TRIGGER, TICK_LEAD_MS } from "../../lib/scheduler/consts";
import { runTick } from "../../lib/scheduler/run-tick";

/**
 * One tick of a scheduled trigger (a schedule's slot, a watch's poll, a report), armed by
 * `switchyard/trigger.tick-armed`: sleep until the tick (durably, in the engine), run it in one
 * step (which exits when the trigger was paused, removed or re-armed since), then arm the next
 * tick with a new event from the same step. It wakes `TICK_LEAD_MS` early and waits the rest inside the step, so
 * the engine's wake-up and the call are not added to the slot's lateness. A schedule is a chain of short runs, never one ever-growing run, and
 * it works the same on the embedded engine and on Inngest Cloud. One decision at a time per
 * trigger (its concurrency key, shared with `scheduler-run-ended`).
 */
export const schedulerTick: InngestFunction.Any = inngest.createFunction(
  {
    id: "scheduler-tick",
    name: "Run a scheduled trigger's tick",
    retries: 5,
    triggers: [{ event: EVENTS.triggerTickArmed }],
    concurrency: [PER_TRIGGER],
    // a newer arm of the trigger (a save, a pause, a resume) ends this chain at once, sleeping or not
    cancelOn: [{ event: EVENTS.triggerTickArmed, if: "async.data.triggerId == event.data.triggerId && async.data.generation > event.data.generation" }],
  },
  async ({ event, step }) => {
    const armed = event.data as TriggerTickArmedData;
    const at = new Date(armed.at);
    await step.sleepUntil("until", new Date(at.getTime() - TICK_LEAD_MS));
    // the next tick is armed inside the same step (its event id dedupes a retried step's second
    // send), which spares the engine one more call per tick in the second many schedules share
    return step.run("tick", async () => {
      const result = await runTick(await systemContext(armed.workspaceId), armed, { waitUntil: at });
      if (result.status === "ticked" && result.next) await inngest.send(tickEvent(armed.workspaceId, armed.triggerId, result.next.generation, new Date(result.next.at)));
      return result;
    });
  },
);
