import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { AppError } from "../errors";
import { actorLabels } from "./actor-label";
import { graphBreakerKey } from "./keys";

/** A graph's kill switch that is on: who turned it on, why, and when. */
export interface KillSwitch {
  by: string | null;
  reason: string | null;
  at: Date | null;
}

/**
 * A graph's kill switch (its `graph:<graphId>` breaker forced open), or null when it is off.
 * One indexed read: the runtime calls it inside a node's existing step.
 */
export async function readKillSwitch(ctx: WorkspaceContext, graphId: string): Promise<KillSwitch | null> {
  const row = await ctx.db.circuitBreaker.findFirst({
    where: { key: graphBreakerKey(graphId), forcedState: "open" },
    select: { forcedBy: true, forcedReason: true, forcedAt: true },
  });
  return row ? { by: row.forcedBy, reason: row.forcedReason, at: row.forcedAt } : null;
}

/**
 * Refuses a new run of a graph whose kill switch is on: 409 `graph_disabled`, naming who
 * turned it on and why, and how to turn it off.
 */
export async function assertGraphEnabled(ctx: WorkspaceContext, graph: { id: string; name: string }): Promise<void> {
  const off = await readKillSwitch(ctx, graph.id);
  if (!off) return;
  const who = off.by ? ((await actorLabels(ctx, [off.by])).get(off.by) ?? off.by) : "an admin";
  throw new AppError(
    "graph_disabled",
    `Graph “${graph.name}” is switched off: its kill switch was turned on by ${who}${off.at ? ` at ${off.at.toISOString()}` : ""}${off.reason ? ` (“${off.reason}”)` : ""}. ` +
      `New runs are refused and running ones pause at their next node until an admin closes it (POST /api/v1/breakers/close with { "key": "${graphBreakerKey(graph.id)}" }).`,
    undefined,
    { details: { key: graphBreakerKey(graph.id), forcedBy: off.by, forcedByName: who, reason: off.reason, forcedAt: off.at?.toISOString() ?? null } },
  );
}
