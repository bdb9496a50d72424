import "server-only";
import { NonRetriableError, RetryAfterError } from "inngest";
import { GraphDag, type TNodeStatus } from "../graphs/spec/dag";
import { parseDuration } from "../graphs/spec/duration";
import { backoffDelayMs, nodeTimeoutMs, retryPolicyFor } from "../graphs/spec/policy";
import { evaluateCondition } from "../graphs/spec/conditions";
import { renderTemplate, renderValue, extractReferences, type TTemplateContext } from "../graphs/spec/template";
import type { TGraphSpec, TNodeSpec } from "../graphs/spec/schema";
import { openApproval, getApprovalState } from "../approvals/open-approval";
import { loadSecrets } from "../secrets/secrets";
import { EVENTS, type ApprovalDecidedData } from "../events/names";
import { systemContext } from "./system-context";
import {
  beginRun,
  completeNode,
  failNode,
  finishRun,
  isRunCancelled,
  markNodeRunning,
  markNodeWaiting,
  resumeFromWait,
  skipNodes,
  trace,
  type JsonValue,
  type RunPlan,
} from "./run-state";
import { errorInfo, NodeError } from "./nodes/errors";
import { runHttpTool } from "./nodes/http-tool";
import { callMcpTool } from "./nodes/mcp-tool";

import { parseMcpToolName, resolveMcpServers, type ResolvedMcpServer } from "./mcp/mcp-servers";
import { executeAgentNode } from "./nodes/agent-node";
import { BudgetExceededError, type BudgetExceededDetails } from "../finops/errors";
import { getCheaperModel, raiseBudget, forecastRunStart } from "../finops";
import { decisionRecheckMs } from "../env";

/**
 * The step tools the interpreter needs; the Inngest SDK's `step` satisfies it.
 * Each node is one or more durable steps, so a crash resumes at the first
 * node whose step was not recorded, and finished nodes are never re-run (or
 * re-paid for).
 */
export interface Steps {
  run<T>(id: string, fn: () => Promise<T>): Promise<T>;
  sleep(id: string, duration: number | string): Promise<void>;
  waitForEvent(id: string, opts: { event: string; timeout: number | string; if?: string }): Promise<{ data: unknown } | null>;
  invoke(id: string, opts: { function: unknown; data: unknown; timeout?: number | string }): Promise<unknown>;
}

type NodeResult = { status: "succeeded"; output: JsonValue } | { status: "failed"; error: ReturnType<typeof errorInfo> } | { status: "cancelled" };
/** A node refused by a budget: paused for a person, or to be retried on a cheaper model. */
type BudgetStop = { status: "budget"; budget: BudgetExceededDetails; downgradeTo?: string };

const DEFAULT_NODE_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_APPROVAL_TIMEOUT = "7d";
const MAX_ATTEMPTS_CAP = 10;
const BUDGET_DECISION_TIMEOUT = "30d";
const FORECAST_DECISION_TIMEOUT = "30d";
/** the first, short wait for an inbox decision (see waitForDecision); SWITCHYARD_DECISION_RECHECK_MS overrides */
const firstDecisionWaitMs = () => decisionRecheckMs();

/**
 * Waits up to `timeout` for the decision of an inbox item. A wait matches events from when it
 * is registered, and a person (or a program) may decide while the item is still being opened:
 * so a short first wait, then a look at the row, then the rest of the timeout. Returns the
 * decision event, or null (timed out, or decided unseen: the caller then reads the row).
 */
async function waitForDecision(step: Steps, workspaceId: string, id: string, approvalId: string, timeout: string): Promise<{ data: unknown } | null> {
  const match = { event: EVENTS.approvalDecided, if: `async.data.approvalId == '${approvalId}'` };
  const totalMs = parseDuration(timeout);
  const firstMs = Math.min(totalMs, firstDecisionWaitMs());
  const first = await step.waitForEvent(id, { ...match, timeout: firstMs });
  if (first || totalMs <= firstMs) return first;
  const pending = await step.run(`${id}:check`, async () => (await getApprovalState(workspaceId, approvalId))?.status === "pending");
  if (!pending) return null;
  return step.waitForEvent(`${id}:long`, { ...match, timeout: totalMs - firstMs });
}

