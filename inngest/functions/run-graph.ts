import { inngest } from "../../lib/events/client";
import { EVENTS, type RunRequestedData } from "../../lib/events/names";
import type { InngestFunction } from "inngest";
import { interpretRun, type Steps } from "../../lib/runtime/interpret-run";
import { failAbandonedRun } from "../../lib/runs/fail-abandoned-run";

/**
 * Executes one run of a graph version. Started by `switchyard/run.requested`
 * (or invoked by a parent run's subgraph node); cancelled by
 * `switchyard/run.cancelled` for the same run.
 */
export const runGraph: InngestFunction.Any = inngest.createFunction(
  {
    id: "run-graph",
    name: "Run graph",
    // node-level retry policies decide when to stop; this is only the ceiling
    retries: 10,
    triggers: [{ event: EVENTS.runRequested }],
    cancelOn: [{ event: EVENTS.runCancelled, if: "async.data.runId == event.data.runId" }],
    concurrency: [{ key: "event.data.workspaceId", limit: 100 }],
    // a run the engine gives up on ends failed (and frees its concurrency slot) instead of staying "running"
    onFailure: async ({ event, error }: { event: { data: unknown }; error: Error }) => {
      const original = (event.data as { event?: { data?: RunRequestedData } }).event?.data;
      if (original?.runId) await failAbandonedRun(original.workspaceId, original.runId, error.message);
    },
  },
  async ({ event, step, attempt }): Promise<unknown> => {
    const data = event.data as RunRequestedData;
    return interpretRun({ runId: data.runId, workspaceId: data.workspaceId, concurrency: data.concurrency, flow: data.flow, step: step as unknown as Steps, attempt, self: runGraph });
  },
);
