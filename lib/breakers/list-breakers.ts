import "server-only";
import { z } from "zod";
import type { WorkspaceContext } from "../auth/context";
import { actorLabels } from "./actor-label";
import { BREAKER_KINDS, parseBreakerKey, type BreakerKind } from "./keys";
import { ZBreakerKey } from "./force-breaker";

export const ZListBreakersQuerySchema = z.strictObject({
  kind: z.enum(BREAKER_KINDS).optional(),
  state: z.enum(["closed", "open", "half_open"]).optional(),
});
export type TListBreakersQuery = z.infer<typeof ZListBreakersQuerySchema>;

/** A breaker as the API and the Supervision page show it. */
export interface BreakerView {
  key: string;
  kind: BreakerKind | null;
  /** what it guards, readable: the graph's name, the sub-agent, the model */
  label: string;
  /** the effective state: a forced state wins over the automatic one */
  state: "closed" | "open" | "half_open";
  /** the automatic state (what it would be without an admin's override) */
  automaticState: "closed" | "open" | "half_open";
  forced: "open" | "closed" | null;
  forcedBy: string | null;
  forcedByName: string | null;
  forcedReason: string | null;
  forcedAt: string | null;
  failures: number;
  calls: number;
  windowStart: string | null;
  openedAt: string | null;
  nextProbeAt: string | null;
  lastError: string | null;
  lastFailureAt: string | null;
  updatedAt: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Every breaker of the workspace (or one kind, or one state), by key. */
export async function listBreakers(ctx: WorkspaceContext, query: TListBreakersQuery = {}): Promise<BreakerView[]> {
  const rows = await ctx.db.circuitBreaker.findMany({
    where: query.kind ? { key: { startsWith: `${query.kind}:` } } : {},
    orderBy: { key: "asc" },
  });
  const parsed = rows.map((r) => ({ r, p: parseBreakerKey(r.key) }));
  const graphIds = [...new Set(parsed.flatMap(({ p }) => ("error" in p || p.kind === "model" ? [] : [p.graphId])))];
  const graphs = graphIds.length ? await ctx.db.graph.findMany({ where: { id: { in: graphIds } }, select: { id: true, name: true } }) : [];
  const graphName = new Map(graphs.map((g) => [g.id, g.name]));
  const names = await actorLabels(ctx, rows.map((r) => r.forcedBy));
  const views = parsed.map(({ r, p }): BreakerView => {
    const label = "error" in p ? r.key : p.kind === "model" ? p.modelId : p.kind === "graph" ? (graphName.get(p.graphId) ?? p.graphId) : `${p.name} (${graphName.get(p.graphId) ?? p.graphId} › ${p.nodeId})`;
    return {
      key: r.key,
      kind: "error" in p ? null : p.kind,
      label,
      state: r.forcedState ?? r.state,
      automaticState: r.state,
      forced: (r.forcedState as "open" | "closed" | null) ?? null,
      forcedBy: r.forcedBy,
      forcedByName: r.forcedBy ? (names.get(r.forcedBy) ?? r.forcedBy) : null,
      forcedReason: r.forcedReason,
      forcedAt: iso(r.forcedAt),
      failures: r.failures,
      calls: r.calls,
      windowStart: iso(r.windowStart),
      openedAt: iso(r.openedAt),
      nextProbeAt: iso(r.nextProbeAt),
      lastError: r.lastError,
      lastFailureAt: iso(r.lastFailureAt),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
  return query.state ? views.filter((v) => v.state === query.state) : views;
}

export const ZListBreakerEventsQuerySchema = z.strictObject({
  key: ZBreakerKey.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TListBreakerEventsQuery = z.infer<typeof ZListBreakerEventsQuerySchema>;

/** A breaker's history (or the workspace's), newest first. */
export async function listBreakerEvents(ctx: WorkspaceContext, query: TListBreakerEventsQuery) {
  const rows = await ctx.db.breakerEvent.findMany({
    where: query.key ? { key: query.key } : {},
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: query.limit,
  });
  const names = await actorLabels(ctx, rows.map((r) => r.actor));
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    from: r.from,
    to: r.to,
    reason: r.reason,
    actor: r.actor,
    actorName: r.actor ? (names.get(r.actor) ?? r.actor) : null,
    at: r.at.toISOString(),
  }));
}
