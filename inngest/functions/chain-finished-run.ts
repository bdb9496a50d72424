import { inngest } from "../../lib/events/client";
import { EVENTS, type RunFinishedData } from "../../lib/events/names";
import type { InngestFunction } from "inngest";
import { chainFinishedRun } from "../../lib/triggers/chain-finished-run";
import { systemContext } from "../../lib/runtime/system-context";

/**
 * A run ended (`switchyard/run.finished`): start the graphs whose `graph_completed` triggers
 * follow its graph. One step: each start is idempotent per trigger and ended run, so a retry
 * starts nothing twice.
 */
export const chainRuns: InngestFunction.Any = inngest.createFunction(
  {
    id: "chain-finished-run",
    name: "Start graphs that follow a finished run",
    retries: 5,
    triggers: [{ event: EVENTS.runFinished }],
    concurrency: [{ key: "event.data.workspaceId", limit: 10 }],
  },
  async ({ event, step }) => {
    const { runId, workspaceId } = event.data as RunFinishedData;
    return step.run("chain", async () => chainFinishedRun(await systemContext(workspaceId), runId));
  },
);
