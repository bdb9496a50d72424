import { z } from "zod";
import { ZGraphSpec } from "../graphs/spec/schema";
import { ZListRunsQuerySchema } from "../runs/list-runs-query";
import { ZWorkspaceEvent } from "../events/workspace-event";
import { ZListFiresQuery } from "../triggers/list-triggers-query";
import { ZInboundEmailRequestSchema, ZPostmarkInboundSchema } from "../triggers/email/inbound-schemas";
import { ZListScheduleFiresQuerySchema, ZListSchedulesQuerySchema } from "../triggers/schedules-query";
import { ZSchedulePreviewQuery, ZSchedulePreviewRequestSchema } from "../triggers/schedule/preview-query";
import { ZListGraphsQuerySchema } from "../graphs/list-graphs-query";
import { ZPutMcpServerRequestSchema } from "../runtime/mcp/schemas";
import { ZCostsQueryRequestSchema } from "../finops/query-costs";
import { ZCreateReportScheduleRequestSchema, ZUpdateReportScheduleRequestSchema } from "../reports/schemas";
import { ZForceCloseRequestSchema, ZForceOpenRequestSchema, ZReleaseRequestSchema } from "../breakers/force-breaker";
import { ZListBreakerEventsQuerySchema, ZListBreakersQuerySchema } from "../breakers/list-breakers";
import { ZTestAgentConnectionRequestSchema } from "../agents/schemas";
import { ZReassignApprovalRequestSchema } from "../approvals/reassign-approval";
import {
  ZChangeRoleRequestSchema,
  ZCreateApiKeyRequestSchema,
  ZCreateInvitationRequestSchema,
  ZCreateWorkspaceRequestSchema,
  ZUpdateWorkspaceRequestSchema,
} from "../schemas/account";

/**
 * The OpenAPI 3.1 document of `/api/v1`, served at `/api/v1/openapi.json`.
 * Request bodies come from the same zod schemas the handlers validate with,
 * so the document cannot drift from what the API accepts. Operations that
 * other modules add register themselves in `EXTRA_OPERATIONS`.
 */

type Method = "get" | "post" | "put" | "patch" | "delete";
interface Operation {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  /** Query parameters, from the schema the handler parses them with. */
  query?: z.ZodObject;
  permission?: string;
  responses?: Record<string, string>;
}

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });

const ZStartRun = z.object({
  input: z.record(z.string(), z.unknown()).optional(),
  version: z.number().int().positive().optional(),
  tags: z.array(z.string()).optional(),
  idempotencyKey: z.string().optional(),
  customerKey: z.string().optional(),
});
const ZDecision = z.object({ decision: z.enum(["approve", "reject"]), comment: z.string().optional(), output: z.unknown().optional() });
const ZProvider = z.object({ apiKey: z.string().optional(), baseUrl: z.string().optional() });
const ZSecret = z.object({ value: z.string() });
const ZRerun = z.object({ fromNode: z.string().optional() });

