import "server-only";
import { NonRetriableError } from "inngest";
import { GraphDag, type TNodeStatus } from "../graphs/spec/dag";
import { parseDuration } from "../graphs/spec/duration";
import type { TTemplateContext } from "../graphs/spec/template";
import type { TNodeSpec } from "../graphs/spec/schema";
import { openApproval } from "../approvals/open-approval";
import { dbLifecycle, type RunLifecycle } from "./run-lifecycle";
import { expireUndecided, waitForInboxDecision } from "./decision-wait";
import { EXECUTORS } from "./nodes";
import type { ExecutorTable, NodeContext, NodeExecutor, NodeResult, NodeResults, Steps, WorkExecutor } from "./nodes/context";
import type { ErrorInfo } from "./nodes/errors";
import { routerTaken } from "./nodes/router";
import { BATCH_SIZE, continueAfterBatch, runBudgeted, runWorkBatch, WIDE_FAN_OUT } from "./nodes/work-step";
import { notRunnableExecutor } from "./nodes/not-runnable";
import { waitForRunSlot } from "./acquire-run-slot";
import { waitForFlowGate } from "./flow-gate";
import { startRunDeadline } from "./run-timeout";
import { checkRunOutput } from "./check-run-output";
import { formatMoney } from "../format/money";

export type { Steps } from "./nodes/context";

const FORECAST_DECISION_TIMEOUT = "30d";

/**
 * Executes a run of a pinned graph version as a DAG: a node starts as soon as
 * all its needs finished, so a slow branch never holds up independent ones.
 * Each node type is run by its executor (lib/runtime/nodes, `EXECUTORS`); see
 * lib/runtime/ARCHITECTURE.md for step ids, replay and decision waits.
 */
