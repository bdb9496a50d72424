import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { getPrisma } from "../db/client";
import { systemContext } from "../runtime/system-context";
import { armTrigger } from "./arm";
import { SCHEDULED_TYPES, TICK_HANDLERS } from "./handlers";
import { SCHEDULED_SELECT, type ScheduledTrigger } from "./types";

/** A tick this overdue, with no check of its trigger since it was due, is taken as lost. */
export const LOST_AFTER_MS = 120_000;

export interface ReconcileReport {
  /** triggers whose overdue tick was re-armed (their chain was lost) */
  rearmed: string[];
  /** active triggers that had no tick armed and now have one */
  armed: string[];
}

/**
 * The "trigger stopped silently" guard, run every minute (and at start): across all workspaces,
 * a scheduled trigger that is active but has no tick armed (`nextFireAt` null: never armed, or
 * its arming failed), or whose armed tick is more than {@link LOST_AFTER_MS} overdue with no check
 * since (`lastCheckedAt` before `nextFireAt`: the engine lost the chain, its retries ran out), is
 * re-armed. A lost tick is re-armed at its own time, so its catch-up policy decides what happens
 * to the slots it missed, and the loss is kept as the trigger's `lastError`.
 */
export async function reconcileTriggers(now: Date = new Date()): Promise<ReconcileReport> {
  const report: ReconcileReport = { rearmed: [], armed: [] };
  const rows = (await getPrisma().trigger.findMany({
    where: {
      type: { in: SCHEDULED_TYPES },
      enabled: true,
      pausedAt: null,
      OR: [{ nextFireAt: null }, { nextFireAt: { lt: new Date(now.getTime() - LOST_AFTER_MS) } }],
    },
    select: { ...SCHEDULED_SELECT, lastCheckedAt: true, lastError: true },
    take: 500,
  })) as (ScheduledTrigger & { lastCheckedAt: Date | null; lastError: string | null })[];
  const contexts = new Map<string, WorkspaceContext>();
  for (const row of rows) {
    try {
      const ctx = contexts.get(row.workspaceId) ?? (await systemContext(row.workspaceId));
      contexts.set(row.workspaceId, ctx);
      if (row.nextFireAt === null) {
        // never armed, or nothing left to arm: arm only what has a next tick
        let next: Date | null;
        try {
          next = TICK_HANDLERS[row.type].next(row, now);
        } catch (err) {
          const error = `Not armed: ${(err as Error).message}`;
          if (row.lastError !== error) await ctx.db.trigger.updateMany({ where: { id: row.id, generation: row.generation }, data: { lastError: error, lastErrorAt: now } });
          continue;
        }
        if (!next) continue;
        if (await armTrigger(ctx, row, { at: next, now })) report.armed.push(row.id);
        continue;
      }
      if (row.lastCheckedAt && row.lastCheckedAt >= row.nextFireAt) continue;
      const due = row.nextFireAt;
      if (await armTrigger(ctx, row, { at: due, now })) {
        await ctx.db.trigger.updateMany({
          where: { id: row.id },
          data: { lastError: `The tick due at ${due.toISOString()} had not run by ${now.toISOString()} (the engine lost it); re-armed, the catch-up policy decides the missed slots.`, lastErrorAt: now },
        });
        report.rearmed.push(row.id);
      }
    } catch (err) {
      console.warn(JSON.stringify({ level: "warn", msg: "reconciling a scheduled trigger failed", triggerId: row.id, error: (err as Error).message }));
    }
  }
  return report;
}
