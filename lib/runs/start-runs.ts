import "server-only";
import { AppError } from "../errors";
import { insertTenantRowsSql, type ColumnTypes } from "../db/insert-rows";
import { recordAuditEvents } from "../audit/record-audit-event";
import { graphBreakerKey } from "../breakers/keys";
import type { WorkspaceContext } from "../auth/context";
import type { TGraphSpec } from "../graphs/spec/schema";
import { planRunStart, requestRunsExecution, runStartAudit, startRun, type PlannedRunStart, type StartRunOptions, type StartRunResult, type TStartRunRequest } from "./start-run";

/** The columns of a planned run's rows (lib/runs/start-run.ts planRunStart), as written in one statement. */
const RUN_COLUMNS: ColumnTypes = {
  id: "text",
  graphId: "text",
  graphVersionId: "text",
  version: "integer",
  status: '"RunStatus"',
  input: "jsonb",
  tags: "text[]",
  customerKey: "text",
  concurrencyKey: "text",
  idempotencyKey: "text",
  triggerId: "text",
  startedBy: "text",
  parentRunId: "text",
  parentNodeId: "text",
  rootRunId: "text",
  rerunOfId: "text",
  rerunFromNode: "text",
  requestedAt: "timestamp(3)",
  flowState: "text",
  throttleKey: "text",
  debounceKey: "text",
  updatedAt: "timestamp(3)",
};
const NODE_RUN_COLUMNS: ColumnTypes = { id: "text", runId: "text", nodeId: "text", nodeType: "text", status: '"NodeRunStatus"', updatedAt: "timestamp(3)" };

/** One start of a batch: what {@link startRun} takes. */
export interface RunStartRequest {
  graphId: string;
  req: TStartRunRequest;
  opts?: StartRunOptions;
}

/** What one start of a batch did: startRun's result, or the error it would have thrown. */
export type RunStartOutcome = { ok: true; result: StartRunResult } | { ok: false; error: unknown };

/**
 * Starts many runs of one workspace together, each exactly as {@link startRun} would (the same
 * checks, rows, engine event, audit event and answer), in a handful of statements for all of
 * them instead of a handful each: the idempotency keys, graphs, versions and kill switches are
 * read in one query each, the runs and their node rows written in one transaction, the engine
 * told in one call, the audit chain appended once. What the common path does not cover (a
 * graph's `flow`, a graph that is missing, archived or switched off, a start that is not sent,
 * an idempotency key twice in one batch, a key taken meanwhile) goes through startRun alone, so
 * it gets startRun's answer. Outcomes are in the order of `starts`. `hooks.created` lets a
 * caller record what the new runs are for (a trigger's fires) as soon as they exist.
 */
