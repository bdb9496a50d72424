/**
 * Queue operations: claim (FOR UPDATE SKIP LOCKED, concurrency keys checked under one
 * advisory lock so limits hold across processes), heartbeat, release, reap.
 */
import { CLAIM_LOCK_KEY } from "./consts";
import { tx, type Db } from "./db";

/** A claimed queue item. `lease_token` fences every later write for this claim. */
export interface QueueItem {
  id: string;
  kind: string;
  run_id: string | null;
  step_id: string | null;
  memo: unknown;
  payload: { function_id: string; key: string } | null;
  attempt: number;
  lease_token: string;
  claimed_at: Date;
  /**
   * Events a wait stored by this call may match were received since then: when the item was
   * queued (right after the step before the wait finished), or, for a run's delayed first call
   * (debounce, throttle), when it became due.
   */
  waits_from: Date;
  /** a run's first call claimed at its creation (event API fast path): the run as created, already marked running */
  run?: LoadedRun;
}

/** A run as a call needs it (loaded by the worker, or known at creation). */
export interface LoadedRun {
  id: string;
  function_id: string;
  events: import("./runs").EventPayload[];
  status: string;
  max_attempts: number;
  die: boolean;
  parent_run_id: string | null;
  start_expired: boolean;
  /** memoized steps in completion order */
  steps: { id: string; memo: unknown }[];
}

/** Picks which candidates fit their concurrency limits given what is in flight. Pure. */
export function selectWithinLimits(
  candidates: { id: string; ckeys: string[] | null; climits: number[] | null }[],
  inFlight: Map<string, number>,
  max: number,
): string[] {
  const used = new Map(inFlight);
  const out: string[] = [];
  for (const c of candidates) {
    if (out.length >= max) break;
    const keys = c.ckeys ?? [];
    const fits = keys.every((k, i) => (used.get(k) ?? 0) < (c.climits?.[i] ?? Infinity));
    if (!fits) continue;
    for (const k of keys) used.set(k, (used.get(k) ?? 0) + 1);
    out.push(c.id);
  }
  return out;
}

const CLAIM_RETURNING = `returning id, kind, run_id, step_id, memo, payload, attempt, lease_token, claimed_at,
  case when attempt = 0 and run_at > created_at then run_at else created_at end as waits_from`;

/**
 * Claims up to `max` ready items for `workerId` with a lease of `leaseMs`.
 * Items without concurrency keys are claimed in one statement. Items with keys go through
 * a transaction that counts what is in flight under one advisory lock, so limits hold
 * across processes (rows are already locked by SKIP LOCKED, the lock only orders counts).
 */
export async function claimItems(db: Db, workerId: string, max: number, leaseMs: number, keyed = true): Promise<QueueItem[]> {
  const free = await db.query<QueueItem>({
    // named: prepared once per connection (the hottest statement of the claim loop)
    name: "engine_claim",
    text: `update engine.queue set locked_by = $2, lease_token = md5(random()::text || id::text),
       locked_until = now() + make_interval(secs => $3), claimed_at = now()
     where id in (select id from engine.queue where locked_by is null and run_at <= now() and ckeys is null
                  order by sort_at, id limit $1 for update skip locked)
     ${CLAIM_RETURNING}`,
    values: [max, workerId, leaseMs / 1000],
  });
  const out = free.rows;
  if (out.length >= max || !keyed) return out;
  const anyKeyed = await db.query(
    "select 1 from engine.queue where locked_by is null and run_at <= now() and ckeys is not null limit 1",
  );
  if (!anyKeyed.rowCount) return out;
  const more = await tx(db, async (c) => {
    const cand = await c.query<{ id: string; ckeys: string[] | null; climits: number[] | null }>(
      `select id, ckeys, climits from engine.queue
       where locked_by is null and run_at <= now() and ckeys is not null
       order by sort_at, id limit $1 for update skip locked`,
      [(max - out.length) * 4 + 8],
    );
    if (!cand.rowCount) return [];
    await c.query("select pg_advisory_xact_lock($1)", [CLAIM_LOCK_KEY]);
    const keys = [...new Set(cand.rows.flatMap((r) => r.ckeys ?? []))];
    const inFlight = new Map<string, number>();
    const r = await c.query<{ k: string; n: string }>(
      `select k, count(*) as n from engine.queue, unnest(ckeys) as k
       where locked_by is not null and ckeys && $1 and k = any($1) group by k`,
      [keys],
    );
    for (const row of r.rows) inFlight.set(row.k, Number(row.n));
    const ids = selectWithinLimits(cand.rows, inFlight, max - out.length);
    if (!ids.length) return [];
    const u = await c.query<QueueItem>(
      `update engine.queue set locked_by = $2, lease_token = md5(random()::text || id::text),
         locked_until = now() + make_interval(secs => $3), claimed_at = now()
       where id = any($1) ${CLAIM_RETURNING}`,
      [ids, workerId, leaseMs / 1000],
    );
    return u.rows;
  });
  return out.concat(more);
}

/** Extends the leases this worker still holds. */
export async function heartbeat(db: Db, workerId: string, ids: string[], leaseMs: number): Promise<void> {
  if (!ids.length) return;
  await db.query(
    "update engine.queue set locked_until = now() + make_interval(secs => $3) where locked_by = $1 and id = any($2)",
    [workerId, ids, leaseMs / 1000],
  );
}

/** Gives items back to the queue (graceful shutdown, or a restarted worker with the same id). */
export async function releaseItems(db: Db, workerId: string, ids?: string[]): Promise<number> {
  const r = ids
    ? await db.query(
        "update engine.queue set locked_by = null, lease_token = null, locked_until = null where locked_by = $1 and id = any($2)",
        [workerId, ids],
      )
    : await db.query("update engine.queue set locked_by = null, lease_token = null, locked_until = null where locked_by = $1", [workerId]);
  return r.rowCount ?? 0;
}

/** Returns items whose lease expired (their worker died) to the queue. */
export async function reapExpired(db: Db): Promise<number> {
  const r = await db.query(
    `update engine.queue set locked_by = null, lease_token = null, locked_until = null
     where locked_by is not null and locked_until < now()`,
  );
  if (r.rowCount) await db.query("select pg_notify('engine_queue', '')");
  return r.rowCount ?? 0;
}

/** Milliseconds until the next future item is due, or null when none. */
export async function msUntilNextDue(db: Db): Promise<number | null> {
  const r = await db.query<{ ms: number | null }>(
    `select (extract(epoch from (min(run_at) - now())) * 1000)::float8 as ms
     from engine.queue where locked_by is null and run_at > now()`,
  );
  return r.rows[0]?.ms ?? null;
}
