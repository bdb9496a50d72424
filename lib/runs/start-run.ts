import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import { recordAuditEvent } from "../audit/record-audit-event";
import { newId } from "../ids";
import { validateJsonSchema } from "../json-schema";
import type { WorkspaceContext } from "../auth/context";
import { getGraphVersionOrThrow } from "../graphs/get-graph";
import { assertGraphNotArchived } from "../graphs/archive-graph";
import { assertGraphEnabled } from "../breakers/kill-switch";
import { NOT_YET_RUNNABLE, type TGraphSpec } from "../graphs/spec/schema";
import { renderTemplate } from "../graphs/spec/template";
import { inngest } from "../events/client";
import { EVENTS, type RunRequestedData } from "../events/names";
import { concurrencyKeyFor } from "../runtime/acquire-run-slot";
import type { FireOutcome } from "../triggers/record-fire";
import { flowKeysFor } from "./flow/flow-keys";
import { admitRun, type Admission } from "./flow/admit-run";
import { settleFlowEndedRun } from "./flow/end-flow-run";

/** Unknown fields are refused (a misspelt `inputs` or `verison` would otherwise be ignored). */
export const ZStartRunRequestSchema = z.strictObject({
  input: z.record(z.string(), z.unknown()).default({}),
  version: z.number().int().positive().max(2_147_483_647).optional(),
  tags: z.array(z.string().trim().min(1).max(60)).max(20).optional(),
  idempotencyKey: z.string().trim().min(1).max(200).optional(),
  customerKey: z.string().trim().min(1).max(200).optional(),
});
export type TStartRunRequest = z.infer<typeof ZStartRunRequestSchema>;

export interface StartRunOptions {
  startedBy?: string;
  parentRunId?: string;
  parentNodeId?: string;
  rootRunId?: string;
  triggerId?: string;
  rerunOfId?: string;
  rerunFromNode?: string;
  /** false: create the run but let the caller start it (subgraph invoke) */
  send?: boolean;
  /** when what asked for the run happened (a trigger's payload time; default now): `flow.maxAge` counts from it */
  requestedAt?: Date;
}

/**
 * What a start did. `outcome`/`reason`: how backpressure shaped it, when it did — `debounced`
 * (into a run still in its debounce period) or `coalesced` (the queue was full: into the newest
 * waiting run); both with `created: false` and that run's id. `admission` says the same for the
 * API: `started`, `duplicate`, `debounced` or `coalesced`.
 */
export interface StartRunResult {
  runId: string;
  status: string;
  version: number;
  created: boolean;
  outcome?: FireOutcome;
  reason?: string;
  admission: StartAdmission;
}

/** What happened to a run start (see StartRunResult). */
export const START_ADMISSIONS = ["started", "duplicate", "debounced", "coalesced"] as const;
export type StartAdmission = (typeof START_ADMISSIONS)[number];

/**
 * Creates a run pinned to a graph version and asks the engine to execute it.
 * A repeated idempotency key returns the run it first created (`created: false`).
 */
export async function startRun(ctx: WorkspaceContext, graphId: string, req: TStartRunRequest, opts: StartRunOptions = {}): Promise<StartRunResult> {
  if (req.idempotencyKey) {
    const existing = await ctx.db.run.findFirst({ where: { idempotencyKey: req.idempotencyKey } });
    if (existing) {
      if (existing.graphId !== graphId) throw new AppError("conflict", "This idempotency key was already used for a run of another graph.");
      return { runId: existing.id, status: existing.status, version: existing.version, created: false, admission: "duplicate" };
    }
  }
  const version = await getGraphVersionOrThrow(ctx, graphId, req.version);
  assertGraphNotArchived(version.graph, "run");
  // the graph's kill switch: 409 graph_disabled, naming who turned it on and why
  await assertGraphEnabled(ctx, version.graph);
  const planned = planRunStart(ctx, graphId, version, req, opts);
  const { runId, flow, flowKeys, concurrencyKey } = planned;
  try {
    await ctx.db.$transaction([ctx.db.run.create({ data: planned.run as never }), ctx.db.nodeRun.createMany({ data: planned.nodeRuns as never })]);
  } catch (err) {
    if ((err as { code?: string }).code === "P2002" && req.idempotencyKey) {
      const existing = await ctx.db.run.findFirstOrThrow({ where: { idempotencyKey: req.idempotencyKey } });
      return { runId: existing.id, status: existing.status, version: existing.version, created: false, admission: "duplicate" };
    }
    throw err;
  }
  if (flow) {
    const admission = await admitRun(ctx, { runId, graphId, flow, input: req.input, requestedAt: opts.requestedAt ?? null, concurrencyKey, ...flowKeys });
    const merged = await settleAdmission(ctx, runId, admission);
    if (merged) return { ...merged, version: version.version };
  }
  if (opts.send !== false) await requestRunExecution(ctx, runId, { concurrency: concurrencyKey !== null, flow: flow !== null });
  // a sub-run is part of its parent's start, and a rerun is audited as one (see rerun-run)
  if (!opts.parentRunId && !opts.rerunOfId) {
    await recordAuditEvent(ctx.actor, runStartAudit(ctx, planned));
  }
  return { runId, status: "queued" as const, version: version.version, created: true, admission: "started" };
}

