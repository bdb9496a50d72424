/**
 * Delegations, dispatched through the durable fan-out (../fan-out.ts, as a map's items): one
 * `Delegation` row each (running → its result), run by the sub-agent's kind:
 * - inline agent: one durable step `sup-dlg:<node>:<seq>` running the agent (under the run's and
 *   the process's node slots), its spend attributed to the supervisor node and capped by the
 *   delegation's budget; 16 or more in one turn share batch steps `sup-dlg:<node>:batch:<seq>,…`;
 * - saved graph: a child run, `sup-dlg-start:<node>:<seq>` → invoked as `sup-dlg:<node>:<seq>` →
 *   `sup-dlg-done:<node>:<seq>` (its spend rolls up to this run and onto the supervisor node);
 * - HTTP agent: one step POSTing the request envelope through the outbound guard;
 * - A2A agent: one step, an A2A task (lib/a2a).
 * A step run again (a crash before it was recorded) reads its row first: a delegation that
 * ended is never run or paid for twice. Breakers are checked before and told after.
 */
import "server-only";
import { openMcpTools } from "../mcp/mcp-tools";
import { parseMcpToolName } from "../mcp/mcp-servers";
import type { WorkspaceContext } from "../../auth/context";
import { ZDelegationResult, type TDelegationRequest, type TDelegationResult, type TNodeOf, type TSubAgent } from "../../graphs/spec/schema";
import { extractReferences, renderTemplate, type TTemplateContext } from "../../graphs/spec/template";
import { checkBreaker, recordBreakerOutcome } from "../../breakers";
import { appendProvenance } from "../../provenance";
import { delegateToA2A } from "../../a2a/delegate";
import { OutboundBlockedError, outboundFetch } from "../../net/outbound";
import { newId } from "../../ids";
import { getProviderCredentials } from "../../providers/credentials";
import { getPriceOrThrow, routeModel } from "../../finops";
import { costOf, usd } from "../../finops/money";
import { createSpendGuard } from "../agent/create-spend-guard";
import { runAgent } from "../agent/run-agent";
import { ModelCallError } from "../agent/errors";
import { isTransientError, retryTransient } from "../nodes/transient";
import { fanOut, type DelegationStore, type DelegationStart, type FanOutTask, type InvokeTask, type TaskResult } from "../fan-out";
import { errorInfo } from "../nodes/errors";
import type { NodeContext } from "../nodes/context";
import type { JsonValue } from "../run-state";
import { createHash } from "node:crypto";
import { exportDelegationSpan } from "../../telemetry";

type SupervisorNode = TNodeOf<"supervisor">;

export type DelegationKind = "inline" | "graph" | "a2a" | "http";
/** A row's status: `running`, a result's status, or `unavailable` (its breaker refused it). */
export type DelegationStatus = TDelegationResult["status"] | "unavailable";

/** What the supervisor loop asks for: decided between steps, so deterministic on replay. */
export interface DelegationPlan {
  seq: number;
  turn: number;
  agent: string;
  request: TDelegationRequest;
  /** the agent this one stands in for */
  fallbackFor?: string;
  /** the delegation (row id) this one stands in for */
  standsInFor?: string;
}

/** How a delegation ended, memoised by its (last) step. */
export interface DelegationOutcome {
  seq: number;
  agent: string;
  kind: DelegationKind;
  delegationId: string;
  status: DelegationStatus;
  result: TDelegationResult;
  childRunId?: string | null;
  /** not started, or cut, because the supervision's deadline passed */
  pastDeadline?: boolean;
  /** refused before it started (deadline, breaker): the breaker is not told */
  notStarted?: boolean;
  /** an inline agent's: the model that answered, and why that one (its provenance) */
  answeredBy?: AnsweredBy;
}

/** The model an inline agent's answer came from, and why (named, the policy's reason, a fallback). */
interface AnsweredBy {
  model: string;
  routing: string;
}

export function kindOf(agent: TSubAgent): DelegationKind {
  if ("graph" in agent) return "graph";
  if ("a2a" in agent) return "a2a";
  if ("http" in agent) return "http";
  return "inline";
}

export function breakerKey(n: Pick<NodeContext, "plan">, node: SupervisorNode, agent: string): string {
  return `agent:${n.plan.graphId}/${node.id}/${agent}`;
}

