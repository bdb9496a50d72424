/**
 * Event ingestion inside one transaction: de-duplicate by `id`, store, start matching
 * functions (trigger name + CEL expression, or batching), resume waiting
 * `step.waitForEvent`s and apply `cancelOn`.
 *
 * Waits and incoming events meet under a per-event-name advisory lock, taken here after
 * the event row is written and by the worker before it stores a wait and scans recent
 * events (see worker.ts). Whichever commits first, the other sees it: no event is lost
 * between a run emitting WaitForEvent and the wait being stored.
 */
import { Events, ItemKind, Limits, RunStatus } from "./consts";
import type { EngineContext } from "./context";
import type { Tx } from "./db";
import { evaluateKey, matches } from "./expressions";
import type { FunctionDef } from "./functions";
import { ulid } from "./ids";
import { finishRun, notifyQueue, resumeStep, scheduleRun, type ClaimCollector, type EventPayload } from "./runs";

/** An incoming event before the engine fills in `id` and `ts`. */
export interface IncomingEvent {
  name: string;
  data?: Record<string, unknown>;
  id?: string;
  ts?: number;
  user?: unknown;
  v?: string;
}

export interface IngestOptions {
  /** deliver only to this function (cron ticks, invocations) instead of routing by triggers */
  onlyFunction?: FunctionDef;
  /** step.invoke parent */
  parent?: { runId: string; stepId: string };
  /** claim first calls for this process (event API fast path) */
  claim?: ClaimCollector;
  /** with onlyFunction: start the run this much later (cron jitter) */
  delayMs?: number;
}

export interface IngestResult {
  /** engine ids of the events (the existing id for a duplicate) */
  ids: string[];
  /** runs started (or debounced into) */
  runIds: string[];
}

/**
 * Locks the wait/event meeting point of one event name (see file comment) exclusively:
 * taken by the worker storing a wait. Ingestion takes the same lock in shared mode, so
 * events never wait for each other, only for a wait being stored.
 */
export async function lockEventName(c: Tx, name: string): Promise<void> {
  await c.query("select pg_advisory_xact_lock(hashtextextended($1, 1))", [`wait:${name}`]);
}

export async function ingestEvents(c: Tx, ctx: EngineContext, incoming: IncomingEvent[], opts: IngestOptions = {}): Promise<IngestResult> {
  const result: IngestResult = { ids: [], runIds: [] };
  const fresh: { id: string; event: EventPayload; external: string | null }[] = [];
  if (!incoming.length) return result;
  // De-duplication by `id`, for the whole request in one statement: the first of an id within
  // the request claims it (unless the window holds it already), a repeat gets its engine id.
  const ids = incoming.map(() => ulid());
  const firstOf = new Map<string, number>();
  incoming.forEach((e, i) => {
    if (e.id && !firstOf.has(e.id)) firstOf.set(e.id, i);
  });
  const claimed = new Set<string>();
  const prior = new Map<string, string>();
  if (firstOf.size) {
    const external = [...firstOf.keys()];
    const r = await c.query<{ external_id: string }>(
      `insert into engine.event_ids (external_id, event_id, expires_at)
       select x, e, now() + make_interval(hours => $3) from unnest($1::text[], $2::text[]) as t(x, e)
       on conflict (external_id) do update set event_id = excluded.event_id, expires_at = excluded.expires_at
         where engine.event_ids.expires_at < now()
       returning external_id`,
      [external, external.map((x) => ids[firstOf.get(x)!]!), Limits.eventIdTtlHours],
    );
    for (const row of r.rows) claimed.add(row.external_id);
    const taken = external.filter((x) => !claimed.has(x));
    if (taken.length) {
      const p = await c.query<{ external_id: string; event_id: string }>("select external_id, event_id from engine.event_ids where external_id = any($1::text[])", [taken]);
      for (const row of p.rows) prior.set(row.external_id, row.event_id);
    }
  }
  incoming.forEach((e, i) => {
    const id = ids[i]!;
    const first = e.id ? firstOf.get(e.id)! : i;
    if (e.id && (first !== i || !claimed.has(e.id))) {
      // a repeat within this request gets the first's engine id; an id the window held, its stored one
      result.ids.push(claimed.has(e.id) ? ids[first]! : (prior.get(e.id) ?? id));
      ctx.log("debug", "duplicate event id ignored", { event_id: e.id });
      return;
    }
    const event: EventPayload = { id: e.id ?? id, name: e.name, data: e.data ?? {}, ts: e.ts ?? Date.now() };
    if (e.user !== undefined) event.user = e.user;
    if (e.v !== undefined) event.v = e.v;
    result.ids.push(id);
    fresh.push({ id, event, external: e.id ?? null });
  });
  /** registry generation seen by this transaction (read with the stored events) */
  let generation: number | undefined;
  if (fresh.length) {
    const stored = await c.query<{ generation: string | null }>({
      // named: prepared once per connection (parsed and planned once, not for every event)
      name: "engine_store_events",
      text: `insert into engine.events (id, external_id, name, payload)
       select id, x, name, payload::jsonb from unnest($1::text[], $2::text[], $3::text[], $4::text[]) with ordinality as t(id, x, name, payload, n) order by n
       returning case when $5 then (select generation from engine.registry_state) end as generation`,
      values: [fresh.map((f) => f.id), fresh.map((f) => f.external), fresh.map((f) => f.event.name), fresh.map((f) => JSON.stringify(f.event)), !opts.onlyFunction],
    });
    if (stored.rows[0]?.generation != null) generation = Number(stored.rows[0].generation);
  }

  for (const { id, event } of fresh) {
    if (opts.onlyFunction) {
      const runId = await scheduleRun(c, ctx, opts.onlyFunction, [event], { eventIds: [id], parent: opts.parent, claim: opts.claim, delayMs: opts.delayMs });
      if (runId) result.runIds.push(runId);
      continue;
    }
    for (const { fn, expression } of await ctx.registry.forEvent(event.name, generation)) {
      if (expression && !matches(expression, { event })) continue;
      if (fn.batch) {
        const runId = await addToBatch(c, ctx, fn, id, event);
        if (runId) result.runIds.push(runId);
        continue;
      }
      const runId = await scheduleRun(c, ctx, fn, [event], { eventIds: [id], claim: opts.claim });
      if (runId) result.runIds.push(runId);
    }
  }

  // Waits and cancellations, one lock per distinct name in a fixed order (no deadlocks).
  const names = [...new Set(fresh.map((f) => f.event.name))].sort();
  for (const name of names) {
    if (name === Events.invoked) continue;
    const evs = fresh.filter((f) => f.event.name === name).map((f) => f.event);
    // Two statements in one round trip (simple protocol): each takes its own snapshot, so
    // the select sees a wait committed by whoever held the lock before us.
    const lit = c.escapeLiteral(name);
    const multi = (await c.query(
      `select pg_advisory_xact_lock_shared(hashtextextended(${c.escapeLiteral(`wait:${name}`)}, 1));
       select 'wait' as kind, run_id, step_id, expr, event from engine.waits where event_name = ${lit} and expires_at > now()
       union all
       select 'cancel', run_id, null, expr, event from engine.cancels where event_name = ${lit} and (expires_at is null or expires_at > now())`,
    )) as unknown as { rows: { kind: "wait" | "cancel"; run_id: string; step_id: string | null; expr: string | null; event: EventPayload }[] }[];
    const rows = multi[1]!;
    for (const w of rows.rows) {
      const hit = evs.find((async) => matches(w.expr, { event: w.event, async }));
      if (!hit) continue;
      if (w.kind === "wait") {
        if (await resumeStep(c, w.run_id, w.step_id!, { data: hit })) {
          ctx.log("debug", "wait resumed by event", { run_id: w.run_id, step_id: w.step_id, event_id: hit.id });
        }
      } else {
        await finishRun(c, ctx, w.run_id, RunStatus.cancelled, { error: { name: "Cancelled", message: `Cancelled by event ${name} (${hit.id})` } }, (c2, e) =>
          ingestEvents(c2, ctx, e as IncomingEvent[]),
        );
      }
    }
  }
  return result;
}

