import "server-only";
import { announceRunFinished } from "../events/announce-run-finished";
import type { WorkspaceContext } from "../auth/context";
import type { TGraphSpec } from "../graphs/spec/schema";
import { appendProvenanceIn, provenanceInputs } from "../provenance/append-provenance";
import { skipIfStale } from "../runs/flow/skip-stale-run";
import { observeNodeDuration } from "../metrics/registry";
import { exportNodeSpan, exportRunSpan } from "../telemetry";

/**
 * Writes of run progress: node statuses, outputs, errors and trace events.
 * Called from inside durable steps, so each write happens once per recorded
 * step. These rows are what the UI and the REST API read (never the engine).
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

export interface RunPlan {
  runId: string;
  workspaceId: string;
  graphId: string;
  version: number;
  graphVersionId: string;
  spec: TGraphSpec;
  input: Record<string, unknown>;
  customerKey: string | null;
  tags: string[];
  /** outputs reused from the run this one reruns */
  reused: Record<string, JsonValue>;
  status: string;
  /**
   * Wide fan-outs run as batch steps (`batch:<ids>`, lib/runtime/nodes/work-step.ts). Set for
   * runs begun by a runtime that has them; a run begun before keeps one step per node, so
   * its recorded steps still replay.
   */
  batchWide?: boolean;
}

/** Loads what a run executes and marks it running; a cancelled or finished run is returned as is. */
export async function beginRun(ctx: WorkspaceContext, runId: string): Promise<RunPlan> {
  let run = await ctx.db.run.findFirstOrThrow({ where: { id: runId } });
  const version = await ctx.db.graphVersion.findFirstOrThrow({ where: { id: run.graphVersionId } });
  const spec = version.spec as unknown as TGraphSpec;
  let reused: Record<string, JsonValue> = {};
  if (run.rerunOfId && run.rerunFromNode) {
    const { GraphDag } = await import("../graphs/spec/dag");
    const dag = GraphDag.of(spec);
    const redo = new Set([run.rerunFromNode, ...dag.downstreamOf(run.rerunFromNode)]);
    const previous = await ctx.db.nodeRun.findMany({ where: { runId: run.rerunOfId, status: { in: ["succeeded", "skipped"] } } });
    reused = Object.fromEntries(previous.filter((n) => !redo.has(n.nodeId) && n.status === "succeeded").map((n) => [n.nodeId, n.output as JsonValue]));
  }
  const status = run.status;
  if (status === "queued" || status === "paused") {
    // graph flow.maxAge: a run whose request is too old by now is not executed
    const maxAge = run.flowState && status === "queued" ? spec.flow?.maxAge : undefined;
    if (maxAge && (await skipIfStale(ctx, run, maxAge))) return { ...planOf(ctx, run, spec, reused), status: "cancelled" };
    await ctx.db.run.updateMany({ where: { id: runId, status: { in: ["queued", "paused"] } }, data: { status: "running", startedAt: run.startedAt ?? new Date(), pausedReason: null } });
    // under flow control a payload may be coalesced into the run until it leaves `queued`: read it after
    if (run.flowState) run = await ctx.db.run.findFirstOrThrow({ where: { id: runId } });
  }
  await trace(ctx, runId, null, "run.started", `Run started on version ${run.version}`, { version: run.version });
  return { ...planOf(ctx, run, spec, reused), status: status === "queued" ? "running" : status };
}

function planOf(
  ctx: WorkspaceContext,
  run: { id: string; graphId: string; version: number; graphVersionId: string; input: unknown; customerKey: string | null; tags: string[]; status: string },
  spec: TGraphSpec,
  reused: Record<string, JsonValue>,
): RunPlan {
  const runId = run.id;
  return {
    runId,
    workspaceId: ctx.workspace.id,
    graphId: run.graphId,
    version: run.version,
    graphVersionId: run.graphVersionId,
    spec,
    input: run.input as Record<string, unknown>,
    customerKey: run.customerKey,
    tags: run.tags,
    reused,
    status: run.status,
    batchWide: true,
  };
}

export async function isRunCancelled(ctx: WorkspaceContext, runId: string): Promise<boolean> {
  const run = await ctx.db.run.findFirst({ where: { id: runId }, select: { status: true } });
  return !run || run.status === "cancelled";
}

export async function trace(ctx: WorkspaceContext, runId: string, nodeId: string | null, type: string, message: string, data?: unknown) {
  await ctx.db.traceEvent.create({ data: { runId, nodeId, type, message, data: (data ?? undefined) as never } as never });
}

