/**
 * The raw PostgreSQL reference: single-row INSERT transactions per second (autocommit,
 * synchronous_commit as configured) at 1 and 16 clients, for `seconds` each.
 */
import pg from "pg";
import { dropDatabase, freshDatabase } from "./lib";

export interface RawResult {
  tps1: number;
  tps16: number;
}

async function measure(url: string, clients: number, seconds: number): Promise<number> {
  const conns = await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  let count = 0;
  const until = Date.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    conns.map(async (c) => {
      while (Date.now() < until) {
        await c.query("insert into bench_raw (v) values ($1)", ["x"]);
        count++;
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  await Promise.all(conns.map((c) => c.end()));
  return count / elapsed;
}

export async function benchRawPostgres(serverUrl: string, seconds = 4): Promise<RawResult> {
  const url = await freshDatabase(serverUrl, "bench_raw");
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query("create table bench_raw (id bigserial primary key, v text, at timestamptz default now())");
  await c.end();
  const tps1 = await measure(url, 1, seconds);
  const tps16 = await measure(url, 16, seconds);
  await dropDatabase(serverUrl, "bench_raw");
  return { tps1, tps16 };
}
