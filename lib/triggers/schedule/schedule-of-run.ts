import "server-only";
import type { WorkspaceContext } from "../../auth/context";
import { isPlainObject } from "../../graphs/spec/json";

/** The schedule that started `runId`, when slots of it are buffered (waiting for runs to end); else null. */
export async function scheduleOfRun(ctx: WorkspaceContext, runId: string): Promise<string | null> {
  const run = await ctx.db.run.findFirst({ where: { id: runId }, select: { triggerId: true } });
  if (!run?.triggerId) return null;
  const trigger = await ctx.db.trigger.findFirst({ where: { id: run.triggerId, type: "schedule" }, select: { id: true, state: true } });
  const buffered = isPlainObject(trigger?.state) ? (trigger.state as { buffered?: unknown[] }).buffered : undefined;
  return trigger && Array.isArray(buffered) && buffered.length ? trigger.id : null;
}
