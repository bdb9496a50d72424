/**
 * Run state transitions, each inside the caller's transaction: schedule a run
 * (with flow control), resume a step (exactly once), finish or cancel a run.
 */
import { Events, ItemKind, Limits, NOTIFY_QUEUE, RunStatus } from "./consts";
import type { EngineContext } from "./context";
import { markQueued, type Tx } from "./db";
import { evaluate, evaluateKey } from "./expressions";
import type { FunctionDef } from "./functions";
import { ulid } from "./ids";

/** An event as delivered to functions. */
export interface EventPayload {
  id: string;
  name: string;
  data: Record<string, unknown>;
  ts: number;
  user?: unknown;
  v?: string;
}

export interface ScheduleOptions {
  /** step.invoke: the run and step waiting for this run's result */
  parent?: { runId: string; stepId: string };
  /** ids of the stored events behind this run (for GET /v1/events/:id/runs) */
  eventIds?: string[];
  /** skip batching (the events are already a batch) */
  batched?: boolean;
  /** lets this process claim the first call at creation (see ClaimCollector in worker.ts) */
  claim?: ClaimCollector;
  /** start the run this much later (cron jitter) */
  delayMs?: number;
}

/**
 * Fast path from an event to its first call: the first queue item is inserted already
 * claimed by this process when it has a free slot, and dispatched right after commit —
 * no claim round trip, no wake-up latency. Rolled back with the transaction otherwise.
 */
export interface ClaimCollector {
  workerId: string;
  leaseMs: number;
  /** a lease token when a slot is free, else null */
  take: () => string | null;
  /** items inserted as claimed, to dispatch after commit */
  claimed: import("./queue").QueueItem[];
}

export type ErrorValue = { name: string; message: string; stack?: string; [k: string]: unknown };

const ACTIVE = `('${RunStatus.queued}', '${RunStatus.running}')`;

/** Tells other processes there is work; delivered at commit. */
export async function notifyQueue(c: Tx): Promise<void> {
  markQueued(c);
  await c.query(`select pg_notify('${NOTIFY_QUEUE}', '')`);
}

async function lockKey(c: Tx, ...parts: string[]): Promise<void> {
  await c.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [parts.join("\u001f")]);
}

/**
 * Creates a run of `fn` for `events` (one, or a batch) and queues its first call,
 * applying idempotency, rate limit, debounce, throttle, priority, concurrency keys,
 * timeouts and cancelOn. Returns the run id, or null when flow control skipped it.
 */
