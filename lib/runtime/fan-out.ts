import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { DELEGATION_STATUSES } from "../graphs/spec/schema";
import { newId } from "../ids";
import type { JsonValue } from "./run-state";
import type { NodeContext } from "./nodes/context";
import { Semaphore, withProcessSlot } from "./nodes/concurrency";
import { errorInfo, type ErrorInfo } from "./nodes/errors";
import { isTransientError, retryTransient } from "./nodes/transient";
import { exportDelegationSpan } from "../telemetry";

/**
 * The durable fan-out: many tasks of one node (a map's items, a supervisor's parallel
 * delegations), each run once, at most `concurrency` at a time, their results returned in
 * task order. Every task has a `Delegation` row (unique run, node, seq), written when it
 * starts (`running`) and when it ends (its status and value), so a step run again after a
 * crash finds the tasks that already ended and neither runs nor pays for them again.
 *
 * Step ids (deterministic: they depend only on the prefix and the tasks' seqs):
 * - `<prefix>:<seq>` — one work task in its own step (fewer than {@link FAN_OUT_BATCH_FROM} work tasks);
 * - `<prefix>:batch:<seq>,<seq>,…` — up to {@link FAN_OUT_BATCH_SIZE} work tasks in one step
 *   ({@link FAN_OUT_BATCH_FROM} or more work tasks: one step per task would cost O(n²) replays);
 * - `<prefix>:<seq>:start`, `<prefix>:<seq>` (invoke), `<prefix>:<seq>:done` — a child run.
 *
 * Work runs inside its step under the run's and the process's node slots
 * (nodes/concurrency.ts). Child runs hold no slot; at most `concurrency` are in flight.
 */

/** How many work tasks make the fan-out run them in batch steps. */
export const FAN_OUT_BATCH_FROM = 16;
/** Work tasks per batch step. */
export const FAN_OUT_BATCH_SIZE = 25;

/** The `Delegation` row a task writes as it starts. */
export interface DelegationStart {
  /** the sub-agent's name (a map item: the map node's id) */
  agent: string;
  kind: "inline" | "graph" | "a2a" | "http";
  /** the delegation request envelope */
  request: JsonValue;
  /** the supervisor's planning turn */
  turn?: number;
  /** the agent this one stands in for */
  fallbackFor?: string;
}

/** A child run of a task: started in one step, invoked, and read back in another. */
export interface InvokeTask {
  /**
   * inside step `<prefix>:<seq>:start`: create the child run; `data` is what the run function is
   * invoked with. `{ value }` instead ends the task there, with no child run (e.g. a breaker refused it).
   */
  start(ctx: WorkspaceContext): Promise<{ childRunId: string; data: unknown } | { value: JsonValue }>;
  /** the function to invoke (default: the run function itself, `NodeContext.self`) */
  function?: unknown;
  /** how long the child may take (default 30d) */
  timeout?: number | string;
  /**
   * inside step `<prefix>:<seq>:done`: the task's value, from the child run; throw to fail
   * the task. `invoked` is what the invoke returned, or its error.
   */
  finish(ctx: WorkspaceContext, childRunId: string, invoked: { result?: unknown; error?: ErrorInfo }): Promise<JsonValue>;
}

/** One task: `work` runs inside a durable step, `invoke` is a child run. */
export type FanOutTask = {
  /** position within the node (a map's item index, a supervisor's delegation number); unique */
  seq: number;
  delegation: DelegationStart;
} & ({ work: (ctx: WorkspaceContext) => Promise<JsonValue>; invoke?: never } | { invoke: InvokeTask; work?: never });

/** How a task ended. A failure is returned, never thrown: the caller decides. */
export type TaskResult =
  | { seq: number; status: "ok"; value: JsonValue }
  | { seq: number; status: "failed"; error: ErrorInfo }
  /** the run was cancelled before the task ran */
  | { seq: number; status: "cancelled" };

