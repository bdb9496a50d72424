import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { inngest } from "../events/client";
import { EVENTS, type TriggerTickArmedData } from "../events/names";
import { SCHEDULED_TYPES, TICK_HANDLERS } from "./handlers";
import { SCHEDULED_SELECT, type ScheduledTrigger } from "./types";

/** How a trigger's `lastError` starts when the engine could not be asked for its tick. */
export const ARM_FAILED = "The engine could not be told to arm the next tick";

/** The event that arms one tick; its id makes a repeated send (a retried step) arm nothing twice. */
export function tickEvent(workspaceId: string, triggerId: string, generation: number, at: Date) {
  return {
    name: EVENTS.triggerTickArmed,
    id: `tick:${triggerId}:${generation}:${at.toISOString()}`,
    data: { workspaceId, triggerId, generation, at: at.toISOString() } satisfies TriggerTickArmedData,
  };
}

/**
 * (Re)arms the scheduled triggers among `triggerIds` (schedule, watch, report): computes each
 * one's next tick, bumps its generation (so an older armed tick exits), and asks the engine for
 * the tick. Paused or non-scheduled triggers are disarmed. Call after creating, changing,
 * pausing or resuming a trigger. A trigger that cannot be armed keeps the reason in `lastError`
 * (its health) and the others are armed all the same.
 */
export async function armTriggers(ctx: WorkspaceContext, triggerIds: string[]): Promise<void> {
  if (!triggerIds.length) return;
  const rows = await ctx.db.trigger.findMany({ where: { id: { in: triggerIds }, type: { in: SCHEDULED_TYPES } }, select: SCHEDULED_SELECT });
  for (const row of rows) await armTrigger(ctx, row as ScheduledTrigger);
}

/**
 * Arms one trigger from `now` (or at `at`, a tick already due: the reconciler re-arming a lost
 * chain, whose tick then applies the catch-up policy). Returns the tick armed, or null.
 */
export async function armTrigger(ctx: WorkspaceContext, row: ScheduledTrigger, opts: { at?: Date; now?: Date } = {}): Promise<{ at: Date; generation: number } | null> {
  const now = opts.now ?? new Date();
  let at: Date | null = null;
  let error: string | null = null;
  if (row.enabled && !row.pausedAt) {
    try {
      at = opts.at ?? TICK_HANDLERS[row.type].next(row, now);
    } catch (err) {
      error = `Not armed: ${(err as Error).message}`;
    }
  }
  const { generation } = await ctx.db.trigger.update({
    where: { id: row.id },
    // a slot another tick claimed to fire together with its own is not fired after a re-arm (an
    // edit, a pause, an archive): the new chain decides (lib/triggers/schedule/fire-together.ts)
    data: { generation: { increment: 1 }, nextFireAt: at, slotClaimedAt: null, slotClaimedBy: null, ...(error ? { lastError: error, lastErrorAt: now } : {}) },
    select: { generation: true },
  });
  if (!at) return null;
  try {
    await inngest.send(tickEvent(ctx.workspace.id, row.id, generation, at));
  } catch (err) {
    // not armed after all: no `nextFireAt`, so the reconciler arms it within a minute (an
    // armed-looking row would wait for its slot to be overdue, and that slot would be missed);
    // say why meanwhile
    await ctx.db.trigger.updateMany({ where: { id: row.id, generation }, data: { nextFireAt: null, lastError: `${ARM_FAILED}: ${(err as Error).message}`, lastErrorAt: now } });
    return null;
  }
  // armed: an earlier failure to arm is over (the trigger's health is no longer failing for it)
  await ctx.db.trigger.updateMany({ where: { id: row.id, generation, lastError: { startsWith: ARM_FAILED } }, data: { lastError: null, lastErrorAt: null } });
  return { at, generation };
}