/**
 * Adds an event to its function's open batch. Starts the run when the batch is full;
 * otherwise a batch timer (queue item) flushes it after `timeout`.
 */
async function addToBatch(c: Tx, ctx: EngineContext, fn: FunctionDef, eventId: string, event: EventPayload): Promise<string | null> {
  const batch = fn.batch!;
  if (batch.if && !matches(batch.if, { event })) {
    return scheduleRun(c, ctx, fn, [event], { eventIds: [eventId] });
  }
  const key = evaluateKey(batch.key, { event });
  const r = await c.query<{ n: number; created: boolean }>(
    `insert into engine.batches (function_id, key, events, event_ids) values ($1, $2, jsonb_build_array($3::jsonb), array[$4])
     on conflict (function_id, key) do update set events = engine.batches.events || excluded.events,
       event_ids = engine.batches.event_ids || excluded.event_ids
     returning jsonb_array_length(events) as n, (xmax = 0) as created`,
    [fn.id, key, JSON.stringify(event), eventId],
  );
  const { n, created } = r.rows[0]!;
  if (n >= batch.maxSize) return flushBatch(c, ctx, fn, key);
  if (created) {
    await c.query(`insert into engine.queue (kind, payload, run_at, sort_at) values ($1, $2, now() + make_interval(secs => $3), now() + make_interval(secs => $3))`, [
      ItemKind.batch,
      JSON.stringify({ function_id: fn.id, key }),
      batch.timeoutMs / 1000,
    ]);
    await notifyQueue(c);
  }
  return null;
}

/** Starts a run with the events collected for (fn, key), if any. */
export async function flushBatch(c: Tx, ctx: EngineContext, fn: FunctionDef, key: string): Promise<string | null> {
  const r = await c.query<{ events: EventPayload[]; event_ids: string[] }>("delete from engine.batches where function_id = $1 and key = $2 returning events, event_ids", [fn.id, key]);
  if (!r.rowCount) return null;
  const { events, event_ids } = r.rows[0]!;
  await c.query("delete from engine.queue where kind = $1 and payload = $2 and locked_by is null", [ItemKind.batch, JSON.stringify({ function_id: fn.id, key })]);
  return scheduleRun(c, ctx, fn, events, { eventIds: event_ids, batched: true });
}