export interface FanOut {
  /** step ids begin with it, e.g. `map:<node id>`; unique within the run */
  prefix: string;
  /** the node the tasks belong to (the Delegation rows' nodeId) */
  nodeId: string;
  tasks: FanOutTask[];
  /** at most this many tasks at once (≥ 1) */
  concurrency: number;
  /** where the Delegation rows live (default: the database) */
  store?: DelegationStore;
  /** how many work tasks make batch steps (default {@link FAN_OUT_BATCH_FROM}; `Infinity`: one step per task) */
  batchFrom?: number;
  /** a child run's step ids (default `<prefix>:<seq>:start`, `<prefix>:<seq>`, `<prefix>:<seq>:done`) */
  childStepIds?: (seq: number) => { start: string; invoke: string; done: string };
  /**
   * A task's recorded step result in an older shape (a run begun before its node dispatched
   * through the fan-out, with the same step ids), read as its result.
   */
  legacyMemo?: (seq: number, memo: unknown) => TaskResult;
}

/** The Delegation rows of a fan-out: written as each task starts and ends, read when a step runs again. */
export interface DelegationStore {
  /** the tasks among `seqs` that already ended (a row whose status is not `running`) */
  readEnded(ctx: WorkspaceContext, runId: string, nodeId: string, seqs: number[]): Promise<Map<number, TaskResult>>;
  begin(ctx: WorkspaceContext, runId: string, nodeId: string, seq: number, row: DelegationStart & { childRunId?: string }): Promise<void>;
  end(ctx: WorkspaceContext, runId: string, nodeId: string, seq: number, result: TaskResult): Promise<void>;
}

/**
 * Runs the tasks, each once, and returns their results in task order. Replay-safe: call
 * it with the same prefix and tasks on every replay of the run.
 */
export async function fanOut(n: NodeContext, f: FanOut): Promise<TaskResult[]> {
  const concurrency = Math.max(1, Math.floor(f.concurrency));
  const store = f.store ?? dbDelegationStore;
  const seen = new Set<number>();
  for (const t of f.tasks) {
    if (seen.has(t.seq)) throw new Error(`fan-out ${f.prefix}: seq ${t.seq} appears twice`);
    seen.add(t.seq);
  }
  const results = new Map<number, TaskResult>();
  const work = f.tasks.filter((t) => t.work);
  const invokes = f.tasks.filter((t) => t.invoke);
  const ctl = { n, f, store, concurrency };

  const jobs: Promise<void>[] = [];
  // work tasks: one step each, or batch steps for many (only when no task is a child run, so
  // that one bound covers every task in flight)
  const batched = !invokes.length && work.length >= (f.batchFrom ?? FAN_OUT_BATCH_FROM);
  const groups: FanOutTask[][] = [];
  if (batched) for (let i = 0; i < work.length; i += FAN_OUT_BATCH_SIZE) groups.push(work.slice(i, i + FAN_OUT_BATCH_SIZE));
  else for (const t of work) groups.push([t]);
  // steps in flight: enough for `concurrency` tasks, never more (a step with nothing to do
  // yet would only wait in the process); unbatched work and child runs share one bound
  const perGroup = groups[0]?.length ?? 1;
  const slots = new Semaphore(batched ? Math.max(1, Math.ceil(concurrency / perGroup)) : concurrency);
  for (const group of groups) {
    const id = batched ? `${f.prefix}:batch:${group.map((t) => t.seq).join(",")}` : `${f.prefix}:${group[0].seq}`;
    jobs.push(
      slots
        .run(() => runGroup(ctl, id, group))
        .then((rs) => {
          const read = Array.isArray(rs) ? rs : [asTaskResult(f, group[0]!.seq, rs)];
          for (const r of read) results.set(r.seq, r);
        }),
    );
  }
  // child runs: one invoke per task
  for (const t of invokes) jobs.push(slots.run(() => runChild(ctl, t)).then((r) => void results.set(r.seq, r)));
  await Promise.all(jobs);
  return f.tasks.map((t) => results.get(t.seq)!);
}

type Ctl = { n: NodeContext; f: FanOut; store: DelegationStore; concurrency: number };

/** Tasks of one fan-out in flight in this process, across its steps (a batch step runs in its own engine call). */
const inProcess = new Map<string, Semaphore>();

async function withFanOutSlot<T>(key: string, limit: number, fn: () => Promise<T>): Promise<T> {
  let s = inProcess.get(key);
  if (!s) inProcess.set(key, (s = new Semaphore(limit)));
  try {
    return await s.run(fn);
  } finally {
    if (s.idle && inProcess.get(key) === s) inProcess.delete(key);
  }
}