/** A fan-out's step ids for a supervisor's delegations (unchanged from when each delegation had its own steps). */
function childStepIds(nodeId: string) {
  return (seq: number) => ({ start: `sup-dlg-start:${nodeId}:${seq}`, invoke: `sup-dlg:${nodeId}:${seq}`, done: `sup-dlg-done:${nodeId}:${seq}` });
}

/**
 * Runs delegations (a turn's calls, or the fallbacks standing in for them) through the durable
 * fan-out (../fan-out.ts), at most `concurrency` at once; their outcomes in order, or null when the
 * run was cancelled. Step ids: `sup-dlg:<node>:<seq>` per inline, HTTP or A2A delegation (or
 * `sup-dlg:<node>:batch:<seq>,…` for 16 or more of them in a turn when `batch`); a saved graph's
 * `sup-dlg-start:<node>:<seq>`, `sup-dlg:<node>:<seq>` (invoke), `sup-dlg-done:<node>:<seq>`.
 */
export async function runDelegations(
  n: NodeContext,
  node: SupervisorNode,
  plans: DelegationPlan[],
  deadline: string | null,
  opts: { concurrency: number; batch: boolean },
): Promise<DelegationOutcome[] | null> {
  if (!plans.length) return [];
  // a delegation's row id, from its row's write to the work in the same step
  const ids = new Map<number, string>();
  const store = supervisionStore(n, node, plans, ids);
  const tasks = plans.map((d) => delegationTask(n, node, d, deadline, store, ids));
  const results = await fanOut(n, {
    prefix: `sup-dlg:${node.id}`,
    nodeId: node.id,
    tasks,
    concurrency: opts.concurrency,
    store,
    batchFrom: opts.batch ? undefined : Infinity,
    childStepIds: childStepIds(node.id),
    // a run begun when each delegation had its own steps recorded its outcome as the step's result
    legacyMemo: (seq, memo) => ({ seq, status: "ok", value: memo as JsonValue }),
  });
  if (results.some((r) => r.status === "cancelled")) return null;
  return results.map((r, i) => (r.status === "ok" ? (r.value as unknown as DelegationOutcome) : failedOutcome(plans[i]!, kindOf(agentOf(node, plans[i]!)), "", r.status === "failed" ? r.error.message : "cancelled")));
}

function agentOf(node: SupervisorNode, d: DelegationPlan): TSubAgent {
  return node.agents.find((a) => a.name === d.agent)!;
}

function outcomeOf(d: DelegationPlan, kind: DelegationKind, delegationId: string, result: TDelegationResult, extra: Partial<DelegationOutcome> = {}): DelegationOutcome {
  return { seq: d.seq, agent: d.agent, kind, delegationId, status: result.status, result, childRunId: null, ...extra };
}

function failedOutcome(d: DelegationPlan, kind: DelegationKind, delegationId: string, why: string): DelegationOutcome {
  return outcomeOf(d, kind, delegationId, { status: "failed", confidence: 0, rationale: `${d.agent} failed: ${why}` });
}

/**
 * The Delegation rows of a supervisor's fan-out: a row is written (with its `delegation.started`
 * trace) when the delegation starts, and ended once (the breaker told, the trace and the
 * provenance record written) by `endRow`.
 */
