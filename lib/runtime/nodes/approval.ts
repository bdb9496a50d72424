import "server-only";
import { parseDuration } from "../../graphs/spec/duration";
import { renderTemplate, renderValue } from "../../graphs/spec/template";
import type { TNodeOf } from "../../graphs/spec/schema";
import { openApproval } from "../../approvals/open-approval";
import type { ApprovalDecidedData } from "../../events/names";
import { expireUndecided, waitForInboxDecision } from "../decision-wait";
import type { JsonValue } from "../run-state";
import type { FlowExecutor, NodeResult } from "./context";

const DEFAULT_APPROVAL_TIMEOUT = "7d";

/**
 * An approval: an inbox item for its assignees; the node's output is the decision. With
 * `onTimeout: escalate` an undecided item is expired and a second one goes to `escalateTo`.
 */
export const approvalExecutor: FlowExecutor<TNodeOf<"approval">> = {
  kind: "flow",
  replanAfter: true,
  async run(n, node) {
    const { runId, workspaceId, life } = n;
    const timeout = node.timeout ?? DEFAULT_APPROVAL_TIMEOUT;
    let assignees = node.assignees;
    for (let round = 0; round < 2; round++) {
      const ids = { open: `approval:${node.id}:${round}`, wait: `approval-wait:${node.id}:${round}`, decided: `approval-done:${node.id}:${round}` };
      const settled = await waitForInboxDecision(n, ids, timeout, {
        open: async (ctx) => {
          if (await life.isRunCancelled(ctx, runId)) return null;
          const tctx = n.templateContext();
          const title = node.title ? String(renderTemplate(node.title, tctx)) : `Approve "${node.id}" in ${n.spec.name}`;
          const context = node.context === undefined ? { input: n.plan.input, upstream: Object.fromEntries(n.dag.needsOf(node.id).map((id) => [id, n.results[id]?.output ?? null])) } : renderValue(node.context, tctx);
          const approval = await openApproval(ctx, {
            runId,
            nodeId: node.id,
            kind: round === 0 ? "approval" : "escalation",
            title: round === 0 ? title : `Escalated: ${title}`,
            context,
            assignees,
            dueAt: new Date(Date.now() + parseDuration(timeout)),
            onTimeout: node.onTimeout ?? "reject",
            minApprovals: node.minApprovals,
            // the chain belongs to the first item; an item escalated on timeout goes to escalateTo only
            escalationChain: round === 0 ? node.escalationChain : undefined,
          });
          await life.markNodeRunning(ctx, runId, node.id, 1, context);
          const needed = approval.minApprovals > 1 ? ` (${approval.minApprovals} approvals needed)` : "";
          const note = approval.assignmentNote ? `. ${approval.assignmentNote}` : "";
          await life.markNodeWaiting(ctx, runId, node.id, `Waiting for ${approval.assigneeRoles.map((r) => `role ${r}`).concat(approval.assigneeUserIds.length ? ["named approvers"] : []).join(", ")}${needed}${note}`);
          return { approvalId: approval.id };
        },
        decided: async (ctx, decision, approvalId): Promise<NodeResult | { escalate: true }> => {
          let data: ApprovalDecidedData | undefined = decision;
          if (!data) {
            const policy = node.onTimeout ?? "reject";
            await expireUndecided(ctx, approvalId, policy);
            if (policy === "escalate" && node.escalateTo && round === 0) {
              await life.trace(ctx, runId, node.id, "approval.escalated", `No decision within ${timeout}; escalated`);
              return { escalate: true };
            }
            data = { approvalId, runId, workspaceId, decision: policy === "approve" ? "approve" : "reject", decidedBy: "timeout", comment: `No decision within ${timeout}` };
          }
          const output = {
            decision: data.decision === "approve" ? "approved" : "rejected",
            decidedBy: data.decidedBy,
            comment: data.comment ?? null,
            decidedAt: new Date().toISOString(),
            ...(data.output !== undefined && data.output !== null ? { output: data.output } : {}),
          };
          await life.completeNode(ctx, runId, node.id, output, { message: `Decision: ${output.decision} by ${output.decidedBy}`, inputs: n.nodeInput(node), approvalId, provenance: { approvalId, decidedBy: output.decidedBy } });
          await life.resumeFromWait(ctx, runId);
          return { status: "succeeded", output: output as unknown as JsonValue };
        },
      });
      if (!settled) return { status: "cancelled" };
      if ("escalate" in settled) {
        assignees = node.escalateTo ?? assignees;
        continue;
      }
      return settled;
    }
    return { status: "failed", error: { name: "ApprovalError", message: "No decision after escalation", retryable: false } };
  },
};
