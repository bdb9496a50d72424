import { z } from "zod";
import { WORKSPACE_HEADER } from "../auth/resolve-context";
import { ZErrorBody } from "../errors";
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
import { ZForecastAccuracyQueryRequestSchema } from "../finops/query-forecast-accuracy";
import { ZCreateBudgetRequestSchema, ZRaiseBudgetRequestSchema, ZUpdateBudgetRequestSchema } from "../finops/budget-schemas";
import { ZForecastRequestSchema } from "../finops/forecast-run";
import { ZReserveSpendRequestSchema } from "../finops/reserve-external-spend";
import { ZSettleSpendRequestSchema } from "../finops/settle-external-spend";
import { ZPutModelPriceRequestSchema } from "../finops/put-model-price";
import { ZListNotificationsRequestSchema } from "../finops/list-notifications";
import { ZMarkNotificationsReadRequestSchema } from "../finops/mark-notifications-read";
import { ZCreateWebhookRequestSchema } from "../finops/create-webhook-endpoint";
import { ZListWebhookDeliveriesRequestSchema } from "../finops/list-webhook-deliveries";
import { ZCreateReportScheduleRequestSchema, ZUpdateReportScheduleRequestSchema } from "../reports/schemas";
import { ZForceCloseRequestSchema, ZForceOpenRequestSchema, ZReleaseRequestSchema } from "../breakers/force-breaker";
import { ZListBreakerEventsQuerySchema, ZListBreakersQuerySchema } from "../breakers/list-breakers";
import { ZTestAgentConnectionRequestSchema } from "../agents/schemas";
import { ZReassignApprovalRequestSchema } from "../approvals/reassign-approval";
import { ZDecideApprovalRequestSchema } from "../approvals/decide-approval";
import { ZListApprovalsQuerySchema } from "../approvals/list-approvals";
import { ZListAuditEventsQuerySchema } from "../audit/list-audit-events";
import { ZStartRunRequestSchema } from "../runs/start-run";
import { ZMigrateRunRequestSchema } from "../runs/migrate-run";
import { ZPutProviderRequestSchema } from "../providers/credentials";
import { ZPutSecretRequestSchema } from "../secrets/secrets";
import { ZChangeRoleRequestSchema, ZCreateApiKeyRequestSchema, ZCreateInvitationRequestSchema, ZCreateWorkspaceRequestSchema, ZUpdateWorkspaceRequestSchema } from "../schemas/account";
import * as account from "../schemas/account";
import * as settings from "../schemas/settings";
import * as runs from "../runs/run-schemas";
import * as graphs from "../graphs/graph-schemas";
import * as approvals from "../approvals/approval-schemas";
import * as finops from "../finops/response-schemas";
import * as triggers from "../triggers/trigger-schemas";
import * as reports from "../reports/schemas";
import * as breakers from "../breakers/breaker-schemas";
import * as audit from "../audit/audit-schemas";

/**
 * The OpenAPI 3.1 document of `/api/v1`, served at `/api/v1/openapi.json`. Request bodies,
 * query parameters and answers come from the same zod schemas the handlers validate with and
 * the code that builds each answer is typed by, so the document cannot drift from the API:
 * the integration tests check every answer they receive against it
 * (lib/testing/openapi-responses.ts), and the typed client (lib/api/client) is generated
 * from it. Operations that other modules add register themselves in `EXTRA_OPERATIONS`.
 */

type Method = "get" | "post" | "put" | "patch" | "delete";

/**
 * One answer of an operation: a zod schema (a JSON body), a string (an error: the shared
 * error shape, with this description), null (no body), or the long form — e.g. a stream of
 * server-sent events is `{ description, contentType: "text/event-stream" }`, and `alt` adds a
 * second media type to a JSON answer (`format=csv`).
 */
export type Answer = z.ZodType | string | null | { description: string; schema?: z.ZodType | null; contentType?: string; alt?: { contentType: string; schema?: z.ZodType } };

/** Who may call: an API key or a session in the workspace (default), a signed-in user, or anyone (the route authenticates itself). */
type Auth = "workspace" | "user" | "public";

export interface Operation {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  /** The body's media type when it is not JSON (a form post). */
  bodyContentType?: string;
  /** Query parameters, from the schema the handler parses them with. */
  query?: z.ZodObject;
  /** Request headers the operation reads, besides authentication. */
  headers?: { name: string; description: string }[];
  permission?: string;
  auth?: Auth;
  /** The shape of this operation's error answers when it is not the shared one (a provider's error passed through). */
  errorSchema?: z.ZodType;
  /** Answers besides the common errors (see {@link commonAnswers}), by status; `default` for a pass-through. */
  responses: Record<string, Answer>;
}

/** `GET /runs/{id}/trace`: events after this id. */
const ZTraceQuery = z.object({
  after: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional()
    .describe("A trace event id: only later events are returned"),
});
/** `GET /budgets`. */
const ZBudgetsQuery = z.object({ include: z.enum(["spec"]).optional().describe("spec: also the budgets graphs declare in their spec") });

/** The body of POST /graphs and PUT /graphs/{id}: the spec, or the spec with a version message. */
const ZSaveGraphBody = z.union([ZGraphSpec, z.object({ spec: ZGraphSpec, message: z.string().max(500).optional() })]);

/** Loose bodies this API passes on from elsewhere: an A2A agent card, JSON-RPC answers, a model provider's answer. */
const ZAgentCard = z.looseObject({ name: z.string(), description: z.string(), skills: z.array(z.looseObject({ id: z.string(), name: z.string() })) });
const ZJsonRpcResponse = z.looseObject({ jsonrpc: z.literal("2.0"), id: z.union([z.string(), z.number(), z.null()]) });
const ZProviderAnswer = z.looseObject({});
const ZGatewayError = z.union([ZErrorBody, z.looseObject({ error: z.unknown() })]);
const ZOpenApiDocument = z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.record(z.string(), z.unknown()) });
const sse = (schema: z.ZodType, what: string): Answer => ({ description: what, schema, alt: { contentType: "text/event-stream" } });
const gatewayAnswers: Record<string, Answer> = {
  "200": sse(ZProviderAnswer, "The provider's answer (JSON, or server-sent events when streaming)"),
  "402": "A budget refused the call",
  "429": { description: "A rate limit, a loop guard or the provider refused the call for now (Retry-After)", schema: ZGatewayError },
  "502": { description: "The provider could not be reached or failed", schema: ZGatewayError },
  "503": { description: "The provider is not configured, or its breaker is open", schema: ZGatewayError },
  default: { description: "The provider's own answer, passed through", schema: ZProviderAnswer },
};
const webhookError = (description: string): Answer => ({ description, schema: triggers.ZWebhookDeliveryError });
/** The inbound e-mail routes' token, when the provider can send it neither as basic auth nor as a bearer. */
const ZInboundQuery = z.object({ token: z.string().optional().describe("SWITCHYARD_INBOUND_TOKEN") });
const inboundAnswers: Record<string, Answer> = {
  "202": triggers.ZInboundEmailResponse,
  "401": "Missing or wrong SWITCHYARD_INBOUND_TOKEN",
  "404": "No e-mail trigger receives mail for any recipient",
  "413": "Larger than SWITCHYARD_EMAIL_MAX_BYTES",
  "415": "Not the expected media type",
  "429": "A graph's backpressure refused the fire for now (Retry-After); deliver again",
  "503": "A trigger could not take the message for now (Retry-After); deliver again",
};

