import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { parseCursor } from "../api/cursor";
import { FIRE_OUTCOMES } from "./outcomes";
import { NOT_STARTED, RUN_OUTCOMES } from "./schedules-query";

/** One fire as the Schedules page lists it. */
export interface ScheduleFireView {
  id: string;
  intendedAt: Date;
  firedAt: Date;
  lateMs: number;
  dedupeKey: string | null;
  outcome: string;
  reason: string | null;
  runId: string | null;
  /** the run's status now, when the fire started (or found) one */
  runStatus: string | null;
  payload: unknown;
}

/**
 * One page of a trigger's fires, newest first: what was meant, what happened, the run and its
 * status now. The outcome filter takes `not_started` for every fire that did not become a run;
 * `at` starts the page at one fire. The caller has found the trigger in its workspace.
 */
export async function pageTriggerFires(
  ctx: WorkspaceContext,
  triggerId: string,
  q: { outcome?: string; cursor?: string; at?: string; limit: number },
): Promise<{ data: ScheduleFireView[]; nextCursor: string | null }> {
  const after = parseCursor("triggerFire", q.cursor);
  const at = parseCursor("triggerFire", q.at);
  const outcome =
    q.outcome === NOT_STARTED ? { outcome: { in: FIRE_OUTCOMES.filter((o) => !(RUN_OUTCOMES as readonly string[]).includes(o)) } } : q.outcome ? { outcome: q.outcome } : {};
  const id = after || at ? { id: { ...(after ? { lt: after } : {}), ...(at && !after ? { lte: at } : {}) } } : {};
  const fires = await ctx.db.triggerFire.findMany({ where: { triggerId, ...outcome, ...id }, orderBy: { id: "desc" }, take: q.limit + 1 });
  const page = fires.slice(0, q.limit);
  const runIds = [...new Set(page.flatMap((f) => (f.runId ? [f.runId] : [])))];
  const runs = runIds.length ? await ctx.db.run.findMany({ where: { id: { in: runIds } }, select: { id: true, status: true } }) : [];
  const status = new Map(runs.map((r) => [r.id, r.status as string]));
  return {
    data: page.map((f) => ({
      id: f.id,
      intendedAt: f.intendedAt,
      firedAt: f.firedAt,
      lateMs: f.firedAt.getTime() - f.intendedAt.getTime(),
      dedupeKey: f.dedupeKey,
      outcome: f.outcome,
      reason: f.reason,
      runId: f.runId,
      runStatus: f.runId ? (status.get(f.runId) ?? null) : null,
      payload: f.payload,
    })),
    nextCursor: fires.length > q.limit ? page[page.length - 1]!.id : null,
  };
}