/** Work tasks in one step: those that already ended (their rows) are kept, the others run. */
function runGroup(c: Ctl, id: string, group: FanOutTask[]): Promise<TaskResult[]> {
  const { n, f, store } = c;
  const { step, runId, workspaceId, life } = n;
  return step.run(id, async () => {
    const ctx = await retryTransient(() => life.context(workspaceId));
    if (await retryTransient(() => life.isRunCancelled(ctx, runId))) return group.map((t): TaskResult => ({ seq: t.seq, status: "cancelled" }));
    const ended = await retryTransient(() => store.readEnded(ctx, runId, f.nodeId, group.map((t) => t.seq)));
    const key = `${runId}\u0000${f.prefix}`;
    let transient: unknown = null;
    const out = await Promise.all(
      group.map(async (t): Promise<TaskResult | null> => {
        const done = ended.get(t.seq);
        if (done) return done;
        // the fan-out's own slots (its `concurrency`), not the run's: a map asked for 20 at once
        // does 20, not SWITCHYARD_RUN_CONCURRENCY; the process's bound still holds
        return withFanOutSlot(key, c.concurrency, () =>
          withProcessSlot(async () => {
            try {
              await retryTransient(() => store.begin(ctx, runId, f.nodeId, t.seq, t.delegation));
              let result: TaskResult;
              try {
                result = { seq: t.seq, status: "ok", value: toJson(await retryTransient(() => t.work!(ctx))) };
              } catch (err) {
                if (isTransientError(err)) throw err;
                result = { seq: t.seq, status: "failed", error: errorInfo(err) };
              }
              await retryTransient(() => store.end(ctx, runId, f.nodeId, t.seq, result));
              return result;
            } catch (err) {
              // the database is overloaded, not the task at fault: the step is tried again
              // once every task of it settled (those that ended are kept by their rows)
              transient ??= err;
              return null;
            }
          }),
        );
      }),
    );
    if (transient) throw transient;
    return out as TaskResult[];
  });
}

/** A child run: start (or find ended), invoke, read back. */
async function runChild(c: Ctl, t: FanOutTask): Promise<TaskResult> {
  const { n, f, store } = c;
  const { step, runId, workspaceId, life } = n;
  const inv = t.invoke!;
  const ids = f.childStepIds?.(t.seq) ?? { start: `${f.prefix}:${t.seq}:start`, invoke: `${f.prefix}:${t.seq}`, done: `${f.prefix}:${t.seq}:done` };
  let started = await step.run(ids.start, async () => {
    const ctx = await retryTransient(() => life.context(workspaceId));
    if (await retryTransient(() => life.isRunCancelled(ctx, runId))) return { cancelled: true as const };
    const ended = await retryTransient(() => store.readEnded(ctx, runId, f.nodeId, [t.seq]));
    const done = ended.get(t.seq);
    if (done) return { ended: done };
    const child = await inv.start(ctx);
    if ("value" in child) {
      // ended at its start, with no child run
      const ended: TaskResult = { seq: t.seq, status: "ok", value: toJson(child.value) };
      await retryTransient(() => store.begin(ctx, runId, f.nodeId, t.seq, t.delegation));
      await retryTransient(() => store.end(ctx, runId, f.nodeId, t.seq, ended));
      return { ended };
    }
    await retryTransient(() => store.begin(ctx, runId, f.nodeId, t.seq, { ...t.delegation, childRunId: child.childRunId }));
    return { childRunId: child.childRunId, data: (child.data ?? null) as JsonValue };
  });
  if ("cancelled" in started) return { seq: t.seq, status: "cancelled" };
  if ("ended" in started && started.ended) return asTaskResult(f, t.seq, started.ended);
  if (!("data" in started)) {
    // recorded by an older dispatch that did not keep the invoke's data: the run function's own
    const childRunId = (started as { childRunId: string }).childRunId;
    started = { childRunId, data: { runId: childRunId, workspaceId } };
  }
  let invoked: { result?: unknown; error?: ErrorInfo };
  try {
    invoked = { result: await step.invoke(ids.invoke, { function: inv.function ?? n.self, data: started.data, timeout: inv.timeout ?? "30d" }) };
  } catch (err) {
    invoked = { error: errorInfo(err) };
  }
  const done = await step.run(ids.done, async (): Promise<TaskResult> => {
    const ctx = await retryTransient(() => life.context(workspaceId));
    let result: TaskResult;
    try {
      result = { seq: t.seq, status: "ok", value: toJson(await inv.finish(ctx, started.childRunId, invoked)) };
    } catch (err) {
      result = { seq: t.seq, status: "failed", error: errorInfo(err) };
    }
    await retryTransient(() => store.end(ctx, runId, f.nodeId, t.seq, result));
    return result;
  });
  return asTaskResult(f, t.seq, done);
}

