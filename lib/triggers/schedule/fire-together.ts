import "server-only";
import { getPrisma } from "../../db/client";
import { systemContext } from "../../runtime/system-context";
import { SCHEDULED_SELECT, type ScheduledTrigger } from "../../scheduler/types";
import { fireTriggers } from "../fire-trigger";
import { nextSlot, scheduleConfig, scheduleEvent, type TScheduleTrigger } from "./cron-schedule";
import { ON_TIME_GRACE_MS } from "./plan-slots";

/** At most this many schedules fire together in one tick; any more fire on their own ticks. */
export const MAX_TOGETHER = 1000;

/** Run statuses that have not ended: a run in one of them overlaps a new slot. */
export const ACTIVE_RUN = ["queued", "running", "waiting", "paused"] as const;

/**
 * Claims a schedule's slot for the tick of `by` (its own, or the one firing it together with
 * others). True when the slot is `by`'s to fire: newly claimed, or claimed by it before (a
 * retried step). False when another tick has claimed it: that tick fires it.
 */
export async function claimSlot(triggerId: string, slot: Date, by: string): Promise<boolean> {
  const n = await getPrisma().$executeRaw`
    update "Trigger" set "slotClaimedAt" = ${slot}, "slotClaimedBy" = ${by}
     where "id" = ${triggerId}
       and ("slotClaimedAt" is null or "slotClaimedAt" < ${slot} or ("slotClaimedAt" = ${slot} and "slotClaimedBy" = ${by}))`;
  return n > 0;
}

/**
 * Fires, with one tick, every schedule due at the same instant `at` (its armed `nextFireAt`),
 * across workspaces, so a second that many schedules share (on the hour, month end) costs one
 * engine wake-up and a batch of run starts (lib/runs/start-runs.ts) instead of one of each per
 * schedule. Taken together: schedules with no jitter, no slots buffered behind a run, and
 * overlap `allow_all` or no run still going — a slot that needs its overlap policy is left to
 * its own tick. Each is claimed first ({@link claimSlot}), so its own tick, when it wakes, finds
 * the slot fired (or being fired) and only arms the next one.
 *
 * `lead: false` (a tick that is no longer its trigger's) only finishes what this tick claimed
 * before and has not fired yet: a retried step, whose claimed slots would otherwise be lost.
 */
export async function fireDueTogether(leaderId: string, at: Date, opts: { now: Date; lead: boolean }): Promise<number> {
  const db = getPrisma();
  // a late tick leads nothing: each late slot's own tick applies its catch-up policy
  const lead = opts.lead && opts.now.getTime() - at.getTime() <= ON_TIME_GRACE_MS;
  const mine = { slotClaimedAt: at, slotClaimedBy: leaderId };
  const rows = (await db.trigger.findMany({
    where: lead
      ? { OR: [mine, { type: "schedule", enabled: true, pausedAt: null, nextFireAt: at, OR: [{ slotClaimedAt: null }, { slotClaimedAt: { lt: at } }] }] }
      : mine,
    select: { ...SCHEDULED_SELECT, slotClaimedAt: true, slotClaimedBy: true },
    orderBy: { id: "asc" },
    take: MAX_TOGETHER,
  })) as (ScheduledTrigger & { slotClaimedAt: Date | null; slotClaimedBy: string | null })[];
  // claimed by this tick before (a retried step): fired whatever the clock says now
  const ours = rows.filter((r) => r.slotClaimedBy === leaderId && r.slotClaimedAt?.getTime() === at.getTime());
  const simple = rows.filter((r) => {
    if (ours.includes(r) || r.type !== "schedule" || !r.graphId) return false;
    const state = r.state as { buffered?: unknown[] } | null;
    if (state?.buffered?.length) return false;
    try {
      const config = scheduleConfig(r.config as TScheduleTrigger);
      // exactly what its own tick would do: `at` is its one due slot (no jitter, no newer slot due yet)
      const after = nextSlot(config, at);
      return config.jitterMs === 0 && (!after || after > opts.now);
    } catch {
      return false;
    }
  });
  // a slot whose trigger still has a run going needs its overlap policy: its own tick decides
  const guarded = simple.filter((r) => scheduleConfig(r.config as TScheduleTrigger).overlap !== "allow_all").map((r) => r.id);
  const busy = guarded.length
    ? new Set((await db.run.groupBy({ by: ["triggerId"], where: { triggerId: { in: guarded }, status: { in: [...ACTIVE_RUN] } } })).map((g) => g.triggerId))
    : new Set<string | null>();
  const eligible = simple.filter((r) => !busy.has(r.id));
  const claimed = new Set(ours.map((r) => r.id));
  if (eligible.length) {
    const rows = await db.$queryRaw<{ id: string }[]>`
      update "Trigger" set "slotClaimedAt" = ${at}, "slotClaimedBy" = ${leaderId}
       where "id" = any(${eligible.map((r) => r.id)})
         and ("slotClaimedAt" is null or "slotClaimedAt" < ${at} or ("slotClaimedAt" = ${at} and "slotClaimedBy" = ${leaderId}))
      returning "id"`;
    for (const r of rows) claimed.add(r.id);
  }
  if (!claimed.size) return 0;
  const dedupeKey = at.toISOString();
  const fired = new Set((await db.triggerFire.findMany({ where: { triggerId: { in: [...claimed] }, dedupeKey }, select: { triggerId: true } })).map((f) => f.triggerId));
  const due = [...ours, ...eligible].filter((r) => claimed.has(r.id) && !fired.has(r.id));
  const byWorkspace = new Map<string, ScheduledTrigger[]>();
  for (const r of due) byWorkspace.set(r.workspaceId, [...(byWorkspace.get(r.workspaceId) ?? []), r]);
  for (const [workspaceId, triggers] of byWorkspace) {
    const ctx = await systemContext(workspaceId);
    await fireTriggers(
      ctx,
      triggers.map((trigger) => {
        const config = scheduleConfig(trigger.config as TScheduleTrigger);
        return {
          trigger,
          fire: { event: scheduleEvent(trigger, config, at, opts.now), input: {}, dedupeKey, intendedAt: at },
        };
      }),
    );
  }
  return due.length;
}