export const OPERATIONS: Operation[] = [
  { method: "get", path: "/me", summary: "Who is calling: workspace, role, permissions", tag: "Workspace", permission: "workspace:read", responses: { "200": account.ZMeResponse } },
  { method: "get", path: "/workspace", summary: "The current workspace", tag: "Workspace", permission: "workspace:read", responses: { "200": account.ZCurrentWorkspaceResponse } },
  {
    method: "patch",
    path: "/workspace",
    summary: "Rename the workspace",
    tag: "Workspace",
    body: ZUpdateWorkspaceRequestSchema,
    permission: "workspace:update",
    responses: { "200": account.ZWorkspaceSummary },
  },
  { method: "get", path: "/workspaces", summary: "The signed-in user's workspaces (session only)", tag: "Workspace", auth: "user", responses: { "200": account.ZListWorkspacesResponse } },
  {
    method: "post",
    path: "/workspaces",
    summary: "Create a workspace (session only)",
    tag: "Workspace",
    body: ZCreateWorkspaceRequestSchema,
    auth: "user",
    responses: { "201": account.ZCreateWorkspaceResponse },
  },
  { method: "get", path: "/members", summary: "Members and roles", tag: "Members", permission: "members:read", responses: { "200": account.ZListMembersResponse } },
  {
    method: "patch",
    path: "/members/{id}",
    summary: "Change a member's role",
    tag: "Members",
    body: ZChangeRoleRequestSchema,
    permission: "members:manage",
    responses: { "200": account.ZChangeRoleResponse, "409": "The workspace would have no owner left" },
  },
  { method: "delete", path: "/members/{id}", summary: "Remove a member", tag: "Members", permission: "members:manage", responses: { "204": null, "409": "The workspace would have no owner left" } },
  { method: "get", path: "/invitations", summary: "Open invitations", tag: "Members", permission: "invitations:manage", responses: { "200": account.ZListInvitationsResponse } },
  {
    method: "post",
    path: "/invitations",
    summary: "Create an invite link (returned once)",
    tag: "Members",
    body: ZCreateInvitationRequestSchema,
    permission: "invitations:manage",
    responses: { "201": account.ZCreateInvitationResponse },
  },
  { method: "delete", path: "/invitations/{id}", summary: "Revoke an invitation", tag: "Members", permission: "invitations:manage", responses: { "204": null } },
  { method: "get", path: "/api-keys", summary: "Active API keys (never the secret)", tag: "API keys", permission: "apiKeys:manage", responses: { "200": account.ZListApiKeysResponse } },
  {
    method: "post",
    path: "/api-keys",
    summary: "Create an API key (returned once)",
    tag: "API keys",
    body: ZCreateApiKeyRequestSchema,
    permission: "apiKeys:manage",
    responses: { "201": account.ZCreateApiKeyResponse },
  },
  { method: "delete", path: "/api-keys/{id}", summary: "Revoke an API key", tag: "API keys", permission: "apiKeys:manage", responses: { "204": null } },
  {
    method: "get",
    path: "/audit/verify",
    summary: "Verify the workspace's chained audit log: { ok, events, head, firstBroken? } names the first event whose hash or link does not match",
    tag: "Audit",
    permission: "audit:read",
    responses: { "200": audit.ZVerifyAuditResponse },
  },
  {
    method: "get",
    path: "/audit",
    summary: "Audit log, newest first (filters: action, actor, from, to; cursor pagination)",
    tag: "Audit",
    permission: "audit:read",
    query: ZListAuditEventsQuerySchema,
    responses: { "200": audit.ZListAuditEventsResponse },
  },
  {
    method: "get",
    path: "/graphs",
    summary: "Graphs in use, or with archived=true the archived ones",
    tag: "Graphs",
    query: ZListGraphsQuerySchema,
    permission: "graphs:read",
    responses: { "200": graphs.ZListGraphsResponse },
  },
  {
    method: "post",
    path: "/graphs",
    summary:
      "Create a graph from a spec (or { spec, message }) → 201 { id, version, warnings }; invalid → 422 { error, issues } naming each field (shape, JSON Schemas as 2020-12, models against the catalogue, approval roles and members). warnings: models whose provider has no credential yet",
    tag: "Graphs",
    body: ZSaveGraphBody,
    permission: "graphs:write",
    responses: { "201": graphs.ZCreateGraphResponse, "409": "A webhook path or e-mail address the spec claims was just taken by another graph" },
  },
  { method: "get", path: "/graphs/{id}", summary: "Current spec and versions; archivedAt is set for an archived graph", tag: "Graphs", permission: "graphs:read", responses: { "200": graphs.ZGraph } },
  {
    method: "put",
    path: "/graphs/{id}",
    summary: "Save a new immutable version → { id, version, unchanged, warnings }; 422 as for create; 409 when the graph is archived",
    tag: "Graphs",
    body: ZSaveGraphBody,
    permission: "graphs:write",
    responses: { "200": graphs.ZSaveGraphResponse, "409": "The graph is archived, or someone saved it at the same moment" },
  },
  {
    method: "delete",
    path: "/graphs/{id}",
    summary: "Archive the graph (same as POST /graphs/{id}/archive) → { id, name, archivedAt }",
    tag: "Graphs",
    permission: "graphs:write",
    responses: { "200": graphs.ZArchiveGraphResponse },
  },
  {
    method: "post",
    path: "/graphs/{id}/archive",
    summary: "Archive: hidden from the default list, cannot be saved or start runs (409); versions, runs and costs are kept → { id, name, archivedAt }",
    tag: "Graphs",
    permission: "graphs:write",
    responses: { "200": graphs.ZArchiveGraphResponse },
  },
  {
    method: "post",
    path: "/graphs/{id}/unarchive",
    summary: "Unarchive: listed, editable and runnable again → { id, name, archivedAt: null }",
    tag: "Graphs",
    permission: "graphs:write",
    responses: { "200": graphs.ZArchiveGraphResponse },
  },
  { method: "get", path: "/graphs/{id}/versions/{version}", summary: "One version with its spec", tag: "Graphs", permission: "graphs:read", responses: { "200": graphs.ZGraphVersion } },
  {
    method: "post",
    path: "/graphs/{id}/runs",
    summary:
      "Start a run → 202 { runId, status, version, admission: started } (a throttled or debounced run is created and waits to begin); 200 with an existing run's id when admission is duplicate (a repeated idempotency key, body or Idempotency-Key header), debounced (the graph's flow.debounce: the pending run takes this payload) or coalesced (flow.queue full with policy coalesce: the newest waiting run takes it); 429 queue_full with Retry-After when flow.queue is full (policy reject); 409 naming the graph when it is archived",
    tag: "Runs",
    body: ZStartRunRequestSchema,
    permission: "runs:start",
    headers: [{ name: "Idempotency-Key", description: "The same as the body's idempotencyKey: a repeated key returns the run it started first (200)" }],
    responses: {
      "200": { description: "An existing run took the start (admission duplicate, debounced or coalesced)", schema: runs.ZStartRunResponse },
      "202": { description: "A new run was created (it may wait for its throttle, debounce or concurrency slot)", schema: runs.ZStartRunResponse },
      "409": "The graph is archived, its kill switch is on (graph_disabled), or the idempotency key belongs to a run of another graph",
      "429": "The graph's queue of waiting runs is full (flow.queue policy reject); Retry-After says when to try again",
      "503": "The durable engine is not reachable",
    },
  },
  {
    method: "get",
    path: "/graphs/{id}/triggers",
    summary: "The triggers the graph's latest version declares (saving a version makes them effective), with pause state and the last day's fires by outcome",
    tag: "Triggers",
    permission: "graphs:read",
    responses: { "200": triggers.ZListGraphTriggersResponse },
  },
  {
    method: "post",
    path: "/graphs/{id}/triggers/{name}/pause",
    summary: "Pause a trigger without a new version: its fires are recorded as paused and start no run",
    tag: "Triggers",
    permission: "triggers:write",
    responses: { "200": triggers.ZTriggerPausedResponse, "422": "An api trigger cannot be paused (archive the graph to stop its runs)" },
  },
  {
    method: "post",
    path: "/graphs/{id}/triggers/{name}/resume",
    summary: "Resume a paused trigger",
    tag: "Triggers",
    permission: "triggers:write",
    responses: { "200": triggers.ZTriggerPausedResponse },
  },
  {
    method: "post",
    path: "/graphs/{id}/triggers/{name}/secret",
    summary:
      "Create or rotate a webhook trigger's secret (Standard Webhooks, whsec_…) → 201 { name, url, secret, secretCreatedAt, previousSecretValidUntil, curl }: the only answer that shows it, with an example signed curl; the replaced secret keeps verifying deliveries for 24 hours",
    tag: "Triggers",
    permission: "triggers:write",
    responses: { "201": { description: "The new secret, shown once", schema: triggers.ZWebhookSecretResponse } },
  },
  {
    method: "post",
    path: "/hooks/{workspace}/{path}",
    summary:
      "A delivery for a webhook trigger (public: no API key, the signature over the raw body authenticates it; {path} is the trigger's path, possibly several segments, or its id). verify.mode standard: webhook-id, webhook-timestamp (within 5 minutes), webhook-signature; hmac: the configured header. → 202 { runId, fireId, outcome, duplicate }; the same webhook-id gets the same run",
    tag: "Triggers",
    auth: "public",
    body: z.record(z.string(), z.unknown()).describe("Any JSON object: the event the trigger's run receives"),
    responses: {
      "202": {
        description: "Accepted: the run started (or the one this delivery already started, duplicate: true), or outcome condition_false with no run",
        schema: triggers.ZWebhookDeliveryResponse,
      },
      "400": "Not UTF-8 JSON, or empty",
      "401": "Missing or bad signature, a timestamp outside the 5-minute window, or a trigger without a secret",
      "402": webhookError("A budget refused the run (the delivery is recorded)"),
      "404": "No webhook trigger at this URL (also for an unknown workspace)",
      "409": webhookError("The trigger is paused (the delivery is recorded as a paused fire)"),
      "413": "Body larger than SWITCHYARD_WEBHOOK_MAX_BYTES (default 1 MiB)",
      "415": "Not application/json",
      "422": webhookError("Not a JSON object, the trigger's dedupeKey cannot be rendered, or the run could not start from it"),
      "429": webhookError("Throttled or the graph's queue is full (Retry-After)"),
      "503": webhookError("The run could not start for now (Retry-After)"),
    },
  },
  {
    method: "get",
    path: "/graphs/{id}/triggers/{name}/fires",
    summary: "A trigger's fires, newest first: intended and actual time, dedupe key, outcome (started, duplicate, condition_false, paused, error) with its reason, and the run started",
    tag: "Triggers",
    query: ZListFiresQuery,
    permission: "graphs:read",
    responses: { "200": triggers.ZListFiresResponse },
  },
  {
    method: "get",
    path: "/schedules",
    summary:
      "The Schedules view: every trigger of the workspace (every graph and kind, scheduled cost reports too) with graph, what it listens to, paused, next fire times (count per trigger), health (healthy, failing, overdue, unarmed, paused; lastCheckedAt, lastError), last fire, the last day's fires by outcome, and lateness (fired − intended) p50/p99 over its last 200 fires",
    tag: "Triggers",
    query: ZListSchedulesQuerySchema,
    permission: "graphs:read",
    responses: { "200": triggers.ZListSchedulesResponse },
  },
  {
    method: "get",
    path: "/schedules/{triggerId}",
    summary: "One trigger as the Schedules view shows it, with its next 5 fire times",
    tag: "Triggers",
    permission: "graphs:read",
    responses: { "200": triggers.ZScheduleView },
  },
  {
    method: "get",
    path: "/schedules/{triggerId}/fires",
    summary:
      "A trigger's fires newest first, cursor-paged: intended and actual time, late by, dedupe key, outcome and reason, the run and its status; outcome=not_started lists the fires that did not become a run; at=<fire id> starts the page at that fire",
    tag: "Triggers",
    query: ZListScheduleFiresQuerySchema,
    permission: "graphs:read",
    responses: { "200": triggers.ZListFiresResponse },
  },
  {
    method: "post",
    path: "/schedules/{triggerId}/pause",
    summary: "Pause a trigger by id (any kind but api, a cost report too) without a new version; audited",
    tag: "Triggers",
    permission: "triggers:write",
    responses: { "200": triggers.ZSchedulePausedResponse, "422": "An api trigger cannot be paused (archive the graph to stop its runs)" },
  },
  {
    method: "post",
    path: "/schedules/{triggerId}/resume",
    summary: "Resume a paused trigger by id; audited",
    tag: "Triggers",
    permission: "triggers:write",
    responses: { "200": triggers.ZSchedulePausedResponse },
  },
  {
    method: "get",
    path: "/graphs/{id}/triggers/{name}/preview",
    summary: "A schedule trigger's next fire times (count 1–50, default 10): { cron, timezone, paused, times: [{ at (ISO with the zone's offset), utc }] }",
    tag: "Triggers",
    query: ZSchedulePreviewQuery,
    permission: "graphs:read",
    responses: { "200": triggers.ZTriggerSchedulePreview },
  },
  {
    method: "post",
    path: "/schedules/preview",
    summary: "The next fire times of a schedule not saved yet ({ cron, timezone?, count? }); 422 naming cron or timezone when the pattern cannot be read, the zone is unknown or it never fires",
    tag: "Triggers",
    body: ZSchedulePreviewRequestSchema,
    permission: "graphs:read",
    responses: { "200": triggers.ZSchedulePreview },
  },
  {
    method: "post",
    path: "/events",
    summary:
      "Send an event to this workspace's runs waiting for it (wait nodes with event.name) and start the graphs whose event triggers match → 202 { name, eventId, runs }; the same id within 24 h is delivered once",
    tag: "Runs",
    body: ZWorkspaceEvent,
    permission: "runs:start",
    responses: { "202": triggers.ZSendEventResponse },
  },
  {
    method: "get",
    path: "/runs",
    summary:
      "Runs (filters: graphId, status, version, tag, customerKey, agent, model, from, to; cursor pagination). agent / model: the runs behind a cost row — a node with that id ran, or a node called that model",
    tag: "Runs",
    query: ZListRunsQuerySchema,
    permission: "runs:read",
    responses: { "200": runs.ZListRunsResponse },
  },
  { method: "get", path: "/runs/{id}", summary: "A run with its node runs", tag: "Runs", permission: "runs:read", responses: { "200": runs.ZRun } },
  {
    method: "get",
    path: "/runs/{id}/provenance",
    summary: "The run's provenance chain: who produced each output (node, delegation, decision), the hashes of its inputs and output, and the previous record's hash",
    tag: "Runs",
    permission: "runs:read",
    responses: { "200": runs.ZRunProvenanceResponse },
  },
  {
    method: "get",
    path: "/runs/{id}/provenance/verify",
    summary: "Verify the run's provenance chain against the outputs stored today: { ok, records, head, firstBroken? } names the first broken link",
    tag: "Runs",
    permission: "runs:read",
    responses: { "200": runs.ZVerifyProvenanceResponse },
  },
  { method: "get", path: "/runs/{id}/trace", summary: "Trace events after an id, in order", tag: "Runs", query: ZTraceQuery, permission: "runs:read", responses: { "200": runs.ZRunTraceResponse } },
  {
    method: "get",
    path: "/live",
    summary:
      "Live updates: server-sent events naming what changed in this workspace. `changes` carries [{ kind: run|node|delegation|inbox|breaker|schedule, runId, status }], coalesced per kind and run (one for the inbox, the breakers, the schedules); `reset` means re-read everything (the first event, and after anything that may have been missed); `paused` means changes are not being heard until the next reset. Resumes after the Last-Event-ID header (or lastEventId). A browser's EventSource names its workspace with ?workspace=",
    tag: "Runs",
    query: z.object({
      workspace: z.string().optional().describe("The workspace's slug or id, for a signed-in session (an API key names its own)"),
      lastEventId: z.string().optional().describe("Resume after this event id (as the Last-Event-ID header)"),
    }),
    permission: "runs:read",
    responses: {
      "200": { description: "The event stream (text/event-stream), open until the client leaves", contentType: "text/event-stream" },
      "503": "This server holds its most live streams (SWITCHYARD_LIVE_MAX_STREAMS): poll the REST API (Retry-After)",
    },
  },
  {
    method: "get",
    path: "/runs/{id}/delegations",
    summary: "Delegations of a run, with their child runs' delegations",
    tag: "Runs",
    permission: "runs:read",
    responses: { "200": runs.ZRunDelegationsResponse },
  },
  { method: "post", path: "/runs/{id}/cancel", summary: "Cancel a run", tag: "Runs", permission: "runs:cancel", responses: { "200": runs.ZCancelRunResponse, "409": "The run already ended" } },
  {
    method: "post",
    path: "/runs/{id}/rerun",
    summary: "Rerun (from a node, reusing upstream outputs) → 202 { runId, rerunOf, fromNode }",
    tag: "Runs",
    body: runs.ZRerunRequestSchema,
    permission: "runs:start",
    responses: {
      "202": runs.ZRerunRunResponse,
      "409": "The graph is archived or its kill switch is on",
      "429": "The graph's queue of waiting runs is full (Retry-After)",
      "503": "The durable engine is not reachable",
    },
  },
  {
    method: "post",
    path: "/runs/{id}/migrate",
    summary: "Move a run waiting for a decision to another version (409 with reasons if incompatible)",
    tag: "Runs",
    body: ZMigrateRunRequestSchema,
    permission: "graphs:write",
    responses: { "200": runs.ZMigrateRunResponse, "409": "The run is not waiting for a decision, is already on that version, or cannot move to it (issues name the reasons)" },
  },
  {
    method: "get",
    path: "/approvals",
    summary: "Approvals inbox (status, scope=mine|role|all, runId, sort=newest|due; cursor and limit page it)",
    tag: "Approvals",
    query: ZListApprovalsQuerySchema,
    permission: "approvals:read",
    responses: { "200": approvals.ZListApprovalsResponse },
  },
  {
    method: "get",
    path: "/approvals/{id}",
    summary: "One inbox item with its history (opened, reassigned, escalated, notified, decided), SLA and escalation level",
    tag: "Approvals",
    permission: "approvals:read",
    responses: { "200": approvals.ZGetApprovalResponse },
  },
  {
    method: "post",
    path: "/approvals/{id}/reassign",
    summary: "Reassign a pending item to people or roles (admins, owners or a current assignee); recorded, audited and notified; 409 once decided",
    tag: "Approvals",
    body: ZReassignApprovalRequestSchema,
    permission: "approvals:read",
    responses: { "200": approvals.ZReassignApprovalResponse, "409": "The item was already decided" },
  },
  {
    method: "post",
    path: "/approvals/{id}/decision",
    summary: "Approve or reject; resumes the run. An escalation approved with an edited `output` must match the schema it stands in for (422 naming each field)",
    tag: "Approvals",
    body: ZDecideApprovalRequestSchema,
    permission: "approvals:decide",
    responses: { "200": approvals.ZDecideApprovalResponse, "409": "The item was already decided, or you already voted on it" },
  },
  { method: "get", path: "/providers", summary: "Model providers (keys masked)", tag: "Providers", permission: "providers:read", responses: { "200": settings.ZListProvidersResponse } },
  {
    method: "put",
    path: "/providers/{provider}",
    summary: "Set a provider's key and base URL (encrypted at rest)",
    tag: "Providers",
    body: ZPutProviderRequestSchema,
    permission: "providers:manage",
    responses: { "200": settings.ZProvider },
  },
  { method: "get", path: "/secrets", summary: "Secret names", tag: "Secrets", permission: "secrets:manage", responses: { "200": settings.ZListSecretsResponse } },
  {
    method: "put",
    path: "/secrets/{name}",
    summary: "Set a secret tool nodes read as {{secrets.NAME}}",
    tag: "Secrets",
    body: ZPutSecretRequestSchema,
    permission: "secrets:manage",
    responses: { "200": settings.ZPutSecretResponse },
  },
  { method: "delete", path: "/secrets/{name}", summary: "Delete a secret", tag: "Secrets", permission: "secrets:manage", responses: { "204": null } },
  {
    method: "get",
    path: "/mcp-servers",
    summary: "MCP servers of the deployment and the workspace (header values masked)",
    tag: "MCP servers",
    permission: "graphs:write",
    responses: { "200": settings.ZListMcpServersResponse },
  },
  {
    method: "put",
    path: "/mcp-servers/{name}",
    summary: "Add or replace a workspace MCP server (headers stored encrypted): 201 when added, 200 when replaced",
    tag: "MCP servers",
    body: ZPutMcpServerRequestSchema,
    permission: "providers:manage",
    responses: { "200": settings.ZPutMcpServerResponse, "201": settings.ZPutMcpServerResponse, "409": "A deployment MCP server has this name" },
  },
  { method: "delete", path: "/mcp-servers/{name}", summary: "Remove a workspace MCP server", tag: "MCP servers", permission: "providers:manage", responses: { "204": null } },
  {
    method: "post",
    path: "/mcp-servers/{name}/test",
    summary: "Connect as a run would and list the server's tools",
    tag: "MCP servers",
    permission: "graphs:write",
    responses: { "200": settings.ZProbeMcpServerResponse },
  },
  {
    method: "post",
    path: "/agents/test-connection",
    summary: "Reach an external sub-agent as a run would: an A2A agent's card (name, skills) or an HTTP agent's address",
    tag: "Agents",
    body: ZTestAgentConnectionRequestSchema,
    permission: "graphs:write",
    responses: { "200": settings.ZTestAgentConnectionResponse, "403": "Your role may not do this, or the outbound guard refuses the address (outbound_blocked)" },
  },
  { method: "get", path: "/openapi.json", summary: "This document (public)", tag: "API", auth: "public", responses: { "200": ZOpenApiDocument } },
];

