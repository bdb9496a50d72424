/**
 * `POST /v1/checkpoint/:runId/async` (INNGEST-PROTOCOL.md §3): the SDK reports steps it
 * ran inside one call. A stale `qi_id` (the item was re-claimed by another worker, or the
 * run was cancelled) gets 409, which makes the SDK stop running steps for that call.
 *
 * Group commit: checkpoints that arrive while earlier ones are being written are batched
 * into one statement (one transaction, one WAL flush) — at most `MAX_IN_FLIGHT` statements
 * at a time. A lone checkpoint is written at once, so sequential runs pay no extra latency.
 * One statement in flight: under load each batch takes everything that arrived during the
 * previous one's flush (fewer statements and flushes per step; the database's CPU, not the
 * disk, is what 16 concurrent runs wait for on this kind of machine).
 * The lease check and the inserts are one statement; leases are extended by heartbeats.
 * (A lease that expires during that very statement may still record the step it reports:
 * harmless, as that step did run and its first recorded result is kept.)
 */
import { Op } from "./consts";
import type { EngineContext } from "./context";
import type { OpEntry } from "./call";
import type { Db, Tx } from "./db";

export interface CheckpointBody {
  run_id?: string;
  qi_id?: string;
  steps?: OpEntry[];
}

/** Memo value for a checkpointed op, or null for ops that are not step results. */
export function memoForOp(op: OpEntry): unknown | null {
  if (op.op === Op.stepRun || op.op === Op.step) return { data: op.data ?? null };
  if (op.op === Op.stepFailed) return { error: op.error ?? op.data ?? null };
  return null;
}

interface Pending {
  k: number;
  item_id: string;
  token: string;
  run_id: string;
  steps: { id: string; memo: unknown }[];
  resolve: (r: "ok" | "stale") => void;
  reject: (e: unknown) => void;
}

const MAX_IN_FLIGHT = 1;
const BATCH_SQL = `
  with input as (
    select * from jsonb_to_recordset($1::jsonb) as x(k int, item_id bigint, token text, run_id text, steps jsonb)
  ), valid as (
    select i.k, i.run_id, i.steps from input i
    join engine.queue q on q.id = i.item_id and q.lease_token = i.token and q.run_id = i.run_id
  ), ins as (
    insert into engine.steps (run_id, id, memo)
    select v.run_id, s.id, s.memo from valid v cross join lateral jsonb_to_recordset(v.steps) as s(id text, memo jsonb)
    order by v.k
    on conflict do nothing returning 1
  )
  select k from valid`;

/** BATCH_SQL for one checkpoint of one step: $1 item id, $2 lease token, $3 run id, $4 step id, $5 memo, $6 k. */
export const ONE_SQL = `
  with valid as (
    select 1 from engine.queue q where q.id = $1 and q.lease_token = $2 and q.run_id = $3
  ), ins as (
    insert into engine.steps (run_id, id, memo) select $3, $4, $5::jsonb from valid
    on conflict do nothing returning 1
  )
  select $6::int as k from valid`;

/** Batches concurrent checkpoints into shared transactions (see file comment). */
export class CheckpointWriter {
  private queue: Pending[] = [];
  private inFlight = 0;
  private seq = 0;
  /**
   * Connections kept checked out of the pool, one per statement in flight: the hottest
   * statement skips the pool's checkout and release. A connection whose query fails is
   * given back broken (the pool replaces it); `close()` gives them back before the pool ends.
   */
  private idle: Tx[] = [];
  private closed = false;

  constructor(private readonly db: Db) {}

  /** Gives the kept connections back to the pool (call before ending the pool). */
  close(): void {
    this.closed = true;
    for (const c of this.idle.splice(0)) c.release();
  }

  private async write(query: { name: string; text: string; values: unknown[] }): Promise<{ k: number }[]> {
    const c = this.idle.pop() ?? (await this.db.connect());
    let rows: { k: number }[];
    try {
      rows = (await c.query<{ k: number }>(query)).rows;
    } catch (err) {
      c.release(err as Error); // broken or in an unknown state: the pool discards it
      throw err;
    }
    if (this.closed) c.release();
    else this.idle.push(c);
    return rows;
  }

  /** Records the steps of one checkpoint; "stale" when the call no longer owns its queue item. */
  record(runId: string, body: CheckpointBody): Promise<"ok" | "stale"> {
    const [itemId, token] = String(body.qi_id ?? "").split(".");
    if (!itemId || !token || !/^\d+$/.test(itemId)) return Promise.resolve("stale");
    const steps = (body.steps ?? [])
      .map((op) => ({ id: op.id, memo: memoForOp(op) }))
      .filter((s) => typeof s.id === "string" && s.memo !== null);
    return new Promise((resolve, reject) => {
      this.queue.push({ k: this.seq++, item_id: itemId, token, run_id: runId, steps, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length) {
      const batch = this.queue.splice(0);
      this.inFlight++;
      const one = batch.length === 1 && batch[0]!.steps.length === 1 ? batch[0]! : null;
      const written = one
        ? // the common case (one checkpoint of one step): plain parameters, no JSON to build or unpack
          this.write({ name: "engine_checkpoint_one", text: ONE_SQL, values: [one.item_id, one.token, one.run_id, one.steps[0]!.id, JSON.stringify(one.steps[0]!.memo), one.k] })
        : this.write({
            name: "engine_checkpoint",
            text: BATCH_SQL,
            values: [JSON.stringify(batch.map(({ k, item_id, token, run_id, steps }) => ({ k, item_id, token, run_id, steps })))],
          });
      written
        .then((rows) => {
          const ok = new Set(rows.map((row) => row.k));
          for (const p of batch) p.resolve(ok.has(p.k) ? "ok" : "stale");
        })
        .catch((err) => batch.forEach((p) => p.reject(err)))
        .finally(() => {
          this.inFlight--;
          this.pump();
        });
    }
  }
}

/** Records one checkpoint directly (no batching). */
export async function recordCheckpoint(ctx: Pick<EngineContext, "db">, runId: string, body: CheckpointBody): Promise<"ok" | "stale"> {
  const w = new CheckpointWriter(ctx.db);
  try {
    return await w.record(runId, body);
  } finally {
    w.close();
  }
}
