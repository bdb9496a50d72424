import { describe, expect, it } from "vitest";
import type { WorkspaceContext } from "../auth/context";
import type { RunLifecycle } from "./run-lifecycle";
import type { JsonValue, RunPlan } from "./run-state";
import type { NodeContext, Steps } from "./nodes/context";
import { NodeError } from "./nodes/errors";
import { FAN_OUT_BATCH_FROM, FAN_OUT_BATCH_SIZE, fanOut, rowResult, type DelegationStore, type FanOutTask, type TaskResult } from "./fan-out";

/**
 * The fan-out driven without a database or an engine: a fake `Steps` that memoises step
 * results as the engine does (a second call replays) and can die after a step ran but
 * before it was recorded, and an in-memory Delegation store.
 */

const clone = <T>(v: T): T => (v === undefined ? (null as T) : JSON.parse(JSON.stringify(v)));

class FakeSteps implements Steps {
  readonly memo = new Map<string, unknown>();
  readonly executed: string[] = [];
  readonly invoked: string[] = [];
  /** the process dies after the first step whose id starts with this ran, before it is recorded */
  crashAfter?: string;
  /** the process is dead: no step runs until a new call (`revive`) */
  dead = false;
  inFlightInvokes = 0;
  maxInFlightInvokes = 0;
  async run<T>(id: string, fn: () => Promise<T>): Promise<T> {
    if (this.memo.has(id)) return clone(this.memo.get(id)) as T;
    if (this.dead) throw new Error("process killed");
    this.executed.push(id);
    const value = await fn();
    if (this.dead) throw new Error("process killed");
    if (this.crashAfter && id.startsWith(this.crashAfter)) {
      this.crashAfter = undefined;
      this.dead = true;
      throw new Error("process killed");
    }
    this.memo.set(id, clone(value));
    return clone(value);
  }
  async sleep(): Promise<void> {}
  async waitForEvent(): Promise<{ data: unknown } | null> {
    return null;
  }
  /** a child run: answers after a few ms with what it was given; `fail` in the data fails it */
  async invoke(id: string, opts: { data: unknown }): Promise<unknown> {
    if (this.memo.has(id)) {
      const m = this.memo.get(id) as { error?: string; data?: unknown };
      if (m.error) throw new Error(m.error);
      return clone(m.data);
    }
    this.invoked.push(id);
    this.inFlightInvokes++;
    this.maxInFlightInvokes = Math.max(this.maxInFlightInvokes, this.inFlightInvokes);
    await new Promise((r) => setTimeout(r, 2 + Math.random() * 5));
    this.inFlightInvokes--;
    const data = opts.data as { fail?: boolean; item: number };
    if (data.fail) {
      this.memo.set(id, { error: `child ${data.item} failed` });
      throw new Error(`child ${data.item} failed`);
    }
    this.memo.set(id, { data: { output: data.item * 10 } });
    return { output: data.item * 10 };
  }
}

function memoryStore() {
  const rows = new Map<number, { status: string; result?: JsonValue; childRunId?: string }>();
  const store: DelegationStore = {
    async readEnded(_c, _r, _n, seqs) {
      const out = new Map<number, TaskResult>();
      for (const seq of seqs) {
        const row = rows.get(seq);
        if (row && row.status !== "running") out.set(seq, rowResult(seq, clone(row.result ?? null)));
      }
      return out;
    },
    async begin(_c, _r, _n, seq, row) {
      rows.set(seq, { status: "running", childRunId: row.childRunId });
    },
    async end(_c, _r, _n, seq, result) {
      if (result.status === "cancelled") return;
      const stored = result.status === "ok" ? result.value : { status: "failed", confidence: 0, rationale: result.error.message, error: result.error as unknown as JsonValue };
      rows.set(seq, { ...rows.get(seq), status: result.status === "ok" ? "done" : "failed", result: clone(stored) });
    },
  };
  return { rows, store };
}

function nodeContext(step: Steps, cancelled = () => false): NodeContext {
  const life = { context: async () => ({}) as WorkspaceContext, isRunCancelled: async () => cancelled() } as unknown as RunLifecycle;
  return { runId: `run_${Math.random()}`, workspaceId: "ws_1", step, attempt: 0, self: "run-graph", plan: {} as RunPlan, life } as unknown as NodeContext;
}

/** Work tasks that count their calls and how many run at once; `fail` lists seqs that throw. */
function workTasks(count: number, opts: { fail?: number[]; delayMs?: (seq: number) => number } = {}) {
  const calls: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const tasks: FanOutTask[] = Array.from({ length: count }, (_, seq) => ({
    seq,
    delegation: { agent: "map", kind: "inline", request: { item: seq } },
    work: async () => {
      calls.push(seq);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        await new Promise((r) => setTimeout(r, opts.delayMs?.(seq) ?? 1 + (seq % 4)));
        if (opts.fail?.includes(seq)) throw new NodeError(`item ${seq} broke`, false);
        return { doubled: seq * 2 };
      } finally {
        inFlight--;
      }
    },
  }));
  return { tasks, calls, maxInFlight: () => maxInFlight };
}

