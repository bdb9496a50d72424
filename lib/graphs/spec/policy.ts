/**
 * Effective per-node policies: what a node gets when the spec leaves something out. Specs are
 * stored as written (see `schema.ts`), so the runtime asks here instead of reading fields.
 */
import { parseDuration } from "./duration";
import type { TBackoff, TGraphSpec, TNodeSpec } from "./schema";

/** Backoff used when a retry policy has none. */
export const DEFAULT_BACKOFF: TBackoff = { initialMs: 1_000, factor: 2, maxMs: 60_000 };

/** A retry policy with every field resolved. */
export interface TResolvedRetryPolicy {
  attempts: number;
  backoff: TBackoff;
}

/**
 * The node's retry policy: its own, else the graph's, else a single attempt. A node's own
 * policy replaces the graph's as a whole (no field-by-field merge), so what the node says is
 * all there is to read.
 *
 * @example
 * retryPolicyFor({ name: "g", nodes: [], retries: { attempts: 3 } }, node);
 * // { attempts: 3, backoff: { initialMs: 1000, factor: 2, maxMs: 60000 } }
 */
export function retryPolicyFor(spec: Pick<TGraphSpec, "retries">, node: Pick<TNodeSpec, "retries">): TResolvedRetryPolicy {
  const policy = node.retries ?? spec.retries;
  return { attempts: policy?.attempts ?? 1, backoff: policy?.backoff ?? DEFAULT_BACKOFF };
}

/**
 * Delay before retry number `retry` (1 = the first retry, i.e. the second attempt).
 *
 * @example
 * backoffDelayMs({ initialMs: 1000, factor: 2, maxMs: 5000 }, 1); // 1000
 * backoffDelayMs({ initialMs: 1000, factor: 2, maxMs: 5000 }, 4); // 5000 (capped)
 */
export function backoffDelayMs(backoff: TBackoff, retry: number): number {
  if (!Number.isInteger(retry) || retry < 1) throw new Error(`backoffDelayMs: retry must be a whole number from 1, got ${retry}`);
  return Math.min(backoff.maxMs, Math.round(backoff.initialMs * backoff.factor ** (retry - 1)));
}

/**
 * The node's time limit per attempt in milliseconds: its own `timeout`, else the graph's
 * `timeouts.node`, else `undefined` (no limit).
 *
 * @example
 * nodeTimeoutMs({ name: "g", nodes: [], timeouts: { node: "2m" } }, { timeout: "30s" }); // 30000
 */
export function nodeTimeoutMs(spec: Pick<TGraphSpec, "timeouts">, node: Pick<TNodeSpec, "timeout">): number | undefined {
  const text = node.timeout ?? spec.timeouts?.node;
  return text === undefined ? undefined : parseDuration(text);
}

/**
 * The whole run's time limit in milliseconds, if any.
 *
 * @example
 * runTimeoutMs({ name: "g", nodes: [], timeouts: { run: "7d" } }); // 604800000
 */
export function runTimeoutMs(spec: Pick<TGraphSpec, "timeouts">): number | undefined {
  return spec.timeouts?.run === undefined ? undefined : parseDuration(spec.timeouts.run);
}

/**
 * The node's spending limit in micro-USD (integers, so sums do not drift): its own
 * `budgetUsd`, else the graph's `budget.perNodeUsd`, else `undefined`.
 *
 * @example
 * nodeBudgetMicroUsd({ name: "g", nodes: [], budget: { perNodeUsd: 0.5 } }, {}); // 500000
 */
export function nodeBudgetMicroUsd(spec: Pick<TGraphSpec, "budget">, node: Pick<TNodeSpec, "budgetUsd">): number | undefined {
  const usd = node.budgetUsd ?? spec.budget?.perNodeUsd;
  return usd === undefined ? undefined : toMicroUsd(usd);
}

/**
 * US dollars as integer micro-USD, rounded to the nearest micro-dollar.
 *
 * @example
 * toMicroUsd(0.1 + 0.2); // 300000
 */
export function toMicroUsd(usd: number): number {
  return Math.round(usd * 1_000_000);
}
