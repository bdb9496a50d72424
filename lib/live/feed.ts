import "server-only";
import pg from "pg";
import { databaseUrl } from "../env";
import { getRawPool } from "../db/raw-pool";
import type { LiveChange, LiveKind } from "./events";
import { LIVE_KINDS } from "./events";

/** How often the outbox is read while someone watches. */
export const LIVE_POLL_MS = 50;
/** A process whose reads stopped this long (a blocked event loop, a slow database) may have missed rows the tidy-up deleted: it starts over. */
const MAX_READ_GAP_MS = 30_000;
/** Rows of transactions that ended more than this long ago are deleted (every reader has read them, see MAX_READ_GAP_MS). */
export const LIVE_KEEP_MS = 60_000;
const RECONNECT_MS = 1_000;

/** The application name of the feed's connection (what an operator sees in pg_stat_activity). */
export const LIVE_FEED_APPLICATION = "switchyard live feed";

export interface FeedHandlers {
  /** changes committed since the last read, in the order read, one per workspace, kind, run and status */
  onChanges: (changes: Array<{ workspaceId: string; change: LiveChange }>) => void;
  /** reading works: from now on every change arrives (anything before may have been missed) */
  onListening: () => void;
  /** reading stopped: changes are being missed until the next {@link FeedHandlers.onListening} */
  onLost: () => void;
}

/**
 * One read of the outbox. It returns the statement's snapshot (`xmax`: the first transaction id
 * not yet started; `xip`: the ones then running) and the rows of every transaction the
 * previous read could not see: those at or after its `xmax`, or running then ($1, $2). Rows
 * and snapshot come from the statement's one snapshot, so each row is returned by exactly one
 * read: a transaction is either finished in a snapshot, and all its rows are visible, or it
 * is running or not started, and the next read asks for it again.
 */
const READ_SQL = `
  with s as (select pg_current_snapshot() as snap)
  select pg_snapshot_xmax(s.snap)::text as xmax, array(select pg_snapshot_xip(s.snap))::text[] as xip,
         c.xid::text as xid, c.w, c.k, c.r, c.s
  from s left join "live"."changes" c on $1::xid8 is not null and (c.xid >= $1::xid8 or c.xid = any($2::xid8[]))
  order by c.xid, c.id`;

interface Row {
  xmax: string;
  xip: string[];
  xid: string | null;
  w: string | null;
  k: string | null;
  r: string | null;
  s: string | null;
}

/**
 * Reads the changes that the triggers of migration 20261204040000 write to `live.changes`, every
 * {@link LIVE_POLL_MS} while `active()` says someone watches, on one connection of its own.
 *
 * Each row is delivered exactly once (see READ_SQL), in the order its transactions' ids were
 * given, deduplicated within a read: a batch of 1,000 node runs becomes one change.
 *
 * Rows are deleted a minute after their transaction ended ({@link tidyLiveChanges}); a reader
 * whose reads stopped for half that long starts over (`onLost`, then `onListening`).
 */
export function readChangesForever(h: FeedHandlers & { active: () => boolean }): { wake: () => void; close: () => Promise<void> } {
  let client: pg.Client | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let reading = false;
  /** what the previous read could not see: transactions from `xmax` on, and those running */
  let after: { xmax: string; xip: string[] } | null = null;
  let lastRead = 0;
  let listening = false;

  const lose = () => {
    const c = client;
    client = null;
    after = null;
    if (listening) {
      listening = false;
      h.onLost();
    }
    c?.end().catch(() => {});
  };

  const read = async (c: pg.Client) => {
    const { rows } = await c.query<Row>({ name: "live_read", text: READ_SQL, values: [after?.xmax ?? null, after?.xip ?? []] });
    const first = after === null;
    after = { xmax: rows[0]!.xmax, xip: rows[0]!.xip };
    lastRead = Date.now();
    if (first) {
      listening = true;
      h.onListening();
      return;
    }
    const out: Array<{ workspaceId: string; change: LiveChange }> = [];
    const seen = new Set<string>();
    for (const row of rows) {
      if (row.xid === null || row.w === null || !LIVE_KINDS.includes(row.k as LiveKind)) continue;
      const key = `${row.w}\u0000${row.k}\u0000${row.r ?? ""}\u0000${row.s ?? ""}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ workspaceId: row.w, change: { kind: row.k as LiveKind, runId: row.r, status: row.s } });
    }
    if (out.length) h.onChanges(out);
  };

  const tick = async () => {
    timer = null;
    if (closed || reading) return;
    reading = true;
    try {
      if (!h.active()) {
        // nobody watches: let go of the position (the next reader starts over, as after a reconnect)
        if (client) lose();
        reading = false;
        return schedule(LIVE_POLL_MS * 4);
      }
      if (listening && Date.now() - lastRead > MAX_READ_GAP_MS) lose();
      if (!client) {
        // a database that does not answer is a lost connection, not a reader stuck for minutes
        const c = new pg.Client({ connectionString: databaseUrl(), application_name: LIVE_FEED_APPLICATION, connectionTimeoutMillis: 5_000, query_timeout: 10_000 });
        c.on("error", () => {
          if (client === c) lose();
        });
        client = c;
        await c.connect();
      }
      await read(client);
      reading = false;
      schedule(LIVE_POLL_MS);
    } catch (err) {
      if (client && !closed) {
        console.warn(JSON.stringify({ level: "warn", msg: "live updates cannot read changes (screens poll meanwhile)", error: (err as Error).message }));
      }
      lose();
      reading = false;
      schedule(RECONNECT_MS);
    }
  };
  const schedule = (ms: number) => {
    if (closed || timer) return;
    timer = setTimeout(() => void tick(), ms);
    timer.unref();
  };
  schedule(0);

  return {
    /** someone started watching: read now rather than at the next idle check */
    wake: () => {
      if (closed || reading || client) return;
      if (timer) clearTimeout(timer);
      timer = null;
      void tick();
    },
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}

/**
 * Deletes outbox rows of transactions that ended before `before` (a horizon read at least
 * {@link LIVE_KEEP_MS} ago), and returns the horizon to pass next time. Run by the web process
 * every minute ({@link tidyLiveChangesForever}), whether or not anyone watches.
 */
export async function tidyLiveChanges(c: Pick<pg.Client, "query">, before: string | null): Promise<string> {
  if (before !== null) await c.query(`delete from "live"."changes" where xid < $1::xid8`, [before]);
  const { rows } = await c.query<{ horizon: string }>(`select pg_snapshot_xmin(pg_current_snapshot())::text as horizon`);
  return rows[0]!.horizon;
}

/** Tidies the outbox every {@link LIVE_KEEP_MS} for as long as the process lives (or until `stop`). */
export function tidyLiveChangesForever(): { stop: () => void } {
  let before: string | null = null;
  const run = async () => {
    try {
      before = await tidyLiveChanges(getRawPool(), before);
    } catch (err) {
      console.warn(JSON.stringify({ level: "warn", msg: "could not tidy the live-updates outbox", error: (err as Error).message }));
    }
  };
  void run();
  const timer = setInterval(() => void run(), LIVE_KEEP_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