export const OPERATIONS: Operation[] = [
  { method: "get", path: "/me", summary: "Who is calling: workspace, role, permissions", tag: "Workspace" },
  { method: "get", path: "/workspace", summary: "The current workspace", tag: "Workspace" },
  { method: "patch", path: "/workspace", summary: "Rename the workspace", tag: "Workspace", body: ZUpdateWorkspaceRequestSchema, permission: "workspace:update" },
  { method: "get", path: "/workspaces", summary: "The signed-in user's workspaces (session only)", tag: "Workspace" },
  { method: "post", path: "/workspaces", summary: "Create a workspace (session only)", tag: "Workspace", body: ZCreateWorkspaceRequestSchema },
  { method: "get", path: "/members", summary: "Members and roles", tag: "Members" },
  { method: "patch", path: "/members/{id}", summary: "Change a member's role", tag: "Members", body: ZChangeRoleRequestSchema, permission: "members:manage" },
  { method: "delete", path: "/members/{id}", summary: "Remove a member", tag: "Members", permission: "members:manage" },
  { method: "get", path: "/invitations", summary: "Open invitations", tag: "Members", permission: "invitations:manage" },
  { method: "post", path: "/invitations", summary: "Create an invite link (returned once)", tag: "Members", body: ZCreateInvitationRequestSchema, permission: "invitations:manage" },
  { method: "delete", path: "/invitations/{id}", summary: "Revoke an invitation", tag: "Members", permission: "invitations:manage" },
  { method: "get", path: "/api-keys", summary: "Active API keys (never the secret)", tag: "API keys", permission: "apiKeys:manage" },
  { method: "post", path: "/api-keys", summary: "Create an API key (returned once)", tag: "API keys", body: ZCreateApiKeyRequestSchema, permission: "apiKeys:manage" },
  { method: "delete", path: "/api-keys/{id}", summary: "Revoke an API key", tag: "API keys", permission: "apiKeys:manage" },
  { method: "get", path: "/audit/verify", summary: "Verify the workspace's chained audit log: { ok, events, head, firstBroken? } names the first event whose hash or link does not match", tag: "Audit", permission: "audit:read" },
  { method: "get", path: "/audit", summary: "Audit log (filters: action, actor, from, to, cursor)", tag: "Audit", permission: "audit:read" },
  { method: "get", path: "/graphs", summary: "Graphs in use, or with archived=true the archived ones", tag: "Graphs", query: ZListGraphsQuerySchema },
  { method: "post", path: "/graphs", summary: "Create a graph from a spec → 201 { id, version, warnings }; invalid → 422 { error, issues } naming each field (shape, JSON Schemas as 2020-12, models against the catalogue, approval roles and members). warnings: models whose provider has no credential yet", tag: "Graphs", body: ZGraphSpec, permission: "graphs:write" },
  { method: "get", path: "/graphs/{id}", summary: "Current spec and versions; archivedAt is set for an archived graph", tag: "Graphs" },
  { method: "put", path: "/graphs/{id}", summary: "Save a new immutable version → { id, version, unchanged, warnings }; 422 as for create; 409 when the graph is archived", tag: "Graphs", body: ZGraphSpec, permission: "graphs:write", responses: { "409": "The graph is archived" } },
  { method: "delete", path: "/graphs/{id}", summary: "Archive the graph (same as POST /graphs/{id}/archive) → { id, name, archivedAt }", tag: "Graphs", permission: "graphs:write" },
  { method: "post", path: "/graphs/{id}/archive", summary: "Archive: hidden from the default list, cannot be saved or start runs (409); versions, runs and costs are kept → { id, name, archivedAt }", tag: "Graphs", permission: "graphs:write" },
  { method: "post", path: "/graphs/{id}/unarchive", summary: "Unarchive: listed, editable and runnable again → { id, name, archivedAt: null }", tag: "Graphs", permission: "graphs:write" },
  { method: "get", path: "/graphs/{id}/versions/{version}", summary: "One version", tag: "Graphs" },
  {
    method: "post",
    path: "/graphs/{id}/runs",
    summary:
      "Start a run → 202 { runId, status, version, admission: started } (a throttled or debounced run is created and waits to begin); 200 with an existing run's id when admission is duplicate (a repeated idempotency key, body or Idempotency-Key header), debounced (the graph's flow.debounce: the pending run takes this payload) or coalesced (flow.queue full with policy coalesce: the newest waiting run takes it); 429 queue_full with Retry-After when flow.queue is full (policy reject); 409 naming the graph when it is archived",
    tag: "Runs",
    body: ZStartRun,
    permission: "runs:start",
    responses: { "202": "A new run was created (it may wait for its throttle, debounce or concurrency slot)", "409": "The graph is archived", "429": "The graph's queue of waiting runs is full (flow.queue policy reject); Retry-After says when to try again" },
  },
  { method: "get", path: "/graphs/{id}/triggers", summary: "The triggers the graph's latest version declares (saving a version makes them effective), with pause state and the last day's fires by outcome", tag: "Triggers" },
  { method: "post", path: "/graphs/{id}/triggers/{name}/pause", summary: "Pause a trigger without a new version: its fires are recorded as paused and start no run", tag: "Triggers", permission: "triggers:write" },
  { method: "post", path: "/graphs/{id}/triggers/{name}/resume", summary: "Resume a paused trigger", tag: "Triggers", permission: "triggers:write" },
  { method: "post", path: "/graphs/{id}/triggers/{name}/secret", summary: "Create or rotate a webhook trigger's secret (Standard Webhooks, whsec_…) → 201 { name, url, secret, secretCreatedAt, previousSecretValidUntil, curl }: the only answer that shows it, with an example signed curl; the replaced secret keeps verifying deliveries for 24 hours", tag: "Triggers", permission: "triggers:write", responses: { "201": "The new secret, shown once" } },
  {
    method: "post",
    path: "/hooks/{workspace}/{path}",
    summary: "A delivery for a webhook trigger (public: no API key, the signature over the raw body authenticates it; {path} is the trigger's path, possibly several segments, or its id). verify.mode standard: webhook-id, webhook-timestamp (within 5 minutes), webhook-signature; hmac: the configured header. → 202 { runId, fireId, outcome, duplicate }; the same webhook-id gets the same run",
    tag: "Triggers",
    responses: {
      "202": "Accepted: the run started (or the one this delivery already started, duplicate: true), or outcome condition_false with no run",
      "401": "Missing or bad signature, a timestamp outside the 5-minute window, or a trigger without a secret",
      "404": "No webhook trigger at this URL (also for an unknown workspace)",
      "409": "The trigger is paused (the delivery is recorded as a paused fire)",
      "413": "Body larger than SWITCHYARD_WEBHOOK_MAX_BYTES (default 1 MiB)",
      "415": "Not application/json",
      "429": "Throttled or the graph's queue is full (Retry-After)",
    },
  },
  { method: "get", path: "/graphs/{id}/triggers/{name}/fires", summary: "A trigger's fires, newest first: intended and actual time, dedupe key, outcome (started, duplicate, condition_false, paused, error) with its reason, and the run started", tag: "Triggers", query: ZListFiresQuery },
  { method: "get", path: "/schedules", summary: "The Schedules view: every trigger of the workspace (every graph and kind, scheduled cost reports too) with graph, what it listens to, paused, next fire times (count per trigger), health (healthy, failing, overdue, unarmed, paused; lastCheckedAt, lastError), last fire, the last day's fires by outcome, and lateness (fired − intended) p50/p99 over its last 200 fires", tag: "Triggers", query: ZListSchedulesQuerySchema },
  { method: "get", path: "/schedules/{triggerId}", summary: "One trigger as the Schedules view shows it, with its next 5 fire times", tag: "Triggers" },
  { method: "get", path: "/schedules/{triggerId}/fires", summary: "A trigger's fires newest first, cursor-paged: intended and actual time, late by, dedupe key, outcome and reason, the run and its status; outcome=not_started lists the fires that did not become a run; at=<fire id> starts the page at that fire", tag: "Triggers", query: ZListScheduleFiresQuerySchema },
  { method: "post", path: "/schedules/{triggerId}/pause", summary: "Pause a trigger by id (any kind but api, a cost report too) without a new version; audited", tag: "Triggers", permission: "triggers:write" },
  { method: "post", path: "/schedules/{triggerId}/resume", summary: "Resume a paused trigger by id; audited", tag: "Triggers", permission: "triggers:write" },
  { method: "get", path: "/graphs/{id}/triggers/{name}/preview", summary: "A schedule trigger's next fire times (count 1–50, default 10): { cron, timezone, paused, times: [{ at (ISO with the zone's offset), utc }] }", tag: "Triggers", query: ZSchedulePreviewQuery },
  { method: "post", path: "/schedules/preview", summary: "The next fire times of a schedule not saved yet ({ cron, timezone?, count? }); 422 naming cron or timezone when the pattern cannot be read, the zone is unknown or it never fires", tag: "Triggers", body: ZSchedulePreviewRequestSchema },
  { method: "post", path: "/events", summary: "Send an event to this workspace's runs waiting for it (wait nodes with event.name) → 202 { name, eventId }; the same id within 24 h is delivered once", tag: "Runs", body: ZWorkspaceEvent, permission: "runs:start" },
  { method: "get", path: "/runs", summary: "Runs (filters: graphId, status, version, tag, customerKey, agent, model, from, to; cursor pagination). agent / model: the runs behind a cost row — a node with that id ran, or a node called that model", tag: "Runs", query: ZListRunsQuerySchema },
  { method: "get", path: "/runs/{id}", summary: "A run with its node runs", tag: "Runs" },
  { method: "get", path: "/runs/{id}/provenance", summary: "The run's provenance chain: who produced each output (node, delegation, decision), the hashes of its inputs and output, and the previous record's hash", tag: "Runs" },
  { method: "get", path: "/runs/{id}/provenance/verify", summary: "Verify the run's provenance chain against the outputs stored today: { ok, records, head, firstBroken? } names the first broken link", tag: "Runs" },
  { method: "get", path: "/runs/{id}/trace", summary: "Trace events after an id", tag: "Runs" },
  {
    method: "get",
    path: "/live",
    summary:
      "Server-sent events (text/event-stream) naming what changed in this workspace: `changes` events carry [{ kind: run|node|delegation|inbox, runId, status }], coalesced per kind and run; `reset` means re-read everything. Resumes after the Last-Event-ID header (or `lastEventId`)",
    tag: "Runs",
    permission: "runs:read",
  },
  { method: "get", path: "/runs/{id}/delegations", summary: "Delegations of a run, with their child runs' delegations", tag: "Runs" },
  { method: "post", path: "/runs/{id}/cancel", summary: "Cancel a run", tag: "Runs", permission: "runs:cancel" },
  { method: "post", path: "/runs/{id}/rerun", summary: "Rerun (from a node, reusing upstream outputs)", tag: "Runs", body: ZRerun, permission: "runs:start" },
  { method: "post", path: "/runs/{id}/migrate", summary: "Move a run waiting for a decision to another version (409 with reasons if incompatible)", tag: "Runs", body: z.object({ version: z.number().int().positive() }), permission: "graphs:write" },
  { method: "get", path: "/approvals", summary: "Approvals inbox (status, scope=mine|role|all)", tag: "Approvals" },
  { method: "get", path: "/approvals/{id}", summary: "One inbox item with its history (opened, reassigned, escalated, notified, decided), SLA and escalation level", tag: "Approvals" },
  { method: "post", path: "/approvals/{id}/reassign", summary: "Reassign a pending item to people or roles (admins, owners or a current assignee); recorded, audited and notified; 409 once decided", tag: "Approvals", body: ZReassignApprovalRequestSchema },
  { method: "post", path: "/approvals/{id}/decision", summary: "Approve or reject; resumes the run. An escalation approved with an edited `output` must match the schema it stands in for (422 naming each field)", tag: "Approvals", body: ZDecision, permission: "approvals:decide" },
  { method: "get", path: "/providers", summary: "Model providers (keys masked)", tag: "Providers", permission: "providers:read" },
  { method: "put", path: "/providers/{provider}", summary: "Set a provider's key and base URL (encrypted at rest)", tag: "Providers", body: ZProvider, permission: "providers:manage" },
  { method: "get", path: "/secrets", summary: "Secret names", tag: "Secrets", permission: "secrets:manage" },
  { method: "put", path: "/secrets/{name}", summary: "Set a secret tool nodes read as {{secrets.NAME}}", tag: "Secrets", body: ZSecret, permission: "secrets:manage" },
  { method: "delete", path: "/secrets/{name}", summary: "Delete a secret", tag: "Secrets", permission: "secrets:manage" },
  { method: "get", path: "/mcp-servers", summary: "MCP servers of the deployment and the workspace (header values masked)", tag: "MCP servers", permission: "graphs:write" },
  { method: "put", path: "/mcp-servers/{name}", summary: "Add or replace a workspace MCP server (headers stored encrypted)", tag: "MCP servers", body: ZPutMcpServerRequestSchema, permission: "providers:manage" },
  { method: "delete", path: "/mcp-servers/{name}", summary: "Remove a workspace MCP server", tag: "MCP servers", permission: "providers:manage" },
  { method: "post", path: "/mcp-servers/{name}/test", summary: "Connect as a run would and list the server's tools", tag: "MCP servers", permission: "graphs:write" },
  { method: "post", path: "/agents/test-connection", summary: "Reach an external sub-agent as a run would: an A2A agent's card (name, skills) or an HTTP agent's address", tag: "Agents", body: ZTestAgentConnectionRequestSchema, permission: "graphs:write" },
];