/** FinOps: costs, budgets, prices, forecasts, alerts and the LLM gateway (schemas in lib/finops). */
export const EXTRA_OPERATIONS: Operation[] = [
  {
    method: "post",
    path: "/graphs/{id}/forecast",
    summary: "Forecast a run's cost { input, version? } → { p50Usd, p90Usd, perNode, basis }",
    tag: "FinOps",
    body: ZForecastRequestSchema,
    permission: "costs:read",
    responses: { "200": graphs.ZForecastResponse },
  },
  {
    method: "post",
    path: "/providers/{provider}/test",
    summary: "Test the provider's credentials with one minimal call → { ok, latencyMs, model, error? }",
    tag: "Providers",
    body: settings.ZTestProviderRequestSchema,
    permission: "providers:manage",
    responses: { "200": settings.ZTestProviderResponse, "403": "Your role may not do this, or the outbound guard refuses the provider's base URL (outbound_blocked)" },
  },
  {
    method: "get",
    path: "/costs",
    summary:
      "Costs grouped by agent|model|graph|version|tag|customer|day|month (from, to, graphId; limit + offset page the groups, largest first; totals cover all; format=csv). With groupBy=day|month, splitBy=agent|model|graph|version|tag|customer adds `splits`: { by, keys: [{ key, label, costUsd }] (the range's splitLimit costliest, default 5), otherKeys, rows: [{ period, values: { key: costUsd }, otherUsd }], basis } — exact decimal strings; the CSV then has one column per key plus other_usd and total_usd",
    tag: "FinOps",
    permission: "costs:read",
    query: ZCostsQueryRequestSchema,
    responses: { "200": { description: "The report (text/csv with format=csv)", schema: finops.ZCostReport, alt: { contentType: "text/csv" } } },
  },
  {
    method: "get",
    path: "/costs/forecast-accuracy",
    summary:
      "Forecast vs actual: each finished run's forecast (taken at its start) beside its cost, with median absolute error of p50 and share at or under p90, overall and by basis (from, to, graphId, limit)",
    tag: "FinOps",
    permission: "costs:read",
    query: ZForecastAccuracyQueryRequestSchema,
    responses: { "200": finops.ZForecastAccuracyReport },
  },
  {
    method: "get",
    path: "/budgets",
    summary: "Budgets with spent, reserved, remaining and projected period end",
    tag: "FinOps",
    permission: "costs:read",
    query: ZBudgetsQuery,
    responses: { "200": finops.ZListBudgetsResponse },
  },
  {
    method: "post",
    path: "/budgets",
    summary: "Create a budget (scope, period, limitUsd, onExceed, thresholds)",
    tag: "FinOps",
    body: ZCreateBudgetRequestSchema,
    permission: "budgets:manage",
    responses: { "201": finops.ZBudgetResponse },
  },
  { method: "get", path: "/budgets/{id}", summary: "One budget with its current window", tag: "FinOps", permission: "costs:read", responses: { "200": finops.ZBudgetResponse } },
  { method: "patch", path: "/budgets/{id}", summary: "Change a budget", tag: "FinOps", body: ZUpdateBudgetRequestSchema, permission: "budgets:manage", responses: { "200": finops.ZBudgetResponse } },
  { method: "delete", path: "/budgets/{id}", summary: "Delete a budget", tag: "FinOps", permission: "budgets:manage", responses: { "204": null } },
  {
    method: "post",
    path: "/budgets/{id}/raise",
    summary: "Raise a budget (or one window of it) { byUsd, windowKey? }; the budget pauses waiting on it are approved and their runs resume (`resumed`)",
    tag: "FinOps",
    body: ZRaiseBudgetRequestSchema,
    permission: "budgets:manage",
    responses: { "200": finops.ZRaiseBudgetResponse },
  },
  {
    method: "post",
    path: "/budgets/reserve",
    summary: "Reserve spend that is not an LLM call against the applicable budgets → 201 { reservationId, amountUsd, budgets, expiresAt } (402 when refused)",
    tag: "FinOps",
    body: ZReserveSpendRequestSchema,
    permission: "llm:proxy",
    responses: { "201": finops.ZReserveSpendResponse, "402": "A budget refused the spend: `budget` names it, its figures and the shortfall" },
  },
  {
    method: "post",
    path: "/budgets/settle",
    summary: "Settle a reservation with the actual cost",
    tag: "FinOps",
    body: ZSettleSpendRequestSchema,
    permission: "llm:proxy",
    responses: { "200": finops.ZSettleSpendResponse, "404": "No such reservation", "409": "The reservation was already settled or released" },
  },
  {
    method: "get",
    path: "/models",
    summary: "Model catalogue with prices, tiers and context windows, plus workspace overrides",
    tag: "FinOps",
    permission: "costs:read",
    responses: { "200": finops.ZListModelsResponse },
  },
  {
    method: "put",
    path: "/models/{modelId}/price",
    summary: "Override a model's price for this workspace (or add a custom model)",
    tag: "FinOps",
    body: ZPutModelPriceRequestSchema,
    permission: "prices:manage",
    responses: { "200": finops.ZModelResponse },
  },
  { method: "delete", path: "/models/{modelId}/price", summary: "Remove the override", tag: "FinOps", permission: "prices:manage", responses: { "204": null, "422": "modelId is not provider:model" } },
  {
    method: "get",
    path: "/notifications",
    summary: "In-app notifications (budget alerts), newest first (unread, limit)",
    tag: "FinOps",
    permission: "workspace:read",
    query: ZListNotificationsRequestSchema,
    responses: { "200": finops.ZListNotificationsResponse },
  },
  {
    method: "post",
    path: "/notifications/read",
    summary: "Mark notifications read (all when no ids)",
    tag: "FinOps",
    body: ZMarkNotificationsReadRequestSchema,
    permission: "workspace:read",
    responses: { "200": finops.ZMarkNotificationsReadResponse },
  },
  {
    method: "get",
    path: "/breakers",
    summary: "Every circuit breaker of the workspace: key, kind, state (forced wins), failures, calls, openedAt, nextProbeAt, forced, forcedBy, lastError, updatedAt",
    tag: "Supervision",
    permission: "breakers:read",
    query: ZListBreakersQuerySchema,
    responses: { "200": breakers.ZListBreakersResponse },
  },
  {
    method: "get",
    path: "/breakers/events",
    summary: "Breaker history (every transition, automatic or forced), newest first; key narrows it to one breaker",
    tag: "Supervision",
    permission: "breakers:read",
    query: ZListBreakerEventsQuerySchema,
    responses: { "200": breakers.ZListBreakerEventsResponse },
  },
  {
    method: "post",
    path: "/breakers/open",
    summary:
      "Force a breaker open { key, reason }: agent:<graphId>/<nodeId>/<name>, model:<provider:model>, or graph:<graphId> (the kill switch: new runs get 409 graph_disabled, running ones pause at their next node); audited breaker.forced_open",
    tag: "Supervision",
    body: ZForceOpenRequestSchema,
    permission: "breakers:manage",
    responses: { "200": breakers.ZForceBreakerResponse, "404": "The graph the key names is not in this workspace" },
  },
  {
    method: "post",
    path: "/breakers/close",
    summary: "Close a breaker { key, reason, hold? }: counts reset and paused runs resume; hold: true keeps it closed whatever fails until released; audited breaker.forced_closed",
    tag: "Supervision",
    body: ZForceCloseRequestSchema,
    permission: "breakers:manage",
    responses: { "200": breakers.ZForceBreakerResponse, "404": "The graph the key names is not in this workspace" },
  },
  {
    method: "post",
    path: "/breakers/release",
    summary: "End an admin's override { key, reason? }: the automatic state applies again (409 when it is not forced); audited breaker.released",
    tag: "Supervision",
    body: ZReleaseRequestSchema,
    permission: "breakers:manage",
    responses: { "200": breakers.ZForceBreakerResponse, "404": "The graph the key names is not in this workspace", "409": "The breaker is not forced open or closed" },
  },
  {
    method: "get",
    path: "/webhooks",
    summary: "Webhook endpoints for alerts, each with its latest delivery and counts of failed and retrying deliveries",
    tag: "FinOps",
    permission: "workspace:update",
    responses: { "200": finops.ZListWebhooksResponse },
  },
  {
    method: "post",
    path: "/webhooks",
    summary:
      "Add a webhook endpoint (signing secret shown once); private, loopback and link-local targets are refused (422 on url) unless SWITCHYARD_OUTBOUND_ALLOW lists them (or, for webhooks only, SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS=1)",
    tag: "FinOps",
    body: ZCreateWebhookRequestSchema,
    permission: "workspace:update",
    responses: { "201": finops.ZCreateWebhookResponse },
  },
  { method: "delete", path: "/webhooks/{id}", summary: "Remove a webhook endpoint", tag: "FinOps", permission: "workspace:update", responses: { "204": null } },
  {
    method: "get",
    path: "/webhooks/{id}/deliveries",
    summary: "Recent deliveries of an endpoint with every attempt (status, HTTP status or error, next retry); limit",
    tag: "FinOps",
    permission: "workspace:update",
    query: ZListWebhookDeliveriesRequestSchema,
    responses: { "200": finops.ZListWebhookDeliveriesResponse },
  },
  {
    method: "get",
    path: "/report-schedules",
    summary: "Scheduled cost reports: cron and time zone, report (groupBy, period, csv), delivery (e-mail, webhook), pause, next fire time and health (last delivery error)",
    tag: "FinOps",
    permission: "reports:manage",
    responses: { "200": reports.ZListReportSchedulesResponse },
  },
  {
    method: "post",
    path: "/report-schedules",
    summary:
      "Schedule a cost report { name, cron (5 fields, at most hourly), timezone, report: { groupBy: customer|graph|agent|model|tag, period: previous_month|month_to_date|previous_week|previous_day, format: csv }, deliver: { email: [≤ 20 addresses], webhook: { url } } }: the CSV the costs API exports for the period, e-mailed as an attachment and/or POSTed as JSON signed with x-switchyard-signature (the signingSecret is in this answer only); 201",
    tag: "FinOps",
    body: ZCreateReportScheduleRequestSchema,
    permission: "reports:manage",
    responses: { "201": reports.ZSavedReportSchedule, "409": "Another report schedule has this name" },
  },
  { method: "get", path: "/report-schedules/{id}", summary: "One report schedule", tag: "FinOps", permission: "reports:manage", responses: { "200": reports.ZReportSchedule } },
  {
    method: "patch",
    path: "/report-schedules/{id}",
    summary: "Change a report schedule (report and deliver are replaced whole); it is re-armed",
    tag: "FinOps",
    body: ZUpdateReportScheduleRequestSchema,
    permission: "reports:manage",
    responses: { "200": reports.ZSavedReportSchedule, "409": "Another report schedule has this name" },
  },
  { method: "delete", path: "/report-schedules/{id}", summary: "Delete a report schedule (its fires stay); 204", tag: "FinOps", permission: "reports:manage", responses: { "204": null } },
  {
    method: "post",
    path: "/report-schedules/{id}/pause",
    summary: "Pause a report schedule: nothing is delivered until it is resumed",
    tag: "FinOps",
    permission: "reports:manage",
    responses: { "200": reports.ZReportSchedule },
  },
  { method: "post", path: "/report-schedules/{id}/resume", summary: "Resume a paused report schedule", tag: "FinOps", permission: "reports:manage", responses: { "200": reports.ZReportSchedule } },
  {
    method: "post",
    path: "/report-schedules/{id}/run",
    summary:
      "Build and deliver the report now (its period relative to now), recorded as a fire: { fireId, outcome: started (delivered) | error, reason, payload: { period, rows, totalUsd, delivered } }",
    tag: "FinOps",
    permission: "reports:manage",
    responses: { "200": reports.ZRunReportResponse },
  },
  {
    method: "get",
    path: "/report-schedules/{id}/fires",
    summary: "A report schedule's deliveries, newest first: intended and actual time, outcome and reason, the period, row count and each channel's result",
    tag: "FinOps",
    query: ZListFiresQuery,
    permission: "reports:manage",
    responses: { "200": triggers.ZListFiresResponse },
  },
  {
    method: "post",
    path: "/report-schedules/{id}/secret",
    summary: "A new webhook signing secret for the schedule (shown once); the old one stops signing",
    tag: "FinOps",
    permission: "reports:manage",
    responses: { "200": reports.ZReportSecretResponse },
  },
  {
    method: "post",
    path: "/llm/openai/v1/chat/completions",
    summary: "OpenAI-compatible gateway: budgets, routing (model switchyard:<tier>), ledger; headers x-switchyard-agent, -tags, -customer",
    tag: "Gateway",
    permission: "llm:proxy",
    body: ZProviderAnswer,
    errorSchema: ZGatewayError,
    responses: gatewayAnswers,
  },
  {
    method: "post",
    path: "/llm/openai/v1/responses",
    summary: "OpenAI Responses API through the gateway: budgets, routing, ledger (streams metered from response.completed)",
    tag: "Gateway",
    permission: "llm:proxy",
    body: ZProviderAnswer,
    errorSchema: ZGatewayError,
    responses: gatewayAnswers,
  },
  {
    method: "post",
    path: "/llm/openai/v1/embeddings",
    summary: "OpenAI embeddings through the gateway, metered by input tokens",
    tag: "Gateway",
    permission: "llm:proxy",
    body: ZProviderAnswer,
    errorSchema: ZGatewayError,
    responses: gatewayAnswers,
  },
  {
    method: "post",
    path: "/llm/anthropic/v1/messages",
    summary: "Anthropic Messages gateway with the same governance",
    tag: "Gateway",
    permission: "llm:proxy",
    body: ZProviderAnswer,
    errorSchema: ZGatewayError,
    responses: gatewayAnswers,
  },
  {
    method: "get",
    path: "/a2a/{graphId}/.well-known/agent-card.json",
    summary: "The graph's A2A agent card (name, description, its input schema as the skill, the JSON-RPC endpoint, bearer API key)",
    tag: "A2A",
    permission: "graphs:read",
    responses: { "200": ZAgentCard },
  },
  {
    method: "post",
    path: "/a2a/{graphId}",
    summary:
      "The graph as an A2A agent, JSON-RPC 2.0: A2A 1.0 SendMessage, SendStreamingMessage (SSE), GetTask, CancelTask, ListTasks; with A2A-Version 0.3 or none, message/send, message/stream, tasks/get, tasks/cancel. A task is a run (data part = input); input-required while it waits on a person. JSON-RPC errors are answered with 200",
    tag: "A2A",
    permission: "runs:start",
    body: z.looseObject({ jsonrpc: z.literal("2.0"), method: z.string() }),
    responses: { "200": sse(ZJsonRpcResponse, "A JSON-RPC answer (result or error), or server-sent events for a streaming method") },
  },
  {
    method: "post",
    path: "/inbound/email",
    summary:
      "An inbound e-mail for e-mail triggers, as fields { to, from, subject, text, html, messageId, cc, replyTo, inReplyTo, references, date, attachments: [{ filename, contentType, size }], recipients? } or { raw: RFC 822 message, recipients? } → 202 { messageId, dedupeKey, deliveries: [{ recipient, trigger, graphId, outcome, runId, reason, fireId }], unknown }; each trigger fires once per Message-ID. Authenticated with SWITCHYARD_INBOUND_TOKEN (basic-auth password, bearer or ?token=), not an API key",
    tag: "Triggers",
    auth: "public",
    query: ZInboundQuery,
    body: ZInboundEmailRequestSchema,
    responses: inboundAnswers,
  },
  {
    method: "post",
    path: "/inbound/email/postmark",
    summary:
      "Postmark's inbound webhook JSON (FromFull, ToFull, CcFull, OriginalRecipient, Subject, TextBody, HtmlBody, MessageID, Headers, Attachments) → 202 as POST /inbound/email; the message's Message-ID header dedupes. Authenticated with SWITCHYARD_INBOUND_TOKEN",
    tag: "Triggers",
    auth: "public",
    query: ZInboundQuery,
    body: ZPostmarkInboundSchema,
    responses: inboundAnswers,
  },
  {
    method: "post",
    path: "/inbound/email/mailgun",
    summary:
      "A Mailgun inbound route's form post (recipient, from, subject, body-plain, body-html, Message-Id, message-headers, attachment-N; or body-mime) → 202 as POST /inbound/email. Authenticated with SWITCHYARD_INBOUND_TOKEN",
    tag: "Triggers",
    auth: "public",
    query: ZInboundQuery,
    body: z.record(z.string(), z.unknown()),
    bodyContentType: "multipart/form-data",
    responses: inboundAnswers,
  },
];

