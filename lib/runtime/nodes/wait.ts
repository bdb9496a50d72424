import "server-only";
import { evaluateCondition } from "../../graphs/spec/conditions";
import { parseDuration } from "../../graphs/spec/duration";
import type { TNodeOf } from "../../graphs/spec/schema";
import type { JsonValue } from "../run-state";
import type { FlowExecutor, NodeResult } from "./context";
import { durableMs } from "../durable-ms";
import { workspaceEventName } from "../../events/workspace-event";

/** How many non-matching events one wait node looks at before it gives up. */
const MAX_EVENTS_LOOKED_AT = 50;

/** A wait: a durable sleep, or the first event of a name that matches its condition (or a timeout). */
export const waitExecutor: FlowExecutor<TNodeOf<"wait">> = {
  kind: "flow",
  replanAfter: true,
  async run(n, node) {
    const { step, runId, workspaceId, life } = n;
    await step.run(`wait-start:${node.id}`, async () => {
      const ctx = await life.context(workspaceId);
      await life.markNodeRunning(ctx, runId, node.id, 1);
      await life.markNodeWaiting(ctx, runId, node.id, node.sleep ? `Sleeping ${node.sleep}` : `Waiting for event ${node.event?.name}`);
    });
    let output: JsonValue = null;
    if (node.sleep) {
      await step.sleep(`wait:${node.id}`, durableMs(parseDuration(node.sleep)));
      output = { slept: node.sleep };
    } else if (node.event) {
      const timeout = node.timeout ?? "30d";
      let matched: { data: unknown } | null = null;
      for (let i = 0; i < MAX_EVENTS_LOOKED_AT && !matched; i++) {
        // the workspace's own events only (POST /api/v1/events names them by workspace)
        const raw = await step.waitForEvent(`wait:${node.id}:${i}`, { event: workspaceEventName(workspaceId, node.event.name), timeout: durableMs(parseDuration(timeout)) });
        if (!raw) break;
        const evt = asSentEvent(raw, node.event.name);
        if (!node.event.when || evaluateCondition(node.event.when, { input: n.plan.input, nodes: n.results, event: evt }, "event")) matched = evt;
      }
      if (!matched) {
        return step.run(`wait-done:${node.id}`, async (): Promise<NodeResult> => {
          const ctx = await life.context(workspaceId);
          const error = { name: "WaitTimeout", message: `No matching "${node.event!.name}" event within ${timeout}`, retryable: false };
          await life.failNode(ctx, runId, node.id, error, 1, true);
          await life.resumeFromWait(ctx, runId);
          return { status: "failed", error };
        });
      }
      output = { event: matched as unknown as JsonValue };
    }
    return step.run(`wait-done:${node.id}`, async (): Promise<NodeResult> => {
      const ctx = await life.context(workspaceId);
      await life.completeNode(ctx, runId, node.id, output, { inputs: n.nodeInput(node) });
      await life.resumeFromWait(ctx, runId);
      return { status: "succeeded", output };
    });
  },
};

/** The event as its sender named it: `{ name, data, id, ts }` (the engine's name carries the workspace). */
function asSentEvent(raw: { data: unknown }, name: string): { name: string; data: unknown; id?: unknown; ts?: unknown } {
  const e = raw as { data: unknown; id?: unknown; ts?: unknown };
  return { name, data: e.data ?? {}, ...(e.id !== undefined ? { id: e.id } : {}), ...(e.ts !== undefined ? { ts: e.ts } : {}) };
}
