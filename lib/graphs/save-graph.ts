import "server-only";
import { z } from "zod";
import { AppError, notFound } from "../errors";
import { newId } from "../ids";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { WorkspaceContext } from "../auth/context";
import { hashSpec } from "./spec/hash";
import { validateGraphSpec } from "./spec/validate";
import type { TGraphSpec } from "./spec/schema";
import type { TSpecIssue } from "./spec/issues";
import { assertGraphNotArchived } from "./archive-graph";
import { validationOptionsFor } from "./validation-options";
import { ensureSpecBudgets } from "../finops/ensure-spec-budgets";
import { resolveTriggers, syncGraphTriggers } from "../triggers/sync-triggers";

export const ZSaveGraphRequestSchema = z.object({
  spec: z.unknown(),
  message: z.string().trim().max(500).optional(),
});

/** A problem found in a spec, as the API reports it (issues of a 422, `warnings` of a save). */
export interface TSpecProblem {
  path: string;
  message: string;
  nodeId?: string;
  field?: string;
}

function toProblem(i: TSpecIssue): TSpecProblem {
  return { path: i.path || "spec", message: i.message, ...(i.nodeId ? { nodeId: i.nodeId } : {}), ...(i.field ? { field: i.field } : {}) };
}

/**
 * Validates a spec for this workspace or throws a 422 whose issues name node and field.
 * Returns the spec and its warnings (what will fail at run time but may be fixed later, such as
 * a provider without a key).
 */
export async function validateSpecOrThrow(ctx: WorkspaceContext, raw: unknown, selfGraphId?: string): Promise<{ spec: TGraphSpec; warnings: TSpecProblem[] }> {
  const result = validateGraphSpec(raw, await validationOptionsFor(ctx, selfGraphId));
  if (!result.ok) {
    const issues = result.issues.map(toProblem);
    throw new AppError("validation_failed", `The graph spec is invalid: ${issues[0].message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ""}`, issues);
  }
  return { spec: result.spec, warnings: result.warnings.map(toProblem) };
}

/**
 * Creates a graph with its first immutable version.
 * @returns `{ id, version: 1, warnings }`
 */
export async function createGraph(ctx: WorkspaceContext, input: { spec: unknown; message?: string }) {
  const { spec, warnings } = await validateSpecOrThrow(ctx, input.spec);
  const graphId = newId("graph");
  const versionId = newId("graphVersion");
  const triggers = await resolveTriggers(ctx, null, spec);
  await ctx.db.$transaction([
    ctx.db.graph.create({
      data: { id: graphId, name: spec.name, description: spec.description ?? null, latestVersion: 1, createdById: ctx.actor.userId ?? null } as never,
    }),
    ctx.db.graphVersion.create({
      data: { id: versionId, graphId, version: 1, spec: spec as never, specHash: hashSpec(spec), message: input.message ?? "Created", createdById: ctx.actor.userId ?? null } as never,
    }),
  ]);
  await recordAuditEvent(ctx.actor, { workspaceId: ctx.workspace.id, action: "graph.created", targetType: "graph", targetId: graphId, data: { name: spec.name } });
  await syncGraphTriggers(ctx, graphId, 1, triggers);
  await materialiseSpecBudgets(ctx, versionId, graphId, spec);
  return { id: graphId, version: 1, versionId, warnings };
}

/**
 * Saves a new immutable version. Saving content identical to the latest
 * version creates nothing and returns that version with `unchanged: true`.
 * Runs in flight keep the version they pinned. An archived graph cannot be saved (409).
 */
export async function saveGraphVersion(ctx: WorkspaceContext, graphId: string, input: { spec: unknown; message?: string }) {
  const graph = await ctx.db.graph.findFirst({ where: { id: graphId } });
  if (!graph) throw notFound("Graph");
  assertGraphNotArchived(graph, "saved");
  const { spec, warnings } = await validateSpecOrThrow(ctx, input.spec, graphId);
  const triggers = await resolveTriggers(ctx, graphId, spec);
  const hash = hashSpec(spec);
  const latest = await ctx.db.graphVersion.findFirst({ where: { graphId }, orderBy: { version: "desc" } });
  if (latest?.specHash === hash) return { id: graphId, version: latest.version, versionId: latest.id, unchanged: true, warnings };
  // optimistic concurrency: the unique (graphId, version) refuses a concurrent save of the same number
  const version = (latest?.version ?? 0) + 1;
  const versionId = newId("graphVersion");
  try {
    await ctx.db.$transaction([
      ctx.db.graphVersion.create({
        data: { id: versionId, graphId, version, spec: spec as never, specHash: hash, message: input.message ?? null, createdById: ctx.actor.userId ?? null } as never,
      }),
      ctx.db.graph.updateMany({ where: { id: graphId }, data: { latestVersion: version, name: spec.name, description: spec.description ?? null } }),
    ]);
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") throw new AppError("conflict", "Someone saved this graph at the same moment. Reload and save again.");
    throw err;
  }
  await recordAuditEvent(ctx.actor, { workspaceId: ctx.workspace.id, action: "graph.version_saved", targetType: "graph", targetId: graphId, data: { version, message: input.message ?? null } });
  // the saved version's triggers are the effective ones
  await syncGraphTriggers(ctx, graphId, version, triggers);
  await materialiseSpecBudgets(ctx, versionId, graphId, spec);
  return { id: graphId, version, versionId, unchanged: false, warnings };
}

/**
 * The version's declared budgets (`budget.perRunUsd`, `perNodeUsd`, node `budgetUsd`) become
 * Budget rows as it is saved, so the budgets screen and `GET /api/v1/budgets?include=spec` show
 * them before any run. Derived data: runs materialise them too (idempotently) if this failed.
 */
async function materialiseSpecBudgets(ctx: WorkspaceContext, versionId: string, graphId: string, spec: TGraphSpec) {
  try {
    await ensureSpecBudgets(ctx, versionId, graphId, spec);
  } catch (err) {
    console.warn(JSON.stringify({ level: "warn", msg: "spec budgets not materialised at save; runs will", graphId, versionId, error: (err as Error).name }));
  }
}
