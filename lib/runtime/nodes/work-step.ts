import "server-only";
import { RetryAfterError } from "inngest";
import { parseDuration } from "../../graphs/spec/duration";
import { backoffDelayMs, nodeTimeoutMs, retryPolicyFor } from "../../graphs/spec/policy";
import { extractReferences } from "../../graphs/spec/template";
import type { TGraphSpec, TNodeSpec } from "../../graphs/spec/schema";
import { openApproval } from "../../approvals/open-approval";
import { BudgetExceededError, type BudgetExceededDetails } from "../../finops/errors";
import { getCheaperModel, raiseBudget } from "../../finops";
import { parseMcpToolName, type ResolvedMcpServer } from "../mcp/mcp-servers";
import { expireUndecided, waitForInboxDecision } from "../decision-wait";
import type { JsonValue } from "../run-state";
import type { BudgetStop, NodeContext, NodeResult, WorkExecutor } from "./context";
import { errorInfo } from "./errors";

const DEFAULT_NODE_TIMEOUT_MS = 10 * 60_000;
const MAX_ATTEMPTS_CAP = 10;
const BUDGET_DECISION_TIMEOUT = "30d";

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
 * A work node under budgets: a refused call either moves to a cheaper model
 * (onExceed: downgrade) or pauses the run durably with an inbox item
 * ("raise the budget and resume, or stop"), then runs the node again — days
 * later if need be.
 */
export async function runBudgeted(n: NodeContext, node: TNodeSpec, executor: WorkExecutor): Promise<NodeResult> {
  let modelOverride: string | undefined;
  for (let round = 0; ; round++) {
    const res = await runWorkStep(n, node, executor, round, modelOverride);
    if (res.status !== "budget") return res;
    if (res.downgradeTo) {
      modelOverride = res.downgradeTo;
      continue;
    }
    const resumed = await waitForBudgetRaise(n, node, res.budget, round);
    if (!resumed.ok) return { status: "failed", error: resumed.error };
  }
}

/** The budget pause: one inbox item; approve → the budget is raised and the node runs again, else it fails. */
async function waitForBudgetRaise(n: NodeContext, node: TNodeSpec, b: BudgetExceededDetails, round: number) {
  const { runId, life } = n;
  const ids = { open: `budget-pause:${node.id}:${round}`, wait: `budget-wait:${node.id}:${round}`, decided: `budget-resume:${node.id}:${round}` };
  const resumed = await waitForInboxDecision(n, ids, BUDGET_DECISION_TIMEOUT, {
    open: async (ctx) => {
      const run = await ctx.db.run.findFirstOrThrow({ where: { id: runId }, select: { costUsd: true } });
      const approval = await openApproval(ctx, {
        runId,
        nodeId: node.id,
        kind: "budget",
        title: `Raise budget "${b.budgetName}" by $${b.shortfallUsd} and resume ${n.spec.name}, or stop it`,
        context: { budget: b, node: node.id, runCostUsd: run.costUsd.toString(), hint: 'Approve to raise the budget by the shortfall (or by output.raiseUsd) and resume; reject to stop the run.' },
        assignees: [{ role: "finance" }, { role: "admin" }],
        dueAt: new Date(Date.now() + parseDuration(BUDGET_DECISION_TIMEOUT)),
        onTimeout: "reject",
      });
      await life.pauseNode(ctx, runId, node.id);
      await life.pauseRun(ctx, runId, "budget");
      await life.trace(ctx, runId, node.id, "run.paused", `Paused: ${b.budgetName} would be exceeded; waiting for a decision`, b);
      return { approvalId: approval.id };
    },
    decided: async (ctx, data, approvalId) => {
      if (data?.decision !== "approve") {
        await expireUndecided(ctx, approvalId, "reject");
        const error = { name: "BudgetExceededError", message: `Stopped: ${b.budgetName} would be exceeded and the raise was ${data ? "rejected" : "not decided in time"}.`, reason: "budget_exceeded", retryable: false, budget: b };
        await life.failNode(ctx, runId, node.id, error, 1, true);
        return { ok: false as const, error };
      }
      const asked = Number((data.output as { raiseUsd?: unknown } | null)?.raiseUsd);
      const by = Number.isFinite(asked) && asked > Number(b.shortfallUsd) ? String(asked) : b.shortfallUsd;
      await raiseBudget(ctx, b.budgetId, by, { windowKey: b.windowKey });
      await life.resumePausedRun(ctx, runId);
      await life.trace(ctx, runId, node.id, "run.resumed", `Budget raised by $${by}; resuming`, { byUsd: by });
      return { ok: true as const };
    },
  });
  // the open step never declines
  return resumed!;
}

/** agent, tool, router, output, supervisor: one durable step with per-node retries */
function runWorkStep(n: NodeContext, node: TNodeSpec, executor: WorkExecutor, round: number, modelOverride?: string) {
  const { step, runId, workspaceId, life } = n;
  return step.run(round ? `node:${node.id}:${round}` : `node:${node.id}`, async (): Promise<NodeResult | BudgetStop> => {
    const ctx = await life.context(workspaceId);
    if (await life.isRunCancelled(ctx, runId)) return { status: "cancelled" };
    const spec = n.spec;
    const tries = maxAttempts(spec, node);
    const thisAttempt = n.attempt + 1;
    await life.markNodeRunning(ctx, runId, node.id, thisAttempt, n.nodeInput(node));
    try {
      const tctx = n.templateContext();
      const mcpServers = mcpServersOf(node).size ? await life.resolveMcpServers(ctx) : {};
      const secrets = await life.loadSecrets(ctx, secretNames(node, mcpServers));
      tctx.secret = (name) => secrets.get(name);
      const timeoutMs = nodeTimeoutMs(spec, node) ?? DEFAULT_NODE_TIMEOUT_MS;
      const { output, usage, provenance } = await executor.work({ ctx, n, tctx, timeoutMs, attempt: thisAttempt, modelOverride, mcpServers }, node);
      await life.completeNode(ctx, runId, node.id, output, { usage, provenance });
      return { status: "succeeded", output: (output ?? null) as JsonValue };
    } catch (err) {
      if (err instanceof BudgetExceededError) {
        // plain JSON: it is memoized by the step and crosses the engine
        const details = JSON.parse(JSON.stringify({ ...err, message: err.message })) as BudgetExceededDetails;
        if (err.onExceed === "downgrade") {
          const current = modelOverride ?? (node.type === "agent" && typeof node.model === "string" ? node.model : undefined);
          const cheaper = current ? ((await getCheaperModel(ctx, current)) ?? undefined) : undefined;
          if (cheaper) {
            await life.trace(ctx, runId, node.id, "model.downgraded", `${err.budgetName} is nearly spent; retrying on ${cheaper}`, { to: cheaper, budget: details });
            return { status: "budget", budget: details, downgradeTo: cheaper };
          }
        }
        if (err.onExceed === "pause" || err.onExceed === "downgrade") return { status: "budget", budget: details };
        const info = { ...errorInfo(err), reason: "budget_exceeded", budget: details };
        await life.failNode(ctx, runId, node.id, info, thisAttempt, true);
        return { status: "failed", error: info };
      }
      const info = errorInfo(err);
      const final = !info.retryable || thisAttempt >= tries;
      await life.failNode(ctx, runId, node.id, info, thisAttempt, final);
      if (!final) throw new RetryAfterError(info.message, backoffMs(spec, node, thisAttempt));
      return { status: "failed", error: info };
    }
  });
}
