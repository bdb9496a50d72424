import "server-only";
import { z } from "zod";
import { AppError, notFound } from "../errors";
import { newId } from "../ids";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { WorkspaceContext } from "../auth/context";
import { canMigrate } from "../graphs/spec/dag";
import type { TGraphSpec } from "../graphs/spec/schema";

export const ZMigrateRunRequestSchema = z.object({ version: z.number().int().positive().max(2_147_483_647) });

/**
 * Moves a run that waits on a person (an approval) to another version of its
 * graph. Allowed only when every finished node exists unchanged in the new
 * version (`canMigrate`) and the waiting node is still there; the run then
 * continues with the new version's remaining nodes after the decision.
 * Recorded in the audit log.
 */
export async function migrateRun(ctx: WorkspaceContext, runId: string, version: number) {
  const run = await ctx.db.run.findFirst({ where: { id: runId }, include: { nodeRuns: true } });
  if (!run) throw notFound("Run");
  if (run.status !== "waiting" && run.status !== "paused") {
    throw new AppError("conflict", `Only a run that waits for a decision can move to another version; this one is ${run.status}.`);
  }
  if (version === run.version) throw new AppError("conflict", `The run is already on version ${version}.`);
  const [from, to] = await Promise.all([
    ctx.db.graphVersion.findFirstOrThrow({ where: { id: run.graphVersionId } }),
    ctx.db.graphVersion.findFirst({ where: { graphId: run.graphId, version } }),
  ]);
  if (!to) throw new AppError("validation_failed", `version: this graph has no version ${version}.`, [{ path: "version", message: `no version ${version}` }]);
  const fromSpec = from.spec as unknown as TGraphSpec;
  const toSpec = to.spec as unknown as TGraphSpec;
  const finished = run.nodeRuns.filter((n) => n.status === "succeeded" || n.status === "skipped").map((n) => n.nodeId);
  const waiting = run.nodeRuns.filter((n) => n.status === "waiting" || n.status === "running" || n.status === "paused");
  const reasons: string[] = [];
  const check = canMigrate(fromSpec, toSpec, finished);
  if (!check.ok) reasons.push(...check.reasons);
  for (const n of waiting) {
    const next = toSpec.nodes.find((x) => x.id === n.nodeId);
    if (!next || next.type !== n.nodeType) reasons.push(`node "${n.nodeId}" is in progress and must stay ${n.nodeType === "approval" ? "an approval" : `a ${n.nodeType}`} node in version ${version}`);
  }
  if (reasons.length) {
    throw new AppError("conflict", `The run cannot move to version ${version}: ${reasons.join("; ")}.`, reasons.map((message) => ({ path: "version", message })));
  }
  const existing = new Set(run.nodeRuns.map((n) => n.nodeId));
  const wanted = new Set(toSpec.nodes.map((n) => n.id));
  await ctx.db.$transaction([
    ctx.db.run.updateMany({ where: { id: runId, status: { in: ["waiting", "paused"] } }, data: { graphVersionId: to.id, version } }),
    ctx.db.nodeRun.createMany({
      data: toSpec.nodes.filter((n) => !existing.has(n.id)).map((n) => ({ id: newId("nodeRun"), runId, nodeId: n.id, nodeType: n.type, status: "queued" as const })) as never,
    }),
    ctx.db.nodeRun.deleteMany({ where: { runId, status: "queued", nodeId: { notIn: [...wanted] } } }),
  ]);
  // node types of queued nodes follow the new version
  for (const n of toSpec.nodes) await ctx.db.nodeRun.updateMany({ where: { runId, nodeId: n.id, status: "queued" }, data: { nodeType: n.type } });
  await ctx.db.traceEvent.create({ data: { runId, type: "run.migrated", message: `Moved from version ${run.version} to ${version}`, data: { from: run.version, to: version } } as never });
  await recordAuditEvent(ctx.actor, { workspaceId: ctx.workspace.id, action: "run.migrated", targetType: "run", targetId: runId, data: { from: run.version, to: version } });
  return { id: runId, version, from: run.version };
}
