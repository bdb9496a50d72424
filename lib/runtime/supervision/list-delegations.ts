import "server-only";
import type { WorkspaceContext } from "../../auth/context";
import { notFound } from "../../errors";

/** Child runs' delegations are nested this deep at most. */
export const MAX_DELEGATION_DEPTH = 5;

/** One delegation in the REST API's shape, with its child run's delegations. */
export interface DelegationView {
  id: string;
  nodeId: string;
  seq: number;
  turn: number | null;
  agent: string;
  kind: string;
  status: string;
  request: unknown;
  result: unknown;
  confidence: number | null;
  costUsd: number;
  childRunId: string | null;
  approvalId: string | null;
  fallbackFor: string | null;
  startedAt: Date;
  endedAt: Date | null;
  children: DelegationView[];
}

/**
 * The delegations of a run (supervisor delegations and map items), by node and sequence, each
 * with the delegations of the child run it started, down to {@link MAX_DELEGATION_DEPTH} levels.
 * Scoped to the caller's workspace: another workspace's run is not found.
 */
export async function listRunDelegations(ctx: WorkspaceContext, runId: string): Promise<DelegationView[]> {
  const run = await ctx.db.run.findFirst({ where: { id: runId }, select: { id: true } });
  if (!run) throw notFound("Run");
  return level(ctx, [runId], 1).then((byRun) => byRun.get(runId) ?? []);
}

/** The delegations of these runs (one query per level), keyed by run. */
async function level(ctx: WorkspaceContext, runIds: string[], depth: number): Promise<Map<string, DelegationView[]>> {
  const rows = await ctx.db.delegation.findMany({ where: { runId: { in: runIds } }, orderBy: [{ runId: "asc" }, { nodeId: "asc" }, { seq: "asc" }] });
  const childIds = rows.map((r) => r.childRunId).filter((id): id is string => !!id);
  const children = depth < MAX_DELEGATION_DEPTH && childIds.length ? await level(ctx, childIds, depth + 1) : new Map<string, DelegationView[]>();
  const byRun = new Map<string, DelegationView[]>();
  for (const r of rows) {
    const view: DelegationView = {
      id: r.id,
      nodeId: r.nodeId,
      seq: r.seq,
      turn: r.turn,
      agent: r.agent,
      kind: r.kind,
      status: r.status,
      request: r.request,
      result: r.result,
      confidence: r.confidence,
      costUsd: Number(r.costUsd.toString()),
      childRunId: r.childRunId,
      approvalId: r.approvalId,
      fallbackFor: r.fallbackFor,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      children: r.childRunId ? (children.get(r.childRunId) ?? []) : [],
    };
    byRun.set(r.runId, [...(byRun.get(r.runId) ?? []), view]);
  }
  return byRun;
}
