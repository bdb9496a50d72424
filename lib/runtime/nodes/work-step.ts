import "server-only";
import { RetryAfterError } from "inngest";
import { backoffDelayMs, nodeTimeoutMs, retryPolicyFor } from "../../graphs/spec/policy";
import { extractReferences } from "../../graphs/spec/template";
import type { TGraphSpec, TNodeSpec } from "../../graphs/spec/schema";
import { BudgetExceededError, type BudgetExceededDetails } from "../../finops/errors";
import { getCheaperModel } from "../../finops";
import { parseMcpToolName, type ResolvedMcpServer } from "../mcp/mcp-servers";
import type { JsonValue } from "../run-state";
import type { WorkspaceContext } from "../../auth/context";
import type { BudgetStop, NodeContext, NodeResult, WorkExecutor } from "./context";
import { carriedReservation, pauseOnBudget, type CarriedReservation } from "./budget-pause";
import { pauseOnKillSwitch, type KillSwitchStop } from "./kill-switch-pause";
import { withNodeSlot } from "./concurrency";
import { errorInfo, type ErrorInfo } from "./errors";
import { isTransientError, retryTransient, transientBackoffMs, TRANSIENT_TRIES } from "./transient";

const DEFAULT_NODE_TIMEOUT_MS = 10 * 60_000;
const MAX_ATTEMPTS_CAP = 10;

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

/** A work node's attempt that should be tried again: after `delayMs`, as a new attempt of the node. */
export type WorkRetry = { status: "retry"; error: ErrorInfo; delayMs: number };
/** How one attempt of a work node ended. Memoised by its step, so plain JSON. */
export type WorkAttempt = NodeResult | BudgetStop | WorkRetry | KillSwitchStop;

/**
 * A work node under budgets: a refused call either moves to a cheaper model
 * (onExceed: downgrade) or pauses the run durably on the budget's inbox item
 * ("raise the budget and resume, or stop"; see budget-pause.ts), then runs the
 * node again — days later if need be — with the reservation its resume took.
 * `from` continues a node whose first attempt ran in a batch step.
 */
export async function runBudgeted(n: NodeContext, node: TNodeSpec, executor: WorkExecutor, from: { stop?: BudgetStop | KillSwitchStop; attemptOffset?: number } = {}): Promise<NodeResult> {
  let modelOverride: string | undefined;
  let carried: CarriedReservation | undefined;
  let pending = from.stop;
  for (let round = 0; ; round++) {
    const res = pending ?? (await runWorkStep(n, node, executor, round, modelOverride, from.attemptOffset ?? 0, carried));
    pending = undefined;
    if (res.status === "kill_switch") {
      // the graph's kill switch is on: paused until it is closed, then the node runs (node:<id>:<round + 1>)
      const stopped = await pauseOnKillSwitch(n, node, round, res);
      if (stopped) return stopped;
      continue;
    }
    if (res.status !== "budget") return res;
    carried = undefined;
    if (res.downgradeTo) {
      modelOverride = res.downgradeTo;
      continue;
    }
    let out = await pauseOnBudget(n, node, res.budget, round);
    // approved, but another budget refuses the resumed reservation: pause on that one as well
    for (let again = 1; out.status === "budget"; again++) out = await pauseOnBudget(n, node, out.budget, `${round}.${again}`);
    if (out.status === "failed") return { status: "failed", error: out.error };
    carried = out.carried;
  }
}

/**
 * A node whose first attempt ran in a batch step: done if it ended; otherwise it goes on
 * as a node of its own (`node:<id>` after a backoff, or a budget pause), as if it had
 * never been batched.
 */
export async function continueAfterBatch(n: NodeContext, node: TNodeSpec, executor: WorkExecutor, first: WorkAttempt): Promise<NodeResult> {
  if (first.status === "budget" || first.status === "kill_switch") return runBudgeted(n, node, executor, { stop: first });
  if (first.status !== "retry") return first;
  await n.step.sleep(`backoff:${node.id}`, first.delayMs);
  return runBudgeted(n, node, executor, { attemptOffset: 1 });
}

/** agent, tool, router, output: one durable step with per-node retries */
function runWorkStep(n: NodeContext, node: TNodeSpec, executor: WorkExecutor, round: number, modelOverride: string | undefined, attemptOffset: number, carried?: CarriedReservation) {
  const { step, runId, workspaceId, life } = n;
  return step.run(round ? `node:${node.id}:${round}` : `node:${node.id}`, async (): Promise<NodeResult | BudgetStop | KillSwitchStop> => {
    const ctx = await retryTransient(() => life.context(workspaceId));
    const gate = await retryTransient(() => readGate(ctx, n));
    if (gate.cancelled) return { status: "cancelled" };
    if (gate.killSwitch) return gate.killSwitch;
    const res = await withNodeSlot(runId, () => attemptWork(ctx, n, node, executor, { attempt: n.attempt + 1 + attemptOffset, modelOverride, carried }));
    // the engine calls again after the delay; only this step runs again
    if (res.status === "retry") throw new RetryAfterError(res.error.message, res.delayMs);
    return res;
  });
}

