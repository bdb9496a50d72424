import "server-only";
import { AppError, notFound } from "../errors";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { WorkspaceContext } from "../auth/context";
import { GraphDag } from "../graphs/spec/dag";
import type { TGraphSpec } from "../graphs/spec/schema";
import { startRun } from "./start-run";

/**
 * Starts a new run of the same pinned version with the same input. With
 * `fromNode`, nodes upstream of it keep the outputs of the earlier run (they
 * are not executed, nor paid for, again).
 */
export async function rerunRun(ctx: WorkspaceContext, runId: string, fromNode?: string) {
  const run = await ctx.db.run.findFirst({ where: { id: runId } });
  if (!run) throw notFound("Run");
  if (fromNode) {
    const version = await ctx.db.graphVersion.findFirstOrThrow({ where: { id: run.graphVersionId } });
    const dag = GraphDag.of(version.spec as unknown as TGraphSpec);
    if (!dag.has(fromNode)) throw new AppError("validation_failed", `fromNode: version ${run.version} has no node "${fromNode}".`, [{ path: "fromNode", message: `unknown node "${fromNode}"` }]);
  }
  const started = await startRun(
    ctx,
    run.graphId,
    { input: run.input as Record<string, unknown>, version: run.version, tags: run.tags, ...(run.customerKey ? { customerKey: run.customerKey } : {}) },
    { rerunOfId: run.id, rerunFromNode: fromNode },
  );
  if (started.created) {
    await recordAuditEvent(ctx.actor, {
      workspaceId: ctx.workspace.id,
      action: "run.rerun",
      targetType: "run",
      targetId: started.runId,
      data: { rerunOf: run.id, fromNode: fromNode ?? null, graphId: run.graphId, version: run.version },
    });
  }
  return { runId: started.runId, rerunOf: run.id, fromNode: fromNode ?? null };
}