function supervisionStore(n: NodeContext, node: SupervisorNode, plans: DelegationPlan[], ids: Map<number, string>): DelegationStore {
  const planOf = (seq: number) => plans.find((p) => p.seq === seq)!;
  return {
    async readEnded(ctx, runId, nodeId, seqs) {
      const rows = await ctx.db.delegation.findMany({ where: { runId, nodeId, seq: { in: seqs }, NOT: { status: "running" } } });
      return new Map(
        rows.map((r) => {
          const d = planOf(r.seq);
          const value = outcomeOf(d, kindOf(agentOf(node, d)), r.id, r.result as unknown as TDelegationResult, { status: r.status as DelegationStatus, childRunId: r.childRunId });
          return [r.seq, { seq: r.seq, status: "ok", value: value as unknown as JsonValue } satisfies TaskResult];
        }),
      );
    },
    async begin(ctx, runId, nodeId, seq, row) {
      const existing = await ctx.db.delegation.findFirst({ where: { runId, nodeId, seq }, select: { id: true, childRunId: true } });
      if (existing) {
        ids.set(seq, existing.id);
        if (row.childRunId && existing.childRunId !== row.childRunId) await ctx.db.delegation.updateMany({ where: { id: existing.id }, data: { childRunId: row.childRunId } });
        return;
      }
      const d = planOf(seq);
      const delegationId = newId("delegation");
      await ctx.db.delegation.create({
        data: { id: delegationId, runId, nodeId, seq, agent: d.agent, kind: row.kind, status: "running", request: d.request as never, turn: d.turn, fallbackFor: d.fallbackFor ?? null, childRunId: row.childRunId ?? null } as never,
      });
      ids.set(seq, delegationId);
      await n.life.trace(ctx, runId, nodeId, "delegation.started", `Delegated to ${d.agent}${d.fallbackFor ? ` (standing in for ${d.fallbackFor})` : ""}: ${d.request.task.slice(0, 120)}`, { seq, agent: d.agent, kind: row.kind, delegationId });
    },
    async end(ctx, runId, nodeId, seq, r) {
      if (r.status === "cancelled") return;
      const d = planOf(seq);
      const kind = kindOf(agentOf(node, d));
      const delegationId = ids.get(seq) ?? (await ctx.db.delegation.findFirst({ where: { runId, nodeId, seq }, select: { id: true } }))?.id;
      if (!delegationId) return;
      const o = r.status === "ok" ? (r.value as unknown as DelegationOutcome) : failedOutcome(d, kind, delegationId, r.error.message);
      await endRow(ctx, n, node, d, kind, delegationId, o.result, {
        pastDeadline: o.pastDeadline,
        unavailable: o.status === "unavailable",
        skipBreaker: o.notStarted,
        childRunId: o.childRunId,
        childCostUsd: kind === "graph" && o.childRunId ? usd(o.result.costUsd ?? 0).toFixed() : undefined,
        standsInFor: d.standsInFor,
        answeredBy: o.answeredBy,
      });
    },
  };
}

/** Before a delegation starts: past the deadline, or its breaker open, it ends here (not started). */
async function refusedAtStart(ctx: WorkspaceContext, n: NodeContext, node: SupervisorNode, d: DelegationPlan, kind: DelegationKind, delegationId: string, deadline: string | null): Promise<DelegationOutcome | null> {
  if (deadline && Date.now() >= Date.parse(deadline)) {
    return outcomeOf(d, kind, delegationId, { status: "failed", confidence: 0, rationale: `Not started: the supervision's deadline (${deadline}) passed.` }, { pastDeadline: true, notStarted: true });
  }
  const gate = await checkBreaker(ctx, breakerKey(n, node, d.agent), agentOf(node, d).breaker);
  if (!gate.allowed) {
    const result: TDelegationResult = { status: "failed", confidence: 0, rationale: `${d.agent} is unavailable: its circuit breaker is ${gate.state}${gate.reason ? ` (${gate.reason})` : ""}.` };
    return outcomeOf(d, kind, delegationId, result, { status: "unavailable", notStarted: true });
  }
  return null;
}

/** One delegation as a fan-out task: a step's work (inline, HTTP, A2A) or a child run (a saved graph). */
function delegationTask(n: NodeContext, node: SupervisorNode, d: DelegationPlan, deadline: string | null, store: DelegationStore, ids: Map<number, string>): FanOutTask {
  const agent = agentOf(node, d);
  const kind = kindOf(agent);
  const delegation = { agent: d.agent, kind, request: d.request as unknown as JsonValue, turn: d.turn, ...(d.fallbackFor ? { fallbackFor: d.fallbackFor } : {}) };
  if (kind === "graph") return { seq: d.seq, delegation, invoke: graphInvoke(n, node, agent as Extract<TSubAgent, { graph: string }>, d, deadline, store, ids, delegation) };
  return {
    seq: d.seq,
    delegation,
    work: async (ctx) => {
      const delegationId = ids.get(d.seq)!;
      const refused = await refusedAtStart(ctx, n, node, d, kind, delegationId, deadline);
      if (refused) return refused as unknown as JsonValue;
      const remainingMs = deadline ? Date.parse(deadline) - Date.now() : 30 * 60_000;
      const signal = AbortSignal.timeout(Math.max(1, remainingMs));
      let result: TDelegationResult;
      let answeredBy: AnsweredBy | undefined;
      try {
        if (kind === "inline") ({ result, answeredBy } = await runInline(ctx, n, node, agent as InlineAgent, d.request, signal, delegationId));
        else if (kind === "http") result = await runHttp(ctx, n, agent as Extract<TSubAgent, { http: unknown }>, d.request, signal);
        else {
          const a2a = (agent as Extract<TSubAgent, { a2a: unknown }>).a2a;
          const tctx = await templateContextWithSecrets(ctx, n, a2a);
          result = await delegateToA2A(ctx, { url: String(renderTemplate(a2a.url, tctx)), headers: renderHeaders(a2a.headers, tctx) }, d.request, { signal, runId: n.runId, nodeId: node.id, seq: d.seq });
        }
      } catch (err) {
        if (isTransientError(err)) throw err;
        const timedOut = signal.aborted;
        result = { status: "failed", confidence: 0, rationale: timedOut ? `Cut at the supervision's deadline (${deadline}).` : `${d.agent} failed: ${errorInfo(err).message}` };
      }
      const pastDeadline = signal.aborted && !!deadline && Date.now() >= Date.parse(deadline);
      return outcomeOf(d, kind, delegationId, result, { ...(pastDeadline ? { pastDeadline } : {}), ...(answeredBy ? { answeredBy } : {}) }) as unknown as JsonValue;
    },
  };
}