export async function scheduleRun(
  c: Tx,
  ctx: EngineContext,
  fn: FunctionDef,
  events: EventPayload[],
  opts: ScheduleOptions = {},
): Promise<string | null> {
  const event = events[0]!;
  const vars = { event };

  if (fn.idempotency) {
    const key = evaluateKey(fn.idempotency, vars);
    const r = await c.query(
      `insert into engine.flow_keys (function_id, key, expires_at) values ($1, $2, now() + make_interval(hours => $3))
       on conflict (function_id, key) do update set expires_at = excluded.expires_at, run_id = null
       where engine.flow_keys.expires_at < now() returning 1`,
      [fn.id, key, Limits.idempotencyTtlHours],
    );
    if (!r.rowCount) {
      ctx.log("info", "run skipped: idempotency key already used", { function_id: fn.id, event_id: event.id });
      return null;
    }
  }

  if (fn.rateLimit) {
    const key = evaluateKey(fn.rateLimit.key, vars);
    await lockKey(c, "rate", fn.id, key);
    const r = await c.query<{ n: string }>(
      `select count(*) as n from engine.flow_hits where function_id = $1 and kind = 'rate' and key = $2
       and at > now() - make_interval(secs => $3)`,
      [fn.id, key, fn.rateLimit.periodMs / 1000],
    );
    if (Number(r.rows[0]!.n) >= fn.rateLimit.limit) {
      ctx.log("info", "run skipped: rate limit reached", { function_id: fn.id, event_id: event.id });
      return null;
    }
    await c.query("insert into engine.flow_hits (function_id, kind, key, at) values ($1, 'rate', $2, now())", [fn.id, key]);
  }

  let singletonKey: string | null = null;
  if (fn.singleton) {
    singletonKey = `${fn.id}\u001f${evaluateKey(fn.singleton.key, vars)}`;
    await lockKey(c, "singleton", singletonKey);
    const active = await c.query<{ id: string }>(
      `select id from engine.runs where singleton_key = $1 and status in ${ACTIVE} for update`,
      [singletonKey],
    );
    if (active.rowCount && fn.singleton.mode === "skip") {
      ctx.log("info", "run skipped: singleton key has an active run", { function_id: fn.id, event_id: event.id, run_id: active.rows[0]!.id });
      return null;
    }
    // a cancelled run emits no events (only failures do), so no emitter is needed
    const noEvents = async () => {};
    for (const r of active.rows) {
      const error = { name: "Cancelled", message: "Cancelled by a newer run with the same singleton key" };
      await finishRun(c, ctx, r.id, RunStatus.cancelled, { error }, noEvents);
    }
  }

  let delayMs = opts.delayMs ?? 0;
  if (fn.debounce) {
    const key = evaluateKey(fn.debounce.key, vars);
    await lockKey(c, "debounce", fn.id, key);
    const existing = await c.query<{ run_id: string; first_at: Date }>(
      "select run_id, first_at from engine.debounces where function_id = $1 and key = $2",
      [fn.id, key],
    );
    const period = fn.debounce.periodMs / 1000;
    const timeout = fn.debounce.timeoutMs !== undefined ? fn.debounce.timeoutMs / 1000 : null;
    if (existing.rowCount) {
      const { run_id } = existing.rows[0]!;
      // Push the pending run back and give it the newest event, unless it already started.
      const moved = await c.query(
        `update engine.queue q set run_at = t.at, sort_at = t.at
         from (select least(now() + make_interval(secs => $2),
                            coalesce(d.first_at + make_interval(secs => $3::float8), 'infinity')) as at
               from engine.debounces d where d.function_id = $4 and d.key = $5) t
         where q.run_id = $1 and q.kind = 'call' and q.locked_by is null
           and exists (select 1 from engine.runs r where r.id = $1 and r.status = 'queued')
         returning q.id`,
        [run_id, period, timeout, fn.id, key],
      );
      if (moved.rowCount) {
        markQueued(c);
        await c.query("update engine.runs set events = $2, event_id = $3 where id = $1", [run_id, JSON.stringify(events), event.id]);
        for (const eid of opts.eventIds ?? []) {
          await c.query("insert into engine.run_events (event_id, run_id) values ($1, $2) on conflict do nothing", [eid, run_id]);
        }
        return run_id;
      }
      await c.query("delete from engine.debounces where function_id = $1 and key = $2", [fn.id, key]);
    }
    delayMs = Math.max(delayMs, fn.debounce.periodMs);
    const runId = await insertRun(c, ctx, fn, events, opts, delayMs, vars, singletonKey);
    await c.query("insert into engine.debounces (function_id, key, run_id, first_at) values ($1, $2, $3, now())", [fn.id, key, runId]);
    return runId;
  }

  if (fn.throttle) {
    const key = evaluateKey(fn.throttle.key, vars);
    await lockKey(c, "throttle", fn.id, key);
    const slots = fn.throttle.limit + Math.max(0, fn.throttle.burst - 1);
    // The start time of the `slots`-th most recent admission decides when the next may start.
    const r = await c.query<{ wait_ms: number | null }>(
      `select greatest(0, extract(epoch from (at + make_interval(secs => $3) - now())) * 1000)::float8 as wait_ms
       from engine.flow_hits where function_id = $1 and kind = 'throttle' and key = $2
       order by at desc offset $4 - 1 limit 1`,
      [fn.id, key, fn.throttle.periodMs / 1000, slots],
    );
    delayMs = Math.max(delayMs, r.rows[0]?.wait_ms ?? 0);
    await c.query(
      "insert into engine.flow_hits (function_id, kind, key, at) values ($1, 'throttle', $2, now() + make_interval(secs => $3))",
      [fn.id, key, delayMs / 1000],
    );
  }

  return insertRun(c, ctx, fn, events, opts, delayMs, vars, singletonKey);
}

