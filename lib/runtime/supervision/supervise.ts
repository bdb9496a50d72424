/**
 * The supervision loop of a supervisor node, rebuilt on every replay from its memoised steps:
 *
 *   sup-start:<node>                 the task rendered, the deadline fixed, the node running
 *   sup-turn:<node>:<k>              planning turn k: one model call → tool calls or the answer
 *   sup-dlg…:<node>:<seq>            each delegation (./dispatch.ts), up to maxParallel at once;
 *                                    a failed or unavailable agent's fallback right after
 *   sup-esc…:<node>:<key>            a person's decision (./escalation.ts)
 *   sup-done:<node> / sup-fail:<node> the node's result
 *
 * Everything between steps is deterministic given their results: which calls are allowed,
 * the sequence numbers, the budgets passed down, the conversation of the next turn.
 */
import "server-only";
import { createHash } from "node:crypto";
import { renderTemplate } from "../../graphs/spec/template";
import { parseDuration } from "../../graphs/spec/duration";
import type { TDelegationRequest, TNodeOf } from "../../graphs/spec/schema";
import { usd, type Decimal } from "../../finops/money";
import { BudgetExceededError, type BudgetExceededDetails } from "../../finops/errors";
import { getCheaperModel } from "../../finops";
import type { WorkspaceContext } from "../../auth/context";
import { carriedReservation, pauseOnBudget, type CarriedReservation } from "../nodes/budget-pause";
import { isTransientError } from "../nodes/transient";
import { errorInfo, type ErrorInfo } from "../nodes/errors";
import type { NodeContext, NodeResult } from "../nodes/context";
import type { JsonValue } from "../run-state";
import { planningTurn } from "./planning-turn";
import { runDelegations, type DelegationOutcome, type DelegationPlan } from "./dispatch";
import { askPerson, type PersonDecision } from "./escalation";
import {
  ESCALATE_TOOL,
  NO_DELEGATIONS_LEFT,
  escalateTool,
  rebuildConversation,
  subAgentTool,
  supervisorPrompt,
  type CallOutcome,
  type SupervisorAnswer,
  type TurnRecord,
  type TurnResult,
} from "./protocol";

type SupervisorNode = TNodeOf<"supervisor">;

/** Delegations running at once when the spec does not say. */
export const DEFAULT_MAX_PARALLEL = 4;
/** Planning turns beyond the delegations (answers that did not match the schema, escalations). */
const EXTRA_TURNS = 5;

type Turn = TurnResult | { kind: "error"; error: ErrorInfo } | { kind: "budget"; budget: BudgetExceededDetails; downgradeTo?: string };

