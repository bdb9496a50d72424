import "server-only";
import type { Attributes } from "@opentelemetry/api";
import type { WorkspaceContext } from "../auth/context";
import { costIdFor } from "../finops/settle-reservation";
import { SY } from "./attributes";
import { traceIdOf } from "./span-ids";

/** What every span of a run carries: its trace and the run's attributes. */
export interface RunScope {
  traceId: string;
  runId: string;
  attributes: Attributes;
}

/** Run rows change little while a run goes on: one read per run and process, of the fields spans need. */
const cache = new Map<string, RunScope>();
const MAX_CACHED = 2000;

/** The trace and attributes of a run, from its row (cached); null when the run does not exist in the workspace. */
export async function readRunScope(ctx: WorkspaceContext, runId: string): Promise<RunScope | null> {
  const hit = cache.get(runId);
  if (hit) return hit;
  const run = await ctx.db.run.findFirst({
    where: { id: runId },
    select: { rootRunId: true, parentRunId: true, graphId: true, version: true, customerKey: true, tags: true, triggerId: true },
  });
  if (!run) return null;
  const scope = runScopeOf(ctx.workspace.id, runId, run);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(runId, scope);
  return scope;
}

/** A run's scope from fields at hand (a spend context carries them): no read. */
export function runScopeOf(
  workspaceId: string,
  runId: string,
  run: { rootRunId?: string | null; parentRunId?: string | null; graphId?: string | null; version?: number | null; customerKey?: string | null; tags?: string[] | null; triggerId?: string | null },
): RunScope {
  const attributes: Attributes = { [SY.workspaceId]: workspaceId, [SY.runId]: runId };
  if (run.parentRunId) attributes[SY.parentRunId] = run.parentRunId;
  if (run.graphId) attributes[SY.graphId] = run.graphId;
  if (run.version != null) attributes[SY.graphVersion] = run.version;
  if (run.customerKey) attributes[SY.customerKey] = run.customerKey;
  if (run.tags?.length) attributes[SY.tags] = run.tags;
  if (run.triggerId) attributes[SY.triggerId] = run.triggerId;
  return { traceId: traceIdOf(run.rootRunId ?? runId), runId, attributes };
}

/**
 * The budgets that held spend of a run (or of one of its nodes): those the reservations of its
 * ledger rows were taken in (a row settling a reservation has the id `costIdFor(reservation)`).
 * Empty when no budget applied. Reads the run's ledger rows by their run index and the
 * reservations and windows by primary key.
 */
export async function readBudgetIds(ctx: WorkspaceContext, runId: string, nodeId?: string): Promise<string[]> {
  const prefix = costIdFor("");
  const rows = await ctx.db.$queryRawUnsafe<{ budgetId: string }[]>(
    `select distinct w."budgetId"
       from "CostEntry" c
       join "BudgetReservation" r on r."id" = substr(c."id", $4::int) and r."workspaceId" = c."workspaceId"
       join "BudgetWindow" w on w."id" = any(r."windowIds") and w."workspaceId" = c."workspaceId"
      where c."workspaceId" = $1 and c."runId" = $2 and ($3::text is null or c."nodeId" = $3::text) and c."id" like $5
      order by 1`,
    ctx.workspace.id,
    runId,
    nodeId ?? null,
    prefix.length + 1,
    `${prefix}%`,
  );
  return rows.map((r) => r.budgetId);
}