/** A run start as rows, decided before anything is written (see {@link planRunStart}). */
export interface PlannedRunStart {
  runId: string;
  graphId: string;
  version: number;
  triggerId: string | null;
  /** the Run row */
  run: Record<string, unknown>;
  /** its NodeRun rows, one per node, queued */
  nodeRuns: Record<string, unknown>[];
  concurrencyKey: string | null;
  /** the graph's `flow`, when it governs this start */
  flow: NonNullable<TGraphSpec["flow"]> | null;
  flowKeys: { throttleKey: string | null; debounceKey: string | null };
}

/**
 * Checks a start against its pinned version (runnable nodes, the input schema) and builds its
 * rows: the run, queued, and a queued row per node. Throws the AppError a caller answers with.
 * Reads nothing: the caller has read the version (and checked idempotency, archive and kill switch).
 */
export function planRunStart(
  ctx: WorkspaceContext,
  graphId: string,
  version: { id: string; version: number; spec: TGraphSpec },
  req: TStartRunRequest,
  opts: StartRunOptions = {},
): PlannedRunStart {
  const spec = version.spec;
  // refused before a run exists rather than failing when the run reaches the node
  const notRunnable = spec.nodes.flatMap((n, i) =>
    NOT_YET_RUNNABLE.includes(n.type) ? [{ path: `nodes[${i}] (${n.id})`, message: `${n.type} nodes cannot run in this version yet: use agent nodes and routers instead, or remove it` }] : [],
  );
  if (notRunnable.length) {
    throw new AppError("validation_failed", `This graph cannot run yet: ${notRunnable.map((i) => `${i.path}: ${i.message}`).join("; ")}`, notRunnable);
  }
  if (spec.input) {
    const issues = validateJsonSchema(spec.input, req.input, "input");
    if (issues.length) throw new AppError("validation_failed", `The run input does not match the graph's input schema: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, issues);
  }
  let customerKey = req.customerKey ?? null;
  if (!customerKey && spec.customerKey) {
    try {
      const value = renderTemplate(spec.customerKey, { input: req.input, nodes: {} });
      customerKey = value === undefined || value === null || value === "" ? null : String(value);
    } catch {
      customerKey = null;
    }
  }
  const runId = newId("run");
  const runRef = { id: runId, graph: graphId, version: version.version, customerKey };
  const concurrencyKey = concurrencyKeyFor(spec, req.input, runRef);
  // graph `flow` governs every start but a sub-run's (part of its parent's start)
  const flow = spec.flow && !opts.parentRunId ? spec.flow : null;
  const flowKeys = flow ? flowKeysFor(flow, req.input, runRef) : { throttleKey: null, debounceKey: null };
  return {
    runId,
    graphId,
    version: version.version,
    triggerId: opts.triggerId ?? null,
    run: {
      id: runId,
      graphId,
      graphVersionId: version.id,
      version: version.version,
      status: "queued",
      input: req.input,
      tags: [...new Set([...(spec.tags ?? []), ...(req.tags ?? [])])],
      customerKey,
      concurrencyKey,
      idempotencyKey: req.idempotencyKey ?? null,
      triggerId: opts.triggerId ?? null,
      startedBy: opts.startedBy ?? (ctx.actor.apiKeyId ? `apikey:${ctx.actor.apiKeyId}` : ctx.actor.userId ? `user:${ctx.actor.userId}` : null),
      parentRunId: opts.parentRunId ?? null,
      parentNodeId: opts.parentNodeId ?? null,
      rootRunId: opts.rootRunId ?? opts.parentRunId ?? null,
      rerunOfId: opts.rerunOfId ?? null,
      rerunFromNode: opts.rerunFromNode ?? null,
      requestedAt: opts.requestedAt ?? null,
      ...(flow ? { flowState: "admitting", ...flowKeys } : {}),
    },
    nodeRuns: spec.nodes.map((n) => ({ id: newId("nodeRun"), runId, nodeId: n.id, nodeType: n.type, status: "queued" })),
    concurrencyKey,
    flow,
    flowKeys,
  };
}

/** The audit event of a run start (`run.start`), as its workspace's chain records it. */
export function runStartAudit(ctx: WorkspaceContext, planned: Pick<PlannedRunStart, "runId" | "graphId" | "version" | "triggerId">) {
  return {
    workspaceId: ctx.workspace.id,
    action: "run.start",
    targetType: "run",
    targetId: planned.runId,
    data: { graphId: planned.graphId, version: planned.version, ...(planned.triggerId ? { triggerId: planned.triggerId } : {}) },
  };
}

/**
 * Acts on an admission: a start that went into another run (debounced, coalesced) or was refused
 * leaves no row of its own (its idempotency key is free again); runs dropped to make room are
 * ended with the reason. Returns the run the caller gets when it is not the new one.
 */
async function settleAdmission(ctx: WorkspaceContext, runId: string, admission: Admission): Promise<Omit<StartRunResult, "version"> | null> {
  if (admission.kind === "admitted") {
    for (const dropped of admission.dropped) {
      await settleFlowEndedRun(ctx, dropped, {
        outcome: "queue_full",
        reason: "Dropped before it began: the graph's queue of waiting runs was full (policy drop_oldest) and a newer start took its place.",
        traceType: "run.dropped",
      });
    }
    return null;
  }
  await ctx.db.run.deleteMany({ where: { id: runId, flowState: { in: ["merged", "refused"] } } });
  if (admission.kind === "refused") {
    throw new AppError("queue_full", `This graph's queue of runs waiting to start is full (flow.queue), so this start was refused. Try again in ${admission.retryAfterSeconds} s.`, undefined, {
      headers: { "Retry-After": String(admission.retryAfterSeconds) },
      details: { retryAfterSeconds: admission.retryAfterSeconds },
    });
  }
  const into = await ctx.db.run.findFirst({ where: { id: admission.into }, select: { status: true } });
  const reason =
    admission.kind === "debounced"
      ? `Debounced into run ${admission.into}, which starts after the quiet period with this payload.`
      : `The graph's queue was full (policy coalesce): run ${admission.into}, still waiting to start, took this payload.`;
  return { runId: admission.into, status: into?.status ?? "queued", created: false, outcome: admission.kind, reason, admission: admission.kind };
}