export async function supervise(n: NodeContext, node: SupervisorNode): Promise<NodeResult> {
  const { step, runId, workspaceId, life } = n;
  const S = node.id;
  const setup = await step.run(`sup-start:${S}`, async () => {
    const ctx = await life.context(workspaceId);
    const tctx = n.templateContext();
    const task = String(renderTemplate(node.task, tctx) ?? "");
    const instructions = node.instructions ? String(renderTemplate(node.instructions, tctx) ?? "") : null;
    const now = Date.now();
    const deadline = node.timeout ? new Date(now + parseDuration(node.timeout)).toISOString() : null;
    await life.markNodeRunning(ctx, runId, S, 1, { task, agents: node.agents.map((a) => a.name), ...(deadline ? { deadline } : {}) });
    // batch: many delegations of one turn may share a step (a run begun before, without it, keeps one step each)
    return { task, instructions, deadline, batch: true };
  });
  const { task, deadline } = setup;
  const dispatch = { concurrency: node.maxParallel ?? DEFAULT_MAX_PARALLEL, batch: setup.batch === true };
  const prompt = supervisorPrompt(task, node.agents, node.maxDelegations);
  const tools = [...node.agents.map(subAgentTool), escalateTool(node.agents)];
  const history: TurnRecord[] = [];
  /** the latest result of each agent (what a person decides about, what the answer builds on) */
  const latest = new Map<string, { outcome: DelegationOutcome; request: TDelegationRequest; stoodInBy?: DelegationOutcome }>();
  /**
   * Escalations not yet settled, oldest first: a result that answered escalate, uncertain or
   * rejected, or done below `minConfidence`. The supervisor is told; a sure result in a later
   * turn (it delegated onward) or a person's decision settles them. An answer of `done` over one
   * still open goes to a person: the supervisor does not get to guess past it.
   */
  const open: { turn: number; outcome: DelegationOutcome }[] = [];
  let seq = 0;
  let spent = usd(0);
  /** a cheaper model a budget moved the supervisor to */
  let modelOverride: string | undefined;
  /** the reservation its resume from a budget pause took, for the next turn */
  let carried: CarriedReservation | undefined;

  /** A budget refusal of a planning turn: a cheaper model to try (downgrade), else a pause. As agent nodes (nodes/work-step.ts). */
  const budgetStop = async (ctx: WorkspaceContext, err: BudgetExceededError): Promise<Turn> => {
    const details = JSON.parse(JSON.stringify({ ...err, message: err.message })) as BudgetExceededDetails;
    if (err.onExceed === "downgrade") {
      const current = modelOverride ?? (typeof node.model === "string" ? node.model : undefined);
      const cheaper = current ? await getCheaperModel(ctx, current) : null;
      if (cheaper) {
        await life.trace(ctx, runId, S, "model.downgraded", `${err.budgetName} is nearly spent; the supervisor plans on ${cheaper}`, { to: cheaper, budget: details });
        return { kind: "budget", budget: details, downgradeTo: cheaper };
      }
    }
    return { kind: "budget", budget: details };
  };

  const fail = (error: ErrorInfo) =>
    step.run(`sup-fail:${S}`, async (): Promise<NodeResult> => {
      const ctx = await life.context(workspaceId);
      await life.failNode(ctx, runId, S, error, 1, true);
      return { status: "failed", error };
    });
  const deadlineError = (pending: string): ErrorInfo => ({
    name: "SupervisionError",
    code: "deadline_exceeded",
    reason: "deadline_exceeded",
    message: `The supervision's deadline (${node.timeout}, ${deadline}) passed with ${pending} pending.`,
    retryable: false,
    pending,
  });
  const rejected = (d: PersonDecision): ErrorInfo =>
    d.decision === "timeout"
      ? deadlineError("a person's decision on the escalation")
      : {
          name: "SupervisionError",
          code: "escalation_rejected",
          reason: "escalation_rejected",
          message: `The escalation was rejected by ${d.decidedBy}${d.comment ? `: ${d.comment}` : ""}.`,
          retryable: false,
          approvalId: d.approvalId,
        };
  const partialOutputs = () => Object.fromEntries([...latest].map(([agent, l]) => [agent, (l.outcome.result.output ?? null) as JsonValue]));

  /** the model each planning turn was answered by, in order (replayed from the memoized turns) */
  const answeredBy: { model: string; routing?: string }[] = [];
  /** the tokens of the supervisor's own planning turns (its delegations' are theirs) */
  const tokens = { inputTokens: 0, outputTokens: 0, cachedTokens: 0 };
  for (let k = 1; k <= node.maxDelegations + EXTRA_TURNS; k++) {
    const mustAnswer = seq >= node.maxDelegations;
    const messages = rebuildConversation(prompt, history, mustAnswer);
    // a turn refused by a budget moves to a cheaper model (onExceed: downgrade, kept for later
    // turns) or pauses for a person (onExceed: pause), then is made again: `sup-turn:<id>:<k>:<round>`
    let turn: Turn;
    for (let round = 0; ; round++) {
      turn = await step.run(round ? `sup-turn:${S}:${k}:${round}` : `sup-turn:${S}:${k}`, async (): Promise<Turn> => {
        if (deadline && Date.now() >= Date.parse(deadline)) return { kind: "deadline", at: new Date().toISOString() };
        const ctx = await life.context(workspaceId);
        try {
          const signal = deadline ? AbortSignal.timeout(Math.max(1, Date.parse(deadline) - Date.now())) : undefined;
          return await planningTurn({
            ctx,
            plan: n.plan,
            node,
            turn: k,
            instructions: setup.instructions ?? undefined,
            messages,
            tools,
            mustAnswer,
            signal,
            modelOverride,
            carried: carriedReservation(carried),
          });
        } catch (err) {
          if (isTransientError(err)) throw err;
          if (err instanceof BudgetExceededError && (err.onExceed === "pause" || err.onExceed === "downgrade")) return budgetStop(ctx, err);
          const info = errorInfo(err);
          return { kind: "error", error: err instanceof BudgetExceededError ? { ...info, reason: "budget_exceeded" } : info };
        }
      });
      carried = undefined;
      if ("model" in turn) {
        answeredBy.push({ model: turn.model, routing: turn.routing });
        for (const k of ["inputTokens", "outputTokens", "cachedTokens"] as const) tokens[k] += turn.tokens?.[k] ?? 0;
      }
      if (turn.kind !== "budget") break;
      if (turn.downgradeTo) {
        modelOverride = turn.downgradeTo;
        continue;
      }
      let out = await pauseOnBudget(n, node, turn.budget, `${k}.${round}`);
      // approved, but another budget refuses the resumed reservation: pause on that one as well
      for (let again = 1; out.status === "budget"; again++) out = await pauseOnBudget(n, node, out.budget, `${k}.${round}.${again}`);
      if (out.status === "failed") return { status: "failed", error: out.error };
      carried = out.carried;
    }
    if (turn.kind === "deadline") return fail(deadlineError(`planning turn ${k}`));
    if (turn.kind === "error") return fail(turn.error);
    spent = spent.plus(turn.costUsd);
    if (turn.kind === "invalid") {
      history.push({ turn, outcomes: [] });
      continue;
    }
    if (turn.kind === "answer") return finish(turn.answer);

    // the turn's tool calls: the allow-list and maxDelegations are applied here, deterministically
    const outcomes: (CallOutcome | undefined)[] = turn.calls.map(() => undefined);
    const primaries: { i: number; plan: DelegationPlan }[] = [];
    const escalations: number[] = [];
    turn.calls.forEach((c, i) => {
      if (c.name === ESCALATE_TOOL) return void escalations.push(i);
      if (!node.agents.some((a) => a.name === c.name)) {
        outcomes[i] = {
          callId: c.id,
          name: c.name,
          result: { error: `"${c.name}" is not one of your agents, so nothing was run. You may delegate only to: ${node.agents.map((a) => a.name).join(", ")}.` },
        };
        return;
      }
      if (seq >= node.maxDelegations) {
        outcomes[i] = { callId: c.id, name: c.name, result: { error: `Not delegated: ${NO_DELEGATIONS_LEFT}` } };
        return;
      }
      primaries.push({ i, plan: { seq: ++seq, turn: k, agent: c.name, request: requestOf(c.args, remainingBudget(node, spent), deadline) } });
    });
    const results = await runDelegations(
      n,
      node,
      primaries.map((p) => p.plan),
      deadline,
      dispatch,
    );
    if (!results) return { status: "cancelled" };
    // an agent that failed or whose breaker is open hands its delegation to its fallback
    const fallbacks: { j: number; plan: DelegationPlan }[] = [];
    results.forEach((r, j) => {
      const fallback = node.agents.find((a) => a.name === r.agent)?.fallback;
      if ((r.status === "failed" || r.status === "unavailable") && !r.pastDeadline && fallback && fallback !== r.agent && node.agents.some((a) => a.name === fallback) && seq < node.maxDelegations) {
        fallbacks.push({ j, plan: { seq: ++seq, turn: k, agent: fallback, request: primaries[j]!.plan.request, fallbackFor: r.agent, standsInFor: r.delegationId } });
      }
    });
    const fallbackResults = await runDelegations(
      n,
      node,
      fallbacks.map((f) => f.plan),
      deadline,
      dispatch,
    );
    if (!fallbackResults) return { status: "cancelled" };
    const pastDeadline: string[] = [];
    results.forEach((r, j) => {
      const p = primaries[j]!;
      const fb = fallbacks.findIndex((f) => f.j === j);
      const stoodIn = fb >= 0 ? fallbackResults[fb]! : null;
      for (const o of stoodIn ? [r, stoodIn] : [r]) {
        if (o.kind === "inline" || o.kind === "graph") spent = spent.plus(usd(o.result.costUsd ?? 0));
        if (o.pastDeadline) pastDeadline.push(`${o.agent} (delegation ${o.seq})`);
        latest.set(o.agent, { outcome: o, request: p.plan.request, ...(o === r && stoodIn ? { stoodInBy: stoodIn } : {}) });
      }
      const call = turn.calls[p.i]!;
      outcomes[p.i] = { callId: call.id, name: call.name, result: describe(node, r, stoodIn) };
    });
    // a sure result settles the escalations of earlier turns; this turn's own go on the list
    const effective = results.map((r, j) => {
      const fb = fallbacks.findIndex((f) => f.j === j);
      return fb >= 0 ? fallbackResults[fb]! : r;
    });
    if (effective.some((o) => !needsAttention(node, o))) open.length = 0;
    for (const o of effective) if (o.status !== "failed" && o.status !== "unavailable" && needsAttention(node, o)) open.push({ turn: k, outcome: o });
    if (pastDeadline.length) return fail(deadlineError(pastDeadline.join(", ")));

    for (const i of escalations) {
      const call = turn.calls[i]!;
      const agent = String(call.args.delegation ?? "");
      const question = String(call.args.question ?? "Please decide.");
      const target = latest.get(agent);
      const decision = await askPerson(
        n,
        node,
        `${k}:${i}`,
        {
          question,
          rationale: target?.outcome.result.rationale ?? "",
          task,
          agent: target ? agent : undefined,
          delegationId: target?.outcome.delegationId ?? null,
          requestContext: target?.request.context,
          partialOutputs: partialOutputs(),
          proposedOutput: (target?.outcome.result.output ?? null) as JsonValue,
          outputSchema: target ? subAgentOutputSchema(node, agent) : undefined,
        },
        deadline,
      );
      if (!decision) return { status: "cancelled" };
      if (decision.decision !== "approve") return fail(rejected(decision));
      // a person decided: that agent's escalations are settled (all of them when none was named)
      open.splice(0, open.length, ...open.filter((e) => target && e.outcome.agent !== agent));
      const output = (decision.output ?? target?.outcome.result.output ?? null) as JsonValue;
      if (target && decision.output !== undefined) {
        latest.set(agent, { ...target, outcome: { ...target.outcome, status: "done", result: { ...target.outcome.result, status: "done", output, confidence: 1 } } });
      }
      outcomes[i] = {
        callId: call.id,
        name: call.name,
        result: {
          decision: "approved",
          delegation: agent,
          decidedBy: decision.decidedBy,
          comment: decision.comment,
          output,
          note: decision.output !== undefined ? `A person replaced ${agent || "the"} output: use this output as ${agent || "the"} result.` : `A person approved ${agent || "the"} result as it is.`,
        },
      };
    }
    history.push({ turn, outcomes: outcomes.map((o, i) => o ?? { callId: turn.calls[i]!.id, name: turn.calls[i]!.name, result: null }) });
  }
  return fail({
    name: "SupervisionError",
    code: "supervisor_no_answer",
    reason: "supervisor_no_answer",
    message: `The supervisor gave no valid answer within ${node.maxDelegations + EXTRA_TURNS} planning turns.`,
    retryable: false,
  });

  /** The answer: escalated to a person when unsure, then the node's output. */
  async function finish(answer: SupervisorAnswer): Promise<NodeResult> {
    let final: SupervisorAnswer = answer;
    const unsure = answer.status === "escalate" || answer.status === "uncertain" || (node.minConfidence !== undefined && answer.confidence < node.minConfidence);
    // answering done over an escalation nothing settled is guessing: a person decides instead
    const unsettled = answer.status === "done" ? open[0]?.outcome : undefined;
    if (unsure || unsettled) {
      const why = unsure
        ? answer.status === "escalate" || answer.status === "uncertain"
          ? `The supervisor's answer is ${answer.status}`
          : `The supervisor's confidence ${answer.confidence} is below ${node.minConfidence}`
        : `The supervisor answered done, but ${unsettled!.agent} ${unsettled!.status === "done" ? `answered with confidence ${unsettled!.result.confidence} (below ${node.minConfidence})` : `answered ${unsettled!.status}`} and no later result or person settled it`;
      const about = unsure ? {} : { agent: unsettled!.agent, delegationId: unsettled!.delegationId, answer: true as const };
      const rationale = unsure ? answer.rationale : `${unsettled!.agent}: ${unsettled!.result.rationale} — supervisor: ${answer.rationale}`;
      const decision = await askPerson(
        n,
        node,
        "answer",
        { question: `${why}: approve, reject or edit its output.`, rationale, task, ...about, partialOutputs: partialOutputs(), proposedOutput: answer.output, outputSchema: node.output },
        deadline,
      );
      if (!decision) return { status: "cancelled" };
      if (decision.decision !== "approve") return fail(rejected(decision));
      final = {
        status: "done",
        output: decision.output ?? answer.output,
        confidence: decision.output !== undefined ? 1 : answer.confidence,
        rationale: `${answer.rationale} — ${decision.output !== undefined ? "output edited and approved" : "approved"} by ${decision.decidedBy}`,
      };
    } else if (answer.status === "failed" || answer.status === "rejected") {
      return fail({
        name: "SupervisionError",
        code: `supervisor_${answer.status}`,
        reason: `supervisor_${answer.status}`,
        message: `The supervisor answered ${answer.status}: ${answer.rationale}`,
        retryable: false,
      });
    }
    const output = { ...final, costUsd: Number(spent.toFixed(12)) };
    return step.run(`sup-done:${S}`, async (): Promise<NodeResult> => {
      const ctx = await life.context(workspaceId);
      // an agent whose fallback answered: the stand-in's delegation and the output that stood in
      const delegations = [...latest.values()].map((l) => ({
        agent: l.outcome.agent,
        delegationId: l.outcome.delegationId,
        status: l.outcome.status,
        ...(l.stoodInBy
          ? { stoodInBy: { agent: l.stoodInBy.agent, delegationId: l.stoodInBy.delegationId, status: l.stoodInBy.status, output: (l.stoodInBy.result.output ?? null) as JsonValue } }
          : {}),
      }));
      const model = answeredBy.at(-1)?.model;
      await life.completeNode(ctx, runId, S, output, {
        provenance: { agent: S, graphId: n.plan.graphId, graphVersion: n.plan.version, ...supervisorModelProvenance(node, answeredBy), delegations },
        // the inputs its task read, as every node's record holds them (what verification links to upstream outputs)
        inputs: n.nodeInput(node),
        // the model that answered, and the tokens of its own turns: the node reads like an agent's
        ...(model ? { usage: { model, provider: model.split(":")[0], ...tokens } } : {}),
        message: `Answered ${final.status} (confidence ${final.confidence}) after ${seq} delegations`,
      });
      return { status: "succeeded", output: output as unknown as JsonValue };
    });
  }
}

