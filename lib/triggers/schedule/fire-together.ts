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
 * The first half of firing every schedule due at one instant `at` together, across workspaces,
 * so a second that many schedules share (on the hour, month end) costs one batch of run starts
 * (lib/runs/start-runs.ts) instead of one start per schedule: run by each tick as it wakes, a
 * little before its time (`TICK_LEAD_MS`, lib/scheduler/consts.ts), it claims for this tick
 * ({@link claimSlot}) the schedules due at `at` that no tick has claimed and that need no more
 * than a start: no jitter, no slots buffered behind a run, overlap `allow_all` or no run still
 * going, and `at` their one due slot. The first tick to wake claims them all; {@link fireClaimed}
 * fires them at `at`.
 *
 * Returns true when this tick's own slot is another tick's to fire: it then only arms its next
 * tick, at once, and leaves the moment itself to the one that fires (fewer calls competing with
 * the batch). A late tick (past {@link ON_TIME_GRACE_MS}) claims nothing: each late slot's own
 * tick applies its catch-up policy.
 */
export async function claimDueTogether(leaderId: string, at: Date, now: Date): Promise<boolean> {
  const db = getPrisma();
  if (now.getTime() - at.getTime() <= ON_TIME_GRACE_MS) {
    const rows = (await db.trigger.findMany({
      where: { type: "schedule", enabled: true, pausedAt: null, nextFireAt: at, OR: [{ slotClaimedAt: null }, { slotClaimedAt: { lt: at } }] },
      select: SCHEDULED_SELECT,
      orderBy: { id: "asc" },
      take: MAX_TOGETHER,
    })) as ScheduledTrigger[];
    const simple = rows.flatMap((r) => {
      const config = simpleConfig(r, at, now);
      return config ? [{ id: r.id, overlap: config.overlap }] : [];
    });
    // a slot whose trigger still has a run going needs its overlap policy: its own tick decides
    const guarded = simple.filter((r) => r.overlap !== "allow_all").map((r) => r.id);
    const busy = guarded.length
      ? new Set((await db.run.groupBy({ by: ["triggerId"], where: { triggerId: { in: guarded }, status: { in: [...ACTIVE_RUN] } } })).map((g) => g.triggerId))
      : new Set<string | null>();
    const eligible = simple.filter((r) => !busy.has(r.id)).map((r) => r.id);
    if (eligible.length) {
      const claimed = await db.$queryRaw<{ id: string }[]>`
        update "Trigger" set "slotClaimedAt" = ${at}, "slotClaimedBy" = ${leaderId}
         where "id" = any(${eligible}) and "nextFireAt" = ${at}
           and ("slotClaimedAt" is null or "slotClaimedAt" < ${at})
        returning "id"`;
      // its own slot just claimed by this tick: nobody else's to fire
      if (claimed.some((c) => c.id === leaderId)) return false;
    }
  }
  const own = await db.trigger.findFirst({ where: { id: leaderId }, select: { slotClaimedAt: true, slotClaimedBy: true } });
  return own?.slotClaimedAt?.getTime() === at.getTime() && own.slotClaimedBy !== null && own.slotClaimedBy !== leaderId;
}

/**
 * A schedule's config when its slot at `at` needs no more than a start, exactly what its own
 * tick would do: no slots buffered behind a run, no jitter, and `at` its one due slot (no newer
 * one due by `now`). Null otherwise.
 */
function simpleConfig(r: ScheduledTrigger, at: Date, now: Date) {
  if (!r.graphId || (r.state as { buffered?: unknown[] } | null)?.buffered?.length) return null;
  try {
    const config = scheduleConfig(r.config as TScheduleTrigger);
    const after = nextSlot(config, at);
    return config.jitterMs === 0 && (!after || after.getTime() > Math.max(now.getTime(), at.getTime())) ? config : null;
  } catch {
    return null;
  }
}

/**
 * The second half: fires, at `at`, every schedule this tick claimed for `at` and has not fired
 * yet ({@link claimDueTogether}), in one batch per workspace. A claim a re-arm cleared (the
 * schedule was edited, paused or archived since) is not fired; a paused or disabled one is not
 * either. Run again by a retried step, or by the tick after it went stale, it fires what is left.
 */
export async function fireClaimed(leaderId: string, at: Date, now: Date): Promise<number> {
  const db = getPrisma();
  const rows = (await db.trigger.findMany({
    where: { slotClaimedAt: at, slotClaimedBy: leaderId, type: "schedule", enabled: true, pausedAt: null },
    select: SCHEDULED_SELECT,
    orderBy: { id: "asc" },
  })) as ScheduledTrigger[];
  if (!rows.length) return 0;
  const dedupeKey = at.toISOString();
  const fired = new Set((await db.triggerFire.findMany({ where: { triggerId: { in: rows.map((r) => r.id) }, dedupeKey }, select: { triggerId: true } })).map((f) => f.triggerId));
  const due = rows.filter((r) => !fired.has(r.id));
  const byWorkspace = new Map<string, ScheduledTrigger[]>();
  for (const r of due) byWorkspace.set(r.workspaceId, [...(byWorkspace.get(r.workspaceId) ?? []), r]);
  for (const [workspaceId, triggers] of byWorkspace) {
    const ctx = await systemContext(workspaceId);
    await fireTriggers(
      ctx,
      triggers.map((trigger) => ({
        trigger,
        fire: { event: scheduleEvent(trigger, scheduleConfig(trigger.config as TScheduleTrigger), at, now), input: {}, dedupeKey, intendedAt: at },
      })),
    );
  }
  return due.length;
}
