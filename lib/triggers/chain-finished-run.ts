import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { completedStatuses } from "../graphs/spec/triggers";
import { fireTrigger, type FireResult } from "./fire-trigger";

/**
 * A run ended: start the graphs whose `graph_completed` triggers follow its graph, when its
 * status is one they take and their condition over `event.run` holds. The run's output is their
 * input; the ended run's id dedupes (a repeated finish starts nothing twice).
 */
export async function chainFinishedRun(ctx: WorkspaceContext, runId: string): Promise<FireResult[]> {
  const run = await ctx.db.run.findFirst({ where: { id: runId }, select: { id: true, graphId: true, version: true, status: true, input: true, output: true, endedAt: true } });
  if (!run || !["succeeded", "failed", "cancelled"].includes(run.status)) return [];
  const triggers = await ctx.db.trigger.findMany({
    where: { type: "graph_completed", config: { path: ["sourceGraphId"], equals: run.graphId } },
    select: { id: true, graphId: true, name: true, type: true, condition: true, enabled: true, pausedAt: true, config: true },
    orderBy: { createdAt: "asc" },
  });
  const event = { run: { id: run.id, graphId: run.graphId, version: run.version, status: run.status, input: run.input ?? {}, output: run.output ?? null } };
  const results: FireResult[] = [];
  for (const trigger of triggers) {
    if (!completedStatuses((trigger.config as { status?: string | string[] }).status).includes(run.status)) continue;
    results.push(await fireTrigger(ctx, trigger, { event, input: run.output ?? {}, dedupeKey: run.id, intendedAt: run.endedAt ?? new Date() }));
  }
  return results;
}