/** The schema an inline sub-agent answers in (other kinds declare none here). */
function subAgentOutputSchema(node: SupervisorNode, name: string): Record<string, unknown> | undefined {
  const agent = node.agents.find((a) => a.name === name);
  return agent && "model" in agent ? agent.output : undefined;
}

/** True when a delegation's result asks for attention: not done, or done below `minConfidence`. */
function needsAttention(node: SupervisorNode, o: DelegationOutcome): boolean {
  return o.status !== "done" || (node.minConfidence !== undefined && o.result.confidence < node.minConfidence);
}

/** The supervisor's budget left, or undefined without one. */
function remainingBudget(node: SupervisorNode, spent: Decimal): Decimal | undefined {
  if (node.budgetUsd === undefined) return undefined;
  const left = usd(node.budgetUsd).minus(spent);
  return left.isNegative() ? usd(0) : left;
}

/** The request envelope of a tool call: its budget capped by what is left, the deadline passed on. */
export function requestOf(args: Record<string, JsonValue>, remaining: Decimal | undefined, deadline: string | null): TDelegationRequest {
  const asked = typeof args.budgetUsd === "number" && args.budgetUsd >= 0 ? usd(args.budgetUsd) : undefined;
  const cap = asked && remaining ? (asked.lt(remaining) ? asked : remaining) : (asked ?? remaining);
  const task = typeof args.task === "string" && args.task.trim() ? args.task : "(no task given)";
  const constraints = Array.isArray(args.constraints) ? args.constraints.filter((c): c is string => typeof c === "string") : undefined;
  return {
    task,
    ...(args.context !== undefined ? { context: args.context } : {}),
    ...(constraints?.length ? { constraints } : {}),
    ...(cap ? { budget: { usd: Number(cap.toFixed(12)) } } : {}),
    ...(deadline ? { deadline } : {}),
  };
}

