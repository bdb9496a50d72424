import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { AppError, isRetryableCode, toPublicError } from "../errors";
import { evaluateCondition } from "../graphs/spec/conditions";
import { isPlainObject } from "../graphs/spec/json";
import { renderValue } from "../graphs/spec/template";
import { startRuns, type RunStartOutcome, type RunStartRequest } from "../runs/start-runs";
import { recordFires, type FireOutcome } from "./record-fire";

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

/** What firing a trigger needs: the payload it received, the run input, and its dedupe key. */
export interface FireRequest {
  event: Record<string, unknown>;
  input: unknown;
  dedupeKey: string;
  intendedAt?: Date;
}

type Settled = { outcome: FireOutcome; reason: string | null; runId?: string | null; retryAfterMs?: number; retryable?: true };

/** A fire decided before any run start (paused, condition false, a bad mapping), or the run input to start with. */
function prepareFire(trigger: TriggerRow, fire: FireRequest): Settled | { input: Record<string, unknown> } {
  if (!trigger.graphId) return { outcome: "error", reason: "This trigger starts no graph." };
  if (!trigger.enabled || trigger.pausedAt) return { outcome: "paused", reason: "The trigger is paused." };
  if (trigger.condition) {
    let holds: boolean;
    try {
      holds = evaluateCondition(trigger.condition, { event: fire.event }, "trigger");
    } catch (err) {
      return { outcome: "error", reason: (err as Error).message };
    }
    if (!holds) return { outcome: "condition_false", reason: `Condition ${trigger.condition} is false.` };
  }
  let input: unknown;
  try {
    input = mapTriggerInput(trigger.config, fire.event, fire.input);
  } catch (err) {
    return { outcome: "error", reason: `The trigger's input mapping failed: ${(err as Error).message}` };
  }
  if (!isPlainObject(input)) return { outcome: "error", reason: "The trigger's payload is not a JSON object, so it cannot be the run's input." };
  return { input };
}

/** The run start a fire asks for: once per trigger and dedupe key (the run's idempotency key). */
function startOf(trigger: TriggerRow, fire: FireRequest, input: Record<string, unknown>): RunStartRequest {
  return {
    graphId: trigger.graphId!,
    req: { input, idempotencyKey: `trigger:${trigger.id}:${fire.dedupeKey}` },
    opts: { triggerId: trigger.id, startedBy: `trigger:${trigger.name}`, requestedAt: fire.intendedAt },
  };
}

/** A fire's outcome from what its run start did. */
function settleStart(trigger: TriggerRow, started: RunStartOutcome): Settled {
  if (started.ok) {
    const r = started.result;
    // debounced / coalesced: the fire went into a run another request created
    if (r.created || r.outcome) return { outcome: r.outcome ?? "started", reason: r.reason ?? null, runId: r.runId };
    return { outcome: "duplicate", reason: "Already delivered: this is the run it started.", runId: r.runId };
  }
  const err = started.error;
  const refusal = err instanceof AppError ? REFUSALS[err.code] : undefined;
  if (refusal) {
    const retryAfter = Number((err as AppError).headers?.["Retry-After"]);
    return { outcome: refusal, reason: (err as AppError).message, ...(Number.isFinite(retryAfter) ? { retryAfterMs: retryAfter * 1000 } : {}) };
  }
  // a database or programming error is logged under a reference, never shown with the fire
  return { outcome: "error", reason: toPublicError(err, { triggerId: trigger.id }).message, ...(isRetryableCode((err as { code?: unknown }).code) ? { retryable: true as const } : {}) };
}

/**
 * Fires one trigger: unless it is paused or its condition (CEL over `event`) is false, starts a
 * run of its graph with the mapped input, once per `dedupeKey` (the run's idempotency key is
 * the trigger and the key, so concurrent duplicates get the same run). Every fire is recorded
 * (the scheduler's view: meant vs what ran).
 */
export async function fireTrigger(ctx: WorkspaceContext, trigger: TriggerRow, fire: FireRequest): Promise<FireResult> {
  const [result] = await fireTriggers(ctx, [{ trigger, fire }]);
  return result!;
}

/**
 * Fires triggers of one workspace together, each as {@link fireTrigger} would, with their run
 * starts made as one batch (lib/runs/start-runs.ts) and their fires recorded in one statement:
 * what lets many schedules due in the same second start in one go. Results are in order.
 */
export async function fireTriggers(ctx: WorkspaceContext, fires: { trigger: TriggerRow; fire: FireRequest }[]): Promise<FireResult[]> {
  const settled: (Settled | undefined)[] = [];
  const starts: { i: number; start: RunStartRequest }[] = [];
  fires.forEach(({ trigger, fire }, i) => {
    const prepared = prepareFire(trigger, fire);
    if ("input" in prepared) starts.push({ i, start: startOf(trigger, fire, prepared.input) });
    else settled[i] = prepared;
  });
  const record = (i: number, s: Settled) => {
    const { trigger, fire } = fires[i]!;
    return { trigger, intendedAt: fire.intendedAt ?? new Date(), dedupeKey: fire.dedupeKey, outcome: s.outcome, reason: s.reason, runId: s.runId ?? null, payload: fire.event };
  };
  // a fire is recorded once its run exists, before the engine is told (as a run start is the
  // row): the scheduler's view shows the start as it happens, not after the runs begin to execute
  const ids: string[] = [];
  const started = await startRuns(
    ctx,
    starts.map((s) => s.start),
    {
      created: async (made) => {
        const early = made.map((m) => starts[m.index]!.i);
        const recorded = await recordFires(
          ctx,
          made.map((m, k) => record(early[k]!, { outcome: "started", reason: null, runId: m.runId })),
        );
        early.forEach((i, k) => (ids[i] = recorded[k]!));
      },
    },
  );
  starts.forEach((s, j) => (settled[s.i] = settleStart(fires[s.i]!.trigger, started[j]!)));
  // recorded as started, then the engine could not be told: the fire says so
  const undone = fires.map((_, i) => i).filter((i) => ids[i] !== undefined && settled[i]!.outcome !== "started");
  for (const i of undone) await ctx.db.triggerFire.updateMany({ where: { id: ids[i]! }, data: { outcome: settled[i]!.outcome, reason: settled[i]!.reason } });
  const rest = fires.map((_, i) => i).filter((i) => ids[i] === undefined);
  const restIds = await recordFires(
    ctx,
    rest.map((i) => record(i, settled[i]!)),
  );
  rest.forEach((i, k) => (ids[i] = restIds[k]!));
  return fires.map(({ trigger }, i) => {
    const s = settled[i]!;
    return {
      triggerId: trigger.id,
      trigger: trigger.name,
      graphId: trigger.graphId,
      outcome: s.outcome,
      runId: s.runId ?? null,
      reason: s.reason,
      fireId: ids[i]!,
      ...(s.retryAfterMs !== undefined ? { retryAfterMs: s.retryAfterMs } : {}),
      ...(s.retryable ? { retryable: true as const } : {}),
    };
  });
}
