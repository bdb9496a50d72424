import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { newId } from "../ids";
import type { APPROVAL_EVENT_KINDS } from "./approval-schemas";

/** What happened to an inbox item, in its history. */
export type ApprovalEventKind = (typeof APPROVAL_EVENT_KINDS)[number];

/** Who did it: `user:<id>`, `apikey:<id>`, or `system` (a chain step, a timeout, the runtime). */
export function actorOf(ctx: WorkspaceContext): string {
  if (ctx.actor.userId) return `user:${ctx.actor.userId}`;
  if (ctx.actor.apiKeyId) return `apikey:${ctx.actor.apiKeyId}`;
  return "system";
}

/**
 * Appends one event to an inbox item's history (`GET /api/v1/approvals/:id`). Takes the scoped
 * client or a transaction on it, so the event is written with the change it records.
 *
 * @example
 * await recordApprovalEvent(ctx.db, { approvalId, kind: "reassigned", actor: actorOf(ctx), level: 0, data: { from, to, comment } });
 */
export async function recordApprovalEvent(
  db: Pick<WorkspaceContext["db"], "approvalEvent">,
  input: { approvalId: string; kind: ApprovalEventKind; actor: string; level?: number; data?: Record<string, unknown> },
): Promise<string> {
  const id = newId("approvalEvent");
  await db.approvalEvent.create({
    data: { id, approvalId: input.approvalId, kind: input.kind, actor: input.actor, level: input.level ?? 0, data: (input.data ?? undefined) as never } as never,
  });
  return id;
}
