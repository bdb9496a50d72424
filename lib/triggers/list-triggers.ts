import "server-only";
import type { z } from "zod";
import type { ZListFiresQuery } from "./list-triggers-query";
import type { WorkspaceContext } from "../auth/context";
import { AppError, notFound } from "../errors";
import { recordAuditEvent } from "../audit/record-audit-event";
import { armTriggers } from "../scheduler/arm";
import { emailDomain } from "../env";
import { hookUrl } from "./webhook/hook-url";
import { pageTriggerFires } from "./fire-page";

/** Counts of a trigger's fires by outcome over the last day, and its last fire. */
async function fireSummary(ctx: WorkspaceContext, triggerIds: string[]) {
  if (!triggerIds.length) return new Map<string, { last: Date | null; byOutcome: Record<string, number> }>();
  const since = new Date(Date.now() - 24 * 3600_000);
  const [counts, lasts] = await Promise.all([
    ctx.db.triggerFire.groupBy({ by: ["triggerId", "outcome"], where: { triggerId: { in: triggerIds }, firedAt: { gte: since } }, _count: { _all: true } }),
    ctx.db.triggerFire.groupBy({ by: ["triggerId"], where: { triggerId: { in: triggerIds } }, _max: { firedAt: true } }),
  ]);
  const out = new Map<string, { last: Date | null; byOutcome: Record<string, number> }>();
  for (const id of triggerIds) out.set(id, { last: null, byOutcome: {} });
  for (const c of counts) out.get(c.triggerId)!.byOutcome[c.outcome] = c._count._all;
  for (const l of lasts) out.get(l.triggerId)!.last = l._max.firedAt;
  return out;
}

/** The graph's effective triggers (those its latest saved version declares), with pause state and recent fires. */
export async function listGraphTriggers(ctx: WorkspaceContext, graphId: string) {
  const graph = await ctx.db.graph.findFirst({ where: { id: graphId }, select: { id: true } });
  if (!graph) throw notFound("Graph");
  const rows = await ctx.db.trigger.findMany({ where: { graphId }, orderBy: { createdAt: "asc" } });
  const summary = await fireSummary(ctx, rows.map((r) => r.id));
  return {
    data: rows.map((r) => ({
      id: r.id,
      name: r.name,
      type: r.type,
      config: r.config,
      // e-mail: the full address it receives for
      ...(r.inboundAddress ? { address: `${r.inboundAddress}@${emailDomain()}` } : {}),
      graphVersion: r.graphVersion,
      paused: !r.enabled || r.pausedAt !== null,
      pausedAt: r.pausedAt,
      lastFiredAt: summary.get(r.id)!.last,
      lastDay: summary.get(r.id)!.byOutcome,
      // a webhook's address and whether it can verify deliveries yet (the secret itself is shown once, when made)
      ...(r.type === "webhook" ? { url: hookUrl(ctx.workspace.slug, r.hookPath ?? r.id), hasSecret: r.secretEnc !== null, secretCreatedAt: r.secretCreatedAt } : {}),
    })),
  };
}

async function triggerOf(ctx: WorkspaceContext, graphId: string, name: string) {
  const row = await ctx.db.trigger.findFirst({ where: { graphId, name } });
  if (!row) throw notFound("Trigger");
  return row;
}

/** Pauses or resumes a trigger without a new version; audited. Idempotent. */
export async function setTriggerPaused(ctx: WorkspaceContext, graphId: string, name: string, paused: boolean) {
  const row = await triggerOf(ctx, graphId, name);
  await setTriggerRowPaused(ctx, row, paused);
  return { name, paused };
}

/** Pauses or resumes one Trigger row (any kind but `api`, a report too); audited and re-armed. Idempotent. */
export async function setTriggerRowPaused(ctx: WorkspaceContext, row: { id: string; graphId: string | null; name: string; type: string; pausedAt: Date | null }, paused: boolean) {
  const { graphId, name } = row;
  if (row.type === "api") throw new AppError("validation_failed", "An api trigger is the run API itself: it cannot be paused (archive the graph to stop its runs).", [{ path: "name", message: "api triggers cannot be paused" }]);
  await ctx.db.trigger.updateMany({ where: { id: row.id }, data: paused ? { pausedAt: row.pausedAt ?? new Date(), pausedById: ctx.actor.userId ?? null } : { pausedAt: null, pausedById: null, enabled: true } });
  await armTriggers(ctx, [row.id]);
  await recordAuditEvent(ctx.actor, { workspaceId: ctx.workspace.id, action: paused ? "trigger.paused" : "trigger.resumed", targetType: "trigger", targetId: row.id, data: { graphId, name } });
}


/** A trigger's fires, newest first: what was meant, what happened, the run it started. */
export async function listTriggerFires(ctx: WorkspaceContext, graphId: string, name: string, q: z.infer<typeof ZListFiresQuery>) {
  const row = await triggerOf(ctx, graphId, name);
  return pageTriggerFires(ctx, row.id, q);
}
