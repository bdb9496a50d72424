/**
 * PostgreSQL access for the engine: one pool whose errors never crash the process
 * (a restarted server just fails the in-flight queries, which callers retry), and a
 * transaction helper.
 */
import pg from "pg";
import type { Logger } from "./log";

export type Db = pg.Pool;
export type Tx = pg.PoolClient;

/**
 * A pool that logs (not throws) on idle-client errors such as a PostgreSQL restart.
 *
 * `asyncCommit` gives connections `synchronous_commit = off`. Only for writes whose loss in a
 * PostgreSQL crash is harmless because they are redone (claims, leases, "running" marks):
 * a later synchronous commit flushes their WAL too, so ordering is kept, and after a crash
 * a lost claim simply runs again. Step results, events and run ends never use it.
 */
export function createPool(url: string, max: number, log: Logger, asyncCommit = false): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    ...(asyncCommit ? { options: "-c synchronous_commit=off" } : {}),
  });
  pool.on("error", (err) => log("warn", "database connection lost; it will be re-opened on next use", { error: err.message }));
  pool.on("connect", (client) => {
    client.on("error", () => {}); // surfaced through the failing query instead
  });
  return pool;
}

export interface TxOptions {
  asyncCommit?: boolean;
  /** called after commit when the transaction queued work others may claim (see markQueued) */
  onQueued?: () => void;
}

interface QueuedMark {
  queuedWork?: boolean;
}

/**
 * Notes that the transaction on `c` inserted or rescheduled an unclaimed queue item: after
 * commit, `tx()` calls its `onQueued` (this process's worker looks for work at once rather
 * than on the notification's round trip or the next poll).
 */
export function markQueued(c: Tx): void {
  (c as Tx & QueuedMark).queuedWork = true;
}

/**
 * Runs `fn` in a transaction; commits on success, rolls back on error. A deadlock or
 * serialization failure (which PostgreSQL resolves by aborting one side) is retried up to
 * three times, so `fn` must not keep in-memory effects of an attempt that rolled back.
 */
export async function tx<T>(db: Db, fn: (c: Tx) => Promise<T>, opts: TxOptions = {}): Promise<T> {
  // asyncCommit: the commit does not wait for its WAL flush (for work that is safe to redo)
  const begin = opts.asyncCommit ? "begin; set local synchronous_commit = off" : "begin";
  for (let attempt = 0; ; attempt++) {
    try {
      return await txOnce(db, fn, begin, opts.onQueued);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if ((code === "40P01" || code === "40001") && attempt < 3) {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
        continue;
      }
      throw err;
    }
  }
}

async function txOnce<T>(db: Db, fn: (c: Tx) => Promise<T>, begin: string, onQueued?: () => void): Promise<T> {
  const c = (await db.connect()) as Tx & QueuedMark;
  let broken = false;
  try {
    c.queuedWork = false;
    await c.query(begin);
    const out = await fn(c);
    await c.query("commit");
    if (c.queuedWork && onQueued) onQueued();
    return out;
  } catch (err) {
    try {
      await c.query("rollback");
    } catch {
      broken = true;
    }
    throw err;
  } finally {
    c.release(broken ? true : undefined);
  }
}

/** True for errors that mean "the database went away", worth retrying after a pause. */
export function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  if (e?.code && /^(57P0[1-3]|08\d{3}|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT)$/.test(e.code)) return true;
  return /Connection terminated|connection error|ECONNREFUSED|not queryable|timeout exceeded when trying to connect/i.test(
    e?.message ?? "",
  );
}
