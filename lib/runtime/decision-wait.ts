import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { getApprovalState } from "../approvals/open-approval";
import { recordApprovalEvent } from "../approvals/record-approval-event";
import { escalateApproval } from "../approvals/escalate-approval";
import { readEscalationChain, waitStops, type EscalationStep } from "../approvals/escalation-chain";
import { EVENTS, type ApprovalDecidedData } from "../events/names";
import { parseDuration } from "../graphs/spec/duration";
import { decisionRecheckMs } from "../env";
import { exportHumanWaitSpan } from "../telemetry";
import { durableMs } from "./durable-ms";
import type { NodeContext, Steps } from "./nodes/context";


/** The durable step ids of one decision wait: kept as they are, so runs in flight replay. */
export interface DecisionStepIds {
  /** the step that opens the inbox item and pauses */
  open: string;
  /** the wait for the decision event (`:check` and `:long` are derived from it) */
  wait: string;
  /** the step that reads the decision and acts on it */
  decided: string;
}

/**
 * The one way the runtime waits for a person: open an inbox item and pause (one step),
 * wait durably for its decision, then read the decision and act on it (one step). Used by
 * the forecast gate before a run starts, by a budget pause, and by approval nodes.
 *
 * The decision is the `approval.decided` event when the wait saw it; otherwise the
 * approval row (decided as the wait timed out, or before it started); `undefined` when
 * nobody decided in time. `open` may return null to stop before waiting (the run was
 * cancelled): then so does this.
 *
 * @example
 * const done = await waitForInboxDecision(n, { open: "approval:a:0", wait: "approval-wait:a:0", decided: "approval-done:a:0" }, "7d", {
 *   open: async (ctx) => ({ approvalId: (await openApproval(ctx, {...})).id }),
 *   decided: async (ctx, decision) => decision?.decision === "approve",
 * });
 */
export async function waitForInboxDecision<R>(
  n: Pick<NodeContext, "step" | "runId" | "workspaceId" | "life">,
  ids: DecisionStepIds,
  timeout: string,
  handlers: {
    open(ctx: WorkspaceContext): Promise<{ approvalId: string } | null>;
    decided(ctx: WorkspaceContext, decision: ApprovalDecidedData | undefined, approvalId: string): Promise<R>;
  },
): Promise<R | null> {
  const { step, runId, workspaceId, life } = n;
  const opened = await step.run(ids.open, async () => {
    const ctx = await life.context(workspaceId);
    const o = await handlers.open(ctx);
    if (!o) return null;
    // an item opened with an escalation chain: the wait advances it (a budget item joined later has none of its own)
    const row = await ctx.db.approval.findFirst({ where: { id: o.approvalId }, select: { escalationChain: true } });
    const chain = readEscalationChain(row?.escalationChain);
    return chain.length ? { ...o, chain } : o;
  });
  if (!opened) return null;
  const chain = "chain" in opened ? readEscalationChain(opened.chain) : [];
  const event = chain.length
    ? await waitAlongChain(n, ids.wait, opened.approvalId, timeout, chain)
    : await waitForDecisionEvent(step, workspaceId, ids.wait, opened.approvalId, timeout);
  return step.run(ids.decided, async () => {
    const ctx = await life.context(workspaceId);
    // a decision the wait did not see (made as it timed out, or before it started): the row is the truth
    const decision = (event?.data as ApprovalDecidedData | undefined) ?? decisionFromRow(await getApprovalState(workspaceId, opened.approvalId), runId, workspaceId);
    const result = await handlers.decided(ctx, decision, opened.approvalId);
    // the wait's span, from the item's row: decided, or expired by the handler just now
    exportHumanWaitSpan(ctx, opened.approvalId);
    return result;
  });
}

/** An inbox item nobody decided in time: it expires with the decision its timeout policy takes. */
export async function expireUndecided(ctx: WorkspaceContext, approvalId: string, decision: string) {
  const { count } = await ctx.db.approval.updateMany({ where: { id: approvalId, status: "pending" }, data: { status: "expired", decidedAt: new Date(), decision } });
  if (count) await recordApprovalEvent(ctx.db, { approvalId, kind: "expired", actor: "system", data: { decision } });
}

/**
 * Waits up to `timeout` for the decision of an inbox item. A wait matches events from when it
 * is registered, and a person (or a program) may decide while the item is still being opened:
 * so a short first wait, then a look at the row, then the rest of the timeout. Returns the
 * decision event, or null (timed out, or decided unseen: the caller then reads the row).
 */
async function waitForDecisionEvent(step: Steps, workspaceId: string, id: string, approvalId: string, timeout: string): Promise<{ data: unknown } | null> {
  const match = { event: EVENTS.approvalDecided, if: `async.data.approvalId == '${approvalId}'` };
  const totalMs = durableMs(parseDuration(timeout));
  const firstMs = Math.min(totalMs, durableMs(decisionRecheckMs()));
  const first = await step.waitForEvent(id, { ...match, timeout: firstMs });
  if (first || totalMs <= firstMs) return first;
  const pending = await step.run(`${id}:check`, async () => (await getApprovalState(workspaceId, approvalId))?.status === "pending");
  if (!pending) return null;
  return step.waitForEvent(`${id}:long`, { ...match, timeout: totalMs - firstMs });
}

/**
 * {@link waitForDecisionEvent} for an item with an escalation chain: the wait is cut at each
 * chain step's time (the sum of the `after`s up to it, see `waitStops`). At each cut one step
 * moves the item to that step's people and tells them (`<wait id>:escalate:<level>`), then the
 * wait goes on (`<wait id>:w<level>`); a first cut at `SWITCHYARD_DECISION_RECHECK_MS` only looks
 * at the row (`:check`), as the plain wait does. The waits and moves are durable steps, so the
 * chain survives a crash and a restart of the engine; a step re-run moves nothing twice.
 */
async function waitAlongChain(n: Pick<NodeContext, "step" | "workspaceId" | "life">, id: string, approvalId: string, timeout: string, chain: EscalationStep[]): Promise<{ data: unknown } | null> {
  const { step, workspaceId, life } = n;
  const match = { event: EVENTS.approvalDecided, if: `async.data.approvalId == '${approvalId}'` };
  const totalMs = durableMs(parseDuration(timeout));
  let at = 0;
  let waitId = id;
  for (const stop of waitStops(totalMs, durableMs(decisionRecheckMs()), chain, durableMs)) {
    if (stop.atMs > at) {
      const event = await step.waitForEvent(waitId, { ...match, timeout: stop.atMs - at });
      if (event) return event;
    }
    at = stop.atMs;
    const pending =
      stop.level === 0
        ? await step.run(`${id}:check`, async () => (await getApprovalState(workspaceId, approvalId))?.status === "pending")
        : await step.run(`${id}:escalate:${stop.level}`, async () => (await escalateApproval(await life.context(workspaceId), approvalId, stop.level)).pending);
    if (!pending) return null;
    waitId = stop.level === 0 ? `${id}:long` : `${id}:w${stop.level}`;
  }
  return totalMs > at ? step.waitForEvent(waitId, { ...match, timeout: totalMs - at }) : null;
}

/** A decision recorded on the approval row (when its event was not seen), or undefined while pending. */
function decisionFromRow(row: Awaited<ReturnType<typeof getApprovalState>>, runId: string, workspaceId: string): ApprovalDecidedData | undefined {
  if (!row || (row.status !== "approved" && row.status !== "rejected")) return undefined;
  return { approvalId: row.id, runId, workspaceId, decision: row.status === "approved" ? "approve" : "reject", decidedBy: `user:${row.decidedById}`, comment: row.comment, output: row.output };
}
