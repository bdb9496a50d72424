/**
 * A small process-wide `pg` pool beside Prisma's, for the few hot paths where Prisma's per-query
 * cost matters (the LLM gateway's ledger writes): named prepared statements, planned once per
 * connection. Tenant scoping is the caller's: every statement on it takes the workspace id
 * from a resolved context.
 */
import pg from "pg";
import { databasePoolTimeoutMs, databaseUrl } from "../env";

const globalForPool = globalThis as unknown as { __switchyardRawPool?: pg.Pool };

/** Lazily created, so importing this module never needs a database. */
export function getRawPool(): pg.Pool {
  if (!globalForPool.__switchyardRawPool) {
    const pool = new pg.Pool({ connectionString: databaseUrl(), max: 4, connectionTimeoutMillis: databasePoolTimeoutMs(), idleTimeoutMillis: 30_000 });
    // an idle connection the server dropped must not take the process down
    pool.on("error", (err) => console.warn(JSON.stringify({ level: "warn", msg: "database connection lost (raw pool)", error: err.message })));
    globalForPool.__switchyardRawPool = pool;
  }
  return globalForPool.__switchyardRawPool;
}
