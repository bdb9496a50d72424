/**
 * Transient failures of the database (and of the connection to it): the pool had no free
 * connection in time, a transaction could not start, a serialization failure or deadlock,
 * a connection reset. Trying the same work again later succeeds, so these are always
 * retryable and never fail a node: the work step retries them in place a few times, then
 * asks the engine to call again (lib/runtime/nodes/work-step.ts).
 */

/** Prisma codes: pool timeout, transaction API (could not start / expired), write conflict or deadlock, too many connections, unreachable / closed. */
const PRISMA_CODES = new Set(["P2024", "P2028", "P2034", "P2037", "P1001", "P1002", "P1008", "P1017"]);
/** PostgreSQL SQLSTATEs: serialization failure, deadlock, too many connections, admin/crash shutdown, cannot connect now, connection exceptions. */
const PG_CODES = new Set(["40001", "40P01", "53300", "57P01", "57P02", "57P03", "08000", "08001", "08003", "08006"]);
/** Node socket errors on the connection to the database. */
const SOCKET_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT"]);
const MESSAGES = [
  /Unable to start a transaction in the given time/i,
  /Timed out fetching a new connection from the connection pool/i,
  /timeout exceeded when trying to connect/i,
  /Connection terminated (unexpectedly|due to connection timeout)/i,
  /could not serialize access/i,
  /deadlock detected/i,
  /too many (database )?connections/i,
  /\bECONNRESET\b/,
];

/**
 * Whether an error is a transient database failure. Looks through wrappers (`cause`,
 * Prisma's `meta`, driver adapter causes) since the agent loop and the SDKs wrap errors.
 *
 * @example
 * isTransientError(Object.assign(new Error("Transaction API error: Unable to start a transaction in the given time."), { code: "P2028" })); // true
 * isTransientError(new Error("HTTP 500 from vendor")); // false
 */
export function isTransientError(err: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (e: unknown, depth: number): boolean => {
    if (!e || typeof e !== "object" || depth > 6 || seen.has(e)) return false;
    seen.add(e);
    const o = e as { code?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown; meta?: unknown; errors?: unknown };
    for (const code of [o.code, o.originalCode]) {
      if (typeof code !== "string") continue;
      if (PRISMA_CODES.has(code) || PG_CODES.has(code) || SOCKET_CODES.has(code)) return true;
    }
    if (typeof o.message === "string" && MESSAGES.some((m) => m.test(o.message as string))) return true;
    if (visit(o.cause, depth + 1) || visit(o.meta, depth + 1)) return true;
    // Prisma's driver adapter errors: meta.driverAdapterError.cause.{kind, originalCode}
    const meta = o.meta as { driverAdapterError?: unknown } | undefined;
    if (meta && visit(meta.driverAdapterError, depth + 1)) return true;
    if (Array.isArray(o.errors)) return o.errors.some((x) => visit(x, depth + 1));
    return false;
  };
  return visit(err, 0);
}

/** How often work is tried in place when it fails transiently, before the engine is asked to call again. */
export const TRANSIENT_TRIES = 5;

/** The pause before try `n` (from 1) in place: 200 ms doubling, at most 3 s, with jitter so a crowd does not retry in step. */
export function transientBackoffMs(n: number): number {
  const base = Math.min(3000, 200 * 2 ** (n - 1));
  return Math.round(base / 2 + Math.random() * (base / 2));
}

/**
 * Runs `fn`, trying again in place (up to TRANSIENT_TRIES times, with backoff) while it
 * fails transiently. Any other error, or a transient one on the last try, is thrown.
 */
export async function retryTransient<T>(fn: () => Promise<T>, tries = TRANSIENT_TRIES): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await fn();
    } catch (err) {
      if (n >= tries || !isTransientError(err)) throw err;
      await new Promise((r) => setTimeout(r, transientBackoffMs(n)));
    }
  }
}
