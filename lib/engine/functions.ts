/**
 * Function configs as the SDK registers them (INNGEST-PROTOCOL.md §1), normalised
 * into what the engine needs, plus the pure helpers that match events to them.
 */
import { DISCOVERY_STEP_ID, Limits, Query } from "./consts";
import { parseDuration } from "./durations";

/** A concurrency constraint. `scope` fn = per function, env/account = shared across functions by key. */
export interface ConcurrencyRule {
  limit: number;
  key?: string;
  scope: "fn" | "env" | "account";
}

export interface Trigger {
  event?: string;
  expression?: string;
  cron?: string;
  /** cron only: each tick starts the run after a random delay up to this */
  jitterMs?: number;
}

/** A synced function, normalised. */
export interface FunctionDef {
  id: string;
  uuid: string;
  appId: string;
  /** step URL without `stepId` (and without `deployId`) */
  url: string;
  triggers: Trigger[];
  /** `retries.attempts` is a retry count, so max attempts = retries + 1 (Inngest's reading). */
  maxAttempts: number;
  concurrency: ConcurrencyRule[];
  throttle?: { limit: number; periodMs: number; burst: number; key?: string };
  rateLimit?: { limit: number; periodMs: number; key?: string };
  debounce?: { periodMs: number; timeoutMs?: number; key?: string };
  priorityRun?: string;
  startTimeoutMs?: number;
  finishTimeoutMs?: number;
  batch?: { maxSize: number; timeoutMs: number; key?: string; if?: string };
  idempotency?: string;
  /** at most one active run per key: a new one is skipped, or replaces (cancels) the active one */
  singleton?: { mode: "skip" | "cancel"; key?: string };
  cancel: { event: string; if?: string; timeoutMs?: number }[];
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Removes `deployId` and `stepId` from a step URL so it can be stored and re-parameterised. */
export function normaliseStepUrl(raw: string): string {
  const u = new URL(raw);
  u.searchParams.delete(Query.deployId);
  u.searchParams.delete(Query.stepId);
  return u.toString();
}

/** The URL of one call: discovery (`stepId=step`) or one planned step. */
export function callUrl(fnUrl: string, stepId: string | null): string {
  const u = new URL(fnUrl);
  u.searchParams.set(Query.stepId, stepId ?? DISCOVERY_STEP_ID);
  return u.toString();
}

function normaliseConcurrency(c: unknown): ConcurrencyRule[] {
  if (c === undefined || c === null) return [];
  const list = Array.isArray(c) ? c : [c];
  return list
    .map((x): ConcurrencyRule | null => {
      if (typeof x === "number") return x > 0 ? { limit: x, scope: "fn" } : null;
      if (x && typeof x === "object" && typeof x.limit === "number" && x.limit > 0) {
        const scope = x.scope === "env" || x.scope === "account" ? x.scope : "fn";
        return { limit: x.limit, key: typeof x.key === "string" ? x.key : undefined, scope };
      }
      return null;
    })
    .filter((x): x is ConcurrencyRule => x !== null)
    .slice(0, 2);
}

/** Normalises one registered function config. Throws a message naming the function and field on bad input. */
export function normaliseFunction(cfg: Json, appId: string, uuid = ""): FunctionDef {
  if (!cfg || typeof cfg.id !== "string" || !cfg.id) throw new Error("A function config has no `id`.");
  const stepUrl = cfg.steps?.[DISCOVERY_STEP_ID]?.runtime?.url;
  if (typeof stepUrl !== "string") {
    throw new Error(`Function ${cfg.id} has no steps.step.runtime.url; re-sync the app with a current SDK.`);
  }
  const retries = cfg.steps?.[DISCOVERY_STEP_ID]?.retries?.attempts;
  const triggers: Trigger[] = Array.isArray(cfg.triggers)
    ? cfg.triggers.map((t: Json) => ({
        event: typeof t.event === "string" ? t.event : undefined,
        expression: typeof t.expression === "string" ? t.expression : undefined,
        cron: typeof t.cron === "string" ? t.cron : undefined,
        jitterMs: typeof t.cron === "string" ? parseDuration(t.jitter) : undefined,
      }))
    : [];
  const dur = (v: unknown) => parseDuration(v);
  const def: FunctionDef = {
    id: cfg.id,
    uuid,
    appId,
    url: normaliseStepUrl(stepUrl),
    triggers,
    maxAttempts: (typeof retries === "number" && retries >= 0 ? retries : Limits.defaultRetries) + 1,
    concurrency: normaliseConcurrency(cfg.concurrency),
    cancel: Array.isArray(cfg.cancel)
      ? cfg.cancel
          .filter((c: Json) => typeof c?.event === "string")
          .map((c: Json) => ({ event: c.event, if: c.if, timeoutMs: dur(c.timeout) }))
      : [],
  };
  if (cfg.throttle?.limit) {
    def.throttle = {
      limit: cfg.throttle.limit,
      periodMs: dur(cfg.throttle.period) ?? 60_000,
      burst: cfg.throttle.burst ?? 1,
      key: cfg.throttle.key,
    };
  }
  if (cfg.rateLimit?.limit) {
    def.rateLimit = { limit: cfg.rateLimit.limit, periodMs: dur(cfg.rateLimit.period) ?? 60_000, key: cfg.rateLimit.key };
  }
  if (cfg.debounce?.period) {
    def.debounce = { periodMs: dur(cfg.debounce.period) ?? 0, timeoutMs: dur(cfg.debounce.timeout), key: cfg.debounce.key };
  }
  if (typeof cfg.priority?.run === "string") def.priorityRun = cfg.priority.run;
  if (cfg.timeouts) {
    def.startTimeoutMs = dur(cfg.timeouts.start);
    def.finishTimeoutMs = dur(cfg.timeouts.finish);
  }
  if (cfg.batchEvents?.maxSize) {
    def.batch = {
      maxSize: cfg.batchEvents.maxSize,
      timeoutMs: dur(cfg.batchEvents.timeout) ?? 1000,
      key: cfg.batchEvents.key,
      if: cfg.batchEvents.if,
    };
  }
  if (typeof cfg.idempotency === "string" && cfg.idempotency) def.idempotency = cfg.idempotency;
  if (cfg.singleton?.mode === "skip" || cfg.singleton?.mode === "cancel") {
    def.singleton = { mode: cfg.singleton.mode, key: typeof cfg.singleton.key === "string" ? cfg.singleton.key : undefined };
  } else if (cfg.singleton) {
    throw new Error(`Function ${cfg.id}: singleton.mode must be "skip" or "cancel".`);
  }
  return def;
}

/** Whether an event name matches a trigger pattern (`x/*` matches every name under `x/`). */
export function eventNameMatches(pattern: string, name: string): boolean {
  if (pattern === name) return true;
  if (pattern.endsWith("*")) return name.startsWith(pattern.slice(0, -1));
  return false;
}