/** Writes the result onto the row (once), tells the breaker, records provenance. */
async function endRow(
  ctx: WorkspaceContext,
  n: NodeContext,
  node: SupervisorNode,
  d: DelegationPlan,
  kind: DelegationKind,
  delegationId: string,
  result: TDelegationResult,
  opts: { pastDeadline?: boolean; unavailable?: boolean; skipBreaker?: boolean; childRunId?: string | null; childCostUsd?: string; standsInFor?: string; answeredBy?: AnsweredBy } = {},
): Promise<DelegationOutcome> {
  const status: DelegationStatus = opts.unavailable ? "unavailable" : result.status;
  const cost = usd(result.costUsd ?? 0);
  const ended = await ctx.db.delegation.updateMany({
    where: { id: delegationId, status: "running" },
    data: { status, result: result as never, confidence: result.confidence, costUsd: cost.toFixed(), endedAt: new Date(), ...(opts.childRunId ? { childRunId: opts.childRunId } : {}) },
  });
  if (ended.count === 1) {
    exportDelegationSpan(ctx, { id: delegationId });
    // a child run's spend is on its own node runs: it counts on the supervisor node too
    if (opts.childCostUsd && !usd(opts.childCostUsd).isZero()) {
      await ctx.db.nodeRun.updateMany({ where: { runId: n.runId, nodeId: node.id }, data: { costUsd: { increment: opts.childCostUsd } } as never });
    }
    if (!opts.skipBreaker) await recordBreakerOutcome(ctx, breakerKey(n, node, d.agent), { ok: result.status !== "failed", ...(result.status === "failed" ? { error: result.rationale } : {}) }, node.agents.find((a) => a.name === d.agent)?.breaker);
    await n.life.trace(ctx, n.runId, node.id, "delegation.ended", `${d.agent}: ${status} (confidence ${result.confidence})${result.rationale ? ` — ${result.rationale.slice(0, 160)}` : ""}`, { seq: d.seq, agent: d.agent, status, delegationId });
    await appendProvenance(ctx, {
      runId: n.runId,
      kind: "delegation",
      nodeId: node.id,
      delegationId,
      producer: {
        agent: d.agent,
        kind,
        supervisor: node.id,
        graphId: n.plan.graphId,
        graphVersion: n.plan.version,
        ...producerOf(node.agents.find((a) => a.name === d.agent)!, opts.answeredBy),
        ...(opts.childRunId ? { childRunId: opts.childRunId } : {}),
        // a fallback's result stands in for the agent that failed or was unavailable
        ...(d.fallbackFor ? { standingInFor: d.fallbackFor, ...(opts.standsInFor ? { standsInForDelegation: opts.standsInFor } : {}) } : {}),
      },
      inputs: { request: d.request },
      output: result,
    });
  }
  return { seq: d.seq, agent: d.agent, kind, delegationId, status, result, childRunId: opts.childRunId ?? null, ...(opts.pastDeadline ? { pastDeadline: true } : {}) };
}