export async function interpretRun(args: {
  runId: string;
  workspaceId: string;
  /** false when the run was requested knowing its graph has no concurrency limit: no slot step */
  concurrency?: boolean;
  /** true when the run was requested under its graph's `flow` control: it passes the flow gate first */
  flow?: boolean;
  step: Steps;
  attempt: number;
  /** the run function itself, for subgraph invocations */
  self: unknown;
  /** the run's reads and writes (the database unless a test says otherwise) */
  lifecycle?: RunLifecycle;
  /** executors that stand in for the built-in ones (tests) */
  executors?: Partial<ExecutorTable>;
}): Promise<{ status: string; output?: unknown; error?: unknown }> {
  const { runId, workspaceId, step, attempt } = args;
  const life = args.lifecycle ?? dbLifecycle;
  const executors: Partial<ExecutorTable> = { ...EXECUTORS, ...args.executors };
  // graph flow control: debounce and throttle hold the run, durably, before it may take a slot
  if (args.flow && life.passFlowGate && !(await waitForFlowGate(step, workspaceId, runId, { context: life.context, passFlowGate: life.passFlowGate }))) return { status: "cancelled" };
  // graph concurrency: wait queued, durably, until one of the graph's slots is free (a run
  // requested as unlimited skips the step: one engine call less per run)
  if (args.concurrency !== false && !(await waitForRunSlot(step, workspaceId, runId, life))) return { status: "cancelled" };
  const plan = await step.run("start", async () => life.beginRun(await life.context(workspaceId), runId));
  if (plan.status === "cancelled" || plan.status === "succeeded" || plan.status === "failed") return { status: plan.status };

  // a run waiting for a person may be moved to a newer version (lib/runs/migrate-run.ts);
  // the interpreter re-reads its version after each wait, in a step, so replays agree
  let nodes = new Map(plan.spec.nodes.map((n) => [n.id, n]));
  let versionId = plan.graphVersionId;
  const statuses: Record<string, TNodeStatus> = {};
  const results: NodeResults = {};
  const n: NodeContext = {
    runId,
    workspaceId,
    step,
    attempt,
    self: args.self,
    plan,
    life,
    spec: plan.spec,
    dag: GraphDag.of(plan.spec),
    results,
    templateContext: (): TTemplateContext => ({
      input: plan.input,
      nodes: results,
      run: { id: plan.runId, graph: plan.graphId, version: plan.version, customerKey: plan.customerKey },
    }),
    nodeInput: (node) => {
      const needs = n.dag.needsOf(node.id);
      return {
        input: plan.input,
        ...(needs.length ? { upstream: Object.fromEntries(needs.map((id) => [id, results[id]?.output ?? null])) } : {}),
      };
    },
  };
  let failure: { nodeId: string; error: ErrorInfo } | null = null;
  let cancelled = false;

  for (const [id, output] of Object.entries(plan.reused)) {
    statuses[id] = "succeeded";
    results[id] = { output, status: "succeeded" };
  }
  if (Object.keys(plan.reused).length) {
    await step.run("reuse", async () => {
      const ctx = await life.context(workspaceId);
      for (const [id, output] of Object.entries(plan.reused)) await life.completeNode(ctx, runId, id, output, { message: "Reused from the earlier run", provenance: { reused: true } });
    });
  }

  const gate = await gateOnForecast(n);
  if (gate) return gate;

  const executorOf = (node: TNodeSpec): NodeExecutor => (executors[node.type] as NodeExecutor | undefined) ?? notRunnableExecutor;
  const execute = (node: TNodeSpec): Promise<NodeResult> => {
    const executor = executorOf(node);
    return executor.kind === "flow" ? executor.run(n, node) : runBudgeted(n, node, executor);
  };

  const replanAfterWait = async (nodeId: string) => {
    const moved = await step.run(`replan:${nodeId}`, async () => life.readMovedVersion(await life.context(workspaceId), runId, versionId));
    if (!moved) return;
    n.spec = moved.spec;
    n.dag = GraphDag.of(moved.spec);
    nodes = new Map(moved.spec.nodes.map((x) => [x.id, x]));
    versionId = moved.versionId;
    plan.version = moved.version;
    for (const id of Object.keys(statuses)) if (!nodes.has(id) && statuses[id] === "pending") delete statuses[id];
  };

  const onFinished = async (node: TNodeSpec, res: NodeResult) => {
    if (res.status === "cancelled") {
      cancelled = true;
      return;
    }
    const executor = executorOf(node);
    if (executor.kind === "flow" && executor.replanAfter) await replanAfterWait(node.id);
    if (res.status === "succeeded") {
      statuses[node.id] = "succeeded";
      results[node.id] = { output: res.output, status: "succeeded" };
      // onError.fallback: a fallback's output stands in for the failed nodes it protects
      const protectees = n.spec.nodes.filter((x) => typeof x.onError === "object" && x.onError.fallback === node.id && statuses[x.id] === "failed").map((x) => x.id);
      for (const id of protectees) results[id] = { output: res.output, status: "fallback" };
      if (protectees.length) await step.run(`fallback:${node.id}`, async () => life.standInForFailed(await life.context(workspaceId), runId, node.id, protectees, res.output));
      if (node.type === "router") {
        const skipped = n.dag.skippedByRouter(node.id, routerTaken(res.output)).filter((id) => !statuses[id] || statuses[id] === "pending");
        for (const id of skipped) {
          statuses[id] = "skipped";
          results[id] = { output: null, status: "skipped" };
        }
        if (skipped.length) await step.run(`skip:${node.id}`, async () => life.skipNodes(await life.context(workspaceId), runId, skipped, `Not taken by router ${node.id}`));
      }
      return;
    }
    statuses[node.id] = "failed";
    results[node.id] = { output: null, status: "failed" };
    const onError = node.onError ?? "fail";
    if (onError === "fail") failure ??= { nodeId: node.id, error: res.error };
  };

  // The scheduler: start every ready node, wait for one to finish, repeat. Each node's
  // promise pushes its end onto a queue and wakes the loop once: no work per node in
  // flight when one finishes (racing all of them again costs O(n) each time, O(n²) in all).
  const ended: Array<{ error?: unknown; failed: boolean }> = [];
  let endedHead = 0;
  let wake: (() => void) | null = null;
  let inFlight = 0;
  const track = (work: Promise<void>) => {
    inFlight++;
    const settle = (entry: { error?: unknown; failed: boolean }) => {
      ended.push(entry);
      const w = wake;
      wake = null;
      w?.();
    };
    work.then(
      () => settle({ failed: false }),
      (error: unknown) => settle({ error, failed: true }),
    );
  };
  const start = (ready: string[]) => {
    const single: TNodeSpec[] = [];
    // a wide fan-out (many sibling work nodes with the same needs, which are always ready
    // together, so the batches are the same on every replay) runs in batch steps
    const wide = new Map<string, Array<{ node: TNodeSpec; executor: WorkExecutor }>>();
    for (const id of ready) {
      const node = nodes.get(id)!;
      statuses[id] = "running";
      const executor = executorOf(node);
      if (plan.batchWide && executor.kind === "work" && !n.dag.isStandby(id)) {
        const key = [...n.dag.needsOf(id)].sort().join("\n");
        const group = wide.get(key) ?? [];
        wide.set(key, group);
        group.push({ node, executor });
      } else single.push(node);
    }
    for (const group of wide.values()) {
      if (group.length < WIDE_FAN_OUT) {
        single.push(...group.map((g) => g.node));
        continue;
      }
      for (let i = 0; i < group.length; i += BATCH_SIZE) {
        const chunk = group.slice(i, i + BATCH_SIZE);
        const batch = runWorkBatch(n, chunk);
        for (const { node, executor } of chunk) track(batch.then((attempts) => continueAfterBatch(n, node, executor, attempts[node.id])).then((res) => onFinished(node, res)));
      }
    }
    for (const node of single) track(execute(node).then((res) => onFinished(node, res)));
  };
  // timeouts.run: a durable sleep raced against the nodes; when it ends first, the loop stops
  let timedOut = false;
  void startRunDeadline(step, n.spec).then(() => {
    timedOut = true;
    const w = wake;
    wake = null;
    w?.();
  });
  for (;;) {
    if (timedOut) break;
    if (!failure && !cancelled) start(n.dag.readyNodes(statuses));
    if (inFlight === 0) break;
    if (endedHead === ended.length) await new Promise<void>((resolve) => (wake = resolve));
    if (timedOut) break;
    while (endedHead < ended.length) {
      const entry = ended[endedHead++];
      inFlight--;
      if (entry.failed) throw entry.error;
    }
  }

  if (cancelled) return { status: "cancelled" };
  if (timedOut) {
    const stopped = await step.run("run-timeout-fail", async () => life.failTimedOutRun(await life.context(workspaceId), runId, n.spec));
    if (!stopped.ended) return { status: "cancelled" };
    throw new NonRetriableError(stopped.error.message);
  }
  const outcome = await step.run("finish", async () => {
    const ctx = await life.context(workspaceId);
    if (await life.isRunCancelled(ctx, runId)) return { status: "cancelled" as const };
    if (failure) {
      const error = { nodeId: failure.nodeId, message: `Node ${failure.nodeId} failed: ${failure.error.message}`, cause: failure.error };
      await life.finishRun(ctx, runId, { status: "failed", error });
      await life.announceSlotFreed(ctx, runId);
      return { status: "failed" as const, error };
    }
    // the run's result: output nodes at the end of the graph, else any output node, else the last nodes
    const spec = n.spec;
    const done = spec.nodes.filter((x) => statuses[x.id] === "succeeded");
    const isSink = (x: TNodeSpec) => n.dag.dependentsOf(x.id).length === 0;
    const finalOutputs = done.filter((x) => x.type === "output" && isSink(x));
    const anyOutputs = done.filter((x) => x.type === "output");
    const chosen = finalOutputs.length ? finalOutputs : anyOutputs.length ? anyOutputs : done.filter(isSink);
    const output = chosen.length === 1 ? results[chosen[0].id].output : Object.fromEntries(chosen.map((x) => [x.id, results[x.id].output]));
    // the graph's output schema is a promise about the result: a result that breaks it fails the run
    const outputError = checkRunOutput(spec, output);
    if (outputError) {
      await life.finishRun(ctx, runId, { status: "failed", output, error: outputError });
      await life.announceSlotFreed(ctx, runId);
      return { status: "failed" as const, error: outputError };
    }
    await life.finishRun(ctx, runId, { status: "succeeded", output });
    await life.announceSlotFreed(ctx, runId);
    return { status: "succeeded" as const, output };
  });
  if (outcome.status === "failed") throw new NonRetriableError(outcome.error.message);
  return outcome;
}

