/**
 * A person decides what the supervisor cannot: an inbox item of kind `escalation` for the
 * node's `escalateTo` (default: the workspace's admins and owners), due after
 * `escalationDueIn`, holding the question, the rationale, the task, the request's context, the
 * partial outputs and the sub-agent's output. The run waits durably (the shared decision wait):
 * steps `sup-esc:<node>:<key>`, `sup-esc-wait:<node>:<key>` (+ `:check`, `:long`),
 * `sup-esc-done:<node>:<key>`.
 */
import "server-only";
import { parseDuration } from "../../graphs/spec/duration";
import type { TDelegationResult, TNodeOf } from "../../graphs/spec/schema";
import { openApproval } from "../../approvals/open-approval";
import { appendProvenance } from "../../provenance";
import { expireUndecided, waitForInboxDecision } from "../decision-wait";
import type { JsonValue } from "../run-state";
import type { NodeContext } from "../nodes/context";

type SupervisorNode = TNodeOf<"supervisor">;

export interface EscalationInfo {
  question: string;
  rationale: string;
  task: string;
  /** the agent whose result needs the decision (absent: the supervisor's own answer) */
  agent?: string;
  delegationId?: string | null;
  /** the decision is about the supervisor's answer (over `delegationId`'s unsettled result): an edit stands in for the answer, not the delegation's output */
  answer?: true;
  requestContext?: JsonValue;
  /** what the delegations produced so far, by agent */
  partialOutputs: Record<string, JsonValue>;
  /** the output that stands unless the person edits it */
  proposedOutput: JsonValue;
  /** the schema an edited output must match (the supervisor's `output`, or the inline sub-agent's) */
  outputSchema?: Record<string, unknown>;
}

/** A person's decision, memoised by `sup-esc-done`. */
export interface PersonDecision {
  decision: "approve" | "reject" | "timeout";
  /** an edited output that stands in for the proposed one */
  output?: JsonValue;
  decidedBy: string;
  comment: string | null;
  approvalId: string;
}

/** Opens the escalation, waits for the decision; null when the run was cancelled. */
export async function askPerson(n: NodeContext, node: SupervisorNode, key: string, info: EscalationInfo, deadline: string | null): Promise<PersonDecision | null> {
  const { runId, life } = n;
  const timeout = deadline ? `${Math.max(1, Math.ceil((Date.parse(deadline) - Date.now()) / 1000))}s` : "30d";
  const ids = { open: `sup-esc:${node.id}:${key}`, wait: `sup-esc-wait:${node.id}:${key}`, decided: `sup-esc-done:${node.id}:${key}` };
  return waitForInboxDecision(n, ids, timeout, {
    open: async (ctx) => {
      if (await life.isRunCancelled(ctx, runId)) return null;
      const assignees = node.escalateTo ? (Array.isArray(node.escalateTo) ? node.escalateTo : [node.escalateTo]) : [{ role: "admin" }, { role: "owner" }];
      const approval = await openApproval(ctx, {
        runId,
        nodeId: node.id,
        kind: "escalation",
        title: info.agent ? `${node.id}: ${info.question} (${info.agent})` : `${node.id}: ${info.question}`,
        context: {
          question: info.question,
          rationale: info.rationale,
          task: info.task,
          ...(info.agent ? { agent: info.agent } : {}),
          ...(info.delegationId ? { delegationId: info.delegationId } : {}),
          ...(info.requestContext !== undefined ? { requestContext: info.requestContext } : {}),
          partialOutputs: info.partialOutputs,
          subAgentOutput: info.proposedOutput,
          // an edited output is checked against it when the person decides (lib/approvals/check-edited-output.ts)
          ...(info.outputSchema ? { outputSchema: info.outputSchema } : {}),
        },
        assignees,
        dueAt: node.escalationDueIn ? new Date(Date.now() + parseDuration(node.escalationDueIn)) : null,
        onTimeout: "reject",
        escalationChain: node.escalationChain,
      });
      if (info.delegationId) await ctx.db.delegation.updateMany({ where: { id: info.delegationId }, data: { approvalId: approval.id } });
      await life.markNodeWaiting(ctx, runId, node.id, `Escalated to a person: ${info.question}`);
      return { approvalId: approval.id };
    },
    decided: async (ctx, data, approvalId): Promise<PersonDecision> => {
      if (!data) await expireUndecided(ctx, approvalId, "reject");
      const edited = data?.decision === "approve" && data.output !== undefined && data.output !== null;
      const decision: PersonDecision = {
        decision: data ? data.decision : "timeout",
        ...(edited ? { output: data!.output as JsonValue } : {}),
        decidedBy: data?.decidedBy ?? "timeout",
        comment: data?.comment ?? null,
        approvalId,
      };
      await ctx.db.nodeRun.updateMany({ where: { runId, nodeId: node.id, status: "waiting" }, data: { status: "running" } });
      await life.resumeFromWait(ctx, runId);
      if (edited && info.delegationId && !info.answer) {
        const row = await ctx.db.delegation.findFirst({ where: { id: info.delegationId }, select: { result: true } });
        const prev = (row?.result ?? {}) as Partial<TDelegationResult>;
        const result = { ...prev, status: "done", output: decision.output, confidence: 1, rationale: `${prev.rationale ?? ""} — output edited by ${decision.decidedBy}`.trim() };
        await ctx.db.delegation.updateMany({ where: { id: info.delegationId }, data: { status: "done", result: result as never, confidence: 1 } });
      }
      await life.trace(
        ctx,
        runId,
        node.id,
        "escalation.decided",
        `${decision.decision === "timeout" ? "Nobody decided in time" : `${decision.decision === "approve" ? "Approved" : "Rejected"} by ${decision.decidedBy}`}${edited ? " with an edited output" : ""}`,
        { approvalId, decision: decision.decision },
      );
      await appendProvenance(ctx, {
        runId,
        kind: "decision",
        nodeId: node.id,
        approvalId,
        delegationId: info.delegationId ?? null,
        producer: { agent: decision.decidedBy, kind: "person", supervisor: node.id, graphId: n.plan.graphId, graphVersion: n.plan.version },
        inputs: { question: info.question, proposedOutput: info.proposedOutput, ...(info.delegationId ? { delegation: info.delegationId } : {}) },
        output: { decision: decision.decision, output: decision.output ?? null, comment: decision.comment },
      });
      return decision;
    },
  });
}
