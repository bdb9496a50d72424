import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { AppError, isRetryableCode, toPublicError } from "../errors";
import { evaluateCondition } from "../graphs/spec/conditions";
import { isPlainObject } from "../graphs/spec/json";
import { renderValue } from "../graphs/spec/template";
import { startRun } from "../runs/start-run";
import { recordFire, type FireOutcome } from "./record-fire";

/** A Trigger row, as firing needs it (a graph's trigger: `graphId` is set). */
export interface TriggerRow {
  id: string;
  graphId: string | null;
  name: string;
  type: string;
  condition: string | null;
  enabled: boolean;
  pausedAt: Date | null;
  /** the trigger's declaration; its `input` mapping, when set, shapes the run's input */
  config?: unknown;
}

export interface FireResult {
  triggerId: string;
  trigger: string;
  graphId: string | null;
  outcome: FireOutcome;
  runId: string | null;
  reason: string | null;
  /** the recorded TriggerFire */
  fireId: string;
  /** set when backpressure refused the fire (`throttled`, `queue_full`): when to try again */
  retryAfterMs?: number;
  /** set on an `error` the same fire may get past when tried again (a database or engine hiccup, not bad input) */
  retryable?: true;
}

/**
 * The run input a fire produces: the trigger's `input` mapping rendered over `event` (what the
 * trigger received), or the natural payload when it has none.
 *
 * @example
 * mapTriggerInput({ input: { ticket: "{{event.body.id}}" } }, { body: { id: 7 } }, {}); // { ticket: 7 }
 */
export function mapTriggerInput(config: unknown, event: unknown, natural: unknown): unknown {
  const mapping = isPlainObject(config) ? config.input : undefined;
  if (mapping === undefined) return natural;
  return renderValue(mapping, { event });
}

/** AppError codes a run start can refuse with, as fire outcomes. */
const REFUSALS: Record<string, FireOutcome> = {
  rate_limited: "throttled",
  queue_full: "queue_full",
  budget_exceeded: "budget",
  graph_disabled: "paused",
};

/**
 * Fires one trigger: unless it is paused or its condition (CEL over `event`) is false, starts a
 * run of its graph with the mapped input, once per `dedupeKey` (the run's idempotency key is
 * the trigger and the key, so concurrent duplicates get the same run). Every fire is recorded
 * (the scheduler's view: meant vs what ran).
 */
export async function fireTrigger(
  ctx: WorkspaceContext,
  trigger: TriggerRow,
  fire: { event: Record<string, unknown>; input: unknown; dedupeKey: string; intendedAt?: Date },
): Promise<FireResult> {
  const done = async (outcome: FireOutcome, reason: string | null, runId: string | null = null, retryAfterMs?: number): Promise<FireResult> => {
    const fireId = await recordFire(ctx, { trigger, intendedAt: fire.intendedAt ?? new Date(), dedupeKey: fire.dedupeKey, outcome, reason, runId, payload: fire.event });
    return { triggerId: trigger.id, trigger: trigger.name, graphId: trigger.graphId, outcome, runId, reason, fireId, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  };
  if (!trigger.graphId) return done("error", "This trigger starts no graph.");
  if (!trigger.enabled || trigger.pausedAt) return done("paused", "The trigger is paused.");
  if (trigger.condition) {
    let holds: boolean;
    try {
      holds = evaluateCondition(trigger.condition, { event: fire.event }, "trigger");
    } catch (err) {
      return done("error", (err as Error).message);
    }
    if (!holds) return done("condition_false", `Condition ${trigger.condition} is false.`);
  }
  let input: unknown;
  try {
    input = mapTriggerInput(trigger.config, fire.event, fire.input);
  } catch (err) {
    return done("error", `The trigger's input mapping failed: ${(err as Error).message}`);
  }
  if (!isPlainObject(input)) return done("error", "The trigger's payload is not a JSON object, so it cannot be the run's input.");
  try {
    const started = await startRun(
      ctx,
      trigger.graphId,
      { input, idempotencyKey: `trigger:${trigger.id}:${fire.dedupeKey}` },
      { triggerId: trigger.id, startedBy: `trigger:${trigger.name}`, requestedAt: fire.intendedAt },
    );
    // debounced / coalesced: the fire went into a run another request created
    if (started.created || started.outcome) return done(started.outcome ?? "started", started.reason ?? null, started.runId);
    return done("duplicate", "Already delivered: this is the run it started.", started.runId);
  } catch (err) {
    const refusal = err instanceof AppError ? REFUSALS[err.code] : undefined;
    if (refusal) {
      const retryAfter = Number((err as AppError).headers?.["Retry-After"]);
      return done(refusal, (err as AppError).message, null, Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined);
    }
    // a database or programming error is logged under a reference, never shown with the fire
    const failed = await done("error", toPublicError(err, { triggerId: trigger.id }).message);
    return isRetryableCode((err as { code?: unknown }).code) ? { ...failed, retryable: true } : failed;
  }
}
