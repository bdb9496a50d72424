/**
 * What the approvals API answers, as zod schemas: declared in the OpenAPI document and
 * checked against real answers by the integration tests. Pure: no server imports.
 */
import { z } from "zod";
import { ZDateTime, ZDateTimeOrNull, ZJson, ZNextCursor } from "../api/wire";
import { ROLES } from "../auth/permissions";

export const APPROVAL_STATUSES = ["pending", "approved", "rejected", "expired", "cancelled"] as const;
export const APPROVAL_KINDS = ["approval", "budget", "forecast", "escalation"] as const;
/** What happened to an inbox item, in its history. */
export const APPROVAL_EVENT_KINDS = ["opened", "notified", "reassigned", "escalated", "voted", "decided", "expired"] as const;

const ZAssignee = z.union([z.object({ user: z.string() }), z.object({ role: z.string() })]);

/** An inbox item: who it waits on, its votes and the escalation chain it follows. */
export const ZApproval = z.object({
  id: z.string(),
  workspaceId: z.string(),
  runId: z.string().nullable(),
  nodeId: z.string().nullable(),
  kind: z.enum(APPROVAL_KINDS),
  status: z.enum(APPROVAL_STATUSES),
  title: z.string(),
  context: ZJson,
  output: ZJson,
  assigneeUserIds: z.array(z.string()),
  assigneeRoles: z.array(z.enum(ROLES)),
  assignmentNote: z.string().nullable(),
  dueAt: ZDateTimeOrNull,
  onTimeout: z.string().nullable(),
  decision: z.string().nullable(),
  comment: z.string().nullable(),
  decidedById: z.string().nullable(),
  decidedAt: ZDateTimeOrNull,
  minApprovals: z.number().int(),
  approvals: z.number().int().describe("Approving votes so far"),
  pauseKey: z.string().nullable(),
  escalationLevel: z.number().int(),
  escalatedAt: ZDateTimeOrNull,
  escalationChain: z.array(z.object({ after: z.string(), to: z.array(ZAssignee) })).nullable(),
  canDecide: z.boolean(),
  canReassign: z.boolean(),
  votes: z.array(z.object({ voter: z.string(), decision: z.string(), comment: z.string().nullable(), createdAt: ZDateTime })),
  createdAt: ZDateTime,
});

export const ZListApprovalsResponse = z.object({ approvals: z.array(ZApproval), nextCursor: ZNextCursor });

export const ZApprovalEvent = z.object({ id: z.string(), kind: z.enum(APPROVAL_EVENT_KINDS), level: z.number().int(), data: z.record(z.string(), z.unknown()).nullable(), actor: z.string(), createdAt: ZDateTime });
export const ZGetApprovalResponse = z.object({ approval: ZApproval, events: z.array(ZApprovalEvent) });

export const ZDecideApprovalResponse = z.object({
  id: z.string(),
  status: z.enum(APPROVAL_STATUSES),
  approvals: z.number().int(),
  minApprovals: z.number().int(),
  decidedAt: ZDateTimeOrNull,
});

export const ZReassignApprovalResponse = z.object({
  id: z.string(),
  status: z.literal("pending"),
  assigneeRoles: z.array(z.string()),
  assigneeUserIds: z.array(z.string()),
  escalationLevel: z.number().int(),
});
