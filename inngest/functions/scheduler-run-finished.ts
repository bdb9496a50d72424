import type { InngestFunction } from "inngest";
import { inngest } from "../../lib/events/client";
import { EVENTS, type RunFinishedData, type ScheduleRunEndedData } from "../../lib/events/names";
import { systemContext } from "../../lib/runtime/system-context";
import { PER_TRIGGER } from "../../lib/scheduler/consts";
import { scheduleOfRun } from "../../lib/triggers/schedule/schedule-of-run";
import { startBufferedSlots } from "../../lib/triggers/schedule/cron-handler";

/**
 * A run ended (`switchyard/run.finished`): when a schedule with slots buffered behind it started
 * it, tell that schedule (`switchyard/schedule.run-ended`, keyed by the trigger).
 */
export const scheduleRunFinished: InngestFunction.Any = inngest.createFunction(
  { id: "schedule-run-finished", name: "Tell a schedule its run ended", retries: 5, triggers: [{ event: EVENTS.runFinished }] },
  async ({ event, step }) => {
    const { runId, workspaceId } = event.data as RunFinishedData;
    const triggerId = await step.run("find-schedule", async () => scheduleOfRun(await systemContext(workspaceId), runId));
    if (triggerId) await step.sendEvent("run-ended", { name: EVENTS.scheduleRunEnded, id: `schedule-run-ended-${runId}`, data: { workspaceId, triggerId, runId } satisfies ScheduleRunEndedData });
    return { triggerId };
  },
);

/**
 * A schedule's run ended: start its slots buffered behind it (overlap buffer_one / buffer_all),
 * one decision at a time per trigger (the concurrency key it shares with the tick).
 */
export const scheduleRunEnded: InngestFunction.Any = inngest.createFunction(
  { id: "schedule-run-ended", name: "Start a schedule's buffered slot", retries: 5, triggers: [{ event: EVENTS.scheduleRunEnded }], concurrency: [PER_TRIGGER] },
  async ({ event, step }) => {
    const { workspaceId, triggerId } = event.data as ScheduleRunEndedData;
    return step.run("start-buffered", async () => (await startBufferedSlots(await systemContext(workspaceId), triggerId)).map((r) => ({ outcome: r.outcome, runId: r.runId })));
  },
);