function producerOf(agent: TSubAgent, answeredBy?: AnsweredBy): Record<string, unknown> {
  if ("model" in agent) {
    const promptTemplateHash = createHash("sha256").update(agent.instructions ?? "").digest("hex");
    const policy = typeof agent.model === "string" ? {} : { policy: agent.model };
    // the model that answered when it did (a failed agent: the one it was given)
    return { model: answeredBy?.model ?? agent.model, routing: { ...(answeredBy ? { reason: answeredBy.routing } : {}), ...policy }, promptTemplateHash };
  }
  if ("graph" in agent) return { graph: agent.graph, ...(agent.version ? { version: agent.version } : {}) };
  if ("a2a" in agent) return { url: agent.a2a.url };
  return { url: agent.http.url };
}

type InlineAgent = Extract<TSubAgent, { model: unknown }>;

/** The schema an inline agent answers in: a delegation result around its own output schema. */
export function envelopeSchema(output: Record<string, unknown> | undefined): Record<string, unknown> {
  return {
    type: "object",
    properties: {
      status: { type: "string", enum: ["done", "escalate", "uncertain", "failed", "rejected"] },
      output: output ?? { description: "The result (any JSON)." },
      confidence: { type: "number", minimum: 0, maximum: 1 },
      rationale: { type: "string" },
    },
    required: ["status", "output", "confidence", "rationale"],
  };
}

/** The user message an inline agent gets: the request envelope, readable. */
export function inlinePrompt(request: TDelegationRequest): string {
  const lines = [request.task];
  if (request.context !== undefined) lines.push("", "Context:", JSON.stringify(request.context, null, 2));
  if (request.constraints?.length) lines.push("", "Constraints:", ...request.constraints.map((c) => `- ${c}`));
  lines.push(
    "",
    "Answer with JSON: status (done; escalate when you cannot proceed; uncertain when you do not stand behind the answer; rejected when it is not your job), output, confidence (0 to 1) and rationale.",
  );
  return lines.join("\n");
}

/** Thrown before a model call that could exceed the delegation's budget. */
class DelegationBudgetError extends Error {
  constructor(capUsd: string, worstUsd: string) {
    super(`its budget of $${capUsd} would be exceeded (the next model call may cost up to $${worstUsd})`);
    this.name = "DelegationBudgetError";
  }
}

async function runInline(
  ctx: WorkspaceContext,
  n: NodeContext,
  node: SupervisorNode,
  agent: InlineAgent,
  request: TDelegationRequest,
  signal: AbortSignal,
  delegationId: string,
): Promise<{ result: TDelegationResult; answeredBy?: AnsweredBy }> {
  const routed = typeof agent.model === "string" ? { modelId: agent.model, reason: "named in the spec" } : await routeModel(ctx, agent.model, {});
  const first = routed.modelId;
  // a routed agent whose model fails moves on to its policy's fallbacks
  const models = [first, ...(typeof agent.model === "string" ? [] : (agent.model.fallbacks ?? []).filter((m) => m !== first))];
  // its tools (workspace MCP tools): the servers' header templates read secrets by reference
  const servers = agent.tools?.length ? await n.life.resolveMcpServers(ctx) : {};
  const used = [...new Set((agent.tools ?? []).map((t) => parseMcpToolName(t)?.server).filter((x): x is string => !!x))];
  const tctx = used.length ? await templateContextWithSecrets(ctx, n, used.map((name) => servers[name]?.headers ?? {})) : n.templateContext();
  const instructions = agent.instructions ? String(renderTemplate(agent.instructions, tctx) ?? "") : undefined;
  const cap = request.budget?.usd !== undefined ? usd(request.budget.usd) : null;
  const guard = createSpendGuard({ ctx, plan: n.plan, nodeId: node.id, attempt: 1, delegationId });
  const costUsd = () => Number(guard.spentUsd().toFixed(12));
  let mcp: Awaited<ReturnType<typeof openMcpTools>> | null = null;
  try {
    mcp = agent.tools?.length ? await openMcpTools(agent.tools, tctx, servers) : null;
    for (const [i, modelId] of models.entries()) {
      try {
        const r = await runAgent({
          modelId,
          credentials: await getProviderCredentials(ctx),
          instructions,
          prompt: inlinePrompt(request),
          tools: mcp?.tools ?? [],
          outputSchema: envelopeSchema(agent.output),
          maxTurns: agent.maxTurns ?? request.budget?.maxTurns,
          maxOutputTokens: agent.maxOutputTokens,
          temperature: agent.temperature,
          abortSignal: signal,
          beforeModelCall: async (e) => {
            if (cap) {
              const worst = costOf({ inputTokens: e.estimatedInputTokens, outputTokens: e.maxOutputTokens, cachedTokens: 0 }, await getPriceOrThrow(ctx, e.modelId));
              if (guard.spentUsd().plus(worst).gt(cap)) throw new DelegationBudgetError(cap.toFixed(), worst.toFixed(6));
            }
            await guard.beforeModelCall(e);
          },
          afterModelCall: guard.afterModelCall,
          onTrace: (e) => void n.life.trace(ctx, n.runId, node.id, `agent.${e.type}`, `${agent.name}: ${e.message}`, e.data).catch(() => {}),
        });
        const out = r.output as TDelegationResult;
        const routing = i === 0 ? routed.reason : `fallback after ${models.slice(0, i).join(", ")} failed`;
        return { result: { status: out.status, output: out.output, confidence: out.confidence, rationale: out.rationale, costUsd: costUsd() }, answeredBy: { model: modelId, routing } };
      } catch (err) {
        if (!(err instanceof ModelCallError) || i === models.length - 1) throw err;
        await n.life.trace(ctx, n.runId, node.id, "model.failed", `${agent.name}: ${modelId} failed: ${err.message}; trying ${models[i + 1]}`, { model: modelId, agent: agent.name });
      }
    }
    throw new Error("unreachable");
  } catch (err) {
    if (isTransientError(err)) throw err;
    return { result: { status: "failed", confidence: 0, rationale: `${agent.name} failed: ${(err as Error).message}`, costUsd: costUsd() } };
  } finally {
    await guard.release();
    await mcp?.close();
  }
}

