/** Shapes of GET /api/v1/approvals and GET /api/v1/members. */
export type ApprovalStatus = "pending" | "approved" | "rejected" | "expired" | "cancelled";
export type ApprovalScope = "mine" | "role" | "all";

export interface Approval {
  id: string;
  /** `forecast`: a run whose cost forecast exceeds its graph's `budget.requireApprovalAboveUsd`, waiting to start */
  kind: "approval" | "budget" | "escalation" | "forecast";
  status: ApprovalStatus;
  runId: string | null;
  nodeId: string | null;
  title: string;
  context: unknown;
  assigneeUserIds: string[];
  assigneeRoles: string[];
  dueAt: string | null;
  decision: string | null;
  comment: string | null;
  output: unknown;
  decidedById: string | null;
  decidedAt: string | null;
  createdAt: string;
  /** distinct approve votes needed; one reject rejects */
  minApprovals: number;
  /** approve votes so far */
  approvals: number;
  votes: { voter: string; decision: string; comment: string | null; createdAt: string }[];
  /** why the item went to other people than its spec named */
  assignmentNote: string | null;
  canDecide: boolean;
  /** owners, admins and current assignees may give it to other people */
  canReassign?: boolean;
  /** who gets it next while it stays pending; each `after` counts from the level before */
  escalationChain?: { after: string; to: ({ user: string } | { role: string })[] }[] | null;
  /** chain steps applied so far (0: the assignees it opened with) */
  escalationLevel?: number;
  escalatedAt?: string | null;
}

/** One entry of an item's history (GET /api/v1/approvals/:id). */
export interface ApprovalEvent {
  id: string;
  kind: "opened" | "notified" | "reassigned" | "escalated" | "voted" | "decided" | "expired";
  /** `user:<id>`, `apikey:<id>` or `system` */
  actor: string;
  level: number;
  data: Record<string, unknown> | null;
  createdAt: string;
}

/** The context of an `escalation` item (lib/runtime/supervision/escalation.ts). */
export interface EscalationContext {
  question?: string;
  rationale?: string;
  task?: string;
  agent?: string;
  delegationId?: string;
  requestContext?: unknown;
  partialOutputs?: Record<string, unknown>;
  subAgentOutput?: unknown;
  /** a JSON schema the edited output must match, when the supervisor gives one */
  outputSchema?: Record<string, unknown>;
}

export interface ApprovalsPage {
  approvals: Approval[];
  nextCursor: string | null;
}

export interface Member {
  id: string;
  role: string;
  user: { id: string; email: string; name: string | null };
}

export interface Decision {
  decision: "approve" | "reject";
  comment?: string;
  output?: unknown;
}

export const approvalKeys = {
  all: (ws: string) => [ws, "approvals"] as const,
  list: (ws: string, query: string) => [ws, "approvals", "list", query] as const,
  pendingCount: (ws: string) => [ws, "approvals", "pending-count"] as const,
  detail: (ws: string, id: string) => [ws, "approvals", "detail", id] as const,
};
