import "server-only";
import type { WorkspaceContext } from "../../auth/context";
import { isPlainObject } from "../../graphs/spec/json";
import { cancelRun } from "../../runs/cancel-run";
import type { ScheduledTrigger, TickHandler } from "../../scheduler/types";
import { fireTrigger, type FireResult } from "../fire-trigger";
import { recordFire } from "../record-fire";
import { nextSlot, scheduleConfig, scheduleEvent, type ScheduleConfig, type TScheduleTrigger } from "./cron-schedule";
import { ACTIVE_RUN, claimDueTogether, claimSlot, fireClaimed } from "./fire-together";
import { decideOverlap } from "./overlap";
import { jitterOffsetMs, planSlots } from "./plan-slots";

/** What a schedule keeps between ticks in `Trigger.state`. */
interface ScheduleState {
  /** slots (ISO) waiting for the trigger's running run to end (overlap buffer_one / buffer_all), oldest first */
  buffered?: string[];
}

function configOf(trigger: Pick<ScheduledTrigger, "config">): ScheduleConfig {
  return scheduleConfig(trigger.config as TScheduleTrigger);
}

function stateOf(trigger: Pick<ScheduledTrigger, "state">): ScheduleState {
  return isPlainObject(trigger.state) ? (trigger.state as ScheduleState) : {};
}

/** When a slot fires: the slot plus its jitter. */
function wakeOf(trigger: Pick<ScheduledTrigger, "id">, config: ScheduleConfig, slot: Date): Date {
  return new Date(slot.getTime() + jitterOffsetMs(trigger.id, slot, config.jitterMs));
}

/** The slot an armed tick stands for (its `intendedAt` is the slot plus the slot's jitter). */
export function slotOfWake(trigger: Pick<ScheduledTrigger, "id">, config: ScheduleConfig, wake: Date): Date {
  if (!config.jitterMs) return wake;
  let best: Date | null = null;
  for (let s = nextSlot(config, new Date(wake.getTime() - config.jitterMs - 1)); s && s <= wake; s = nextSlot(config, s)) {
    if (wakeOf(trigger, config, s).getTime() === wake.getTime()) return s;
    best = s;
  }
  return best ?? wake;
}

async function alreadyFired(ctx: WorkspaceContext, triggerId: string, dedupeKey: string): Promise<boolean> {
  return (await ctx.db.triggerFire.count({ where: { triggerId, dedupeKey } })) > 0;
}

async function activeRuns(ctx: WorkspaceContext, triggerId: string) {
  return ctx.db.run.findMany({ where: { triggerId, status: { in: [...ACTIVE_RUN] } }, select: { id: true }, orderBy: { createdAt: "asc" } });
}

async function writeState(ctx: WorkspaceContext, triggerId: string, state: ScheduleState) {
  await ctx.db.trigger.updateMany({ where: { id: triggerId }, data: { state: state as never } });
}

/**
 * Starts the slots buffered behind runs that have ended, oldest first, one at a time: returns
 * when one started a run (or one is still going, or none waits). Serialised per trigger by the
 * scheduler's functions (their concurrency key is the trigger), so state is read and written
 * without races.
 */
export async function startBufferedSlots(ctx: WorkspaceContext, triggerId: string, now: Date = new Date()): Promise<FireResult[]> {
  const results: FireResult[] = [];
  for (;;) {
    const row = await ctx.db.trigger.findFirst({ where: { id: triggerId, type: "schedule" } });
    if (!row) return results;
    const state = stateOf(row);
    const [first, ...rest] = state.buffered ?? [];
    if (!first) return results;
    if ((await activeRuns(ctx, triggerId)).length) return results;
    await writeState(ctx, triggerId, { ...state, buffered: rest });
    const config = configOf(row);
    const slot = new Date(first);
    const result = await fireTrigger(ctx, row, { event: scheduleEvent(row as ScheduledTrigger, config, slot, now), input: {}, dedupeKey: first, intendedAt: wakeOf(row, config, slot) });
    results.push(result);
    if (result.runId && (result.outcome === "started" || result.outcome === "duplicate")) return results;
  }
}