export async function startRuns(
  ctx: WorkspaceContext,
  starts: RunStartRequest[],
  hooks: {
    /** called once the batch's runs are written, before the engine is told: which starts (index in `starts`) created which run; its failure is ignored */
    created?: (made: { index: number; runId: string }[]) => Promise<void>;
  } = {},
): Promise<RunStartOutcome[]> {
  const out: (RunStartOutcome | undefined)[] = starts.map(() => undefined);
  const alone = new Set<number>();
  if (!starts.length) return [];

  const keys = starts.map((s) => s.req.idempotencyKey).filter((k): k is string => !!k);
  const keyCount = new Map<string, number>();
  for (const k of keys) keyCount.set(k, (keyCount.get(k) ?? 0) + 1);
  const graphIds = [...new Set(starts.map((s) => s.graphId))];
  const [existing, graphs, switchedOff] = await Promise.all([
    keys.length ? ctx.db.run.findMany({ where: { idempotencyKey: { in: [...keyCount.keys()] } }, select: { id: true, status: true, version: true, graphId: true, idempotencyKey: true } }) : [],
    ctx.db.graph.findMany({ where: { id: { in: graphIds } } }),
    ctx.db.circuitBreaker.findMany({ where: { key: { in: graphIds.map(graphBreakerKey) }, forcedState: "open" }, select: { key: true } }),
  ]);
  const byKey = new Map(existing.map((r) => [r.idempotencyKey!, r]));
  const graphById = new Map(graphs.map((g) => [g.id, g]));
  const off = new Set(switchedOff.map((b) => b.key));
  const wanted = new Map<string, { graphId: string; version: number }>();
  for (const s of starts) {
    const g = graphById.get(s.graphId);
    if (g) wanted.set(`${s.graphId}@${s.req.version ?? g.latestVersion}`, { graphId: s.graphId, version: s.req.version ?? g.latestVersion });
  }
  const versions = wanted.size ? await ctx.db.graphVersion.findMany({ where: { OR: [...wanted.values()] } }) : [];
  const versionOf = new Map(versions.map((v) => [`${v.graphId}@${v.version}`, v]));

  const planned: { i: number; plan: PlannedRunStart; opts: StartRunOptions }[] = [];
  for (const [i, s] of starts.entries()) {
    const key = s.req.idempotencyKey;
    if (key && (keyCount.get(key) ?? 0) > 1) {
      alone.add(i);
      continue;
    }
    const seen = key ? byKey.get(key) : undefined;
    if (seen) {
      out[i] =
        seen.graphId !== s.graphId
          ? { ok: false, error: new AppError("conflict", "This idempotency key was already used for a run of another graph.") }
          : { ok: true, result: { runId: seen.id, status: seen.status, version: seen.version, created: false, admission: "duplicate" } };
      continue;
    }
    const graph = graphById.get(s.graphId);
    const version = graph ? versionOf.get(`${s.graphId}@${s.req.version ?? graph.latestVersion}`) : undefined;
    const opts = s.opts ?? {};
    const spec = version?.spec as TGraphSpec | undefined;
    // the uncommon paths answer through startRun, with its errors and its flow control
    if (!graph || !version || !spec || graph.archivedAt || off.has(graphBreakerKey(s.graphId)) || (spec.flow && !opts.parentRunId) || opts.send === false) {
      alone.add(i);
      continue;
    }
    try {
      planned.push({ i, plan: planRunStart(ctx, s.graphId, { id: version.id, version: version.version, spec }, s.req, opts), opts });
    } catch (err) {
      out[i] = { ok: false, error: err };
    }
  }

  let written = planned;
  if (planned.length) {
    try {
      const updatedAt = new Date();
      await ctx.db.$transaction([
        ctx.db.$executeRaw(
          insertTenantRowsSql(
            ctx.workspace.id,
            "Run",
            RUN_COLUMNS,
            planned.map((p) => ({ ...p.plan.run, updatedAt })),
          ),
        ),
        ctx.db.$executeRaw(
          insertTenantRowsSql(
            ctx.workspace.id,
            "NodeRun",
            NODE_RUN_COLUMNS,
            planned.flatMap((p) => p.plan.nodeRuns.map((n) => ({ ...n, updatedAt }))),
          ),
        ),
      ]);
    } catch {
      // nothing was written (one transaction): an idempotency key taken since it was read, or one
      // start's rows the database refused, must not sink the others, so each start goes again on
      // its own and gets its own answer (a duplicate's run, or its error)
      for (const p of planned) alone.add(p.i);
      written = [];
    }
  }
  if (written.length) {
    // the runs exist whatever the hook does: a failing hook never keeps them from the engine
    await hooks.created?.(written.map((p) => ({ index: p.i, runId: p.plan.runId }))).catch(() => {});
    try {
      await requestRunsExecution(
        ctx,
        written.map((p) => ({ runId: p.plan.runId, concurrency: p.plan.concurrencyKey !== null })),
      );
      const audited = written.filter((p) => !p.opts.parentRunId && !p.opts.rerunOfId);
      if (audited.length)
        await recordAuditEvents(
          ctx.actor,
          audited.map((p) => runStartAudit(ctx, p.plan)),
        );
      for (const p of written) out[p.i] = { ok: true, result: { runId: p.plan.runId, status: "queued", version: p.plan.version, created: true, admission: "started" } };
    } catch (err) {
      for (const p of written) out[p.i] ??= { ok: false, error: err };
    }
  }
  for (const i of alone) {
    const s = starts[i]!;
    try {
      out[i] = { ok: true, result: await startRun(ctx, s.graphId, s.req, s.opts) };
    } catch (err) {
      out[i] = { ok: false, error: err };
    }
  }
  return out.map((o) => o ?? { ok: false, error: new Error("The start was not made.") });
}
