import "server-only";
import { EVENTS } from "../../events/names";
import { graphBreakerKey } from "../../breakers/keys";
import { decisionRecheckMs } from "../../env";
import type { NodeContext } from "./context";
import type { TNodeSpec } from "../../graphs/spec/schema";
import { retryTransient } from "./transient";

/** A work node that did not start because its graph's kill switch is on. Memoised by its step, so plain JSON. */
export type KillSwitchStop = { status: "kill_switch"; by: string | null; reason: string | null };

/** How long each wait for `breaker.closed` lasts before the switch is read again: short first (the event may be missed while the pause is written), then longer. */
const RECHECKS = ["1m", "5m", "15m", "1h"] as const;

/**
 * A node whose graph's kill switch is on: the run is paused (`pausedReason: kill_switch`, the
 * node `paused`) and waits durably for `breaker.closed` on the graph's key, reading the switch
 * again after each wait (a close sent while the pause was being written is not lost). Returns
 * `cancelled` when the run was cancelled meanwhile; otherwise the node runs again
 * (`node:<id>:<round + 1>`). Step ids: `kill-pause:<id>:<round>`, then
 * `kill-wait:<id>:<round>:<i>` and `kill-check:<id>:<round>:<i>`.
 */
export async function pauseOnKillSwitch(n: NodeContext, node: TNodeSpec, round: number, stop: KillSwitchStop): Promise<{ status: "cancelled" } | null> {
  const { step, runId, workspaceId, life, plan } = n;
  const key = graphBreakerKey(plan.graphId);
  const paused = await step.run(`kill-pause:${node.id}:${round}`, async () => {
    const ctx = await retryTransient(() => life.context(workspaceId));
    if (await retryTransient(() => life.isRunCancelled(ctx, runId))) return false;
    await retryTransient(async () => {
      await life.pauseNode(ctx, runId, node.id);
      await life.pauseRun(ctx, runId, "kill_switch");
      await life.trace(ctx, runId, node.id, "run.paused", `Paused before ${node.id}: the graph's kill switch is on${stop.reason ? ` (“${stop.reason}”)` : ""}`, { key, by: stop.by, reason: stop.reason });
    });
    return true;
  });
  if (!paused) return { status: "cancelled" };
  for (let i = 0; ; i++) {
    const timeout = i === 0 ? decisionRecheckMs() : RECHECKS[Math.min(i - 1, RECHECKS.length - 1)];
    await step.waitForEvent(`kill-wait:${node.id}:${round}:${i}`, { event: EVENTS.breakerClosed, timeout, if: `async.data.key == '${key}'` });
    const state = await step.run(`kill-check:${node.id}:${round}:${i}`, async () => {
      const ctx = await retryTransient(() => life.context(workspaceId));
      if (await retryTransient(() => life.isRunCancelled(ctx, runId))) return "cancelled" as const;
      const on = life.readKillSwitch ? await retryTransient(() => life.readKillSwitch!(ctx, plan.graphId)) : null;
      if (on) return "on" as const;
      await retryTransient(async () => {
        await life.resumePausedRun(ctx, runId, node.id);
        await life.trace(ctx, runId, node.id, "run.resumed", `The graph's kill switch was closed: ${node.id} runs`, { key });
      });
      return "off" as const;
    });
    if (state === "cancelled") return { status: "cancelled" };
    if (state === "off") return null;
  }
}