/** Schemas shared by several answers, named in `components.schemas` so that generated types read well. */
const COMPONENTS: Record<string, z.ZodType> = {
  Error: ZErrorBody,
  Run: runs.ZRun,
  NodeRun: runs.ZNodeRun,
  RunError: runs.ZRunError,
  RunListItem: runs.ZRunListItem,
  StartRunResponse: runs.ZStartRunResponse,
  TraceEvent: runs.ZTraceEvent,
  Delegation: runs.ZDelegation,
  ProvenanceRecord: runs.ZProvenanceRecord,
  GraphSpec: ZGraphSpec,
  Graph: graphs.ZGraph,
  GraphListItem: graphs.ZGraphListItem,
  GraphVersion: graphs.ZGraphVersion,
  GraphVersionSummary: graphs.ZGraphVersionSummary,
  SpecWarning: graphs.ZSpecWarning,
  ArchivedGraph: graphs.ZArchiveGraphResponse,
  Forecast: graphs.ZForecastResponse,
  Approval: approvals.ZApproval,
  ApprovalEvent: approvals.ZApprovalEvent,
  CostReport: finops.ZCostReport,
  ForecastAccuracyReport: finops.ZForecastAccuracyReport,
  Budget: finops.ZBudget,
  BudgetResponse: finops.ZBudgetResponse,
  Model: finops.ZModel,
  Notification: finops.ZNotification,
  WebhookEndpoint: finops.ZWebhookEndpoint,
  GraphTrigger: triggers.ZGraphTrigger,
  TriggerPaused: triggers.ZTriggerPausedResponse,
  SchedulePaused: triggers.ZSchedulePausedResponse,
  Fire: triggers.ZFire,
  FirePage: triggers.ZListFiresResponse,
  ScheduleView: triggers.ZScheduleView,
  SchedulePreview: triggers.ZSchedulePreview,
  WebhookDeliveryError: triggers.ZWebhookDeliveryError,
  InboundEmailResponse: triggers.ZInboundEmailResponse,
  ReportSchedule: reports.ZReportSchedule,
  SavedReportSchedule: reports.ZSavedReportSchedule,
  Breaker: breakers.ZBreaker,
  BreakerEvent: breakers.ZBreakerEvent,
  BreakerTransition: breakers.ZForceBreakerResponse,
  AuditEvent: audit.ZAuditEvent,
  WorkspaceSummary: account.ZWorkspaceSummary,
  Member: account.ZMember,
  Invitation: account.ZInvitation,
  ApiKey: account.ZApiKey,
  Provider: settings.ZProvider,
  McpServer: settings.ZMcpServer,
  PutMcpServerResponse: settings.ZPutMcpServerResponse,
  ProviderAnswer: ZProviderAnswer,
  GatewayError: ZGatewayError,
  JsonRpcResponse: ZJsonRpcResponse,
};
/** Request bodies used by more than one operation, and the spec as a caller writes it. */
const INPUT_COMPONENTS: Record<string, z.ZodType> = { GraphSpecInput: ZGraphSpec, SaveGraphRequest: ZSaveGraphBody, ProviderRequest: ZProviderAnswer };

