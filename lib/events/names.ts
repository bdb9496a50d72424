/**
 * Event names the product sends and listens to, defined once.
 * Naming: `switchyard/<noun>.<verb>`.
 */
export const EVENTS = {
  /** a run row exists and should execute: `{ runId, workspaceId }` */
  runRequested: "switchyard/run.requested",
  /** cancel a run: `{ runId, workspaceId }` (matched by the run function's cancelOn) */
  runCancelled: "switchyard/run.cancelled",
  /** a person decided an approval: `{ approvalId, runId, workspaceId, decision, decidedBy, comment?, output? }` */
  approvalDecided: "switchyard/approval.decided",
  /** a run reached a final status: `{ runId, workspaceId, status }` (starts the graphs whose graph_completed triggers follow it) */
  runFinished: "switchyard/run.finished",
  /** a run that held one of its graph's concurrency slots ended: `{ workspaceId, graphId, concurrencyKey, runId }` */
  runSlotFreed: "switchyard/run.slot-freed",
  /** a webhook delivery's first attempt failed and should be retried with backoff: `{ deliveryId, workspaceId }` */
  webhookRetryRequested: "switchyard/webhook.retry-requested",
  /** an admin closed or released a forced-open breaker: `{ workspaceId, key }` (runs paused by a graph's kill switch wake) */
  breakerClosed: "switchyard/breaker.closed",
  /** an inbox item's assignees should hear of it outside the app (webhooks, e-mail): {@link ApprovalNoticeRequestedData} */
  approvalNoticeRequested: "switchyard/approval.notice-requested",
  /** a scheduled trigger (schedule, watch, report) is armed for its next tick: {@link TriggerTickArmedData} */
  triggerTickArmed: "switchyard/trigger.tick-armed",
  /** a run a schedule started ended: `{ workspaceId, triggerId, runId }` (a slot buffered behind it may start) */
  scheduleRunEnded: "switchyard/schedule.run-ended",
} as const;

export interface TriggerTickArmedData {
  workspaceId: string;
  triggerId: string;
  /** the Trigger row's generation when armed: a tick whose generation is no longer the row's exits */
  generation: number;
  /** when the tick is meant to run (ISO); a schedule's slot plus its jitter */
  at: string;
}

export interface ScheduleRunEndedData {
  workspaceId: string;
  triggerId: string;
  runId: string;
}

export interface BreakerClosedData {
  workspaceId: string;
  key: string;
}

export interface ApprovalNoticeRequestedData {
  workspaceId: string;
  approvalId: string;
  /** why: the item opened, was reassigned by a person, or moved up its escalation chain */
  reason: "opened" | "reassigned" | "escalated";
  /** the history event that caused the notice (one notice per event) */
  eventId: string;
  /** the users to e-mail (members assigned by name or role at that moment) */
  userIds: string[];
}

export interface WebhookRetryRequestedData {
  deliveryId: string;
  workspaceId: string;
}

export interface RunFinishedData {
  runId: string;
  workspaceId: string;
  status: "succeeded" | "failed" | "cancelled";
}

export interface RunRequestedData {
  runId: string;
  workspaceId: string;
  /** false: the graph has no concurrency limit, so the run takes no slot step (absent: it may) */
  concurrency?: boolean;
  /** true: the graph has `flow` control, so the run passes its flow gate (steps `flow…`) before anything else (absent: it has none) */
  flow?: boolean;
}

export interface ApprovalDecidedData {
  approvalId: string;
  runId: string | null;
  workspaceId: string;
  decision: "approve" | "reject";
  decidedBy: string;
  comment?: string | null;
  output?: unknown;
}
