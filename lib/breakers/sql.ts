import { Prisma } from "../generated/prisma/client";

/**
 * The database clock, as the `timestamp(3)` columns store it (UTC). Every breaker transition
 * reads time from PostgreSQL, never from a process, so processes with skewed clocks agree.
 */
export const NOW = Prisma.raw(`(now() at time zone 'UTC')`);

/** An interval of `ms` milliseconds. */
export const millis = (ms: number) => Prisma.sql`(interval '1 millisecond' * ${ms}::float8)`;