const DEFAULT_DESCRIPTION: Record<string, string> = { "200": "OK", "201": "Created", "202": "Accepted", "204": "No content" };
const VALIDATION = "Invalid input; `issues` name each field";

/**
 * The error answers every operation of its kind can give: any route can be sent a path or
 * query it refuses (400, 414) or fail internally (500); every authenticated one answers 401,
 * a workspace one 403 for a role without the permission, one with path parameters 404, one
 * with a body 413/415/422, one with a query 422.
 */
function commonAnswers(op: Operation): Record<string, Answer> {
  const auth = op.auth ?? "workspace";
  const answers: Record<string, Answer> = {};
  if (op.path !== "/openapi.json") {
    answers["400"] = COMMON.BadRequest;
    answers["414"] = COMMON.UriTooLong;
  }
  if (auth !== "public") answers["401"] = auth === "user" ? COMMON.NotSignedIn : COMMON.Unauthorized;
  if (auth === "workspace") answers["403"] = COMMON.Forbidden;
  if (op.path.includes("{")) answers["404"] = COMMON.NotFound;
  if (op.body) {
    answers["413"] = COMMON.PayloadTooLarge;
    answers["415"] = COMMON.UnsupportedMediaType;
    answers["422"] = COMMON.ValidationFailed;
  }
  if (op.query) answers["422"] = COMMON.ValidationFailed;
  answers["500"] = COMMON.InternalError;
  return answers;
}

