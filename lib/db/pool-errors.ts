/**
 * Recognises "no free connection in time": the pool was exhausted, not the query wrong. Such a
 * failure changes nothing in the database, so the operation can always be retried (the runtime
 * classifies it as retryable; it must never fail a node).
 *
 * Forms it takes: Prisma's interactive transaction that could not start within `maxWait`
 * (P2028 "Unable to start a transaction in the given time"), Prisma's pool timeout (P2024),
 * and `pg`'s own "timeout exceeded when trying to connect" (raised after
 * `DATABASE_POOL_TIMEOUT_MS`), whether thrown directly or wrapped as a cause.
 *
 * @example
 * try { await work(); } catch (err) { if (isPoolExhausted(err)) retryLater(); else throw err; }
 */
export function isPoolExhausted(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === "P2028" || code === "P2024") return true;
    const message = e instanceof Error ? e.message : typeof e === "string" ? e : "";
    if (/Unable to start a transaction in the given time|timeout exceeded when trying to connect|Timed out fetching a new connection from the connection pool/i.test(message)) return true;
  }
  return false;
}