/** FinOps: costs, budgets, prices, forecasts, alerts and the LLM gateway (schemas in lib/finops). */
export const EXTRA_OPERATIONS: Operation[] = [
  { method: "post", path: "/graphs/{id}/forecast", summary: "Forecast a run's cost { input, version? } → { p50Usd, p90Usd, perNode, basis }", tag: "FinOps" },
  { method: "post", path: "/providers/{provider}/test", summary: "Test the provider's credentials with one minimal call → { ok, latencyMs, error? }", tag: "Providers", permission: "providers:manage" },
  { method: "get", path: "/costs", summary: "Costs grouped by agent|model|graph|version|tag|customer|day|month (from, to, graphId; limit + offset page the groups, largest first; totals cover all; format=csv). With groupBy=day|month, splitBy=agent|model|graph|version|tag|customer adds `splits`: { by, keys: [{ key, label, costUsd }] (the range's splitLimit costliest, default 5), otherKeys, rows: [{ period, values: { key: costUsd }, otherUsd }], basis } — exact decimal strings; the CSV then has one column per key plus other_usd and total_usd", tag: "FinOps", permission: "costs:read", query: ZCostsQueryRequestSchema },
  { method: "get", path: "/costs/forecast-accuracy", summary: "Forecast vs actual: each finished run's forecast (taken at its start) beside its cost, with median absolute error of p50 and share at or under p90, overall and by basis (from, to, graphId, limit)", tag: "FinOps", permission: "costs:read" },
  { method: "get", path: "/budgets", summary: "Budgets with spent, reserved, remaining and projected period end", tag: "FinOps", permission: "costs:read" },
  { method: "post", path: "/budgets", summary: "Create a budget (scope, period, limitUsd, onExceed, thresholds)", tag: "FinOps", permission: "budgets:manage" },
  { method: "get", path: "/budgets/{id}", summary: "One budget with its current window", tag: "FinOps", permission: "costs:read" },
  { method: "patch", path: "/budgets/{id}", summary: "Change a budget", tag: "FinOps", permission: "budgets:manage" },
  { method: "delete", path: "/budgets/{id}", summary: "Delete a budget", tag: "FinOps", permission: "budgets:manage" },
  { method: "post", path: "/budgets/{id}/raise", summary: "Raise a budget (or one window of it)", tag: "FinOps", permission: "budgets:manage" },
  { method: "post", path: "/budgets/reserve", summary: "Reserve spend that is not an LLM call against the applicable budgets (402 when refused)", tag: "FinOps" },
  { method: "post", path: "/budgets/settle", summary: "Settle a reservation with the actual cost", tag: "FinOps" },
  { method: "get", path: "/models", summary: "Model catalogue with prices, tiers and context windows, plus workspace overrides", tag: "FinOps" },
  { method: "put", path: "/models/{modelId}/price", summary: "Override a model's price for this workspace (or add a custom model)", tag: "FinOps", permission: "prices:manage" },
  { method: "delete", path: "/models/{modelId}/price", summary: "Remove the override", tag: "FinOps", permission: "prices:manage" },
  { method: "get", path: "/notifications", summary: "In-app notifications (budget alerts)", tag: "FinOps" },
  { method: "post", path: "/notifications/read", summary: "Mark notifications read", tag: "FinOps" },
  { method: "get", path: "/breakers", summary: "Every circuit breaker of the workspace: key, kind, state (forced wins), failures, calls, openedAt, nextProbeAt, forced, forcedBy, lastError, updatedAt", tag: "Supervision", permission: "breakers:read", query: ZListBreakersQuerySchema },
  { method: "get", path: "/breakers/events", summary: "Breaker history (every transition, automatic or forced), newest first; key narrows it to one breaker", tag: "Supervision", permission: "breakers:read", query: ZListBreakerEventsQuerySchema },
  { method: "post", path: "/breakers/open", summary: "Force a breaker open { key, reason }: agent:<graphId>/<nodeId>/<name>, model:<provider:model>, or graph:<graphId> (the kill switch: new runs get 409 graph_disabled, running ones pause at their next node); audited breaker.forced_open", tag: "Supervision", body: ZForceOpenRequestSchema, permission: "breakers:manage" },
  { method: "post", path: "/breakers/close", summary: "Close a breaker { key, reason, hold? }: counts reset and paused runs resume; hold: true keeps it closed whatever fails until released; audited breaker.forced_closed", tag: "Supervision", body: ZForceCloseRequestSchema, permission: "breakers:manage" },
  { method: "post", path: "/breakers/release", summary: "End an admin's override { key, reason? }: the automatic state applies again (409 when it is not forced); audited breaker.released", tag: "Supervision", body: ZReleaseRequestSchema, permission: "breakers:manage" },
  { method: "get", path: "/webhooks", summary: "Webhook endpoints for alerts, each with its latest delivery and counts of failed and retrying deliveries", tag: "FinOps" },
  { method: "post", path: "/webhooks", summary: "Add a webhook endpoint (signing secret shown once); private, loopback and link-local targets are refused (422 on url) unless SWITCHYARD_OUTBOUND_ALLOW lists them (or, for webhooks only, SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS=1)", tag: "FinOps" },
  { method: "delete", path: "/webhooks/{id}", summary: "Remove a webhook endpoint", tag: "FinOps" },
  { method: "get", path: "/webhooks/{id}/deliveries", summary: "Recent deliveries of an endpoint with every attempt (status, HTTP status or error, next retry); limit", tag: "FinOps" },
  {
    method: "get",
    path: "/report-schedules",
    summary: "Scheduled cost reports: cron and time zone, report (groupBy, period, csv), delivery (e-mail, webhook), pause, next fire time and health (last delivery error)",
    tag: "FinOps",
    permission: "reports:manage",
  },
  {
    method: "post",
    path: "/report-schedules",
    summary:
      "Schedule a cost report { name, cron (5 fields, at most hourly), timezone, report: { groupBy: customer|graph|agent|model|tag, period: previous_month|month_to_date|previous_week|previous_day, format: csv }, deliver: { email: [≤ 20 addresses], webhook: { url } } }: the CSV the costs API exports for the period, e-mailed as an attachment and/or POSTed as JSON signed with x-switchyard-signature (the signingSecret is in this answer only); 201",
    tag: "FinOps",
    body: ZCreateReportScheduleRequestSchema,
    permission: "reports:manage",
    responses: { "201": "Created", "409": "Another report schedule has this name" },
  },
  { method: "get", path: "/report-schedules/{id}", summary: "One report schedule", tag: "FinOps", permission: "reports:manage" },
  { method: "patch", path: "/report-schedules/{id}", summary: "Change a report schedule (report and deliver are replaced whole); it is re-armed", tag: "FinOps", body: ZUpdateReportScheduleRequestSchema, permission: "reports:manage" },
  { method: "delete", path: "/report-schedules/{id}", summary: "Delete a report schedule (its fires stay); 204", tag: "FinOps", permission: "reports:manage", responses: { "204": "Deleted" } },
  { method: "post", path: "/report-schedules/{id}/pause", summary: "Pause a report schedule: nothing is delivered until it is resumed", tag: "FinOps", permission: "reports:manage" },
  { method: "post", path: "/report-schedules/{id}/resume", summary: "Resume a paused report schedule", tag: "FinOps", permission: "reports:manage" },
  {
    method: "post",
    path: "/report-schedules/{id}/run",
    summary: "Build and deliver the report now (its period relative to now), recorded as a fire: { fireId, outcome: started (delivered) | error, reason, payload: { period, rows, totalUsd, delivered } }",
    tag: "FinOps",
    permission: "reports:manage",
  },
  { method: "get", path: "/report-schedules/{id}/fires", summary: "A report schedule's deliveries, newest first: intended and actual time, outcome and reason, the period, row count and each channel's result", tag: "FinOps", query: ZListFiresQuery, permission: "reports:manage" },
  { method: "post", path: "/report-schedules/{id}/secret", summary: "A new webhook signing secret for the schedule (shown once); the old one stops signing", tag: "FinOps", permission: "reports:manage" },
  { method: "post", path: "/llm/openai/v1/chat/completions", summary: "OpenAI-compatible gateway: budgets, routing (model switchyard:<tier>), ledger; headers x-switchyard-agent, -tags, -customer", tag: "Gateway", permission: "llm:proxy" },
  { method: "post", path: "/llm/openai/v1/responses", summary: "OpenAI Responses API through the gateway: budgets, routing, ledger (streams metered from response.completed)", tag: "Gateway", permission: "llm:proxy" },
  { method: "post", path: "/llm/openai/v1/embeddings", summary: "OpenAI embeddings through the gateway, metered by input tokens", tag: "Gateway", permission: "llm:proxy" },
  { method: "post", path: "/llm/anthropic/v1/messages", summary: "Anthropic Messages gateway with the same governance", tag: "Gateway", permission: "llm:proxy" },
  { method: "get", path: "/a2a/{graphId}/.well-known/agent-card.json", summary: "The graph's A2A agent card (name, description, its input schema as the skill, the JSON-RPC endpoint, bearer API key)", tag: "A2A", permission: "graphs:read" },
  { method: "post", path: "/a2a/{graphId}", summary: "The graph as an A2A agent, JSON-RPC 2.0: A2A 1.0 SendMessage, SendStreamingMessage (SSE), GetTask, CancelTask, ListTasks; with A2A-Version 0.3 or none, message/send, message/stream, tasks/get, tasks/cancel. A task is a run (data part = input); input-required while it waits on a person", tag: "A2A", permission: "runs:start" },
  { method: "post", path: "/inbound/email", summary: "An inbound e-mail for e-mail triggers, as fields { to, from, subject, text, html, messageId, cc, replyTo, inReplyTo, references, date, attachments: [{ filename, contentType, size }], recipients? } or { raw: RFC 822 message, recipients? } → 202 { messageId, dedupeKey, deliveries: [{ recipient, trigger, graphId, outcome, runId, reason, fireId }], unknown }; each trigger fires once per Message-ID. Authenticated with SWITCHYARD_INBOUND_TOKEN (basic-auth password, bearer or ?token=), not an API key", tag: "Triggers", body: ZInboundEmailRequestSchema, responses: { "202": "Delivered to every addressed e-mail trigger", "404": "No e-mail trigger receives mail for any recipient", "413": "Larger than SWITCHYARD_EMAIL_MAX_BYTES", "415": "Not JSON", "429": "A graph's backpressure refused the fire for now (Retry-After); deliver again" } },
  { method: "post", path: "/inbound/email/postmark", summary: "Postmark's inbound webhook JSON (FromFull, ToFull, CcFull, OriginalRecipient, Subject, TextBody, HtmlBody, MessageID, Headers, Attachments) → 202 as POST /inbound/email; the message's Message-ID header dedupes. Authenticated with SWITCHYARD_INBOUND_TOKEN", tag: "Triggers", body: ZPostmarkInboundSchema, responses: { "202": "Delivered", "404": "No e-mail trigger receives mail for any recipient", "413": "Too large", "429": "Busy: deliver again after Retry-After" } },
  { method: "post", path: "/inbound/email/mailgun", summary: "A Mailgun inbound route's form post (recipient, from, subject, body-plain, body-html, Message-Id, message-headers, attachment-N; or body-mime) → 202 as POST /inbound/email. Authenticated with SWITCHYARD_INBOUND_TOKEN", tag: "Triggers", responses: { "202": "Delivered", "404": "No e-mail trigger receives mail for any recipient", "413": "Too large", "415": "Not a form", "429": "Busy: deliver again after Retry-After" } },
];