/** The common error answers, shared through `components.responses`. */
const COMMON = {
  BadRequest: "Malformed request: invalid JSON, or a path or query parameter that is too long or holds NUL",
  UriTooLong: "The query string is longer than the API accepts",
  Unauthorized: "Missing, invalid, expired or revoked API key (or no session)",
  NotSignedIn: "Not signed in",
  Forbidden: "Your role may not do this",
  NotFound: "Not found (or not in your workspace)",
  PayloadTooLarge: "The body is larger than the limit (1 MiB for JSON)",
  UnsupportedMediaType: "The body is not JSON (content-type)",
  ValidationFailed: VALIDATION,
  InternalError: "Internal error: logged on the server under `ref`",
} as const;
const COMMON_BY_TEXT = new Map<string, string>(Object.entries(COMMON).map(([name, text]) => [text, name]));

/** With a session in several workspaces: which one (an API key belongs to one). */
const WORKSPACE_HEADER_PARAM = { name: WORKSPACE_HEADER, description: "With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none)" };

/** `get /graphs/{id}/runs` → `getGraphsByIdRuns`: stable names for generated clients. */
export function operationIdOf(op: Pick<Operation, "method" | "path">): string {
  const words = op.path
    .split("/")
    .filter(Boolean)
    .flatMap((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      return param ? ["by", param[1]!] : segment.split(/[^A-Za-z0-9]+/).filter(Boolean);
    });
  return op.method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
}

