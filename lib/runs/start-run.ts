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
import { NOT_YET_RUNNABLE } from "../graphs/spec/schema";
import { renderTemplate } from "../graphs/spec/template";
import { inngest } from "../events/client";
import { EVENTS, type RunRequestedData } from "../events/names";
import { concurrencyKeyFor } from "../runtime/acquire-run-slot";
import type { FireOutcome } from "../triggers/record-fire";

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

/** What a start did. `outcome`/`reason`: how backpressure shaped it (e.g. `debounced` into an existing run), when it did. */
export interface StartRunResult {
  runId: string;
  status: string;
  version: number;
  created: boolean;
  outcome?: FireOutcome;
  reason?: string;
}

/**
 * Creates a run pinned to a graph version and asks the engine to execute it.
 * A repeated idempotency key returns the run it first created (`created: false`).
 */
export async function startRun(ctx: WorkspaceContext, graphId: string, req: TStartRunRequest, opts: StartRunOptions = {}): Promise<StartRunResult> {
  if (req.idempotencyKey) {
    const existing = await ctx.db.run.findFirst({ where: { idempotencyKey: req.idempotencyKey } });
    if (existing) {
      if (existing.graphId !== graphId) throw new AppError("conflict", "This idempotency key was already used for a run of another graph.");
      return { runId: existing.id, status: existing.status, version: existing.version, created: false };
    }
  }
  const version = await getGraphVersionOrThrow(ctx, graphId, req.version);
  assertGraphNotArchived(version.graph, "run");
  // the graph's kill switch: 409 graph_disabled, naming who turned it on and why
  await assertGraphEnabled(ctx, version.graph);
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
  const concurrencyKey = concurrencyKeyFor(spec, req.input, { id: runId, graph: graphId, version: version.version, customerKey });
  try {
    await ctx.db.$transaction([
      ctx.db.run.create({
        data: {
          id: runId,
          graphId,
          graphVersionId: version.id,
          version: version.version,
          status: "queued",
          input: req.input as never,
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
        } as never,
      }),
      ctx.db.nodeRun.createMany({
        data: spec.nodes.map((n) => ({ id: newId("nodeRun"), runId, nodeId: n.id, nodeType: n.type, status: "queued" as const })) as never,
      }),
    ]);
  } catch (err) {
    if ((err as { code?: string }).code === "P2002" && req.idempotencyKey) {
      const existing = await ctx.db.run.findFirstOrThrow({ where: { idempotencyKey: req.idempotencyKey } });
      return { runId: existing.id, status: existing.status, version: existing.version, created: false };
    }
    throw err;
  }
  if (opts.send !== false) await requestRunExecution(ctx, runId, { concurrency: concurrencyKey !== null });
  // a sub-run is part of its parent's start, and a rerun is audited as one (see rerun-run)
  if (!opts.parentRunId && !opts.rerunOfId) {
    await recordAuditEvent(ctx.actor, {
      workspaceId: ctx.workspace.id,
      action: "run.start",
      targetType: "run",
      targetId: runId,
      data: { graphId, version: version.version, ...(opts.triggerId ? { triggerId: opts.triggerId } : {}) },
    });
  }
  return { runId, status: "queued" as const, version: version.version, created: true };
}

/** Sends the event that makes the engine execute a run; a run the engine never heard of is failed with the reason. */
export async function requestRunExecution(ctx: WorkspaceContext, runId: string, opts: { concurrency: boolean }) {
  try {
    await inngest.send({ name: EVENTS.runRequested, id: `run-requested-${runId}`, data: { runId, workspaceId: ctx.workspace.id, concurrency: opts.concurrency } satisfies RunRequestedData });
  } catch (err) {
    await ctx.db.run.updateMany({
      where: { id: runId, status: "queued" },
      data: { status: "failed", endedAt: new Date(), error: { message: `The durable engine could not be reached: ${(err as Error).message}` } as never },
    });
    throw new AppError("unavailable", "The durable engine is not reachable, so the run could not start. Check /api/health.");
  }
}