async function insertRun(
  c: Tx,
  ctx: EngineContext,
  fn: FunctionDef,
  events: EventPayload[],
  opts: ScheduleOptions,
  delayMs: number,
  vars: Record<string, unknown>,
  singletonKey: string | null,
): Promise<string> {
  const runId = ulid();
  const ckeys: string[] = [];
  const climits: number[] = [];
  for (const rule of fn.concurrency) {
    const k = evaluateKey(rule.key, vars);
    ckeys.push(rule.scope === "fn" ? `fn:${fn.id}:${k}` : `${rule.scope}:${rule.key ?? ""}:${k}`);
    climits.push(rule.limit);
  }
  let prioritySec = 0;
  if (fn.priorityRun) {
    const p = Number(evaluate(fn.priorityRun, vars));
    if (Number.isFinite(p)) prioritySec = Math.max(-600, Math.min(600, p));
  }
  // One statement: the run, its first queue item (already claimed on the fast path) and the
  // wake-up notification (not needed when this process runs the item itself).
  const lease = delayMs === 0 && !ckeys.length ? (opts.claim?.take() ?? null) : null;
  const r = await c.query<{ item_id: string; claimed_at: Date | null }>({
    // named: prepared once per connection (parsed and planned once, not for every run)
    name: "engine_insert_run",
    text: `with run as (
       insert into engine.runs (id, function_id, event_id, events, max_attempts, ckeys, climits,
          parent_run_id, parent_step_id, start_deadline, finish_timeout, singleton_key,
          status, started_at, finish_deadline)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9,
          case when $10::float8 is null then null else now() + make_interval(secs => $10::float8 + $12::float8) end,
          case when $11::float8 is null then null else make_interval(secs => $11::float8) end, $18,
          -- claimed here (fast path): the run starts now, as the worker's load would mark it
          case when $15::text is null then 'queued' else 'running' end,
          case when $15::text is null then null else now() end,
          case when $15::text is null or $11::float8 is null then null else now() + make_interval(secs => $11::float8) end)
       returning id
     ), item as (
       insert into engine.queue (kind, run_id, run_at, sort_at, ckeys, climits, lease_token, locked_by, locked_until, claimed_at)
       select 'call', id, now() + make_interval(secs => $12::float8), now() + make_interval(secs => $12::float8 - $13::float8), $6, $7,
         $15::text, case when $15::text is null then null else $16::text end,
         case when $15::text is null then null else now() + make_interval(secs => $17::float8) end,
         case when $15::text is null then null else now() end
       from run returning id, claimed_at
     ), events as (
       insert into engine.run_events (event_id, run_id) select unnest($14::text[]), id from run on conflict do nothing returning 1
     )
     select i.id as item_id, i.claimed_at, case when $15::text is null then pg_notify('${NOTIFY_QUEUE}', '') end from item i`,
    values: [
      runId,
      fn.id,
      events[0]!.id,
      JSON.stringify(events),
      fn.maxAttempts,
      ckeys.length ? ckeys : null,
      climits.length ? climits : null,
      opts.parent?.runId ?? null,
      opts.parent?.stepId ?? null,
      fn.startTimeoutMs !== undefined ? fn.startTimeoutMs / 1000 : null,
      fn.finishTimeoutMs !== undefined ? fn.finishTimeoutMs / 1000 : null,
      delayMs / 1000,
      prioritySec,
      opts.eventIds ?? [],
      lease,
      opts.claim?.workerId ?? null,
      (opts.claim?.leaseMs ?? 0) / 1000,
      singletonKey,
    ],
  });
  if (!lease) markQueued(c);
  if (lease && opts.claim) {
    opts.claim.claimed.push({
      id: String(r.rows[0]!.item_id),
      kind: "call",
      run_id: runId,
      step_id: null,
      memo: null,
      payload: null,
      attempt: 0,
      lease_token: lease,
      claimed_at: r.rows[0]!.claimed_at!,
      waits_from: r.rows[0]!.claimed_at!,
      // everything its first call needs: the worker need not load the run it just created
      run: {
        id: runId,
        function_id: fn.id,
        events,
        status: RunStatus.running,
        max_attempts: fn.maxAttempts,
        die: false,
        parent_run_id: opts.parent?.runId ?? null,
        start_expired: false,
        steps: [],
      },
    });
  }
  for (const rule of fn.cancel) {
    await c.query(
      `insert into engine.cancels (run_id, event_name, expr, event, expires_at)
       values ($1, $2, $3, $4, case when $5::float8 is null then null else now() + make_interval(secs => $5::float8) end)`,
      [runId, rule.event, rule.if ?? null, JSON.stringify(events[0]), rule.timeoutMs !== undefined ? rule.timeoutMs / 1000 : null],
    );
  }
  ctx.log("debug", "run scheduled", { run_id: runId, function_id: fn.id, event_id: events[0]!.id });
  return runId;
}

/**
 * Queues a discovery call for an active run. One is pending at most: when it is not yet
 * claimed it will read the memo fresh, so nothing changes; when it is claimed (its call is in
 * flight, with an older memo) it is marked `rediscover`, and settling that call queues another.
 */