/** What the supervisor's model is told about a delegation (and the fallback that stood in). */
function describe(node: SupervisorNode, o: DelegationOutcome, stoodIn: DelegationOutcome | null): JsonValue {
  const one = (d: DelegationOutcome) => {
    const low = node.minConfidence !== undefined && d.result.confidence < node.minConfidence;
    const attention =
      d.status === "unavailable"
        ? `${d.agent} is unavailable.`
        : d.status !== "done"
          ? `${d.agent} answered ${d.status}: delegate to another agent or escalate to a person.`
          : low
            ? `Confidence ${d.result.confidence} is below ${node.minConfidence}: delegate to another agent or escalate to a person.`
            : null;
    return {
      agent: d.agent,
      delegation: d.seq,
      status: d.status,
      output: (d.result.output ?? null) as JsonValue,
      confidence: d.result.confidence,
      rationale: d.result.rationale,
      ...(attention ? { needsAttention: attention } : {}),
    };
  };
  if (!stoodIn) return one(o);
  return {
    ...one(stoodIn),
    standingInFor: o.agent,
    note: `${o.agent} ${o.status === "unavailable" ? "is unavailable" : "failed"} (${o.result.rationale}); its fallback ${stoodIn.agent} answered instead.`,
  };
}

/**
 * Who answered a supervision, for its provenance record: the model of its last planning turn
 * (the answer), every model its turns used, the routing of that last turn (and the policy when
 * routed), and the hash of its prompt templates as written (`instructions`, `task`).
 */
function supervisorModelProvenance(node: SupervisorNode, answeredBy: { model: string; routing?: string }[]) {
  const last = answeredBy.at(-1);
  return {
    ...(last ? { model: last.model } : {}),
    models: [...new Set(answeredBy.map((a) => a.model))],
    routing: { ...(last?.routing ? { reason: last.routing } : {}), ...(typeof node.model === "string" ? {} : { policy: node.model }) },
    promptTemplateHash: createHash("sha256")
      .update(`${node.instructions ?? ""}\n---\n${node.task}`)
      .digest("hex"),
  };
}