/** The template context with the secrets these templates name. */
async function templateContextWithSecrets(ctx: WorkspaceContext, n: NodeContext, templates: unknown): Promise<TTemplateContext> {
  const names = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === "string" && v.includes("{{")) {
      try {
        for (const ref of extractReferences(v)) if (ref.root === "secrets" && ref.path[0]) names.add(ref.path[0]);
      } catch {
        // validation refused malformed templates already
      }
    } else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(templates);
  const tctx = n.templateContext();
  const secrets = await n.life.loadSecrets(ctx, [...names]);
  tctx.secret = (name) => secrets.get(name);
  return tctx;
}

function renderHeaders(headers: Record<string, string> | undefined, tctx: TTemplateContext): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(renderTemplate(v, tctx) ?? "")]));
}

const MAX_RESPONSE_BYTES = 2 * 1024 * 1024;

/** A plain HTTP agent: POST the request envelope, read a delegation result. */
async function runHttp(ctx: WorkspaceContext, n: NodeContext, agent: Extract<TSubAgent, { http: unknown }>, request: TDelegationRequest, signal: AbortSignal): Promise<TDelegationResult> {
  const tctx = await templateContextWithSecrets(ctx, n, agent.http);
  const url = new URL(String(renderTemplate(agent.http.url, tctx)));
  let res: Response;
  try {
    res = await outboundFetch(url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json", ...renderHeaders(agent.http.headers, tctx) }, body: JSON.stringify(request), signal });
  } catch (err) {
    if (err instanceof OutboundBlockedError) return { status: "failed", confidence: 0, rationale: `${agent.name}: http.url refused: ${err.message}` };
    throw err;
  }
  const text = await res.text();
  if (!res.ok) return { status: "failed", confidence: 0, rationale: `${agent.name} answered HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ""}` };
  if (Buffer.byteLength(text) > MAX_RESPONSE_BYTES) return { status: "failed", confidence: 0, rationale: `${agent.name} answered more than ${MAX_RESPONSE_BYTES} bytes.` };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { status: "failed", confidence: 0, rationale: `${agent.name} did not answer JSON: a delegation result { status, output, confidence, rationale } was expected.` };
  }
  const parsed = ZDelegationResult.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    return { status: "failed", confidence: 0, rationale: `${agent.name} answered something that is not a delegation result (${issues}).` };
  }
  // what a remote agent says it cost is reported, not charged here
  return parsed.data;
}

/**
 * A delegation's budget as a cap on the child run it started: a run budget (`source:
 * "delegation"`) naming that run, `stop` on exceed, so the child's model calls (and its
 * sub-runs', through the ancestor rule) reserve against it like any budget. Not listed with the
 * workspace's budgets. Once per child run (a retried step finds it).
 */
