import { describe, expect, it } from "vitest";
import { NonRetriableError, RetryAfterError } from "inngest";
import type { WorkspaceContext } from "../auth/context";
import type { TGraphSpec, TNodeOf } from "../graphs/spec/schema";
import { interpretRun } from "./interpret-run";
import type { RunLifecycle } from "./run-lifecycle";
import type { JsonValue, RunPlan } from "./run-state";
import type { Steps, WorkExecutor } from "./nodes/context";
import { NodeError } from "./nodes/errors";

/**
 * The interpreter driven without a database or an engine: a fake `Steps` that memoises
 * step results as the engine does (so a second call replays), a fake run lifecycle that
 * records what would be written, and a fake agent executor. Node types other than agents
 * use their real executors (router, output).
 */

const clone = <T>(v: T): T => (v === undefined ? (null as T) : JSON.parse(JSON.stringify(v)));

class FakeSteps implements Steps {
  /** recorded step results, by step id (what the engine would send back on replay) */
  readonly memo = new Map<string, unknown>();
  /** step ids whose function ran, in order, across calls */
  readonly executed: string[] = [];
  /** the process dies after the first step whose id starts with this ran, before it is recorded */
  crashAfter?: string;
  async run<T>(id: string, fn: () => Promise<T>): Promise<T> {
    if (this.memo.has(id)) return clone(this.memo.get(id)) as T;
    this.executed.push(id);
    const value = await fn();
    if (this.crashAfter && id.startsWith(this.crashAfter)) {
      this.crashAfter = undefined;
      throw new Error("process killed");
    }
    this.memo.set(id, clone(value));
    return clone(value);
  }
  async sleep(id: string): Promise<void> {
    this.executed.push(id);
  }
  async waitForEvent(): Promise<{ data: unknown } | null> {
    return null;
  }
  async invoke(): Promise<unknown> {
    throw new Error("no sub-runs in these tests");
  }
}

type Written = { type: string; nodeId?: string; data?: unknown };

function fakeLifecycle(spec: TGraphSpec, input: Record<string, unknown> = {}, batchWide = true) {
  const written: Written[] = [];
  /** node runs that succeeded, as the database would hold them */
  const succeeded = new Map<string, unknown>();
  const plan: RunPlan = { runId: "run_1", workspaceId: "ws_1", graphId: "graph_1", version: 1, graphVersionId: "gv_1", spec, input, customerKey: null, tags: [], reused: {}, status: "running", batchWide };
  const life: RunLifecycle = {
    context: async () => ({}) as WorkspaceContext,
    beginRun: async () => {
      written.push({ type: "begin" });
      return clone(plan);
    },
    isRunCancelled: async () => false,
    trace: async () => {},
    markNodeRunning: async (_c, _r, nodeId, attempt) => void written.push({ type: "running", nodeId, data: attempt }),
    markNodeWaiting: async (_c, _r, nodeId) => void written.push({ type: "waiting", nodeId }),
    resumeFromWait: async () => {},
    completeNode: async (_c, _r, nodeId, output) => {
      succeeded.set(nodeId, clone(output));
      written.push({ type: "succeeded", nodeId, data: output });
    },
    failNode: async (_c, _r, nodeId, error, _a, final) => void written.push({ type: final ? "failed" : "retrying", nodeId, data: error.message }),
    skipNodes: async (_c, _r, ids) => void ids.forEach((nodeId) => written.push({ type: "skipped", nodeId })),
    finishRun: async (_c, _r, result) => {
      written.push({ type: `run.${result.status}`, data: result.output ?? result.error });
      return true;
    },
    pauseRun: async () => {},
    resumePausedRun: async () => {},
    pauseNode: async () => {},
    readMovedVersion: async () => null,
    readSucceededNodes: async (_c, _r, ids) => Object.fromEntries(ids.filter((id) => succeeded.has(id)).map((id) => [id, clone(succeeded.get(id)) as JsonValue])),
    forecastRunStart: async () => ({ forecast: null, error: null, thresholdUsd: null, needsApproval: false }),
    loadSecrets: async () => new Map(),
    resolveMcpServers: async () => ({}),
    acquireRunSlot: async () => ({ acquired: true }),
    announceSlotFreed: async () => {},
    failTimedOutRun: async () => ({ ended: true, error: { code: "run_timeout", reason: "run_timeout", message: "timed out" } }),
    standInForFailed: async () => {},
  };
  return { life, written };
}