/**
 * Before a work node starts, inside its step: was the run cancelled, is its graph's kill switch
 * on? One read (lib/breakers/kill-switch.ts `readRunGate`), the same count as the cancellation
 * check alone.
 */
export async function readGate(ctx: WorkspaceContext, n: NodeContext): Promise<{ cancelled: boolean; killSwitch: KillSwitchStop | null }> {
  const { life, runId } = n;
  if (!life.readRunGate) return { cancelled: await life.isRunCancelled(ctx, runId), killSwitch: null };
  const gate = await life.readRunGate(ctx, runId);
  return { cancelled: gate.cancelled, killSwitch: gate.killSwitch ? { status: "kill_switch", by: gate.killSwitch.by, reason: gate.killSwitch.reason } : null };
}

/** How many sibling work nodes (same needs) make a wide fan-out, run in batch steps. */
export const WIDE_FAN_OUT = 16;
/** Nodes per batch step: few engine calls for a wide fan-out, while a step's result stays small. */
export const BATCH_SIZE = 25;

/**
 * The first attempt of a group of sibling work nodes in one durable step `batch:<ids>`,
 * instead of one step each: a 500-wide fan-out is 20 engine calls, not 500 (each call
 * replays the run, so one step per node costs O(n²)). The nodes still do their work at
 * most SWITCHYARD_RUN_CONCURRENCY at a time. A batch tried again (a crash) keeps the
 * outputs of the nodes it already finished, read from their node runs, so no node is run
 * (or paid for) twice. Nodes that did not end go on one by one (`continueAfterBatch`).
 */
export function runWorkBatch(n: NodeContext, group: Array<{ node: TNodeSpec; executor: WorkExecutor }>): Promise<Record<string, WorkAttempt>> {
  const { step, runId, workspaceId, life } = n;
  const ids = group.map((g) => g.node.id);
  return step.run(`batch:${ids.join(",")}`, async () => {
    const ctx = await retryTransient(() => life.context(workspaceId));
    const gate = await retryTransient(() => readGate(ctx, n));
    if (gate.cancelled) return Object.fromEntries(ids.map((id) => [id, { status: "cancelled" } as WorkAttempt]));
    if (gate.killSwitch) return Object.fromEntries(ids.map((id) => [id, gate.killSwitch as WorkAttempt]));
    const done = await retryTransient(() => life.readSucceededNodes(ctx, runId, ids));
    const out: Record<string, WorkAttempt> = {};
    await Promise.all(
      group.map(async ({ node, executor }) => {
        out[node.id] = node.id in done ? { status: "succeeded", output: done[node.id] } : await withNodeSlot(runId, () => attemptWork(ctx, n, node, executor, { attempt: n.attempt + 1 }));
      }),
    );
    // in spec order, whatever order they finished in
    return Object.fromEntries(ids.map((id) => [id, out[id]]));
  });
}

/**
 * One attempt of a work node, inside its step: mark it running, resolve its MCP servers
 * and secrets, run the executor, record the output. Failures are classified: a transient
 * database failure is tried again in place and then retried later without counting
 * against the node; a budget refusal becomes a `BudgetStop`; anything else follows the
 * node's retry policy.
 */
async function attemptWork(ctx: WorkspaceContext, n: NodeContext, node: TNodeSpec, executor: WorkExecutor, opts: { attempt: number; modelOverride?: string; carried?: CarriedReservation }): Promise<WorkAttempt> {
  const { runId, life } = n;
  const { attempt, modelOverride } = opts;
  const spec = n.spec;
  const tries = maxAttempts(spec, node);
  try {
    await retryTransient(() => life.markNodeRunning(ctx, runId, node.id, attempt, n.nodeInput(node)));
    const { output, usage, provenance } = await retryTransient(async () => {
      const tctx = n.templateContext();
      const mcpServers = mcpServersOf(node).size ? await life.resolveMcpServers(ctx) : {};
      const secrets = await life.loadSecrets(ctx, secretNames(node, mcpServers));
      tctx.secret = (name) => secrets.get(name);
      const timeoutMs = nodeTimeoutMs(spec, node) ?? DEFAULT_NODE_TIMEOUT_MS;
      return executor.work({ ctx, n, tctx, timeoutMs, attempt, modelOverride, mcpServers, carried: carriedReservation(opts.carried) }, node);
    });
    await retryTransient(() => life.completeNode(ctx, runId, node.id, output, { usage, provenance }));
    return { status: "succeeded", output: (output ?? null) as JsonValue };
  } catch (err) {
    if (isTransientError(err)) {
      // the database is overloaded, not the node at fault: try again a little later, and
      // write nothing now (the write would queue on the same pool)
      return { status: "retry", error: errorInfo(err), delayMs: 1000 + transientBackoffMs(TRANSIENT_TRIES) };
    }
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
      await retryTransient(() => life.failNode(ctx, runId, node.id, info, attempt, true));
      return { status: "failed", error: info };
    }
    const info = errorInfo(err);
    const final = !info.retryable || attempt >= tries;
    await retryTransient(() => life.failNode(ctx, runId, node.id, info, attempt, final));
    if (!final) return { status: "retry", error: info, delayMs: backoffMs(spec, node, attempt) };
    return { status: "failed", error: info };
  }
}