async function capChildRun(ctx: WorkspaceContext, childRunId: string, d: DelegationPlan, nodeId: string, runId: string) {
  const existing = await ctx.db.budget.findFirst({ where: { source: "delegation", scopeRef: childRunId }, select: { id: true } });
  if (existing) return;
  await ctx.db.budget.create({
    data: {
      id: newId("budget"),
      workspaceId: ctx.workspace.id,
      name: `Delegation to ${d.agent} (${nodeId} #${d.seq} of run ${runId})`,
      scope: "run",
      scopeRef: childRunId,
      period: "run",
      limitUsd: usd(d.request.budget!.usd!).toFixed(),
      onExceed: "stop",
      thresholds: [],
      source: "delegation",
    } as never,
  });
}

/** A saved graph: a child run, invoked durably (its spend rolls up to this run and onto the supervisor node). */
function graphInvoke(
  n: NodeContext,
  node: SupervisorNode,
  agent: Extract<TSubAgent, { graph: string }>,
  d: DelegationPlan,
  deadline: string | null,
  store: DelegationStore,
  ids: Map<number, string>,
  delegation: DelegationStart,
): InvokeTask {
  const { runId, workspaceId } = n;
  return {
    start: async (ctx) => {
      // the row first: the deadline and the breaker are checked with it
      await retryTransient(() => store.begin(ctx, runId, node.id, d.seq, delegation));
      const delegationId = ids.get(d.seq)!;
      const refused = await refusedAtStart(ctx, n, node, d, "graph", delegationId, deadline);
      if (refused) return { value: refused as unknown as JsonValue };
      const { startChildRun } = await import("../../runs/start-child-run");
      try {
        const child = await startChildRun(ctx, {
          parentRunId: runId,
          parentNodeId: node.id,
          graph: agent.graph,
          version: agent.version,
          input: d.request as unknown as Record<string, unknown>,
          tags: n.plan.tags,
          customerKey: n.plan.customerKey,
          idempotencyKey: `delegation:${runId}:${node.id}:${d.seq}`,
        });
        // the delegation's budget caps the child run (and its sub-runs), before it makes any call
        if (d.request.budget?.usd !== undefined) await capChildRun(ctx, child.runId, d, node.id, runId);
        return { childRunId: child.runId, data: { runId: child.runId, workspaceId } };
      } catch (err) {
        if (isTransientError(err)) throw err;
        const result: TDelegationResult = { status: "failed", confidence: 0, rationale: `${d.agent}: the graph ${agent.graph} could not start: ${errorInfo(err).message}` };
        return { value: outcomeOf(d, "graph", delegationId, result) as unknown as JsonValue };
      }
    },
    timeout: deadline ? `${Math.max(1, Math.ceil((Date.parse(deadline) - Date.now()) / 1000))}s` : "30d",
    finish: async (ctx, childRunId, invoked) => {
      const row = await ctx.db.delegation.findFirst({ where: { runId, nodeId: node.id, seq: d.seq }, select: { id: true } });
      const child = await ctx.db.run.findFirst({ where: { id: childRunId }, select: { status: true, output: true, error: true, costUsd: true } });
      const costUsd = child ? usd(child.costUsd.toString()) : usd(0);
      let result: TDelegationResult;
      if (child?.status === "succeeded") {
        const inner = ZDelegationResult.safeParse(child.output);
        result = inner.success
          ? { ...inner.data, costUsd: Number(costUsd.toFixed(12)) }
          : { status: "done", output: (child.output ?? null) as JsonValue, confidence: 1, rationale: `Run ${childRunId} of ${agent.graph} succeeded.`, costUsd: Number(costUsd.toFixed(12)) };
      } else {
        const why = (child?.error as { message?: string } | null)?.message ?? invoked.error?.message ?? `it ended ${child?.status ?? "unknown"}`;
        result = { status: "failed", confidence: 0, rationale: `Run ${childRunId} of ${agent.graph} did not succeed: ${why}`, costUsd: Number(costUsd.toFixed(12)) };
      }
      const pastDeadline = !!deadline && Date.now() >= Date.parse(deadline) && child?.status !== "succeeded";
      return outcomeOf(d, "graph", row?.id ?? "", result, { childRunId, ...(pastDeadline ? { pastDeadline } : {}) }) as unknown as JsonValue;
    },
  };
}
