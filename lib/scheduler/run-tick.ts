import "server-only";
import type { WorkspaceContext } from "../auth/context";
import type { TriggerTickArmedData } from "../events/names";
import { TICK_HANDLERS } from "./handlers";
import { SCHEDULED_SELECT, type ScheduledTrigger } from "./types";

export type TickResult = { status: "exited"; reason: string } | { status: "ticked"; next: { at: string; generation: number } | null };

/**
 * Runs one armed tick: reloads the trigger and exits when the tick is no longer its own (the
 * trigger is gone, paused, or was re-armed since: its generation moved on); otherwise does the
 * kind's work (`TICK_HANDLERS[type].tick`), then moves `nextFireAt` to the next tick — only if
 * the generation is still this one, so a trigger re-armed meanwhile keeps its newer chain — and
 * returns the tick to arm next. `waitUntil`: the tick's time, when the function woke before it
 * (the checks above run first, so a stale tick exits without waiting). A failing tick records `lastError` (the trigger's health) and
 * throws, so the engine retries the step (handlers are safe to repeat for one `intendedAt`).
 */
export async function runTick(ctx: WorkspaceContext, armed: TriggerTickArmedData, opts: { now?: Date; waitUntil?: Date } = {}): Promise<TickResult> {
  const intendedAt = new Date(armed.at);
  const row = (await ctx.db.trigger.findFirst({ where: { id: armed.triggerId }, select: SCHEDULED_SELECT })) as ScheduledTrigger | null;
  const stale = !row
    ? "The trigger no longer exists."
    : row.generation !== armed.generation
      ? `The trigger was re-armed since (generation ${row.generation}, this tick ${armed.generation}).`
      : !row.enabled || row.pausedAt
        ? "The trigger is paused."
        : null;
  if (stale || !row) {
    // what this tick took on for other triggers before it went stale (a retried step) is still done
    for (const h of Object.values(TICK_HANDLERS)) await h.together?.fire(armed.triggerId, intendedAt, new Date());
    return { status: "exited", reason: stale ?? "The trigger no longer exists." };
  }
  const handler = TICK_HANDLERS[row.type];
  let retryAt: Date | null = null;
  // a tick armed for a time is due at it: the clock read never puts it before (a slot reached a
  // millisecond "early" would otherwise not be due, and would be passed over with no fire)
  let now = opts.now ?? intendedAt;
  try {
    // the first tick to wake takes on the others due at the same instant; a tick whose work was
    // taken on arms its next tick at once (fewer calls around the moment itself)
    const takenOn = (await handler.together?.claim(row.id, intendedAt, opts.now ?? new Date())) ?? false;
    // woken a little early (the engine's wake-up and the call cost time): wait out the rest here
    if (!takenOn) await waitForWallClock(opts.waitUntil?.getTime() ?? 0);
    now = opts.now ?? new Date(Math.max(Date.now(), intendedAt.getTime()));
    await handler.together?.fire(row.id, intendedAt, now);
    retryAt = (await handler.tick(ctx, row, { intendedAt, now }))?.retryAt ?? null;
  } catch (err) {
    await ctx.db.trigger.updateMany({
      where: { id: row.id },
      data: { lastCheckedAt: new Date(), lastError: `The tick due at ${armed.at} failed: ${(err as Error).message}`, lastErrorAt: new Date() },
    });
    throw err;
  }
  // never re-arm the same tick: the next one is after both now and this one
  const after = new Date(Math.max(now.getTime(), intendedAt.getTime()));
  let next: Date | null = null;
  let error: string | null = null;
  try {
    next = handler.next(row, after);
  } catch (err) {
    error = `No next tick: ${(err as Error).message}`;
  }
  if (retryAt && (!next || retryAt < next)) next = retryAt;
  const moved = await ctx.db.trigger.updateMany({
    where: { id: row.id, generation: row.generation },
    data: { nextFireAt: next, lastCheckedAt: new Date(), ...(error ? { lastError: error, lastErrorAt: new Date() } : {}) },
  });
  if (!moved.count) return { status: "exited", reason: "The trigger was re-armed during the tick." };
  return { status: "ticked", next: next ? { at: next.toISOString(), generation: row.generation } : null };
}

/**
 * Waits until the wall clock reads `at` or later. A timer's clock is the event loop's monotonic
 * millisecond, so a timeout can end a millisecond before `Date.now()` reaches its target: it is
 * checked and waited again.
 */
async function waitForWallClock(at: number): Promise<void> {
  for (let left = at - Date.now(); left > 0; left = at - Date.now()) await new Promise((r) => setTimeout(r, left));
}