export async function markNodeRunning(ctx: WorkspaceContext, runId: string, nodeId: string, attempt: number, input?: unknown) {
  await ctx.db.nodeRun.updateMany({
    where: { runId, nodeId },
    data: { status: "running", attempts: attempt, ...(input !== undefined ? { input: input as never } : {}), startedAt: new Date(), endedAt: null, error: null as never },
  });
  await trace(ctx, runId, nodeId, "node.started", attempt > 1 ? `Attempt ${attempt}` : "Started", { attempt });
}

export async function markNodeWaiting(ctx: WorkspaceContext, runId: string, nodeId: string, reason: string) {
  await ctx.db.nodeRun.updateMany({ where: { runId, nodeId }, data: { status: "waiting" } });
  await ctx.db.run.updateMany({ where: { id: runId, status: "running" }, data: { status: "waiting" } });
  await trace(ctx, runId, nodeId, "node.waiting", reason);
}

/**
 * Run pause and resume. A run is `paused` (with `pausedReason`) while a person must decide
 * before it can go on: its start is over the forecast threshold (`forecast`), or a node was
 * refused by a budget (`budget`), or its graph's kill switch is on (`kill_switch`). It is
 * `waiting` while a node waits on an approval, a sleep or an event. Only a run still going is
 * paused, and only a paused run is resumed, so a cancelled or finished run is never brought back.
 */
export type PausedReason = "forecast" | "budget" | "kill_switch";

export async function pauseRun(ctx: WorkspaceContext, runId: string, reason: PausedReason) {
  await ctx.db.run.updateMany({ where: { id: runId, status: { in: ["running", "waiting"] } }, data: { status: "paused", pausedReason: reason } });
}

/**
 * Ends a pause: `nodeId` (a node a budget held) goes back to running, and the run with it once
 * no node of it is paused any more — to `waiting` when another node still waits on a person,
 * a sleep or an event. Each resuming node marks itself before counting, so whichever of
 * several resumes last sees none left and flips the run.
 */
export async function resumePausedRun(ctx: WorkspaceContext, runId: string, nodeId?: string) {
  if (nodeId) await ctx.db.nodeRun.updateMany({ where: { runId, nodeId, status: "paused" }, data: { status: "running" } });
  if (await ctx.db.nodeRun.count({ where: { runId, status: "paused" } })) return;
  const waiting = await ctx.db.nodeRun.count({ where: { runId, status: "waiting" } });
  await ctx.db.run.updateMany({ where: { id: runId, status: "paused" }, data: { status: waiting ? "waiting" : "running", pausedReason: null } });
}

/** A node held by a budget until a person decides. */
export async function pauseNode(ctx: WorkspaceContext, runId: string, nodeId: string) {
  await ctx.db.nodeRun.updateMany({ where: { runId, nodeId }, data: { status: "paused" } });
}

/** The graph version a run was moved to while it waited (lib/runs/migrate-run.ts), or null if it was not. */
export async function readMovedVersion(ctx: WorkspaceContext, runId: string, currentVersionId: string): Promise<{ versionId: string; version: number; spec: TGraphSpec } | null> {
  const run = await ctx.db.run.findFirstOrThrow({ where: { id: runId }, select: { graphVersionId: true, version: true } });
  if (run.graphVersionId === currentVersionId) return null;
  const v = await ctx.db.graphVersion.findFirstOrThrow({ where: { id: run.graphVersionId } });
  return { versionId: v.id, version: v.version, spec: v.spec as unknown as TGraphSpec };
}

/** The outputs of those nodes that already succeeded (a batch step tried again keeps them). */
export async function readSucceededNodes(ctx: WorkspaceContext, runId: string, nodeIds: string[]): Promise<Record<string, JsonValue>> {
  const rows = await ctx.db.nodeRun.findMany({ where: { runId, nodeId: { in: nodeIds }, status: "succeeded" }, select: { nodeId: true, output: true } });
  return Object.fromEntries(rows.map((r) => [r.nodeId, (r.output ?? null) as JsonValue]));
}

/** After a wait ends: the run is running again unless something else still waits. */
export async function resumeFromWait(ctx: WorkspaceContext, runId: string) {
  const stillWaiting = await ctx.db.nodeRun.count({ where: { runId, status: "waiting" } });
  if (!stillWaiting) await ctx.db.run.updateMany({ where: { id: runId, status: "waiting" }, data: { status: "running" } });
}

export interface NodeUsage {
  provider?: string | null;
  model?: string | null;
  inputTokens?: number;
  outputTokens?: number;
  cachedTokens?: number;
}