export async function enqueueDiscovery(c: Tx, runId: string): Promise<void> {
  await c.query({
    name: "engine_enqueue_discovery",
    text: `insert into engine.queue (kind, run_id, ckeys, climits)
     select 'call', id, ckeys, climits from engine.runs where id = $1 and status in ${ACTIVE}
     on conflict (run_id, coalesce(step_id, '')) where kind = 'call'
     do update set rediscover = true where engine.queue.locked_by is not null and not engine.queue.rediscover`,
    values: [runId],
  });
  await notifyQueue(c);
}

/**
 * Records `memo` for a step that was waiting (sleep, waitForEvent, invoke) and continues
 * the run. Exactly once: the first writer wins; later ones return false and change nothing.
 */
export async function resumeStep(c: Tx, runId: string, stepId: string, memo: unknown): Promise<boolean> {
  // The run row first, as every settle does: a call of this run being settled right now either
  // commits before this (and its discovery item is gone, so the one below is queued) or sees
  // this memo when it settles (and queues a discovery itself). Without the lock, a memo recorded
  // while the run's call was in flight could be seen by neither, and the run would stall.
  const r = await c.query(
    `with run as (select id from engine.runs where id = $1 and status in ${ACTIVE} for update)
     insert into engine.steps (run_id, id, memo)
     select run.id, $2, $3 from run
     on conflict do nothing returning 1`,
    [runId, stepId, JSON.stringify(memo)],
  );
  if (!r.rowCount) return false;
  await c.query("delete from engine.waits where run_id = $1 and step_id = $2", [runId, stepId]);
  await c.query("delete from engine.queue where run_id = $1 and step_id = $2 and kind = $3 and locked_by is null", [
    runId,
    stepId,
    ItemKind.timer,
  ]);
  await enqueueDiscovery(c, runId);
  return true;
}

interface FinishedRun {
  id: string;
  function_id: string;
  events: EventPayload[];
  parent_run_id: string | null;
  parent_step_id: string | null;
}

/**
 * Ends an active run: stores output or error, drops its pending work, answers a parent
 * `step.invoke`, and on failure emits `inngest/function.failed` for onFailure handlers.
 * Returns false when the run had already ended.
 */
export async function finishRun(
  c: Tx,
  ctx: EngineContext,
  runId: string,
  status: typeof RunStatus.completed | typeof RunStatus.failed | typeof RunStatus.cancelled,
  result: { output?: unknown; error?: ErrorValue },
  emit: (c: Tx, events: Partial<EventPayload>[]) => Promise<unknown>,
): Promise<boolean> {
  const r = await c.query<FinishedRun>(
    `update engine.runs set status = $2, output = $3, error = $4, ended_at = now()
     where id = $1 and status in ${ACTIVE}
     returning id, function_id, events, parent_run_id, parent_step_id`,
    [runId, status, result.output === undefined ? null : JSON.stringify(result.output), result.error ? JSON.stringify(result.error) : null],
  );
  if (!r.rowCount) return false;
  const run = r.rows[0]!;
  // its pending work, waits, cancel rules and debounce slot, in one round trip
  await c.query({
    name: "engine_finish_run_cleanup",
    text: `with q as (delete from engine.queue where run_id = $1), w as (delete from engine.waits where run_id = $1),
             x as (delete from engine.cancels where run_id = $1), d as (delete from engine.debounces where run_id = $1)
           select 1`,
    values: [runId],
  });
  ctx.log(status === RunStatus.completed ? "info" : "warn", `run ${status}`, {
    run_id: runId,
    function_id: run.function_id,
    error: result.error?.message,
  });
  if (run.parent_run_id && run.parent_step_id) {
    const memo =
      status === RunStatus.completed
        ? { data: result.output ?? null }
        : { error: result.error ?? { name: "Error", message: `Invoked function run ${runId} was ${status}` } };
    await resumeStep(c, run.parent_run_id, run.parent_step_id, memo);
  }
  // A failure handler's own failure is not reported again (no failure loops).
  const fn = status === RunStatus.failed ? await ctx.registry.get(run.function_id) : undefined;
  const isFailureHandler = fn?.triggers.some((t) => t.event === Events.failed) ?? false;
  if (status === RunStatus.failed && !isFailureHandler) {
    await emit(c, [
      {
        name: Events.failed,
        data: { function_id: run.function_id, run_id: runId, error: result.error ?? null, event: run.events[0] ?? null },
      },
    ]);
  }
  return true;
}
