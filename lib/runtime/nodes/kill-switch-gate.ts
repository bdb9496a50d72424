import "server-only";
import type { TNodeSpec } from "../../graphs/spec/schema";
import type { FlowExecutor, NodeContext, NodeResult, Steps } from "./context";
import { pauseOnKillSwitch, type KillSwitchStop } from "./kill-switch-pause";
import { readGate } from "./work-step";
import { retryTransient } from "./transient";

/** Thrown out of a flow executor whose run was cancelled while it was held by the kill switch. */
class CancelledWhileHeld extends Error {}

function isKillSwitchStop(v: unknown): v is KillSwitchStop {
  return !!v && typeof v === "object" && (v as { status?: unknown }).status === "kill_switch";
}

/**
 * A flow node (approval, wait, subgraph, supervisor, map) that reads its graph's kill switch
 * before it starts, as work nodes do in their step. The read happens inside the node's own first
 * step (no extra step, one indexed query): on, that step records a `KillSwitchStop` instead of
 * running, the node pauses (`kill-pause:<id>:<round>`, `kill-wait:…`, `kill-check:…`, as a work
 * node does) until the switch is closed, and the first step runs again as
 * `<first step id>:after-kill:<round + 1>`. The executor never sees the hold: its first step
 * returns once it has run. A run whose first step recorded its result before this check existed
 * replays it unchanged (same id, its own result).
 */
export function heldByKillSwitch<N extends TNodeSpec>(executor: FlowExecutor<N>): FlowExecutor<N> {
  return {
    ...executor,
    async run(n, node) {
      try {
        return await executor.run(gatedContext(n, node), node);
      } catch (err) {
        if (err instanceof CancelledWhileHeld) return { status: "cancelled" } satisfies NodeResult;
        throw err;
      }
    },
  };
}

function gatedContext(n: NodeContext, node: TNodeSpec): NodeContext {
  const { step, life, workspaceId } = n;
  let first = true;
  const gated: Steps = {
    sleep: (id, duration) => step.sleep(id, duration),
    waitForEvent: (id, opts) => step.waitForEvent(id, opts),
    invoke: (id, opts) => step.invoke(id, opts),
    async run<T>(id: string, fn: () => Promise<T>): Promise<T> {
      if (!first) return step.run(id, fn);
      first = false;
      for (let round = 0; ; round++) {
        const r = await step.run(round ? `${id}:after-kill:${round}` : id, async (): Promise<T | KillSwitchStop> => {
          const ctx = await retryTransient(() => life.context(workspaceId));
          const gate = await retryTransient(() => readGate(ctx, n));
          if (!gate.cancelled && gate.killSwitch) return gate.killSwitch;
          return fn();
        });
        if (!isKillSwitchStop(r)) return r;
        const stopped = await pauseOnKillSwitch(n, node, round, r);
        if (stopped) throw new CancelledWhileHeld();
      }
    },
  };
  // reads fall through to the run's context (its spec and dag move on a replan)
  return Object.create(n, { step: { value: gated } }) as NodeContext;
}
