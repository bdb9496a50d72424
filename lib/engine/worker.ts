/**
 * The worker loop of one engine process: claims queue items, calls apps, and settles
 * each outcome in one fenced transaction (`where id = $1 and lease_token = $2`), so a
 * worker whose lease expired can never record results over a newer attempt.
 *
 * Wake-ups come from this process (new work it created), LISTEN/NOTIFY (other
 * processes), a timer for the next future item, and a slow poll (`pollMs`) that also
 * runs maintenance: the lease reaper, cron ticks and run timeouts.
 */
import { Events, ItemKind, Op, RunStatus, TIMEOUT_ERROR_NAME } from "./consts";
import type { EngineContext } from "./context";
import { isConnectionError, tx, type Tx } from "./db";
import { backoffMs, parseDuration, sleepUntil } from "./durations";
import { matches } from "./expressions";
import { callApp, type CallOutcome, type OpEntry } from "./call";
import { callUrl } from "./functions";
import { ingestEvents, flushBatch, lockEventName, type IncomingEvent } from "./ingest";
import { nextCronTime } from "./cron";
import { claimItems, heartbeat, msUntilNextDue, reapExpired, releaseItems, type LoadedRun, type QueueItem } from "./queue";
import { enqueueDiscovery, finishRun, notifyQueue, resumeStep, type ClaimCollector, type ErrorValue, type EventPayload } from "./runs";
import { token } from "./ids";

interface RunRow {
  id: string;
  function_id: string;
  events: EventPayload[];
  status: string;
  max_attempts: number;
  die: boolean;
  parent_run_id: string | null;
  start_expired: boolean;
}

/**
 * Settles a call whose run completed, in one statement: the run row locked first (the lock
 * order of every settle), the item fenced by its lease token, the run marked completed and
 * its pending work, waits, cancel rules and debounce slot dropped, as finishRun does. Only
 * for runs no parent invoked (finishRun then answers the parent). `owned` = 0 means the lease
 * was lost; `finished` = 0 with `owned` = 1 means the run had already ended (its item goes).
 */
const COMPLETE_SQL = `
  with run0 as (select id from engine.runs where id = $3 for update),
  own as (select q.id from engine.queue q where q.id = $1 and q.lease_token = $2 and exists (select 1 from run0) for update),
  fin as (
    update engine.runs r set status = '${RunStatus.completed}', output = $4, error = null, ended_at = now()
    where r.id = $3 and r.status in ('${RunStatus.queued}', '${RunStatus.running}') and exists (select 1 from own)
    returning r.id),
  q as (delete from engine.queue where exists (select 1 from own) and (id = $1 or (run_id = $3 and exists (select 1 from fin)))),
  w as (delete from engine.waits where run_id = $3 and exists (select 1 from fin)),
  x as (delete from engine.cancels where run_id = $3 and exists (select 1 from fin)),
  d as (delete from engine.debounces where run_id = $3 and exists (select 1 from fin))
  select (select count(*) from own)::int as owned, (select count(*) from fin)::int as finished`;

const ACTIVE = new Set<string>([RunStatus.queued, RunStatus.running]);

export class Worker {
  private inFlight = new Map<string, QueueItem>();
  private ticking = false;
  private again = false;
  private stopping = false;
  private pollTimer?: NodeJS.Timeout;
  private dueTimer?: NodeJS.Timeout;
  private beatTimer?: NodeJS.Timeout;
  private lastMaintenance = 0;
  private lastPrune = 0;
  private idle: (() => void)[] = [];

  constructor(private readonly ctx: EngineContext) {}

  /** Emits events from inside a transaction (onFailure, cron). */
  readonly emit = (c: Tx, events: Partial<EventPayload>[]) => ingestEvents(c, this.ctx, events as IncomingEvent[]);

  /** Number of calls in flight in this process. */
  get busy(): number {
    return this.inFlight.size;
  }