/** A recorded step result as a task's result: the fan-out's own shape, or an older one read by `legacyMemo`. */
function asTaskResult(f: FanOut, seq: number, memo: unknown): TaskResult {
  const m = memo as Partial<Record<string, unknown>> | null;
  const own = !!m && typeof m === "object" && m.seq === seq && ((m.status === "ok" && "value" in m) || (m.status === "failed" && "error" in m) || m.status === "cancelled");
  if (own || !f.legacyMemo) return memo as TaskResult;
  return f.legacyMemo(seq, memo);
}

function toJson(v: unknown): JsonValue {
  return (v === undefined ? null : v) as JsonValue;
}

/** The row's status for a value: a delegation result's own status, else `done`. */
function statusOf(value: JsonValue): { status: string; confidence: number | null; costUsd: number | null } {
  if (value && typeof value === "object" && !Array.isArray(value) && typeof value.status === "string" && (DELEGATION_STATUSES as readonly string[]).includes(value.status)) {
    return { status: value.status, confidence: typeof value.confidence === "number" ? value.confidence : null, costUsd: typeof value.costUsd === "number" ? value.costUsd : null };
  }
  return { status: "done", confidence: null, costUsd: null };
}

/**
 * The Delegation rows in PostgreSQL. A task's `result` column holds its value (a delegation
 * result envelope for a supervisor's delegations and a map's items), or, for a task that
 * failed, `{ status: "failed", confidence: 0, rationale, error }` with the row's status `failed`
 * and `error` telling it apart from a sub-agent that answered `failed`.
 */
export const dbDelegationStore: DelegationStore = {
  async readEnded(ctx, runId, nodeId, seqs) {
    const rows = await ctx.db.delegation.findMany({ where: { runId, nodeId, seq: { in: seqs }, NOT: { status: "running" } }, select: { seq: true, result: true } });
    return new Map(rows.map((r) => [r.seq, rowResult(r.seq, r.result as JsonValue)]));
  },
  async begin(ctx, runId, nodeId, seq, row) {
    const data = {
      agent: row.agent,
      kind: row.kind,
      status: "running",
      request: row.request ?? {},
      turn: row.turn ?? null,
      fallbackFor: row.fallbackFor ?? null,
      childRunId: row.childRunId ?? null,
      startedAt: new Date(),
      endedAt: null,
    };
    await ctx.db.delegation.upsert({
      where: { runId_nodeId_seq: { runId, nodeId, seq } },
      create: { id: newId("delegation"), workspaceId: ctx.workspace.id, runId, nodeId, seq, ...data, request: data.request as never },
      update: { ...data, request: data.request as never },
    });
  },
  async end(ctx, runId, nodeId, seq, result) {
    if (result.status === "cancelled") return;
    const stored: JsonValue = result.status === "ok" ? result.value : { status: "failed", confidence: 0, rationale: result.error.message, error: result.error as unknown as JsonValue };
    const s = statusOf(stored);
    const { count } = await ctx.db.delegation.updateMany({
      where: { runId, nodeId, seq },
      data: { status: s.status, result: stored as never, confidence: s.confidence, ...(s.costUsd != null ? { costUsd: s.costUsd } : {}), endedAt: new Date() },
    });
    if (count) exportDelegationSpan(ctx, { runId, nodeId, seq });
  },
};

/** A stored row back to the task's result (the inverse of `dbDelegationStore.end`). */
export function rowResult(seq: number, stored: JsonValue): TaskResult {
  if (stored && typeof stored === "object" && !Array.isArray(stored) && stored.status === "failed" && stored.error && typeof stored.error === "object") {
    return { seq, status: "failed", error: stored.error as unknown as ErrorInfo };
  }
  return { seq, status: "ok", value: stored };
}