/**
 * A node's output, written with its provenance record in one transaction: the output and the
 * record that vouches for it are stored together or not at all. `inputs` is what the node read
 * (`nodeInput`: the run's input and its needs' outputs; the input stored on the node run when not
 * given). An approval node (`approvalId`) records a person's `decision`.
 */
export async function completeNode(
  ctx: WorkspaceContext,
  runId: string,
  nodeId: string,
  output: unknown,
  extra: { usage?: NodeUsage; provenance?: unknown; message?: string; inputs?: unknown; approvalId?: string } = {},
) {
  const u = extra.usage ?? {};
  const recorded = await ctx.db.$transaction(async (tx) => {
    const [row] = await tx.nodeRun.updateManyAndReturn({
      where: { runId, nodeId },
      data: {
        status: "succeeded",
        output: (output ?? null) as never,
        endedAt: new Date(),
        ...(u.model ? { model: u.model, provider: u.provider ?? null } : {}),
        ...(u.inputTokens !== undefined ? { inputTokens: u.inputTokens, outputTokens: u.outputTokens ?? 0, cachedTokens: u.cachedTokens ?? 0 } : {}),
        ...(extra.provenance ? { provenance: extra.provenance as never } : {}),
      },
      select: { nodeType: true, input: true, startedAt: true },
    });
    if (!row) return false;
    observeNodeDuration(row.nodeType, "succeeded", row.startedAt);
    const producer = { nodeType: row.nodeType, ...((extra.provenance as Record<string, unknown> | undefined) ?? {}) };
    const entry = { runId, kind: extra.approvalId ? "decision" : "node", nodeId, approvalId: extra.approvalId ?? null, producer, inputs: provenanceInputs(extra.inputs ?? row.input), output: output ?? null } as const;
    // the trace event goes with the record's statement: one round trip less per node
    await appendProvenanceIn(tx, ctx.workspace.id, entry, { nodeId, type: "node.succeeded", message: extra.message ?? "Succeeded" });
    return true;
  });
  if (!recorded) await trace(ctx, runId, nodeId, "node.succeeded", extra.message ?? "Succeeded");
  else exportNodeSpan(ctx, runId, nodeId);
}

export async function failNode(ctx: WorkspaceContext, runId: string, nodeId: string, error: { message: string; [k: string]: unknown }, attempt: number, final: boolean) {
  const rows = await ctx.db.nodeRun.updateManyAndReturn({
    where: { runId, nodeId },
    data: { status: final ? "failed" : "running", error: error as never, attempts: attempt, ...(final ? { endedAt: new Date() } : {}) },
    select: { nodeType: true, startedAt: true },
  });
  if (final && rows[0]) {
    observeNodeDuration(rows[0].nodeType, "failed", rows[0].startedAt);
    exportNodeSpan(ctx, runId, nodeId);
  }
  await trace(ctx, runId, nodeId, final ? "node.failed" : "node.retrying", final ? `Failed: ${error.message}` : `Attempt ${attempt} failed: ${error.message}`, { attempt, error });
}

export async function skipNodes(ctx: WorkspaceContext, runId: string, nodeIds: string[], reason: string) {
  if (!nodeIds.length) return;
  const skipped = await ctx.db.nodeRun.updateManyAndReturn({
    where: { runId, nodeId: { in: nodeIds }, status: "queued" },
    data: { status: "skipped", endedAt: new Date() },
    select: { nodeId: true },
  });
  // a branch not taken shows in the trace, as a span of no length at the moment it was decided
  for (const { nodeId } of skipped) exportNodeSpan(ctx, runId, nodeId);
  for (const id of nodeIds) await trace(ctx, runId, id, "node.skipped", reason);
}

/** Final status of a run; nodes never reached are marked skipped. */
export async function finishRun(ctx: WorkspaceContext, runId: string, result: { status: "succeeded" | "failed"; output?: unknown; error?: unknown }) {
  const now = new Date();
  await ctx.db.nodeRun.updateMany({ where: { runId, status: "queued" }, data: { status: "skipped", endedAt: now } });
  const updated = await ctx.db.run.updateMany({
    where: { id: runId, status: { notIn: ["cancelled", "succeeded", "failed"] } },
    data: { status: result.status, output: (result.output ?? null) as never, error: (result.error ?? null) as never, endedAt: now, pausedReason: null },
  });
  if (updated.count) {
    await trace(ctx, runId, null, `run.${result.status}`, result.status === "succeeded" ? "Run succeeded" : "Run failed", result.error ?? undefined);
    await announceRunFinished(ctx, runId, result.status);
    exportRunSpan(ctx, runId);
  }
  return updated.count > 0;
}