/** A stand-in agent: answers with its id and what it received; `behaviour` can delay or fail it. */
function fakeAgent(behaviour: Record<string, { delayMs?: number; fail?: "always" | "once"; retryable?: boolean; transient?: number }> = {}) {
  const started: string[] = [];
  const finished: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const failedOnce = new Set<string>();
  const executor: WorkExecutor<TNodeOf<"agent">> = {
    kind: "work",
    async work(w, node) {
      started.push(node.id);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        const b = behaviour[node.id] ?? {};
        await new Promise((r) => setTimeout(r, b.delayMs ?? 1));
        if (b.transient && b.transient-- > 0) throw Object.assign(new Error("Transaction API error: Unable to start a transaction in the given time."), { code: "P2028" });
        if (b.fail === "always" || (b.fail === "once" && !failedOnce.has(node.id))) {
          failedOnce.add(node.id);
          throw new NodeError(`${node.id} broke`, b.retryable ?? false);
        }
        finished.push(node.id);
        return { output: { from: node.id, upstream: (w.n.nodeInput(node).upstream ?? {}) as JsonValue } };
      } finally {
        inFlight--;
      }
    },
  };
  return { executor, started, finished, maxInFlight: () => maxInFlight };
}

const agent = (id: string, needs?: string[], extra: Record<string, unknown> = {}) => ({ id, type: "agent" as const, model: "sim:fast", prompt: `Do ${id}`, ...(needs ? { needs } : {}), ...extra });

async function run(spec: TGraphSpec, opts: { input?: Record<string, unknown>; behaviour?: Parameters<typeof fakeAgent>[0]; batchWide?: boolean; concurrency?: boolean } = {}) {
  const steps = new FakeSteps();
  const { life, written } = fakeLifecycle(spec, opts.input, opts.batchWide);
  const agents = fakeAgent(opts.behaviour);
  const call = (attempt = 0) => interpretRun({ runId: "run_1", workspaceId: "ws_1", concurrency: opts.concurrency, step: steps, attempt, self: null, lifecycle: life, executors: { agent: agents.executor } });
  return { steps, written, agents, call };
}

const ofType = (written: Written[], type: string) => written.filter((w) => w.type === type).map((w) => w.nodeId);

