import "server-only";
import { armTriggers } from "../scheduler/arm";
import { AppError, notFound } from "../errors";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { WorkspaceContext } from "../auth/context";

/**
 * Refuses to change or run an archived graph: a 409 that names the graph and says how to go on.
 *
 * @example
 * assertGraphNotArchived(graph, "run"); // throws 409 'The graph "Triage" is archived, so it cannot be run. Unarchive it first.'
 */
export function assertGraphNotArchived(graph: { name: string; archivedAt: Date | null }, action: "run" | "saved"): void {
  if (!graph.archivedAt) return;
  throw new AppError(
    "conflict",
    `The graph "${graph.name}" is archived, so it cannot be ${action}. Unarchive it first (POST /graphs/:id/unarchive, or Unarchive in the builder).`,
  );
}

/**
 * Archives a graph: it leaves the default graph list, cannot be edited or start runs, and
 * keeps its versions, runs and costs. Archiving an archived graph changes nothing.
 *
 * @returns `{ id, archivedAt }`
 */
export async function archiveGraph(ctx: WorkspaceContext, id: string) {
  return setArchived(ctx, id, true);
}

/** Brings an archived graph back: listed, editable and runnable again. */
export async function unarchiveGraph(ctx: WorkspaceContext, id: string) {
  return setArchived(ctx, id, false);
}

async function setArchived(ctx: WorkspaceContext, id: string, archive: boolean) {
  const archivedAt = archive ? new Date() : null;
  // Only a change of state counts (and is audited): a repeated call finds nothing to update.
  const { count } = await ctx.db.graph.updateMany({ where: { id, archivedAt: archive ? null : { not: null } }, data: { archivedAt } });
  const graph = await ctx.db.graph.findFirst({ where: { id }, select: { id: true, name: true, archivedAt: true } });
  if (!graph) throw notFound("Graph");
  if (count > 0) {
    // an archived graph's triggers stop (schedules and watches disarm, deliveries are refused as
    // paused); bringing it back re-arms them, keeping each trigger's own pause
    await ctx.db.trigger.updateMany({ where: { graphId: id }, data: { enabled: !archive } });
    if (!archive) {
      const triggers = await ctx.db.trigger.findMany({ where: { graphId: id }, select: { id: true } });
      await armTriggers(ctx, triggers.map((t) => t.id));
    }
    await recordAuditEvent(ctx.actor, {
      workspaceId: ctx.workspace.id,
      action: archive ? "graph.archived" : "graph.unarchived",
      targetType: "graph",
      targetId: id,
      data: { name: graph.name },
    });
  }
  return { id: graph.id, name: graph.name, archivedAt: graph.archivedAt };
}
