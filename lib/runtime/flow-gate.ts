import "server-only";
import type { WorkspaceContext } from "../auth/context";
import type { FlowGate, passFlowGate } from "../runs/flow/pass-flow-gate";

/** The step tools a flow wait needs (the interpreter's `Steps`). */
interface GateSteps {
  run<T>(id: string, fn: () => Promise<T>): Promise<T>;
  sleep(id: string, duration: number | string): Promise<void>;
  /** the engine's `sleepUntil` (millisecond precision; `sleep` rounds to whole seconds) */
  sleepUntil?(id: string, time: Date | string): Promise<void>;
}

/**
 * Durably holds a run, before anything else, until it passes its graph's flow gate (debounce
 * quiet period, throttle window; lib/runs/flow/pass-flow-gate.ts): a look (`flow`, then
 * `flow:<i>`), and while it cannot pass, a durable sleep for as long as the look said
 * (`flow-wait:<i>`), so a crash or a restart while waiting resumes where it was. Returns false
 * when the run ended while waiting (cancelled, dropped from a full queue).
 */
export async function waitForFlowGate(
  step: GateSteps,
  workspaceId: string,
  runId: string,
  life: { context(workspaceId: string): Promise<WorkspaceContext>; passFlowGate: typeof passFlowGate },
): Promise<boolean> {
  let gate: FlowGate = await step.run("flow", async () => life.passFlowGate(await life.context(workspaceId), runId));
  for (let i = 1; !gate.released; i++) {
    if (gate.ended) return false;
    if (step.sleepUntil) await step.sleepUntil(`flow-wait:${i}`, new Date(gate.until));
    else await step.sleep(`flow-wait:${i}`, gate.waitMs);
    gate = await step.run(`flow:${i}`, async () => life.passFlowGate(await life.context(workspaceId), runId));
  }
  return true;
}
