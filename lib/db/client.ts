/**
 * The process-wide Prisma client (Prisma 7 with the `pg` driver adapter; no
 * query-engine binary). Tenant data must be read through `scopedDb` instead;
 * this client is for identity (users, sessions, API key lookup) and for code
 * that has already resolved a workspace.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { databasePoolSize, databasePoolTimeoutMs, databaseUrl } from "../env";

const globalForPrisma = globalThis as unknown as { __switchyardPrisma?: PrismaClient };

function create(): PrismaClient {
  // A query waits at most the pool timeout for a connection, then fails with an error
  // isPoolExhausted recognises (retryable), instead of queueing without bound.
  const adapter = new PrismaPg({
    connectionString: databaseUrl(),
    max: databasePoolSize(),
    connectionTimeoutMillis: databasePoolTimeoutMs(),
    idleTimeoutMillis: 30_000,
  });
  return new PrismaClient({ adapter, transactionOptions: { maxWait: databasePoolTimeoutMs() } });
}

/** Lazily created so that importing this module never needs a database. */
export function getPrisma(): PrismaClient {
  globalForPrisma.__switchyardPrisma ??= create();
  return globalForPrisma.__switchyardPrisma;
}

export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_t, prop) {
    const client = getPrisma() as unknown as Record<PropertyKey, unknown>;
    const value = client[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
});

export type { PrismaClient };
export { Prisma } from "../generated/prisma/client";