/** A decision recorded on the approval row (when its event was not seen), or undefined while pending. */
function decisionFromRow(row: Awaited<ReturnType<typeof getApprovalState>>, runId: string, workspaceId: string): ApprovalDecidedData | undefined {
  if (!row || (row.status !== "approved" && row.status !== "rejected")) return undefined;
  return { approvalId: row.id, runId, workspaceId, decision: row.status === "approved" ? "approve" : "reject", decidedBy: `user:${row.decidedById}`, comment: row.comment, output: row.output };
}

function maxAttempts(spec: TGraphSpec, node: TNodeSpec): number {
  return Math.min(MAX_ATTEMPTS_CAP, retryPolicyFor(spec, node).attempts);
}

function backoffMs(spec: TGraphSpec, node: TNodeSpec, attempt: number): number {
  return backoffDelayMs(retryPolicyFor(spec, node).backoff, attempt);
}

/** The MCP servers a node connects to. */
function mcpServersOf(node: TNodeSpec): Set<string> {
  const servers = new Set<string>();
  if (node.type === "tool" && node.tool.kind === "mcp") servers.add(node.tool.server);
  if (node.type === "agent") for (const t of node.tools ?? []) { const ref = parseMcpToolName(t); if (ref) servers.add(ref.server); }
  return servers;
}

function secretNames(node: TNodeSpec, mcpServers: Record<string, ResolvedMcpServer>): string[] {
  const names = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === "string") {
      if (!v.includes("{{")) return;
      try {
        for (const ref of extractReferences(v)) if (ref.root === "secrets" && ref.path[0]) names.add(ref.path[0]);
      } catch {
        // validation already refused malformed templates
      }
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(node);
  // MCP servers' header templates (tokens) are read when the node connects
  for (const name of mcpServersOf(node)) walk(mcpServers[name]?.headers ?? {});
  return [...names];
}

/**
 * Executes a run of a pinned graph version as a DAG: a node starts as soon as
 * all its needs finished, so a slow branch never holds up independent ones.
 */
