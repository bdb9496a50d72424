/**
 * What every engine component shares inside one process.
 */
import type { Db } from "./db";
import type { Logger } from "./log";
import type { Registry } from "./registry";

export interface EngineOptions {
  /** lease length for a claimed queue item; extended by heartbeats and checkpoints */
  leaseMs: number;
  /** base delay of exponential retry backoff */
  retryBaseMs: number;
  /** cap of retry backoff */
  retryCapMs: number;
  /** how long one call to an app may take */
  callTimeoutMs: number;
  /** slow polling fallback / maintenance interval (reaper, crons, timeouts) */
  pollMs: number;
  /** parallel calls this process makes */
  concurrency: number;
  /** finished runs (with their steps) and events older than this are deleted */
  retentionMs: number;
}

export interface EngineContext {
  db: Db;
  /** same database, `synchronous_commit = off`: claims, leases and run marks only (see db.ts) */
  leaseDb: Db;
  registry: Registry;
  log: Logger;
  workerId: string;
  signingKey?: string;
  eventKey?: string;
  options: EngineOptions;
  /** nudges this process's worker (new work is ready now) */
  wake: () => void;
}