/**
 * The cost forecast, taken once as the run starts, before any node runs. A graph with
 * budget.requireApprovalAboveUsd whose forecast (p90) is above it waits here, durably, for a
 * person in the approvals inbox: approve → the run starts; reject (or no decision in time) →
 * it ends failed with reason forecast_rejected, having spent nothing. Returns the run's end
 * when it must not start, else null.
 */
async function gateOnForecast(n: NodeContext): Promise<{ status: "cancelled" } | null> {
  const { step, runId, workspaceId, life, plan } = n;
  const spec = n.spec;
  const gate = await step.run("forecast", async () => {
    const ctx = await life.context(workspaceId);
    return life.forecastRunStart(ctx, { runId, graphId: plan.graphId, version: plan.version, input: plan.input }, { thresholdUsd: spec.budget?.requireApprovalAboveUsd });
  });
  if (!gate.needsApproval) return null;
  const f = gate.forecast;
  const ids = { open: "forecast-approval", wait: "forecast-wait", decided: "forecast-decided" };
  const settled = await waitForInboxDecision(n, ids, FORECAST_DECISION_TIMEOUT, {
    open: async (ctx) => {
      const title = f
        ? `Forecast ${formatMoney(f.p90Usd)} exceeds the threshold ${formatMoney(gate.thresholdUsd)} of ${spec.name}: approve to start, or reject`
        : `No cost forecast for ${spec.name} (threshold ${formatMoney(gate.thresholdUsd)}): approve to start anyway, or reject`;
      const approval = await openApproval(ctx, {
        runId,
        nodeId: null,
        kind: "forecast",
        title,
        context: {
          forecast: f,
          forecastError: gate.error,
          thresholdUsd: gate.thresholdUsd,
          graph: { id: plan.graphId, name: spec.name, version: plan.version },
          input: plan.input,
          hint: "Approve to start the run; reject to end it without running any node.",
        },
        assignees: [{ role: "finance" }, { role: "admin" }],
        dueAt: new Date(Date.now() + parseDuration(FORECAST_DECISION_TIMEOUT)),
        onTimeout: "reject",
      });
      await life.pauseRun(ctx, runId, "forecast");
      await life.trace(ctx, runId, null, "run.paused", f ? `Paused before start: forecast ${formatMoney(f.p90Usd)} (p90) exceeds the threshold ${formatMoney(gate.thresholdUsd)}; waiting for approval` : `Paused before start: no forecast (${gate.error}); waiting for approval`, { forecast: f, thresholdUsd: gate.thresholdUsd, approvalId: approval.id });
      return { approvalId: approval.id };
    },
    decided: async (ctx, data, approvalId) => {
      if (data?.decision === "approve") {
        await life.resumePausedRun(ctx, runId);
        await life.trace(ctx, runId, null, "run.resumed", `Start approved by ${data.decidedBy}${data.comment ? `: ${data.comment}` : ""}`, { decidedBy: data.decidedBy });
        return { ok: true as const };
      }
      if (!data) await expireUndecided(ctx, approvalId, "reject");
      const why = data ? `rejected by ${data.decidedBy}${data.comment ? ` (“${data.comment}”)` : ""}` : `not decided within ${FORECAST_DECISION_TIMEOUT}`;
      const error = {
        name: "ForecastRejected",
        reason: "forecast_rejected",
        message: f
          ? `Not started: the forecast ${formatMoney(f.p90Usd)} (p90) exceeds the graph's threshold ${formatMoney(gate.thresholdUsd)} and the start was ${why}.`
          : `Not started: no forecast could be made (${gate.error}) and the start was ${why}.`,
        forecast: f,
        thresholdUsd: gate.thresholdUsd,
      };
      if (await life.isRunCancelled(ctx, runId)) return { ok: false as const, error, cancelled: true };
      await life.finishRun(ctx, runId, { status: "failed", error });
      return { ok: false as const, error, cancelled: false };
    },
  });
  if (!settled || settled.ok) return null;
  if (settled.cancelled) return { status: "cancelled" };
  throw new NonRetriableError(settled.error.message);
}