/** Sends the event that makes the engine execute a run; a run the engine never heard of is failed with the reason. */
export async function requestRunExecution(ctx: WorkspaceContext, runId: string, opts: { concurrency: boolean; flow?: boolean }) {
  await requestRunsExecution(ctx, [{ runId, ...opts }]);
}

/**
 * Sends the events that make the engine execute runs, in one call; when the engine cannot be
 * reached, the runs it never heard of are failed with the reason, and the AppError says so.
 */
export async function requestRunsExecution(ctx: WorkspaceContext, runs: { runId: string; concurrency: boolean; flow?: boolean }[]) {
  if (!runs.length) return;
  try {
    await inngest.send(
      runs.map(({ runId, concurrency, flow }) => ({
        name: EVENTS.runRequested,
        id: `run-requested-${runId}`,
        data: { runId, workspaceId: ctx.workspace.id, concurrency, ...(flow ? { flow: true } : {}) } satisfies RunRequestedData,
      })),
    );
  } catch (err) {
    await ctx.db.run.updateMany({
      where: { id: { in: runs.map((r) => r.runId) }, status: "queued" },
      data: { status: "failed", endedAt: new Date(), error: { message: `The durable engine could not be reached: ${(err as Error).message}` } as never },
    });
    throw new AppError("unavailable", "The durable engine is not reachable, so the run could not start. Check /api/health.");
  }
}
