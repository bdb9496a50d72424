/**
 * Shared benchmark helpers: percentiles, WAL flush counting and fresh databases.
 * Used by bench/engine/run.ts and by the peer workloads in bench/peers/.
 */
import net from "node:net";
import pg from "pg";

/** The p-th percentile (0–100) of a list of numbers, by nearest rank. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/**
 * Waits until PostgreSQL backends have flushed their pending I/O statistics without ending
 * them: a backend flushes its own at the end of a transaction at most once a second, and an
 * idle one after 10 s.
 */
export function waitForStatsFlush(): Promise<void> {
  return new Promise((r) => setTimeout(r, 11_000));
}

/** Cluster-wide WAL fsyncs so far (pg_stat_io, PostgreSQL ≥ 16; pg_stat_wal.wal_sync before that). */
export async function walFlushes(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query("select pg_stat_force_next_flush()").catch(() => {});
    await c.query("select pg_stat_clear_snapshot()");
    try {
      const r = await c.query<{ n: string }>("select coalesce(sum(fsyncs), 0) as n from pg_stat_io where object = 'wal'");
      return Number(r.rows[0]!.n);
    } catch {
      const r = await c.query<{ n: string }>("select wal_sync as n from pg_stat_wal");
      return Number(r.rows[0]!.n);
    }
  } finally {
    await c.end();
  }
}

/** Replaces the database name of a URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates (or re-creates) a database on the server of `url` and returns its URL. */
export async function freshDatabase(url: string, name: string): Promise<string> {
  const c = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await c.connect();
  try {
    await c.query(`drop database if exists "${name}" with (force)`);
    await c.query(`create database "${name}"`);
  } finally {
    await c.end();
  }
  return withDatabase(url, name);
}

export async function dropDatabase(url: string, name: string): Promise<void> {
  const c = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await c.connect();
  try {
    await c.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await c.end();
  }
}

/** Result of one framework on the shared workload (10 no-op steps per run). */
export interface WorkloadResult {
  name: string;
  version?: string;
  /** sequential runs: steps per second */
  seqStepsPerSec: number;
  /** per-step overhead in ms (time between consecutive no-op steps of one run) */
  stepP50Ms: number;
  stepP95Ms: number;
  /** 16 concurrent runs: steps per second */
  concStepsPerSec: number;
  /** WAL fsyncs per step during the sequential phase */
  walPerStep?: number;
  note?: string;
}

export const STEPS_PER_RUN = 10;
export const SEQ_RUNS = Number(process.env.BENCH_SEQ_RUNS ?? 60);
export const CONC_RUNS = Number(process.env.BENCH_CONC_RUNS ?? 320);
export const CONCURRENCY = 16;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A TCP port free on 127.0.0.1 now. */
export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}