  async start(): Promise<void> {
    const released = await releaseItems(this.ctx.db, this.ctx.workerId);
    if (released) this.ctx.log("info", "released leases of a previous run of this worker", { worker_id: this.ctx.workerId, items: released });
    const { pollMs, leaseMs } = this.ctx.options;
    this.pollTimer = setInterval(() => this.wake(), pollMs);
    this.beatTimer = setInterval(() => {
      heartbeat(this.ctx.leaseDb, this.ctx.workerId, [...this.inFlight.keys()], leaseMs).catch((err) =>
        this.ctx.log("warn", "lease heartbeat failed", { error: (err as Error).message }),
      );
    }, Math.max(50, Math.floor(leaseMs / 3)));
    this.wake();
  }

  /** Stops claiming, waits up to `graceMs` for calls in flight, then releases what is left. */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    clearInterval(this.pollTimer);
    clearTimeout(this.dueTimer);
    if (this.inFlight.size) {
      await Promise.race([new Promise<void>((r) => this.idle.push(r)), new Promise((r) => setTimeout(r, graceMs))]);
    }
    clearInterval(this.beatTimer);
    if (this.inFlight.size) {
      const n = await releaseItems(this.ctx.db, this.ctx.workerId, [...this.inFlight.keys()]).catch(() => 0);
      this.ctx.log("warn", "released leases of calls still in flight at shutdown", { items: n });
    }
  }

  private reserved = 0;
  /** items whose processing failed and that could not be given back yet (database away) */
  private orphans: QueueItem[] = [];

  /** Gives a failed item back (due in 1 s) if this claim still owns it; false when the database is away. */
  private async releaseOrphan(item: QueueItem): Promise<boolean> {
    try {
      await this.ctx.db.query(
        `update engine.queue set locked_by = null, lease_token = null, locked_until = null,
           run_at = now() + interval '1 second', sort_at = now() + interval '1 second'
         where id = $1 and lease_token = $2`,
        [item.id, item.lease_token],
      );
      return true;
    } catch {
      return false;
    }
  }

  /**
   * A collector for the event API's fast path: slots reserved while the ingest transaction
   * runs; `finish(true)` after commit dispatches the items, `finish(false)` frees the slots.
   */
  collector(): ClaimCollector & { finish: (committed: boolean) => void } {
    let taken = 0;
    const claimed: QueueItem[] = [];
    return {
      workerId: this.ctx.workerId,
      leaseMs: this.ctx.options.leaseMs,
      claimed,
      take: () => {
        if (this.stopping || this.inFlight.size + this.reserved >= this.ctx.options.concurrency) return null;
        this.reserved++;
        taken++;
        return token(12);
      },
      finish: (committed) => {
        this.reserved -= taken;
        taken = 0;
        if (committed) for (const item of claimed) this.run(item);
      },
    };
  }

  /** Processes a claimed item and keeps the books. */
  private run(item: QueueItem): void {
    this.inFlight.set(item.id, item);
    void this.process(item).finally(() => {
      this.inFlight.delete(item.id);
      if (!this.inFlight.size) this.idle.splice(0).forEach((r) => r());
      // The freed slot is worth a claim pass only if ready work may be waiting for one.
      if (this.maybeReady) this.schedule();
    });
  }

  /**
   * False once a claim pass found less ready work than it had slots for, and nothing woke
   * the worker since: a freed slot then needs no claim round trip. Every wake-up (this
   * process's own new work, a notification, the due timer, the poll) sets it again.
   */
  private maybeReady = true;
  private wakeSeq = 0;

  /** Asks for a claim pass soon (coalesced): there may be new work. */
  wake(): void {
    this.maybeReady = true;
    this.wakeSeq++;
    this.schedule();
  }

  private schedule(): void {
    if (this.stopping) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    void this.tick();
  }

  private async tick(): Promise<void> {
    this.ticking = true;
    try {
      do {
        this.again = false;
        const maintenanceDue = Date.now() - this.lastMaintenance >= this.ctx.options.pollMs;
        if (maintenanceDue) {
          this.lastMaintenance = Date.now();
          await this.maintenance();
        }
        while (!this.stopping && this.inFlight.size + this.reserved < this.ctx.options.concurrency) {
          const seq = this.wakeSeq;
          const want = this.ctx.options.concurrency - this.inFlight.size - this.reserved;
          const items = await claimItems(this.ctx.leaseDb, this.ctx.workerId, want,
            this.ctx.options.leaseMs,
            // items with concurrency keys exist only for functions with limits; every slow poll checks anyway
            this.ctx.registry.hasConcurrency || maintenanceDue,
          );
          // Nothing else is ready, unless a wake-up came in meanwhile. Items held back by a
          // concurrency limit may fit as soon as any call ends, so those keep every slot looking.
          if (items.length < want && seq === this.wakeSeq && !this.ctx.registry.hasConcurrency) this.maybeReady = false;
          if (!items.length) break;
          for (const item of items) this.run(item);
        }
      } while (this.again && !this.stopping);
      if (!this.stopping) {
        const ms = await msUntilNextDue(this.ctx.db);
        clearTimeout(this.dueTimer);
        if (ms !== null && ms < this.ctx.options.pollMs) this.dueTimer = setTimeout(() => this.wake(), Math.max(1, ms));
      }
    } catch (err) {
      this.ctx.log(isConnectionError(err) ? "warn" : "error", "worker pass failed; retrying on the next poll", { error: (err as Error).message });
    } finally {
      this.ticking = false;
    }
  }

  private async process(item: QueueItem): Promise<void> {
    try {
      if (item.kind === ItemKind.timer) await this.processTimer(item);
      else if (item.kind === ItemKind.batch) await this.processBatch(item);
      else await this.processCall(item);
    } catch (err) {
      // The lease is left to expire (or released when possible) so the item runs again.
      this.ctx.log(isConnectionError(err) ? "warn" : "error", "queue item failed; it will be retried", {
        item_id: item.id,
        run_id: item.run_id,
        error: (err as Error).message,
      });
      if (await this.releaseOrphan(item)) this.wake(); // due in 1 s: let the next pass set the timer
      else this.orphans.push(item);
    }
  }

  /** Locks the claimed item if this claim still owns it (fencing). */
  /** Locks the item if this claim still owns it; `rediscover` says a step result arrived for its run meanwhile. */
  private async own(c: Tx, item: QueueItem): Promise<{ rediscover: boolean } | null> {
    const r = await c.query<{ rediscover: boolean }>({
      name: "engine_own_item",
      text: "select rediscover from engine.queue where id = $1 and lease_token = $2 for update",
      values: [item.id, item.lease_token],
    });
    if (!r.rowCount) this.ctx.log("warn", "lease lost before settling; result discarded", { item_id: item.id, run_id: item.run_id });
    return r.rows[0] ?? null;
  }

  private async processTimer(item: QueueItem): Promise<void> {
    await tx(this.ctx.db, async (c) => {
      if (!(await this.own(c, item))) return;
      await c.query("delete from engine.queue where id = $1", [item.id]);
      await resumeStep(c, item.run_id!, item.step_id!, item.memo);
    }, { onQueued: this.ctx.wake });
  }

  private async processBatch(item: QueueItem): Promise<void> {
    await tx(this.ctx.db, async (c) => {
      if (!(await this.own(c, item))) return;
      await c.query("delete from engine.queue where id = $1", [item.id]);
      const fn = await this.ctx.registry.get(item.payload!.function_id);
      if (fn) await flushBatch(c, this.ctx, fn, item.payload!.key);
    }, { onQueued: this.ctx.wake });
  }

  private async fail(runId: string, error: ErrorValue, status: typeof RunStatus.failed | typeof RunStatus.cancelled = RunStatus.failed): Promise<void> {
    await tx(this.ctx.db, (c) => finishRun(c, this.ctx, runId, status, { error }, this.emit), { onQueued: this.ctx.wake });
  }

  private async processCall(item: QueueItem): Promise<void> {
    const { db } = this.ctx;
    const run = item.run ?? (await this.loadRun(item));
    if (!run || !ACTIVE.has(run.status)) {
      await db.query("delete from engine.queue where id = $1 and lease_token = $2", [item.id, item.lease_token]);
      return;
    }
    await this.call(item, run);
  }

  /** Marks the run running (if it may still start) and loads it with its memo, in one round trip. */
  private async loadRun(item: QueueItem): Promise<LoadedRun | undefined> {
    const r = await this.ctx.leaseDb.query<LoadedRun>({
      name: "engine_load_run",
      text: `with started as (
         update engine.runs set status = 'running', started_at = now(),
           finish_deadline = case when finish_timeout is null then null else now() + finish_timeout end
         where id = $1 and status = 'queued' and (start_deadline is null or start_deadline >= now())
         returning id)
       select r.id, r.function_id, r.events, r.status, r.max_attempts, r.die, r.parent_run_id,
         (r.status = 'queued' and not exists (select 1 from started)) as start_expired,
         coalesce((select json_agg(json_build_object('id', s.id, 'memo', s.memo) order by s.seq)
                   from engine.steps s where s.run_id = r.id), '[]') as steps
       from engine.runs r where r.id = $1`,
      values: [item.run_id],
    });
    return r.rows[0];
  }

  private async call(item: QueueItem, run: LoadedRun): Promise<void> {
    const { db } = this.ctx;
    if (run.start_expired) {
      await this.fail(run.id, { name: TIMEOUT_ERROR_NAME, message: "The run did not start within timeouts.start" }, RunStatus.cancelled);
      return;
    }
    const fn = await this.ctx.registry.get(run.function_id);
    if (!fn) {
      await this.fail(run.id, {
        name: "FunctionNotFound",
        message: `Function ${run.function_id} is not served by any synced app (it was removed or never synced). Sync the app that defines it.`,
      });
      return;
    }
    const steps = { rows: run.steps };
    const t0 = Date.now();
    const outcome = await callApp({
      url: callUrl(fn.url, item.step_id),
      events: run.events,
      steps: steps.rows,
      runId: run.id,
      attempt: item.attempt,
      maxAttempts: run.max_attempts,
      fnUuid: fn.uuid,
      qiId: `${item.id}.${item.lease_token}`,
      die: run.die,
      signingKey: this.ctx.signingKey,
      timeoutMs: this.ctx.options.callTimeoutMs,
      requestId: `${run.id}.${item.id}`,
    });
    this.ctx.log("debug", "call finished", {
      run_id: run.id,
      item_id: item.id,
      step_id: item.step_id,
      memo: steps.rows.map((r) => r.id.slice(0, 8)).join(","),
      outcome: outcome.kind,
      ops: outcome.kind === "ops" ? outcome.ops.map((o) => `${o.op}:${o.id.slice(0, 8)}`).join(",") : undefined,
      ms: Date.now() - t0,
    });
    // A settle that records no step result can be redone after a PostgreSQL crash (the item
    // is deleted in the same transaction, so the call simply runs again from the memo), so
    // it need not wait for its own WAL flush: the next synchronous commit flushes it anyway.
    const redoable =
      outcome.kind === "complete" || (outcome.kind === "ops" && outcome.ops.length > 0 && outcome.ops.every((o) => o.op === Op.runComplete));
    if (redoable && !run.parent_run_id) {
      // The common end of a run, in one round trip (leaseDb: asynchronous commit, as above).
      const output = outcome.kind === "complete" ? outcome.data : ((outcome as { ops: OpEntry[] }).ops.at(-1)!.data ?? null);
      const r = await this.ctx.leaseDb.query<{ owned: number; finished: number }>({
        name: "engine_complete_run",
        text: COMPLETE_SQL,
        values: [item.id, item.lease_token, run.id, JSON.stringify(output ?? null)],
      });
      const { owned, finished } = r.rows[0]!;
      if (!owned) this.ctx.log("warn", "lease lost before settling; result discarded", { item_id: item.id, run_id: run.id });
      else if (finished) this.ctx.log("info", `run ${RunStatus.completed}`, { run_id: run.id, function_id: run.function_id });
      return;
    }
    await tx(db, (c) => this.settle(c, item, run, outcome), { asyncCommit: redoable, onQueued: this.ctx.wake });
  }

  /** Applies a call outcome. Runs in one transaction that owns the item. */
  private async settle(c: Tx, item: QueueItem, run: RunRow, outcome: CallOutcome): Promise<void> {
    // Lock order everywhere: the run row first, then its queue items (no deadlock with finishRun).
    const cur = await c.query<{ status: string }>("select status from engine.runs where id = $1 for update", [run.id]);
    const owned = await this.own(c, item);
    if (!owned) return;
    const rediscover = owned.rediscover;
    if (!ACTIVE.has(cur.rows[0]?.status ?? "")) {
      await c.query("delete from engine.queue where id = $1", [item.id]);
      return;
    }
    const retryOrFail = async (error: ErrorValue, noRetry: boolean, retryAfterMs?: number) => {
      if (!noRetry && item.attempt + 1 < run.max_attempts) {
        await this.retry(c, item, retryAfterMs);
        this.ctx.log("info", "call failed; retrying", { run_id: run.id, attempt: item.attempt + 1, error: error.message });
      } else {
        await finishRun(c, this.ctx, run.id, RunStatus.failed, { error }, this.emit);
      }
    };

    if (outcome.kind === "complete") {
      await finishRun(c, this.ctx, run.id, RunStatus.completed, { output: outcome.data }, this.emit);
      return;
    }
    if (outcome.kind === "error") return retryOrFail(outcome.error, outcome.noRetry, outcome.retryAfterMs);
    if (outcome.kind === "transport") return retryOrFail(outcome.error, false);

    if (!outcome.ops.length) return retryOrFail({ name: "EmptyResponse", message: "The SDK answered 206 with no ops." }, false);
    // The item is done; anything that continues the run below inserts a new one.
    await c.query("delete from engine.queue where id = $1", [item.id]);
    let recorded = false;
    let waiting = false;
    let complete: { data: unknown } | undefined;
    const planned: string[] = [];
    for (const op of outcome.ops) {
      switch (op.op) {
        case Op.stepRun:
        case Op.step:
          await recordStep(c, run.id, op.id, { data: op.data ?? null });
          recorded = true;
          break;
        case Op.stepFailed:
          await recordStep(c, run.id, op.id, { error: op.error ?? op.data ?? { name: "Error", message: "Step failed" } });
          recorded = true;
          break;
        case Op.stepError:
          if (item.attempt + 1 < run.max_attempts) {
            await this.retry(c, item, outcome.retryAfterMs);
            this.ctx.log("info", "step errored; retrying", { run_id: run.id, step_id: op.id, attempt: item.attempt + 1 });
            return;
          }
          await recordStep(c, run.id, op.id, { error: op.error ?? { name: "Error", message: "Step failed" } });
          recorded = true;
          break;
        case Op.stepPlanned:
          planned.push(op.id);
          break;
        case Op.sleep: {
          const at = sleepUntil(op.name, op.opts as { duration?: unknown }, Date.now());
          await addTimer(c, run.id, op.id, { data: null }, at - Date.now());
          waiting = true;
          break;
        }
        case Op.waitForEvent:
          await this.storeWait(c, item, run, op);
          waiting = true;
          break;
        case Op.invokeFunction:
          await this.invoke(c, run, op);
          waiting = true;
          break;
        case Op.runComplete:
          complete = { data: op.data ?? null };
          break;
        default:
          this.ctx.log("warn", "ignoring an unknown opcode from the SDK", { run_id: run.id, op: op.op });
      }
    }
    if (complete) {
      await finishRun(c, this.ctx, run.id, RunStatus.completed, { output: complete.data }, this.emit);
      return;
    }
    if (planned.length) {
      await c.query("update engine.runs set die = true where id = $1", [run.id]);
      await c.query(
        `insert into engine.queue (kind, run_id, step_id, ckeys, climits)
         select 'call', r.id, s.id, r.ckeys, r.climits from engine.runs r, unnest($2::text[]) as s(id)
         where r.id = $1 and not exists (select 1 from engine.steps m where m.run_id = r.id and m.id = s.id)
         on conflict (run_id, coalesce(step_id, '')) where kind = 'call' do nothing`,
        [run.id, planned],
      );
      // A planned step that finished while this call was in flight was reported as
      // planned only because the SDK did not know its result yet; its completion
      // found this discovery pending and queued none. Discover again so the run
      // does not stall.
      const stale = await c.query("select 1 from engine.steps where run_id = $1 and id = any($2::text[]) limit 1", [run.id, planned]);
      if (stale.rowCount) await enqueueDiscovery(c, run.id);
      await notifyQueue(c);
    }
    // A result recorded by others while this call was in flight (a child run ending, an event,
    // a timer) was not in the memo the SDK saw, and could not queue a discovery while this one
    // was pending: it marked this item instead (see enqueueDiscovery). Discover again.
    if (rediscover) {
      await enqueueDiscovery(c, run.id);
      return;
    }
    if (waiting || planned.length) return;
    if (!recorded) return;
    // Discover right after every recorded step, parallel ones included: code that
    // awaited only this step may go on while its siblings still run, so one slow
    // branch never holds up the others. Siblings still in flight come back as
    // StepPlanned and are deduplicated by the insert above.
    await enqueueDiscovery(c, run.id);
  }

  /** Replaces the item by a copy with attempt + 1, due after a backoff computed on the database clock. */
  private async retry(c: Tx, item: QueueItem, retryAfterMs?: number): Promise<void> {
    const delay = retryAfterMs ?? backoffMs(item.attempt, this.ctx.options.retryBaseMs, this.ctx.options.retryCapMs);
    await c.query("delete from engine.queue where id = $1", [item.id]);
    await c.query(
      `insert into engine.queue (kind, run_id, step_id, attempt, run_at, sort_at, ckeys, climits)
       select 'call', id, $2, $3, now() + make_interval(secs => $4), now() + make_interval(secs => $4), ckeys, climits
       from engine.runs where id = $1
       on conflict (run_id, coalesce(step_id, '')) where kind = 'call' do nothing`,
      [item.run_id, item.step_id, item.attempt + 1, delay / 1000],
    );
    await notifyQueue(c);
  }

  /**
   * Stores a waitForEvent. Under the event name's lock, first looks at events that arrived
   * since this call was queued — right after the step before the wait finished, not when a
   * busy queue got round to it (see QueueItem.waits_from) — and one that matches resumes
   * the run at once.
   */
  private async storeWait(c: Tx, item: QueueItem, run: RunRow, op: OpEntry): Promise<void> {
    const name = String(op.name ?? op.opts?.event ?? "");
    const expr = typeof op.opts?.if === "string" ? op.opts.if : null;
    const timeoutMs = parseDuration(op.opts?.timeout) ?? 7 * 86_400_000;
    const event = run.events[0];
    await lockEventName(c, name);
    const recent = await c.query<{ payload: EventPayload }>(
      "select payload from engine.events where name = $1 and received_at >= $2 order by received_at",
      [name, item.waits_from],
    );
    const hit = recent.rows.find((r) => matches(expr, { event, async: r.payload }));
    if (hit) {
      await recordStep(c, run.id, op.id, { data: hit.payload });
      await enqueueDiscovery(c, run.id);
      return;
    }
    await c.query(
      `insert into engine.waits (run_id, step_id, event_name, expr, event, expires_at)
       values ($1, $2, $3, $4, $5, now() + make_interval(secs => $6)) on conflict do nothing`,
      [run.id, op.id, name, expr, JSON.stringify(event), timeoutMs / 1000],
    );
    await addTimer(c, run.id, op.id, { data: null }, timeoutMs);
  }

  /**
   * Starts the invoked function with `inngest/function.invoked`; its end resumes this step. The
   * SDK reports a pending invoke again on every call of the parent (parallel invokes, or a
   * sibling step finishing first): the child already started is kept, never started twice.
   */
  private async invoke(c: Tx, run: RunRow, op: OpEntry): Promise<void> {
    const started = await c.query("select 1 from engine.runs where parent_run_id = $1 and parent_step_id = $2", [run.id, op.id]);
    if (started.rowCount) return;
    const targetId = String(op.opts?.function_id ?? "");
    const payload = (op.opts?.payload ?? {}) as { data?: Record<string, unknown>; user?: unknown };
    const target = await this.ctx.registry.get(targetId);
    if (!target) {
      await recordStep(c, run.id, op.id, {
        error: { name: "Error", message: `step.invoke: function ${JSON.stringify(targetId)} is not synced with the engine.` },
      });
      await enqueueDiscovery(c, run.id);
      return;
    }
    const res = await ingestEvents(c, this.ctx, [{ name: Events.invoked, data: payload.data ?? {}, user: payload.user }], {
      onlyFunction: target,
      parent: { runId: run.id, stepId: op.id },
    });
    if (!res.runIds.length) {
      await recordStep(c, run.id, op.id, { error: { name: "Error", message: `step.invoke: flow control of ${targetId} skipped the run.` } });
      await enqueueDiscovery(c, run.id);
      return;
    }
    const timeoutMs = parseDuration(op.opts?.timeout);
    if (timeoutMs !== undefined) {
      await addTimer(c, run.id, op.id, { error: { name: TIMEOUT_ERROR_NAME, message: `step.invoke of ${targetId} timed out` } }, timeoutMs);
    }
  }

  /** Reaper, cron ticks, run timeouts and pruning. Safe to run in every process at once. */
  private async maintenance(): Promise<void> {
    const { db } = this.ctx;
    // Items that failed while the database was away go back now, not when their lease expires.
    if (this.orphans.length) {
      const left: QueueItem[] = [];
      for (const item of this.orphans.splice(0)) if (!(await this.releaseOrphan(item))) left.push(item);
      this.orphans.push(...left);
    }
    const reaped = await reapExpired(this.ctx.leaseDb);
    if (reaped) this.ctx.log("warn", "reclaimed queue items whose lease expired", { items: reaped });

    await tx(db, async (c) => {
      const due = await c.query<{ function_id: string; cron: string }>(
        "select function_id, cron from engine.crons where next_at <= now() for update skip locked limit 50",
      );
      for (const d of due.rows) {
        const fn = await this.ctx.registry.get(d.function_id);
        const jitterMs = fn?.triggers.find((t) => t.cron === d.cron)?.jitterMs ?? 0;
        if (fn) {
          await ingestEvents(c, this.ctx, [{ name: Events.scheduled, data: { cron: d.cron } }], {
            onlyFunction: fn,
            delayMs: jitterMs > 0 ? Math.floor(Math.random() * jitterMs) : 0,
          });
        }
        await c.query("update engine.crons set next_at = $3 where function_id = $1 and cron = $2", [
          d.function_id,
          d.cron,
          nextCronTime(d.cron, new Date()) ?? new Date("9999-01-01"),
        ]);
      }
    });

    const late = await db.query<{ id: string; status: string }>(
      `select id, status from engine.runs where status in ('queued', 'running')
       and ((status = 'queued' and start_deadline < now()) or (status = 'running' and finish_deadline < now())) limit 100`,
    );
    for (const r of late.rows) {
      const which = r.status === RunStatus.queued ? "timeouts.start" : "timeouts.finish";
      await this.fail(r.id, { name: TIMEOUT_ERROR_NAME, message: `The run exceeded ${which}` }, RunStatus.cancelled);
    }

    if (Date.now() - this.lastPrune > 60_000) {
      this.lastPrune = Date.now();
      await db.query("delete from engine.event_ids where expires_at < now()");
      await db.query("delete from engine.flow_keys where expires_at < now()");
      await db.query("delete from engine.flow_hits where at < now() - interval '1 day'");
      await db.query("delete from engine.cancels where expires_at < now()");
      // Retention: finished runs with their steps, and old events, in bounded batches.
      const secs = this.ctx.options.retentionMs / 1000;
      await db.query(
        `with old as (delete from engine.runs where id in (
            select id from engine.runs where ended_at < now() - make_interval(secs => $1) limit 1000) returning id),
          s as (delete from engine.steps where run_id in (select id from old)),
          e as (delete from engine.run_events where run_id in (select id from old))
         select count(*) from old`,
        [secs],
      );
      await db.query(
        `delete from engine.events where id in (
           select id from engine.events where received_at < now() - make_interval(secs => $1) limit 1000)`,
        [secs],
      );
    }
  }
}

/** Records a step result exactly once (the first write wins). */
export async function recordStep(c: Tx, runId: string, stepId: string, memo: unknown): Promise<boolean> {
  const r = await c.query("insert into engine.steps (run_id, id, memo) values ($1, $2, $3) on conflict do nothing returning 1", [
    runId,
    stepId,
    JSON.stringify(memo),
  ]);
  return !!r.rowCount;
}

/** A timer item that will record `memo` for the step after `delayMs`. */
async function addTimer(c: Tx, runId: string, stepId: string, memo: unknown, delayMs: number): Promise<void> {
  await c.query(
    `insert into engine.queue (kind, run_id, step_id, memo, run_at, sort_at)
     values ('timer', $1, $2, $3, now() + make_interval(secs => $4), now() + make_interval(secs => $4))`,
    [runId, stepId, JSON.stringify(memo), Math.max(0, delayMs) / 1000],
  );
  await notifyQueue(c);
}
