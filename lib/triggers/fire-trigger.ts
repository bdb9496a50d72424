import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { evaluateCondition } from "../graphs/spec/conditions";
import { isPlainObject } from "../graphs/spec/json";
import { startRun } from "../runs/start-run";
import { recordFire, type FireOutcome } from "./record-fire";

/** A Trigger row, as firing needs it. */
export interface TriggerRow {
  id: string;
  graphId: string;
  name: string;
  type: string;
  condition: string | null;
  enabled: boolean;
  pausedAt: Date | null;
}

export interface FireResult {
  triggerId: string;
  trigger: string;
  graphId: string;
  outcome: FireOutcome;
  runId: string | null;
  reason: string | null;
}

/**
 * Fires one trigger: unless it is paused or its condition (CEL over `event`) is false, starts a
 * run of its graph with `input`, once per `dedupeKey` (the run's idempotency key is the trigger
 * and the key, so concurrent duplicates get the same run). Every fire is recorded.
 */
export async function fireTrigger(
  ctx: WorkspaceContext,
  trigger: TriggerRow,
  fire: { event: Record<string, unknown>; input: unknown; dedupeKey: string; intendedAt?: Date },
): Promise<FireResult> {
  const done = async (outcome: FireOutcome, reason: string | null, runId: string | null = null): Promise<FireResult> => {
    await recordFire(ctx, { trigger, intendedAt: fire.intendedAt ?? new Date(), dedupeKey: fire.dedupeKey, outcome, reason, runId, payload: fire.event });
    return { triggerId: trigger.id, trigger: trigger.name, graphId: trigger.graphId, outcome, runId, reason };
  };
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
  if (!isPlainObject(fire.input)) return done("error", "The trigger's payload is not a JSON object, so it cannot be the run's input.");
  try {
    const started = await startRun(
      ctx,
      trigger.graphId,
      { input: fire.input, idempotencyKey: `trigger:${trigger.id}:${fire.dedupeKey}` },
      { triggerId: trigger.id, startedBy: `trigger:${trigger.name}` },
    );
    return started.created ? done("started", null, started.runId) : done("duplicate", "Already delivered: this is the run it started.", started.runId);
  } catch (err) {
    return done("error", (err as Error).message);
  }
}