describe("interpretRun", () => {
  it("runs a linear graph in order, each node once, and ends with the output node's value", async () => {
    const spec: TGraphSpec = { name: "Linear", nodes: [agent("a"), agent("b", ["a"]), agent("c", ["b"]), { id: "out", type: "output", needs: ["c"], value: { last: "{{nodes.c.output.from}}" } }] };
    const r = await run(spec);
    const result = await r.call();
    expect(result).toEqual({ status: "succeeded", output: { last: "c" } });
    expect(r.agents.started).toEqual(["a", "b", "c"]);
    expect(r.steps.executed).toEqual(["slot", "start", "forecast", "node:a", "node:b", "node:c", "node:out", "finish"]);
    expect(ofType(r.written, "succeeded")).toEqual(["a", "b", "c", "out"]);
    expect(r.written.at(-1)).toEqual({ type: "run.succeeded", data: { last: "c" } });
  });

  it("a run requested as having no concurrency limit takes no slot step", async () => {
    const spec: TGraphSpec = { name: "Unlimited", nodes: [agent("a"), { id: "out", type: "output", needs: ["a"], value: "done" }] };
    const r = await run(spec, { concurrency: false });
    expect(await r.call()).toEqual({ status: "succeeded", output: "done" });
    expect(r.steps.executed).toEqual(["start", "forecast", "node:a", "node:out", "finish"]);
  });

  it("runs parallel branches at the same time and joins them once both finished", async () => {
    const spec: TGraphSpec = { name: "Parallel", nodes: [agent("root"), agent("slow", ["root"]), agent("fast", ["root"]), agent("join", ["slow", "fast"])] };
    const r = await run(spec, { behaviour: { slow: { delayMs: 40 } } });
    const result = await r.call();
    expect(result.status).toBe("succeeded");
    // both branches were in flight together; the fast one did not wait for the slow one
    expect(r.agents.maxInFlight()).toBe(2);
    expect(r.agents.finished.slice(0, 3)).toEqual(["root", "fast", "slow"]);
    expect(r.agents.started.at(-1)).toBe("join");
    expect(result.output).toEqual({ from: "join", upstream: { slow: { from: "slow", upstream: { root: { from: "root", upstream: {} } } }, fast: { from: "fast", upstream: { root: { from: "root", upstream: {} } } } } });
  });

  it("skips the branch a router does not take, and what only that branch leads to", async () => {
    const spec: TGraphSpec = {
      name: "Routed",
      nodes: [
        agent("review"),
        { id: "route", type: "router", needs: ["review"], routes: [{ when: "input.amount > 100", to: "escalate" }], default: "approve" },
        agent("escalate", ["route"]),
        agent("notifyBoss", ["escalate"]),
        agent("approve", ["route"]),
        { id: "out", type: "output", needs: ["approve"], value: "{{nodes.approve.output.from}}" },
      ],
    };
    const r = await run(spec, { input: { amount: 20 } });
    const result = await r.call();
    expect(result).toEqual({ status: "succeeded", output: "approve" });
    expect(r.agents.started).toEqual(["review", "approve"]);
    expect(ofType(r.written, "skipped")).toEqual(["escalate", "notifyBoss"]);
    expect(r.steps.executed).toContain("skip:route");

    const big = await run(spec, { input: { amount: 500 } });
    await big.call();
    expect(big.agents.started).toEqual(["review", "escalate", "notifyBoss"]);
    expect(ofType(big.written, "skipped")).toEqual(["approve", "out"]);
  });

  it("a failed node fails the run naming it, and nothing after it starts", async () => {
    const spec: TGraphSpec = { name: "Fails", nodes: [agent("a"), agent("b", ["a"]), agent("c", ["b"])] };
    const r = await run(spec, { behaviour: { b: { fail: "always" } } });
    await expect(r.call()).rejects.toThrow(NonRetriableError);
    await expect(r.call()).rejects.toThrow("Node b failed: b broke");
    expect(r.agents.started).toEqual(["a", "b"]);
    expect(ofType(r.written, "failed")).toEqual(["b"]);
    expect(r.written.filter((w) => w.type === "run.failed")).toHaveLength(1);
  });

  it("a failed node with onError: continue lets its dependents run and the run succeed", async () => {
    const spec: TGraphSpec = { name: "Continues", nodes: [agent("a"), agent("b", ["a"], { onError: "continue" }), agent("c", ["b"])] };
    const r = await run(spec, { behaviour: { b: { fail: "always" } } });
    const result = await r.call();
    expect(result.status).toBe("succeeded");
    expect(r.agents.started).toEqual(["a", "b", "c"]);
    expect(result.output).toEqual({ from: "c", upstream: { b: null } });
  });

  it("a retryable failure asks the engine to call again, and the replay does not re-run memoised steps", async () => {
    const spec: TGraphSpec = { name: "Retries", nodes: [agent("a"), agent("b", ["a"], { retries: { attempts: 3 } }), agent("c", ["b"])] };
    const r = await run(spec, { behaviour: { b: { fail: "once", retryable: true } } });
    await expect(r.call(0)).rejects.toBeInstanceOf(RetryAfterError);
    expect(ofType(r.written, "retrying")).toEqual(["b"]);
    const result = await r.call(1);
    expect(result.status).toBe("succeeded");
    // a ran once; b twice (its failed attempt recorded nothing); the run began once
    expect(r.agents.started).toEqual(["a", "b", "b", "c"]);
    expect(r.written.filter((w) => w.type === "begin")).toHaveLength(1);
    expect(r.written.filter((w) => w.type === "running" && w.nodeId === "b").map((w) => w.data)).toEqual([1, 2]);
    // the failed step is run again (nothing was recorded for it); every other step ran once
    expect(r.steps.executed).toEqual(["slot", "start", "forecast", "node:a", "node:b", "node:b", "node:c", "finish"]);

    // a replay of the finished run runs nothing at all
    const executed = r.steps.executed.length;
    expect(await r.call(2)).toEqual(result);
    expect(r.steps.executed).toHaveLength(executed);
    expect(r.agents.started).toHaveLength(4);
  });

  describe("a wide fan-out", () => {
    const wideSpec = (width: number): TGraphSpec => ({
      name: "Wide",
      nodes: [agent("root"), ...Array.from({ length: width }, (_, i) => agent(`w${i}`, ["root"])), { id: "out", type: "output", needs: Array.from({ length: width }, (_, i) => `w${i}`), value: `{{nodes.w${width - 1}.output.from}}` }],
    });
    const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `w${from + i}`).join(",");

    it("runs in batch steps of 25, every node once, at most 8 at a time, and a replay runs nothing", async () => {
      const r = await run(wideSpec(40), { behaviour: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`w${i}`, { delayMs: 2 }])) });
      const result = await r.call();
      expect(result).toEqual({ status: "succeeded", output: "w39" });
      expect(r.steps.executed).toEqual(["slot", "start", "forecast", "node:root", `batch:${ids(0, 25)}`, `batch:${ids(25, 40)}`, "node:out", "finish"]);
      expect(r.agents.started).toHaveLength(41);
      expect(new Set(r.agents.started).size).toBe(41);
      expect(r.agents.maxInFlight()).toBe(8);
      expect(ofType(r.written, "succeeded")).toHaveLength(42);

      const executed = r.steps.executed.length;
      expect(await r.call(1)).toEqual(result);
      expect(r.steps.executed).toHaveLength(executed);
    });

    it("keeps one step per node for a run begun before batches (its recorded steps replay)", async () => {
      const r = await run(wideSpec(20), { batchWide: false });
      await r.call();
      expect(r.steps.executed.filter((id) => id.startsWith("batch:"))).toEqual([]);
      expect(r.steps.executed.filter((id) => id.startsWith("node:w"))).toHaveLength(20);
    });

    it("a narrow fan-out (fewer than 16 siblings) keeps one step per node, so a slow branch holds up nobody", async () => {
      const r = await run(wideSpec(15));
      await r.call();
      expect(r.steps.executed.filter((id) => id.startsWith("batch:"))).toEqual([]);
    });

    it("a batch cut short by a crash is run again without running the nodes it had finished", async () => {
      const r = await run(wideSpec(40));
      r.steps.crashAfter = "batch:";
      await expect(r.call()).rejects.toThrow("process killed");
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(r.steps.memo.has(`batch:${ids(0, 25)}`)).toBe(false);
      const result = await r.call(1);
      expect(result.status).toBe("succeeded");
      // the batch step ran again, but its 25 finished nodes were not run again
      expect(r.steps.executed.filter((id) => id === `batch:${ids(0, 25)}`)).toHaveLength(2);
      expect(r.agents.started).toHaveLength(41);
      expect(new Set(r.agents.started).size).toBe(41);
    });

    it("a node that fails retryably in a batch goes on as a node of its own after its backoff", async () => {
      const r = await run({ ...wideSpec(40), retries: { attempts: 2, backoff: { initialMs: 10, factor: 1, maxMs: 10 } } }, { behaviour: { w7: { fail: "once", retryable: true } } });
      const result = await r.call();
      expect(result.status).toBe("succeeded");
      expect(r.steps.executed).toContain("backoff:w7");
      expect(r.steps.executed).toContain("node:w7");
      expect(r.written.filter((w) => w.type === "running" && w.nodeId === "w7").map((w) => w.data)).toEqual([1, 2]);
      expect(ofType(r.written, "failed")).toEqual([]);
    });
  });

  it("a transient database failure is tried again in place and never fails the node", async () => {
    const spec: TGraphSpec = { name: "Busy database", nodes: [agent("a"), agent("b", ["a"])] };
    const r = await run(spec, { behaviour: { b: { transient: 2 } } });
    const result = await r.call();
    expect(result.status).toBe("succeeded");
    expect(r.agents.started).toEqual(["a", "b", "b", "b"]);
    expect(ofType(r.written, "failed")).toEqual([]);
    expect(ofType(r.written, "retrying")).toEqual([]);
  });
});