/** Fires one due slot under the overlap policy; returns the schedule's state after it. */
async function handleSlot(ctx: WorkspaceContext, trigger: ScheduledTrigger, config: ScheduleConfig, slot: Date, now: Date): Promise<ScheduleState> {
  const dedupeKey = slot.toISOString();
  // a repeated tick (a retried step, a second chain for one slot) does a slot once, and a slot
  // another tick claimed (firing the schedules due at that instant together) is that tick's
  if (await alreadyFired(ctx, trigger.id, dedupeKey)) return stateOf(trigger);
  if (!(await claimSlot(trigger.id, slot, trigger.id))) return stateOf(trigger);
  const intendedAt = wakeOf(trigger, config, slot);
  const event = scheduleEvent(trigger, config, slot, now);
  // allow_all never looks at runs still going
  const active = config.overlap === "allow_all" ? [] : await activeRuns(ctx, trigger.id);
  const row = trigger;
  const state = stateOf(row);
  const buffered = state.buffered ?? [];
  const decision = decideOverlap(config.overlap, { active: active.length, buffered: buffered.length });
  const record = (outcome: "overlap" | "buffered", reason: string) => recordFire(ctx, { trigger: row, intendedAt, dedupeKey, outcome, reason, runId: active[0]?.id ?? null, payload: event });
  switch (decision.action) {
    case "skip":
      await record("overlap", decision.reason);
      return state;
    case "buffer": {
      const next = { ...state, buffered: [...buffered, dedupeKey] };
      await writeState(ctx, trigger.id, next);
      await record(
        "buffered",
        active.length ? `Waits for run ${active[0]!.id} to end (overlap ${config.overlap}).` : `Waits behind ${buffered.length} earlier buffered slot(s) (overlap ${config.overlap}).`,
      );
      return next;
    }
    case "cancel_then_fire":
      for (const run of active) await cancelRun(ctx, run.id).catch(() => {});
      break;
    default:
      break;
  }
  await fireTrigger(ctx, row, { event, input: {}, dedupeKey, intendedAt });
  return state;
}

/**
 * A `schedule` trigger's ticks: one tick per slot (armed at the slot plus its jitter). A tick
 * first starts slots still buffered behind ended runs, then plans the due slots (`planSlots`:
 * catch-up after downtime), records the missed ones, and fires the others under the overlap
 * policy. The slot time (ISO, UTC) is the dedupe key, so a repeated tick starts nothing twice.
 */
export const cronHandler: TickHandler = {
  next(trigger, after) {
    const config = configOf(trigger);
    // the tick stands for a slot: skip slots whose jittered time is already behind `after`
    let slot = nextSlot(config, new Date(after.getTime() - config.jitterMs));
    while (slot && wakeOf(trigger, config, slot) <= after) slot = nextSlot(config, slot);
    return slot ? wakeOf(trigger, config, slot) : null;
  },
  together: { claim: claimDueTogether, fire: fireClaimed },
  async tick(ctx, trigger, { intendedAt, now }) {
    const config = configOf(trigger);
    if (stateOf(trigger).buffered?.length) {
      await startBufferedSlots(ctx, trigger.id, now);
      const fresh = await ctx.db.trigger.findFirst({ where: { id: trigger.id }, select: { state: true } });
      trigger = { ...trigger, state: fresh?.state ?? null };
    }
    const plan = planSlots(config, slotOfWake(trigger, config, intendedAt), now);
    const lateBy = (slot: Date) => Math.round((now.getTime() - slot.getTime()) / 1000);
    const trig = { id: trigger.id, graphId: trigger.graphId, name: trigger.name, type: trigger.type };
    if (plan.missedUncounted) {
      const { count, atLeast, from } = plan.missedUncounted;
      const dedupeKey = `${from.toISOString()}+${count}`;
      if (!(await alreadyFired(ctx, trigger.id, dedupeKey))) {
        await recordFire(ctx, {
          trigger: trig,
          intendedAt: from,
          dedupeKey,
          outcome: "missed",
          reason: `${atLeast ? "At least " : ""}${count} slot(s) from ${from.toISOString()} on were missed while the scheduler was down (listed one by one: the latest ${plan.missed.length}).`,
        });
      }
    }
    for (const slot of plan.missed) {
      const dedupeKey = slot.toISOString();
      if (await alreadyFired(ctx, trigger.id, dedupeKey)) continue;
      await recordFire(ctx, {
        trigger: trig,
        intendedAt: wakeOf(trigger, config, slot),
        dedupeKey,
        outcome: "missed",
        reason: `The scheduler reached this slot ${lateBy(slot)} s late (down or overloaded); catch-up ${config.catchUp.policy} ${config.catchUp.policy === "all" ? "takes slots within its window only" : "fires only the latest slot"}.`,
        payload: scheduleEvent(trigger, config, slot, now),
      });
    }
    for (const slot of plan.fire) trigger = { ...trigger, state: await handleSlot(ctx, trigger, config, slot, now) };
  },
};