/** Every operation of the API, with its answers merged with the common ones (what the document declares). */
export function allOperations(): (Operation & { operationId: string; answers: Record<string, Answer> })[] {
  return [...OPERATIONS, ...EXTRA_OPERATIONS].map((op) => ({ ...op, operationId: operationIdOf(op), answers: sortStatuses({ ...commonAnswers(op), ...op.responses }) }));
}

function sortStatuses(answers: Record<string, Answer>): Record<string, Answer> {
  return Object.fromEntries(Object.entries(answers).sort(([a], [b]) => (a === "default" ? 1 : b === "default" ? -1 : Number(a) - Number(b))));
}

type JsonSchema = Record<string, unknown>;
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const uri = (id: string) => `#/components/schemas/${id}`;

/** A named registry: each schema once, under the first name it is given. */
function namer(registry: z.core.$ZodRegistry<{ id: string }>) {
  return (schema: z.ZodType, id: string): string => {
    const known = registry.get(schema);
    if (known) return known.id;
    registry.add(schema, { id });
    return id;
  };
}

function bare(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

/** The OpenAPI 3.1 document, with `serverUrl` (the app's URL) as its server. */
export function buildOpenApiDocument(serverUrl: string) {
  const outputs = z.registry<{ id: string }>();
  const inputs = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) outputs.add(schema, { id });
  for (const [id, schema] of Object.entries(INPUT_COMPONENTS)) inputs.add(schema, { id });
  const nameOutput = namer(outputs);
  const nameInput = namer(inputs);

  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of allOperations()) {
    const Id = op.operationId[0]!.toUpperCase() + op.operationId.slice(1);
    const errorId = op.errorSchema ? nameOutput(op.errorSchema, `${Id}Error`) : "Error";
    const successes = Object.entries(op.answers).filter(([status]) => status.startsWith("2"));
    const responses: Record<string, unknown> = {};
    for (const [status, answer] of Object.entries(op.answers)) {
      // `…Response` for the one success, `…Response201` when there are several or for an error
      const suffix = status.startsWith("2") && successes.length === 1 ? "" : status;
      const nameOf = (schema: z.ZodType) => nameOutput(schema, `${Id}Response${suffix}`);
      if (answer === null) responses[status] = { description: DEFAULT_DESCRIPTION[status] ?? "No content" };
      else if (typeof answer === "string" && errorId === "Error" && COMMON_BY_TEXT.has(answer)) responses[status] = { $ref: `#/components/responses/${COMMON_BY_TEXT.get(answer)}` };
      else if (typeof answer === "string") responses[status] = { description: answer, content: { "application/json": { schema: ref(errorId) } } };
      else if (answer instanceof z.ZodType) responses[status] = { description: DEFAULT_DESCRIPTION[status] ?? "OK", content: { "application/json": { schema: ref(nameOf(answer)) } } };
      else {
        const content: Record<string, unknown> = {};
        if (answer.schema) content[answer.contentType ?? "application/json"] = { schema: ref(nameOf(answer.schema)) };
        else if (answer.contentType) content[answer.contentType] = { schema: { type: "string" } };
        if (answer.alt) content[answer.alt.contentType] = { schema: answer.alt.schema ? ref(nameOf(answer.alt.schema)) : { type: "string" } };
        responses[status] = { description: answer.description, ...(Object.keys(content).length ? { content } : {}) };
      }
    }
    const parameters: JsonSchema[] = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    for (const [name, schema] of Object.entries(op.query?.shape ?? {})) {
      const converted = bare(z.toJSONSchema(schema as z.ZodType, { io: "input", unrepresentable: "any" }) as JsonSchema);
      const { description, ...rest } = converted;
      parameters.push({ name, in: "query", required: false, ...(description ? { description } : {}), schema: rest });
    }
    const auth = op.auth ?? "workspace";
    const headers = [...(auth === "workspace" ? [WORKSPACE_HEADER_PARAM] : []), ...(op.headers ?? [])];
    for (const header of headers) parameters.push({ name: header.name, in: "header", required: false, description: header.description, schema: { type: "string" } });
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      tags: [op.tag],
      ...(op.permission ? { description: `Requires the \`${op.permission}\` permission.` } : {}),
      ...(auth === "public" ? { security: [] } : auth === "user" ? { security: [{ session: [] }] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: !op.body.safeParse({}).success, content: { [op.bodyContentType ?? "application/json"]: { schema: ref(nameInput(op.body, `${Id}Request`)) } } } } : {}),
      responses,
    };
  }

  const schemas: Record<string, JsonSchema> = {};
  const convert = (registry: z.core.$ZodRegistry<{ id: string }>, io: "input" | "output") =>
    (z.toJSONSchema(registry, { io, unrepresentable: "any", uri }) as { schemas: Record<string, JsonSchema> }).schemas;
  for (const [id, schema] of [...Object.entries(convert(outputs, "output")), ...Object.entries(convert(inputs, "input"))]) {
    if (schemas[id]) throw new Error(`Two OpenAPI component schemas are named ${id}.`);
    schemas[id] = bare(schema);
  }

  return {
    openapi: "3.1.0",
    info: {
      title: "Switchyard API",
      version: "1",
      description:
        "Durable, supervised and budgeted multi-agent workflows. Authenticate with `Authorization: Bearer <API key>`. Every error answers `{ error, code, issues?, details?, ref? }` (components.schemas.Error).",
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ bearer: [] }, { session: [] }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API key (Settings → API keys)" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "A signed-in browser session" },
      },
      schemas,
      responses: Object.fromEntries(Object.entries(COMMON).map(([name, description]) => [name, { description, content: { "application/json": { schema: ref("Error") } } }])),
    },
    paths,
  };
}