describe("fanOut", () => {
  it("returns every task's result in task order, whatever order they finished in", async () => {
    const steps = new FakeSteps();
    const { store } = memoryStore();
    // later tasks finish first
    const w = workTasks(10, { delayMs: (seq) => 30 - seq * 3 });
    const res = await fanOut(nodeContext(steps), { prefix: "map:m", nodeId: "m", tasks: w.tasks, concurrency: 10, store });
    expect(res.map((r) => r.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(res.map((r) => (r.status === "ok" ? r.value : null))).toEqual(Array.from({ length: 10 }, (_, i) => ({ doubled: i * 2 })));
    // few tasks: one step each, named by seq
    expect([...steps.executed].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `map:m:${i}`).sort());
  });

  it("memoises: a replay returns the same results and runs no task again", async () => {
    const steps = new FakeSteps();
    const { store } = memoryStore();
    const w = workTasks(40);
    const n = nodeContext(steps);
    const first = await fanOut(n, { prefix: "map:m", nodeId: "m", tasks: w.tasks, concurrency: 8, store });
    expect(w.calls).toHaveLength(40);
    const executed = steps.executed.length;
    const again = await fanOut(n, { prefix: "map:m", nodeId: "m", tasks: w.tasks, concurrency: 8, store });
    expect(again).toEqual(first);
    expect(w.calls).toHaveLength(40);
    expect(steps.executed).toHaveLength(executed);
  });

  it("runs many tasks in batch steps with deterministic ids", async () => {
    const steps = new FakeSteps();
    const { store } = memoryStore();
    const w = workTasks(60);
    await fanOut(nodeContext(steps), { prefix: "map:m", nodeId: "m", tasks: w.tasks, concurrency: 50, store });
    expect(FAN_OUT_BATCH_FROM).toBeLessThanOrEqual(60);
    const ids = (from: number, to: number) => `map:m:batch:${Array.from({ length: to - from }, (_, i) => from + i).join(",")}`;
    expect([...steps.executed].sort()).toEqual([ids(0, FAN_OUT_BATCH_SIZE), ids(FAN_OUT_BATCH_SIZE, 2 * FAN_OUT_BATCH_SIZE), ids(2 * FAN_OUT_BATCH_SIZE, 60)].sort());
  });

  it.each([
    { count: 10, concurrency: 3 },
    { count: 60, concurrency: 5 },
    { count: 80, concurrency: 8 },
    // more than the run's slots (SWITCHYARD_RUN_CONCURRENCY, 8): the fan-out's items hold its own
    { count: 12, concurrency: 12 },
    { count: 40, concurrency: 14 },
  ])("never has more than $concurrency of $count work tasks in flight, and reaches it", async ({ count, concurrency }) => {
    const steps = new FakeSteps();
    const { store } = memoryStore();
    const w = workTasks(count, { delayMs: (seq) => 2 + (seq % 5) });
    await fanOut(nodeContext(steps), { prefix: "map:m", nodeId: "m", tasks: w.tasks, concurrency, store });
    expect(w.calls).toHaveLength(count);
    expect(w.maxInFlight()).toBe(concurrency);
  });

  it("returns a failed task's error instead of throwing", async () => {
    const steps = new FakeSteps();
    const { store, rows } = memoryStore();
    const w = workTasks(20, { fail: [3, 17] });
    const res = await fanOut(nodeContext(steps), { prefix: "map:m", nodeId: "m", tasks: w.tasks, concurrency: 4, store });
    expect(res.filter((r) => r.status === "failed").map((r) => r.seq)).toEqual([3, 17]);
    const r3 = res[3];
    expect(r3.status === "failed" && r3.error.message).toBe("item 3 broke");
    expect(res.filter((r) => r.status === "ok")).toHaveLength(18);
    expect(rows.get(3)?.status).toBe("failed");
  });

  it("a batch step run again after a crash runs only the tasks that had not ended", async () => {
    const steps = new FakeSteps();
    const { store, rows } = memoryStore();
    const w = workTasks(30);
    const n = nodeContext(steps);
    // tasks 0–9 ended (their rows say so) in a call that died before the step was recorded
    for (let seq = 0; seq < 10; seq++) rows.set(seq, { status: "done", result: { doubled: seq * 2 } });
    // and this call dies after the first batch ran, before it is recorded
    steps.crashAfter = "map:m:batch:0,";
    await expect(fanOut(n, { prefix: "map:m", nodeId: "m", tasks: w.tasks, concurrency: 8, store })).rejects.toThrow("process killed");
    expect(w.calls.filter((s) => s < FAN_OUT_BATCH_SIZE).sort((a, b) => a - b)).toEqual(Array.from({ length: FAN_OUT_BATCH_SIZE - 10 }, (_, i) => i + 10));
    const before = w.calls.length;
    await new Promise((r) => setTimeout(r, 50));
    steps.dead = false;
    const res = await fanOut(n, { prefix: "map:m", nodeId: "m", tasks: w.tasks, concurrency: 8, store });
    // the batch ran again, and ran no task of it again
    expect(steps.executed.filter((id) => id.startsWith("map:m:batch:0,"))).toHaveLength(2);
    expect(w.calls.slice(before).filter((s) => s < FAN_OUT_BATCH_SIZE)).toEqual([]);
    expect(new Set(w.calls).size).toBe(w.calls.length);
    expect(res.map((r) => (r.status === "ok" ? r.value : r.status))).toEqual(Array.from({ length: 30 }, (_, i) => ({ doubled: i * 2 })));
  });

  it("a transient database failure makes the batch step fail and run again, keeping the tasks that ended", async () => {
    const steps = new FakeSteps();
    const { store } = memoryStore();
    const w = workTasks(20);
    // retried in place five times before the step gives up: keep the write failing that long
    let tries = 0;
    const failing: DelegationStore = { ...store, end: async (...args) => {
      if (args[3] === 7 && tries < 5) {
        tries++;
        throw Object.assign(new Error("Timed out fetching a new connection from the connection pool."), { code: "P2024" });
      }
      return store.end(...args);
    } };
    const n = nodeContext(steps);
    await expect(fanOut(n, { prefix: "map:m", nodeId: "m", tasks: w.tasks, concurrency: 20, store: failing })).rejects.toThrow(/connection pool/);
    expect(w.calls).toHaveLength(20);
    const res = await fanOut(n, { prefix: "map:m", nodeId: "m", tasks: w.tasks, concurrency: 20, store: failing });
    // only the task whose end was not written ran again
    expect(w.calls.slice(20)).toEqual([7]);
    expect(res.every((r) => r.status === "ok")).toBe(true);
  }, 20_000);

  it("invokes one child run per task, at most `concurrency` in flight, and reads each back", async () => {
    const steps = new FakeSteps();
    const { store, rows } = memoryStore();
    const started: number[] = [];
    const tasks: FanOutTask[] = Array.from({ length: 20 }, (_, seq) => ({
      seq,
      delegation: { agent: "m", kind: "graph", request: { item: seq } },
      invoke: {
        start: async () => {
          started.push(seq);
          return { childRunId: `run_child_${seq}`, data: { item: seq, fail: seq === 5 } };
        },
        finish: async (_ctx, childRunId, invoked) => {
          if (invoked.error) throw new NodeError(`${childRunId}: ${invoked.error.message}`, false);
          return (invoked.result as { output: JsonValue }).output;
        },
      },
    }));
    const n = nodeContext(steps);
    const res = await fanOut(n, { prefix: "map:m", nodeId: "m", tasks, concurrency: 4, store });
    expect(steps.maxInFlightInvokes).toBe(4);
    expect(steps.invoked).toHaveLength(20);
    expect(res.map((r) => (r.status === "ok" ? r.value : r.status))).toEqual(Array.from({ length: 20 }, (_, i) => (i === 5 ? "failed" : i * 10)));
    const r5 = res[5];
    expect(r5.status === "failed" && r5.error.message).toBe("run_child_5: child 5 failed");
    expect(rows.get(3)?.childRunId).toBe("run_child_3");
    expect(steps.executed.filter((id) => id === "map:m:3:start" || id === "map:m:3:done")).toHaveLength(2);
    // a replay starts and invokes nothing again
    await fanOut(n, { prefix: "map:m", nodeId: "m", tasks, concurrency: 4, store });
    expect(started).toHaveLength(20);
    expect(steps.invoked).toHaveLength(20);
  });

  it("runs nothing once the run is cancelled", async () => {
    const steps = new FakeSteps();
    const { store } = memoryStore();
    const w = workTasks(30);
    const res = await fanOut(nodeContext(steps, () => true), { prefix: "map:m", nodeId: "m", tasks: w.tasks, concurrency: 8, store });
    expect(w.calls).toEqual([]);
    expect(res.every((r) => r.status === "cancelled")).toBe(true);
  });

  it("work and child runs in one fan-out share one bound, and many work tasks beside child runs keep one step each", async () => {
    const steps = new FakeSteps();
    const { store } = memoryStore();
    const w = workTasks(20, { delayMs: () => 5 });
    let inFlight = 0;
    let maxInFlight = 0;
    const track = async <T>(fn: () => Promise<T>) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        return await fn();
      } finally {
        inFlight--;
      }
    };
    const children: FanOutTask[] = Array.from({ length: 6 }, (_, i) => ({
      seq: 100 + i,
      delegation: { agent: "g", kind: "graph", request: {} },
      invoke: {
        start: async () => ({ childRunId: `run_c${i}`, data: { item: i } }),
        finish: async (_c, _id, invoked) => (invoked.result as { output: JsonValue }).output,
      },
    }));
    // the child run counts from its start to its end (three steps); work from its start to its end
    const tracked: FanOutTask[] = [...w.tasks.map((t): FanOutTask => ({ seq: t.seq, delegation: t.delegation, work: (ctx) => track(() => t.work!(ctx)) })), ...children];
    const origInvoke = steps.invoke.bind(steps);
    steps.invoke = (id, opts) => track(() => origInvoke(id, opts));
    const res = await fanOut(nodeContext(steps), { prefix: "sup", nodeId: "s", tasks: tracked, concurrency: 3, store });
    expect(res.every((r) => r.status === "ok")).toBe(true);
    expect(maxInFlight).toBeLessThanOrEqual(3);
    expect(steps.executed.some((id) => id.includes(":batch:"))).toBe(false);
    expect(steps.executed.filter((id) => /^sup:\d+$/.test(id))).toHaveLength(20);
  });

  it("names a child run's steps as told, and ends a task at its start when it says so (no child run)", async () => {
    const steps = new FakeSteps();
    const { store, rows } = memoryStore();
    const tasks: FanOutTask[] = [1, 2].map((seq) => ({
      seq,
      delegation: { agent: "g", kind: "graph", request: {} },
      invoke: {
        start: async () => (seq === 1 ? { value: { status: "failed", rationale: "breaker open" } } : { childRunId: `run_c${seq}`, data: { item: seq } }),
        finish: async (_c, _id, invoked) => (invoked.result as { output: JsonValue }).output,
      },
    }));
    const childStepIds = (seq: number) => ({ start: `dlg-start:s:${seq}`, invoke: `dlg:s:${seq}`, done: `dlg-done:s:${seq}` });
    const res = await fanOut(nodeContext(steps), { prefix: "dlg:s", nodeId: "s", tasks, concurrency: 2, store, childStepIds });
    expect(res).toEqual([
      { seq: 1, status: "ok", value: { status: "failed", rationale: "breaker open" } },
      { seq: 2, status: "ok", value: 20 },
    ]);
    expect([...steps.executed].sort()).toEqual(["dlg-done:s:2", "dlg-start:s:1", "dlg-start:s:2"]);
    expect(steps.invoked).toEqual(["dlg:s:2"]);
    expect(rows.get(1)?.status).toBe("done");
  });

  it("reads steps recorded in an older shape through legacyMemo, and runs nothing again", async () => {
    const steps = new FakeSteps();
    const { store } = memoryStore();
    const outcome = (seq: number) => ({ seq, agent: `a${seq}`, status: "done", delegationId: `dlg_${seq}`, result: { status: "done", output: seq } });
    // a work task's step, a child run that ended at its start, a child run read back
    steps.memo.set("dlg:s:1", outcome(1));
    steps.memo.set("dlg-start:s:2", { ended: outcome(2) });
    steps.memo.set("dlg-start:s:3", { delegationId: "dlg_3", childRunId: "run_c3" });
    steps.memo.set("dlg:s:3", { data: { output: 30 } });
    steps.memo.set("dlg-done:s:3", outcome(3));
    const ran: number[] = [];
    const tasks: FanOutTask[] = [
      { seq: 1, delegation: { agent: "a1", kind: "inline", request: {} }, work: async () => (ran.push(1), null) },
      ...[2, 3].map((seq): FanOutTask => ({
        seq,
        delegation: { agent: `a${seq}`, kind: "graph", request: {} },
        invoke: { start: async () => (ran.push(seq), { childRunId: "x", data: {} }), finish: async () => (ran.push(seq), null) },
      })),
    ];
    const childStepIds = (seq: number) => ({ start: `dlg-start:s:${seq}`, invoke: `dlg:s:${seq}`, done: `dlg-done:s:${seq}` });
    const res = await fanOut(nodeContext(steps), { prefix: "dlg:s", nodeId: "s", tasks, concurrency: 4, store, childStepIds, legacyMemo: (seq, memo) => ({ seq, status: "ok", value: memo as JsonValue }) });
    expect(res).toEqual([1, 2, 3].map((seq) => ({ seq, status: "ok", value: outcome(seq) })));
    expect(ran).toEqual([]);
    expect(steps.executed).toEqual([]);
    expect(steps.invoked).toEqual([]);
  });
});
