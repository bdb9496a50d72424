import "server-only";
import type { WorkspaceContext } from "../auth/context";
import type { TGraphSpec } from "../graphs/spec/schema";
import { runTimeoutMs } from "../graphs/spec/policy";
import { finishRun, isRunCancelled, trace } from "./run-state";
import { announceSlotFreed } from "./acquire-run-slot";
import { durableMs } from "./durable-ms";

/** The step tool a run deadline needs (the interpreter's `Steps`). */
interface SleepSteps {
  sleep(id: string, duration: number | string): Promise<void>;
}

/** What a run that exceeded `timeouts.run` fails with. */
export const RUN_TIMEOUT = "run_timeout";

/**
 * `timeouts.run`: a durable sleep started once the run begins, raced by the interpreter
 * against its nodes. Resolves with `"timeout"` when the limit passes; never resolves for a
 * graph without one. The sleep is a step, so a crash or a long approval wait does not reset it.
 */
export function startRunDeadline(step: SleepSteps, spec: Pick<TGraphSpec, "timeouts">): Promise<"timeout"> {
  const ms = runTimeoutMs(spec);
  if (ms === undefined) return new Promise<never>(() => {});
  return step.sleep("run-timeout", durableMs(ms)).then(() => "timeout" as const);
}

/**
 * Ends a run that exceeded `timeouts.run`: nodes still at work fail with the reason, open
 * inbox items are withdrawn, and the run fails with code `run_timeout`. A run already ended
 * (or cancelled) is left as it is.
 */
export async function failTimedOutRun(ctx: WorkspaceContext, runId: string, spec: Pick<TGraphSpec, "timeouts">): Promise<{ ended: boolean; error: { code: string; reason: string; message: string } }> {
  const limit = spec.timeouts?.run ?? "";
  const error = { code: RUN_TIMEOUT, reason: RUN_TIMEOUT, message: `The run took longer than its time limit (timeouts.run = ${limit}) and was stopped; nodes still working were failed.` };
  if (await isRunCancelled(ctx, runId)) return { ended: false, error };
  const now = new Date();
  await ctx.db.nodeRun.updateMany({
    where: { runId, status: { in: ["running", "waiting", "paused"] } },
    data: { status: "failed", endedAt: now, error: { name: "RunTimeout", code: RUN_TIMEOUT, message: `Stopped: the run reached its time limit (${limit})`, retryable: false } as never },
  });
  await ctx.db.approval.updateMany({ where: { runId, status: "pending" }, data: { status: "cancelled" } });
  const ended = await finishRun(ctx, runId, { status: "failed", error });
  if (ended) await trace(ctx, runId, null, "run.timed_out", error.message, { limit });
  await announceSlotFreed(ctx, runId);
  return { ended, error };
}
