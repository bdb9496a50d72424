/**
 * Every wire string the engine speaks — HTTP paths, headers, event names,
 * protocol constants — defined once. See INNGEST-PROTOCOL.md (SDK 4.24).
 */

/** Default listen port: the same as Inngest's dev server, so SDK dev defaults just work. */
export const DEFAULT_PORT = 8288;

/** PostgreSQL schema that holds every engine table. */
export const DB_SCHEMA = "engine";
/** Bookkeeping table for the engine's own migrations. */
export const MIGRATIONS_TABLE = `${DB_SCHEMA}."_migrations"`;
/** Advisory lock key for applying engine migrations (distinct from Prisma's 72707369). */
export const MIGRATIONS_LOCK_KEY = 0x656e6731; // "eng1"
/** Advisory lock key that serialises queue claims (keeps concurrency limits exact across processes). */
export const CLAIM_LOCK_KEY = 0x656e6732;

/** LISTEN/NOTIFY channels. */
export const NOTIFY_QUEUE = "engine_queue";
export const NOTIFY_SYNC = "engine_sync";

/** HTTP routes served by the engine. */
export const Paths = {
  events: "/e/", // POST /e/:key
  register: "/fn/register",
  sync: "/v0/apps/sync",
  checkpointPrefix: "/v1/checkpoint/", // POST /v1/checkpoint/:runId/async
  runsPrefix: "/v1/runs/", // GET /v1/runs/:id, POST /v1/runs/:id/cancel
  eventsPrefix: "/v1/events/", // GET /v1/events/:id/runs
  health: "/health",
} as const;

/** HTTP headers (lower case, as Node exposes them). */
export const Headers = {
  signature: "x-inngest-signature",
  noRetry: "x-inngest-no-retry",
  retryAfter: "retry-after",
  syncKind: "x-inngest-sync-kind",
  serverKind: "x-inngest-server-kind",
  reqVersion: "x-inngest-req-version",
  sdk: "x-inngest-sdk",
  requestId: "x-request-id",
  authorization: "authorization",
  contentType: "content-type",
} as const;

export const SyncKind = { inBand: "in_band", outOfBand: "out_of_band" } as const;

/** Query parameters of a function's step URL. */
export const Query = { fnId: "fnId", stepId: "stepId", deployId: "deployId" } as const;

/** `stepId` value that asks the SDK to discover (and, with checkpointing, run) the next steps. */
export const DISCOVERY_STEP_ID = "step";

/** Event names the engine emits itself. */
export const Events = {
  invoked: "inngest/function.invoked",
  failed: "inngest/function.failed",
  cancelled: "inngest/function.cancelled",
  scheduled: "inngest/scheduled.timer",
} as const;

/** Opcodes in a 206 response (and in checkpoints). */
export const Op = {
  stepRun: "StepRun",
  step: "Step", // legacy name of StepRun
  stepPlanned: "StepPlanned",
  stepError: "StepError",
  stepFailed: "StepFailed",
  sleep: "Sleep",
  waitForEvent: "WaitForEvent",
  invokeFunction: "InvokeFunction",
  runComplete: "RunComplete",
} as const;

/** Call request body `version` (SDK 4.x). */
export const REQUEST_VERSION = 2;

/** Run statuses as stored and reported by `GET /v1/runs/:id`. */
export const RunStatus = {
  queued: "queued",
  running: "running",
  completed: "completed",
  failed: "failed",
  cancelled: "cancelled",
} as const;
export type RunStatus = (typeof RunStatus)[keyof typeof RunStatus];

/** Queue item kinds. */
export const ItemKind = {
  /** an HTTP call to the app (discovery when step_id is null, else one planned step) */
  call: "call",
  /** records `memo` for `memo_id` (sleep wake-up, wait/invoke timeout) then continues the run */
  timer: "timer",
  /** flushes an event batch whose timeout passed */
  batch: "batch",
} as const;

/** Limits and defaults. */
export const Limits = {
  maxEventBytes: 512 * 1024,
  maxRequestBytes: 3 * 1024 * 1024,
  /** event `id` de-duplication window */
  eventIdTtlHours: 24,
  /** idempotency key window */
  idempotencyTtlHours: 24,
  /** `retries` when a function does not set it (Inngest's default): 3 retries → 4 attempts */
  defaultRetries: 3,
} as const;

/** The error a memo holds when a step was never resumed before its deadline. */
export const TIMEOUT_ERROR_NAME = "InngestTimeoutError";