export async function interpretRun(args: {
  runId: string;
  workspaceId: string;
  step: Steps;
  attempt: number;
  /** the run function itself, for subgraph invocations */
  self: unknown;
}): Promise<{ status: string; output?: unknown; error?: unknown }> {
  const { runId, workspaceId, step, attempt } = args;
  const plan = await step.run("start", async () => beginRun(await systemContext(workspaceId), runId));
  if (plan.status === "cancelled" || plan.status === "succeeded" || plan.status === "failed") return { status: plan.status };

  // a run waiting for a person may be moved to a newer version (lib/runs/migrate-run.ts);
  // the interpreter re-reads its version after each wait, in a step, so replays agree
  let spec = plan.spec;
  let dag = GraphDag.of(spec);
  let nodes = new Map(spec.nodes.map((n) => [n.id, n]));
  let versionId = plan.graphVersionId;
  const statuses: Record<string, TNodeStatus> = {};
  const results: Record<string, { output?: unknown; status?: string }> = {};
  const running = new Map<string, Promise<void>>();
  let failure: { nodeId: string; error: ReturnType<typeof errorInfo> } | null = null;
  let cancelled = false;

  const templateContext = (): TTemplateContext => ({
    input: plan.input,
    nodes: results,
    run: { id: plan.runId, graph: plan.graphId, version: plan.version, customerKey: plan.customerKey },
  });

  for (const [id, output] of Object.entries(plan.reused)) {
    statuses[id] = "succeeded";
    results[id] = { output, status: "succeeded" };
  }
  if (Object.keys(plan.reused).length) {
    await step.run("reuse", async () => {
      const ctx = await systemContext(workspaceId);
      for (const [id, output] of Object.entries(plan.reused)) await completeNode(ctx, runId, id, output, { message: "Reused from the earlier run" });
    });
  }

  // The cost forecast, taken once as the run starts, before any node runs. A graph with
  // budget.requireApprovalAboveUsd whose forecast (p90) is above it waits here, durably, for a
  // person in the approvals inbox: approve → the run starts; reject (or no decision in time) →
  // it ends failed with reason forecast_rejected, having spent nothing.
  const gate = await step.run("forecast", async () => {
    const ctx = await systemContext(workspaceId);
    return forecastRunStart(ctx, { runId, graphId: plan.graphId, version: plan.version, input: plan.input }, { thresholdUsd: spec.budget?.requireApprovalAboveUsd });
  });
  if (gate.needsApproval) {
    const f = gate.forecast;
    const opened = await step.run("forecast-approval", async () => {
      const ctx = await systemContext(workspaceId);
      const title = f
        ? `Forecast $${f.p90Usd} exceeds the threshold $${gate.thresholdUsd} of ${spec.name}: approve to start, or reject`
        : `No cost forecast for ${spec.name} (threshold $${gate.thresholdUsd}): approve to start anyway, or reject`;
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
      await ctx.db.run.updateMany({ where: { id: runId, status: { in: ["running", "waiting"] } }, data: { status: "paused", pausedReason: "forecast" } });
      await trace(ctx, runId, null, "run.paused", f ? `Paused before start: forecast $${f.p90Usd} (p90) exceeds the threshold $${gate.thresholdUsd}; waiting for approval` : `Paused before start: no forecast (${gate.error}); waiting for approval`, { forecast: f, thresholdUsd: gate.thresholdUsd, approvalId: approval.id });
      return { approvalId: approval.id };
    });
    const decided = await waitForDecision(step, workspaceId, "forecast-wait", opened.approvalId, FORECAST_DECISION_TIMEOUT);
    const settled = await step.run("forecast-decided", async () => {
      const ctx = await systemContext(workspaceId);
      // a decision the wait did not see (made as it timed out, or before it started): the row is the truth
      const data = (decided?.data as ApprovalDecidedData | undefined) ?? decisionFromRow(await getApprovalState(workspaceId, opened.approvalId), runId, workspaceId);
      if (data?.decision === "approve") {
        await ctx.db.run.updateMany({ where: { id: runId, status: "paused" }, data: { status: "running", pausedReason: null } });
        await trace(ctx, runId, null, "run.resumed", `Start approved by ${data.decidedBy}${data.comment ? `: ${data.comment}` : ""}`, { decidedBy: data.decidedBy });
        return { ok: true as const };
      }
      if (!data) await ctx.db.approval.updateMany({ where: { id: opened.approvalId, status: "pending" }, data: { status: "expired", decidedAt: new Date(), decision: "reject" } });
      const why = data ? `rejected by ${data.decidedBy}${data.comment ? ` (“${data.comment}”)` : ""}` : `not decided within ${FORECAST_DECISION_TIMEOUT}`;
      const error = {
        name: "ForecastRejected",
        reason: "forecast_rejected",
        message: f
          ? `Not started: the forecast $${f.p90Usd} (p90) exceeds the graph's threshold $${gate.thresholdUsd} and the start was ${why}.`
          : `Not started: no forecast could be made (${gate.error}) and the start was ${why}.`,
        forecast: f,
        thresholdUsd: gate.thresholdUsd,
      };
      if (await isRunCancelled(ctx, runId)) return { ok: false as const, error, cancelled: true };
      await finishRun(ctx, runId, { status: "failed", error });
      return { ok: false as const, error, cancelled: false };
    });
    if (!settled.ok) {
      if (settled.cancelled) return { status: "cancelled" };
      throw new NonRetriableError(settled.error.message);
    }
  }

  const execute = async (node: TNodeSpec): Promise<NodeResult> => {
    switch (node.type) {
      case "approval":
        return runApproval(node);
      case "wait":
        return runWait(node);
      case "subgraph":
        return runSubgraph(node);
      default:
        return runBudgeted(node);
    }
  };

  /**
   * A work node under budgets: a refused call either moves to a cheaper model
   * (onExceed: downgrade) or pauses the run durably with an inbox item
   * ("raise the budget and resume, or stop"), then runs the node again — days
   * later if need be.
   */
  const runBudgeted = async (node: TNodeSpec): Promise<NodeResult> => {
    let modelOverride: string | undefined;
    for (let round = 0; ; round++) {
      const res = await runWorkStep(node, round, modelOverride);
      if (res.status !== "budget") return res;
      if (res.downgradeTo) {
        modelOverride = res.downgradeTo;
        continue;
      }
      const b = res.budget;
      const opened = await step.run(`budget-pause:${node.id}:${round}`, async () => {
        const ctx = await systemContext(workspaceId);
        const run = await ctx.db.run.findFirstOrThrow({ where: { id: runId }, select: { costUsd: true } });
        const approval = await openApproval(ctx, {
          runId,
          nodeId: node.id,
          kind: "budget",
          title: `Raise budget "${b.budgetName}" by $${b.shortfallUsd} and resume ${spec.name}, or stop it`,
          context: { budget: b, node: node.id, runCostUsd: run.costUsd.toString(), hint: 'Approve to raise the budget by the shortfall (or by output.raiseUsd) and resume; reject to stop the run.' },
          assignees: [{ role: "finance" }, { role: "admin" }],
          dueAt: new Date(Date.now() + parseDuration(BUDGET_DECISION_TIMEOUT)),
          onTimeout: "reject",
        });
        await ctx.db.nodeRun.updateMany({ where: { runId, nodeId: node.id }, data: { status: "paused" } });
        await ctx.db.run.updateMany({ where: { id: runId, status: { in: ["running", "waiting"] } }, data: { status: "paused", pausedReason: "budget" } });
        await trace(ctx, runId, node.id, "run.paused", `Paused: ${b.budgetName} would be exceeded; waiting for a decision`, b);
        return { approvalId: approval.id };
      });
      const decided = await waitForDecision(step, workspaceId, `budget-wait:${node.id}:${round}`, opened.approvalId, BUDGET_DECISION_TIMEOUT);
      const resumed = await step.run(`budget-resume:${node.id}:${round}`, async () => {
        const ctx = await systemContext(workspaceId);
        const data = (decided?.data as ApprovalDecidedData | undefined) ?? decisionFromRow(await getApprovalState(workspaceId, opened.approvalId), runId, workspaceId);
        if (data?.decision !== "approve") {
          await ctx.db.approval.updateMany({ where: { id: opened.approvalId, status: "pending" }, data: { status: "expired", decidedAt: new Date(), decision: "reject" } });
          const error = { name: "BudgetExceededError", message: `Stopped: ${b.budgetName} would be exceeded and the raise was ${data ? "rejected" : "not decided in time"}.`, reason: "budget_exceeded", retryable: false, budget: b };
          await failNode(ctx, runId, node.id, error, 1, true);
          return { ok: false as const, error };
        }
        const asked = Number((data.output as { raiseUsd?: unknown } | null)?.raiseUsd);
        const by = Number.isFinite(asked) && asked > Number(b.shortfallUsd) ? String(asked) : b.shortfallUsd;
        await raiseBudget(ctx, b.budgetId, by, { windowKey: b.windowKey });
        await ctx.db.run.updateMany({ where: { id: runId, status: "paused" }, data: { status: "running", pausedReason: null } });
        await trace(ctx, runId, node.id, "run.resumed", `Budget raised by $${by}; resuming`, { byUsd: by });
        return { ok: true as const };
      });
      if (!resumed.ok) return { status: "failed", error: resumed.error };
    }
  };

  /** What a node receives, kept on its node run: the run's input, and its needs' outputs. */
  const nodeInput = (node: TNodeSpec) => {
    const needs = dag.needsOf(node.id);
    return {
      input: plan.input,
      ...(needs.length ? { upstream: Object.fromEntries(needs.map((id) => [id, results[id]?.output ?? null])) } : {}),
    };
  };

  /** agent, tool, router, output, supervisor: one durable step with per-node retries */
  const runWorkStep = (node: TNodeSpec, round = 0, modelOverride?: string) =>
    step.run(round ? `node:${node.id}:${round}` : `node:${node.id}`, async (): Promise<NodeResult | BudgetStop> => {
      const ctx = await systemContext(workspaceId);
      if (await isRunCancelled(ctx, runId)) return { status: "cancelled" };
      const tries = maxAttempts(spec, node);
      const thisAttempt = attempt + 1;
      await markNodeRunning(ctx, runId, node.id, thisAttempt, nodeInput(node));
      try {
        const tctx = templateContext();
        const mcpServers = mcpServersOf(node).size ? await resolveMcpServers(ctx) : {};
        const secrets = await loadSecrets(ctx, secretNames(node, mcpServers));
        tctx.secret = (name) => secrets.get(name);
        const timeoutMs = nodeTimeoutMs(spec, node) ?? DEFAULT_NODE_TIMEOUT_MS;
        let output: unknown;
        let usage;
        let provenance;
        if (node.type === "tool") {
          if (node.tool.kind === "mcp") {
            const started = Date.now();
            output = await callMcpTool(node.tool, tctx, AbortSignal.timeout(timeoutMs), mcpServers);
            await trace(ctx, runId, node.id, "tool.mcp", `${node.tool.server}/${node.tool.tool} in ${Date.now() - started} ms`);
          } else {
            const res = await runHttpTool(node.tool, tctx, { timeoutMs });
            await trace(ctx, runId, node.id, "tool.http", `HTTP ${res.status} in ${res.durationMs} ms`, { status: res.status, durationMs: res.durationMs });
            output = { status: res.status, headers: res.headers, body: res.body };
          }
        } else if (node.type === "router") {
          const cond = { input: plan.input, nodes: results };
          const index = node.routes.findIndex((r) => evaluateCondition(r.when, cond));
          const to = index >= 0 ? node.routes[index].to : node.default;
          const taken = to === undefined ? [] : Array.isArray(to) ? to : [to];
          output = { route: index >= 0 ? index : "default", to: taken };
          await trace(ctx, runId, node.id, "router.decided", index >= 0 ? `Route ${index} → ${taken.join(", ")}` : `Default → ${taken.join(", ") || "nothing"}`, output);
        } else if (node.type === "output") {
          output = renderValue(node.value, tctx);
        } else if (node.type === "agent") {
          const res = await executeAgentNode(ctx, plan, node, tctx, { timeoutMs, attempt: thisAttempt, modelOverride, mcpServers });
          output = res.output;
          usage = res.usage;
          provenance = res.provenance;
        } else {
          throw new NodeError(`${node.type} nodes are not supported by this runtime yet.`, false);
        }
        await completeNode(ctx, runId, node.id, output, { usage, provenance });
        return { status: "succeeded", output: (output ?? null) as JsonValue };
      } catch (err) {
        if (err instanceof BudgetExceededError) {
          // plain JSON: it is memoized by the step and crosses the engine
          const details = JSON.parse(JSON.stringify({ ...err, message: err.message })) as BudgetExceededDetails;
          if (err.onExceed === "downgrade") {
            const current = modelOverride ?? (node.type === "agent" && typeof node.model === "string" ? node.model : undefined);
            const cheaper = current ? ((await getCheaperModel(ctx, current)) ?? undefined) : undefined;
            if (cheaper) {
              await trace(ctx, runId, node.id, "model.downgraded", `${err.budgetName} is nearly spent; retrying on ${cheaper}`, { to: cheaper, budget: details });
              return { status: "budget", budget: details, downgradeTo: cheaper };
            }
          }
          if (err.onExceed === "pause" || err.onExceed === "downgrade") return { status: "budget", budget: details };
          const info = { ...errorInfo(err), reason: "budget_exceeded", budget: details };
          await failNode(ctx, runId, node.id, info, thisAttempt, true);
          return { status: "failed", error: info };
        }
        const info = errorInfo(err);
        const final = !info.retryable || thisAttempt >= tries;
        await failNode(ctx, runId, node.id, info, thisAttempt, final);
        if (!final) throw new RetryAfterError(info.message, backoffMs(spec, node, thisAttempt));
        return { status: "failed", error: info };
      }
    });

  const runApproval = async (node: Extract<TNodeSpec, { type: "approval" }>): Promise<NodeResult> => {
    const timeout = node.timeout ?? DEFAULT_APPROVAL_TIMEOUT;
    let assignees = node.assignees;
    for (let round = 0; round < 2; round++) {
      const opened = await step.run(`approval:${node.id}:${round}`, async () => {
        const ctx = await systemContext(workspaceId);
        if (await isRunCancelled(ctx, runId)) return null;
        const tctx = templateContext();
        const title = node.title ? String(renderTemplate(node.title, tctx)) : `Approve "${node.id}" in ${spec.name}`;
        const context = node.context === undefined ? { input: plan.input, upstream: Object.fromEntries(dag.needsOf(node.id).map((id) => [id, results[id]?.output ?? null])) } : renderValue(node.context, tctx);
        const approval = await openApproval(ctx, {
          runId,
          nodeId: node.id,
          kind: round === 0 ? "approval" : "escalation",
          title: round === 0 ? title : `Escalated: ${title}`,
          context,
          assignees,
          dueAt: new Date(Date.now() + parseDuration(timeout)),
          onTimeout: node.onTimeout ?? "reject",
        });
        await markNodeRunning(ctx, runId, node.id, 1, context);
        await markNodeWaiting(ctx, runId, node.id, `Waiting for ${approval.assigneeRoles.map((r) => `role ${r}`).concat(approval.assigneeUserIds.length ? ["named approvers"] : []).join(", ")}`);
        return { approvalId: approval.id };
      });
      if (!opened) return { status: "cancelled" };
      const decided = await waitForDecision(step, workspaceId, `approval-wait:${node.id}:${round}`, opened.approvalId, timeout);
      const settled = await step.run(`approval-done:${node.id}:${round}`, async (): Promise<NodeResult | { escalate: true }> => {
        const ctx = await systemContext(workspaceId);
        // a decision the wait did not see (made as it timed out, or before it started): the row is the truth
        let data = (decided?.data as ApprovalDecidedData | undefined) ?? decisionFromRow(await getApprovalState(workspaceId, opened.approvalId), runId, workspaceId);
        if (!data) {
          const policy = node.onTimeout ?? "reject";
          await ctx.db.approval.updateMany({ where: { id: opened.approvalId, status: "pending" }, data: { status: "expired", decidedAt: new Date(), decision: policy } });
          if (policy === "escalate" && node.escalateTo && round === 0) {
            await trace(ctx, runId, node.id, "approval.escalated", `No decision within ${timeout}; escalated`);
            return { escalate: true };
          }
          data = { approvalId: opened.approvalId, runId, workspaceId, decision: policy === "approve" ? "approve" : "reject", decidedBy: "timeout", comment: `No decision within ${timeout}` };
        }
        const output = {
          decision: data.decision === "approve" ? "approved" : "rejected",
          decidedBy: data.decidedBy,
          comment: data.comment ?? null,
          decidedAt: new Date().toISOString(),
          ...(data.output !== undefined && data.output !== null ? { output: data.output } : {}),
        };
        await completeNode(ctx, runId, node.id, output, { message: `Decision: ${output.decision} by ${output.decidedBy}` });
        await resumeFromWait(ctx, runId);
        return { status: "succeeded", output: output as unknown as JsonValue };
      });
      if ("escalate" in settled) {
        assignees = node.escalateTo ?? assignees;
        continue;
      }
      return settled;
    }
    return { status: "failed", error: { name: "ApprovalError", message: "No decision after escalation", retryable: false } };
  };

  const runWait = async (node: Extract<TNodeSpec, { type: "wait" }>): Promise<NodeResult> => {
    await step.run(`wait-start:${node.id}`, async () => {
      const ctx = await systemContext(workspaceId);
      await markNodeRunning(ctx, runId, node.id, 1);
      await markNodeWaiting(ctx, runId, node.id, node.sleep ? `Sleeping ${node.sleep}` : `Waiting for event ${node.event?.name}`);
    });
    let output: JsonValue = null;
    if (node.sleep) {
      await step.sleep(`wait:${node.id}`, parseDuration(node.sleep));
      output = { slept: node.sleep };
    } else if (node.event) {
      const timeout = node.timeout ?? "30d";
      let matched: { data: unknown } | null = null;
      for (let i = 0; i < 50 && !matched; i++) {
        const evt = await step.waitForEvent(`wait:${node.id}:${i}`, { event: node.event.name, timeout });
        if (!evt) break;
        if (!node.event.when || evaluateCondition(node.event.when, { input: plan.input, nodes: results, event: evt }, "event")) matched = evt;
      }
      if (!matched) {
        return step.run(`wait-done:${node.id}`, async (): Promise<NodeResult> => {
          const ctx = await systemContext(workspaceId);
          const error = { name: "WaitTimeout", message: `No matching "${node.event!.name}" event within ${timeout}`, retryable: false };
          await failNode(ctx, runId, node.id, error, 1, true);
          await resumeFromWait(ctx, runId);
          return { status: "failed", error };
        });
      }
      output = { event: matched as unknown as JsonValue };
    }
    return step.run(`wait-done:${node.id}`, async (): Promise<NodeResult> => {
      const ctx = await systemContext(workspaceId);
      await completeNode(ctx, runId, node.id, output);
      await resumeFromWait(ctx, runId);
      return { status: "succeeded", output };
    });
  };

  const runSubgraph = async (node: Extract<TNodeSpec, { type: "subgraph" }>): Promise<NodeResult> => {
    const child = await step.run(`subgraph-start:${node.id}`, async () => {
      const ctx = await systemContext(workspaceId);
      const { startChildRun } = await import("../runs/start-child-run");
      await markNodeRunning(ctx, runId, node.id, 1);
      const input = (renderValue(node.input ?? {}, templateContext()) ?? {}) as Record<string, unknown>;
      const started = await startChildRun(ctx, { parentRunId: runId, parentNodeId: node.id, graph: node.graph, version: node.version, input, tags: plan.tags, customerKey: plan.customerKey });
      await trace(ctx, runId, node.id, "subgraph.started", `Started run ${started.runId} of ${node.graph} v${started.version}`, started);
      return started;
    });
    let result: unknown;
    let error: ReturnType<typeof errorInfo> | null = null;
    try {
      result = await step.invoke(`subgraph:${node.id}`, { function: args.self, data: { runId: child.runId, workspaceId }, timeout: node.timeout ?? "30d" });
    } catch (err) {
      error = errorInfo(err);
    }
    return step.run(`subgraph-done:${node.id}`, async (): Promise<NodeResult> => {
      const ctx = await systemContext(workspaceId);
      const childRun = await ctx.db.run.findFirst({ where: { id: child.runId }, select: { status: true, output: true, error: true } });
      if (error || childRun?.status !== "succeeded") {
        const info = error ?? { name: "SubgraphFailed", message: `Sub-run ${child.runId} ended ${childRun?.status ?? "unknown"}`, retryable: false };
        await failNode(ctx, runId, node.id, info, 1, true);
        return { status: "failed", error: info };
      }
      const output = (childRun.output ?? (result as { output?: unknown })?.output ?? null) as JsonValue;
      await completeNode(ctx, runId, node.id, output, { provenance: { subRunId: child.runId } });
      return { status: "succeeded", output };
    });
  };

  const replanAfterWait = async (nodeId: string) => {
    const moved = await step.run(`replan:${nodeId}`, async () => {
      const ctx = await systemContext(workspaceId);
      const run = await ctx.db.run.findFirstOrThrow({ where: { id: runId }, select: { graphVersionId: true, version: true } });
      if (run.graphVersionId === versionId) return null;
      const v = await ctx.db.graphVersion.findFirstOrThrow({ where: { id: run.graphVersionId } });
      return { versionId: v.id, version: v.version, spec: v.spec as unknown as TGraphSpec };
    });
    if (!moved) return;
    spec = moved.spec;
    dag = GraphDag.of(spec);
    nodes = new Map(spec.nodes.map((n) => [n.id, n]));
    versionId = moved.versionId;
    plan.version = moved.version;
    for (const id of Object.keys(statuses)) if (!nodes.has(id) && statuses[id] === "pending") delete statuses[id];
  };

  const onFinished = async (node: TNodeSpec, res: NodeResult) => {
    if (res.status === "cancelled") {
      cancelled = true;
      return;
    }
    if (node.type === "approval" || node.type === "wait") await replanAfterWait(node.id);
    if (res.status === "succeeded") {
      statuses[node.id] = "succeeded";
      results[node.id] = { output: res.output, status: "succeeded" };
      if (node.type === "router") {
        const taken = (res.output as { to: string[] }).to;
        const skipped = dag.skippedByRouter(node.id, taken).filter((id) => !statuses[id] || statuses[id] === "pending");
        for (const id of skipped) {
          statuses[id] = "skipped";
          results[id] = { output: null, status: "skipped" };
        }
        if (skipped.length) await step.run(`skip:${node.id}`, async () => skipNodes(await systemContext(workspaceId), runId, skipped, `Not taken by router ${node.id}`));
      }
      return;
    }
    statuses[node.id] = "failed";
    results[node.id] = { output: null, status: "failed" };
    const onError = node.onError ?? "fail";
    if (onError === "fail") failure ??= { nodeId: node.id, error: res.error };
  };

  // the scheduler: start every ready node, wait for any to finish, repeat
  for (;;) {
    if (!failure && !cancelled) {
      for (const id of dag.readyNodes(statuses)) {
        const node = nodes.get(id)!;
        statuses[id] = "running";
        running.set(id, execute(node).then((res) => onFinished(node, res)).finally(() => running.delete(id)));
      }
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }

  if (cancelled) return { status: "cancelled" };
  const outcome = await step.run("finish", async () => {
    const ctx = await systemContext(workspaceId);
    if (await isRunCancelled(ctx, runId)) return { status: "cancelled" as const };
    if (failure) {
      const error = { nodeId: failure.nodeId, message: `Node ${failure.nodeId} failed: ${failure.error.message}`, cause: failure.error };
      await finishRun(ctx, runId, { status: "failed", error });
      return { status: "failed" as const, error };
    }
    // the run's result: output nodes at the end of the graph, else any output node, else the last nodes
    const done = spec.nodes.filter((n) => statuses[n.id] === "succeeded");
    const isSink = (n: TNodeSpec) => dag.dependentsOf(n.id).length === 0;
    const finalOutputs = done.filter((n) => n.type === "output" && isSink(n));
    const anyOutputs = done.filter((n) => n.type === "output");
    const chosen = finalOutputs.length ? finalOutputs : anyOutputs.length ? anyOutputs : done.filter(isSink);
    const output = chosen.length === 1 ? results[chosen[0].id].output : Object.fromEntries(chosen.map((n) => [n.id, results[n.id].output]));
    await finishRun(ctx, runId, { status: "succeeded", output });
    return { status: "succeeded" as const, output };
  });
  if (outcome.status === "failed") throw new NonRetriableError(outcome.error.message);
  return outcome;
}
