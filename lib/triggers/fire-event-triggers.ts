import "server-only";
import type { WorkspaceContext } from "../auth/context";
import type { TWorkspaceEvent } from "../events/workspace-event";
import { fireTrigger, type FireResult } from "./fire-trigger";

/**
 * Starts the graphs whose `event` triggers match a workspace event (its name, then each
 * trigger's condition over `event`). The event's `id` — or the engine's, when the sender gave
 * none — dedupes: the same event starts each graph once.
 */
export async function fireEventTriggers(ctx: WorkspaceContext, event: TWorkspaceEvent, engineEventId: string | null): Promise<FireResult[]> {
  const triggers = await ctx.db.trigger.findMany({
    where: { type: "event", config: { path: ["name"], equals: event.name } },
    select: { id: true, graphId: true, name: true, type: true, condition: true, enabled: true, pausedAt: true, config: true },
    orderBy: { createdAt: "asc" },
  });
  const dedupeKey = event.id ?? engineEventId ?? crypto.randomUUID();
  const payload = { name: event.name, data: event.data, ...(event.id ? { id: event.id } : {}) };
  const results: FireResult[] = [];
  for (const trigger of triggers) results.push(await fireTrigger(ctx, trigger, { event: payload, input: event.data, dedupeKey }));
  return results;
}
