import { describe, expect, it } from "vitest";
import type { WorkspaceContext } from "../auth/context";
import type { FlowGate } from "../runs/flow/pass-flow-gate";
import { waitForFlowGate } from "./flow-gate";

/** Steps that memoise like the engine: a step recorded once returns its result on every replay. */
class MemoSteps {
  readonly memo = new Map<string, unknown>();
  readonly executed: string[] = [];
  readonly slept: Array<{ id: string; until: string }> = [];
  async run<T>(id: string, fn: () => Promise<T>): Promise<T> {
    if (this.memo.has(id)) return this.memo.get(id) as T;
    this.executed.push(id);
    const v = await fn();
    this.memo.set(id, v);
    return v;
  }
  async sleep(id: string): Promise<void> {
    this.executed.push(id);
  }
  async sleepUntil(id: string, time: Date | string): Promise<void> {
    if (this.memo.has(id)) return;
    this.executed.push(id);
    this.slept.push({ id, until: new Date(time).toISOString() });
    this.memo.set(id, null);
  }
}

const life = (answers: FlowGate[]) => ({
  context: async () => ({}) as WorkspaceContext,
  passFlowGate: async () => answers.shift() ?? { released: true as const },
});
const wait = (ms: number, reason: "debounce" | "throttle" = "throttle"): FlowGate => ({ released: false, ended: false, waitMs: ms, until: new Date(1_700_000_000_000 + ms).toISOString(), reason });

describe("waitForFlowGate", () => {
  it("sleeps until the moment each look says, then passes; a replay runs nothing again", async () => {
    const steps = new MemoSteps();
    expect(await waitForFlowGate(steps, "ws", "run", life([wait(1500), wait(200, "debounce"), { released: true }]))).toBe(true);
    expect(steps.executed).toEqual(["flow", "flow-wait:1", "flow:1", "flow-wait:2", "flow:2"]);
    expect(steps.slept.map((s) => s.until)).toEqual([new Date(1_700_000_001_500).toISOString(), new Date(1_700_000_000_200).toISOString()]);
    // a crash and a replay: every step is recorded, so nothing runs and the answer is the same
    expect(await waitForFlowGate(steps, "ws", "run", life([{ released: false, ended: true }]))).toBe(true);
    expect(steps.executed).toHaveLength(5);
  });

  it("stops when the run ended while it waited (cancelled, dropped from a full queue)", async () => {
    const steps = new MemoSteps();
    expect(await waitForFlowGate(steps, "ws", "run", life([wait(1000), { released: false, ended: true }]))).toBe(false);
    expect(steps.executed).toEqual(["flow", "flow-wait:1", "flow:1"]);
  });
});