const ERROR = {
  type: "object",
  required: ["error", "code"],
  properties: {
    error: { type: "string" },
    code: { type: "string" },
    issues: { type: "array", items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } } },
  },
};

export function buildOpenApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of [...OPERATIONS, ...EXTRA_OPERATIONS]) {
    const params: Record<string, unknown>[] = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    for (const [name, schema] of Object.entries(op.query?.shape ?? {})) params.push({ name, in: "query", required: false, schema: json(schema as z.ZodType) });
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      summary: op.summary,
      tags: [op.tag],
      ...(op.permission ? { description: `Requires the \`${op.permission}\` permission.` } : {}),
      ...(params.length ? { parameters: params } : {}),
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: json(op.body) } } } } : {}),
      responses: {
        "200": { description: "OK" },
        "400": { description: "Malformed JSON or parameters", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        "401": { description: "Missing or invalid API key / session" },
        "403": { description: "Your role may not do this" },
        "404": { description: "Not found (or not in your workspace)" },
        "422": { description: "Invalid input; `issues` name each field", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        ...Object.fromEntries(Object.entries(op.responses ?? {}).map(([status, description]) => [status, { description }])),
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Switchyard API", version: "1", description: "Durable, supervised and budgeted multi-agent workflows. Authenticate with `Authorization: Bearer <API key>`." },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } }, schemas: { Error: ERROR } },
    paths,
  };
}
