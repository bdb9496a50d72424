/**
 * The Switchyard API's types, generated from the OpenAPI document (lib/api/openapi.ts) by
 * openapi-typescript. Do not edit: run `npm run api:client` after changing the API.
 */

export interface paths {
    "/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who is calling: workspace, role, permissions
         * @description Requires the `workspace:read` permission.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspace": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The current workspace
         * @description Requires the `workspace:read` permission.
         */
        get: operations["getWorkspace"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Rename the workspace
         * @description Requires the `workspace:update` permission.
         */
        patch: operations["patchWorkspace"];
        trace?: never;
    };
    "/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user's workspaces (session only) */
        get: operations["getWorkspaces"];
        put?: never;
        /** Create a workspace (session only) */
        post: operations["postWorkspaces"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Members and roles
         * @description Requires the `members:read` permission.
         */
        get: operations["getMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/members/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a member
         * @description Requires the `members:manage` permission.
         */
        delete: operations["deleteMembersById"];
        options?: never;
        head?: never;
        /**
         * Change a member's role
         * @description Requires the `members:manage` permission.
         */
        patch: operations["patchMembersById"];
        trace?: never;
    };
    "/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Open invitations
         * @description Requires the `invitations:manage` permission.
         */
        get: operations["getInvitations"];
        put?: never;
        /**
         * Create an invite link (returned once)
         * @description Requires the `invitations:manage` permission.
         */
        post: operations["postInvitations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/invitations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an invitation
         * @description Requires the `invitations:manage` permission.
         */
        delete: operations["deleteInvitationsById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Active API keys (never the secret)
         * @description Requires the `apiKeys:manage` permission.
         */
        get: operations["getApiKeys"];
        put?: never;
        /**
         * Create an API key (returned once)
         * @description Requires the `apiKeys:manage` permission.
         */
        post: operations["postApiKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Requires the `apiKeys:manage` permission.
         */
        delete: operations["deleteApiKeysById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify the workspace's chained audit log: { ok, events, head, firstBroken? } names the first event whose hash or link does not match
         * @description Requires the `audit:read` permission.
         */
        get: operations["getAuditVerify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Audit log, newest first (filters: action, actor, from, to; cursor pagination)
         * @description Requires the `audit:read` permission.
         */
        get: operations["getAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/graphs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Graphs in use, or with archived=true the archived ones
         * @description Requires the `graphs:read` permission.
         */
        get: operations["getGraphs"];
        put?: never;
        /**
         * Create a graph from a spec (or { spec, message }) → 201 { id, version, warnings }; invalid → 422 { error, issues } naming each field (shape, JSON Schemas as 2020-12, models against the catalogue, approval roles and members). warnings: models whose provider has no credential yet
         * @description Requires the `graphs:write` permission.
         */
        post: operations["postGraphs"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/graphs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Current spec and versions; archivedAt is set for an archived graph
         * @description Requires the `graphs:read` permission.
         */
        get: operations["getGraphsById"];
        /**
         * Save a new immutable version → { id, version, unchanged, warnings }; 422 as for create; 409 when the graph is archived
         * @description Requires the `graphs:write` permission.
         */
        put: operations["putGraphsById"];
        post?: never;
        /**
         * Archive the graph (same as POST /graphs/{id}/archive) → { id, name, archivedAt }
         * @description Requires the `graphs:write` permission.
         */
        delete: operations["deleteGraphsById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/graphs/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Archive: hidden from the default list, cannot be saved or start runs (409); versions, runs and costs are kept → { id, name, archivedAt }
         * @description Requires the `graphs:write` permission.
         */
        post: operations["postGraphsByIdArchive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/graphs/{id}/unarchive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Unarchive: listed, editable and runnable again → { id, name, archivedAt: null }
         * @description Requires the `graphs:write` permission.
         */
        post: operations["postGraphsByIdUnarchive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/graphs/{id}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One version with its spec
         * @description Requires the `graphs:read` permission.
         */
        get: operations["getGraphsByIdVersionsByVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/graphs/{id}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a run → 202 { runId, status, version, admission: started } (a throttled or debounced run is created and waits to begin); 200 with an existing run's id when admission is duplicate (a repeated idempotency key, body or Idempotency-Key header), debounced (the graph's flow.debounce: the pending run takes this payload) or coalesced (flow.queue full with policy coalesce: the newest waiting run takes it); 429 queue_full with Retry-After when flow.queue is full (policy reject); 409 naming the graph when it is archived
         * @description Requires the `runs:start` permission.
         */
        post: operations["postGraphsByIdRuns"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/graphs/{id}/triggers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The triggers the graph's latest version declares (saving a version makes them effective), with pause state and the last day's fires by outcome
         * @description Requires the `graphs:read` permission.
         */
        get: operations["getGraphsByIdTriggers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/graphs/{id}/triggers/{name}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause a trigger without a new version: its fires are recorded as paused and start no run
         * @description Requires the `triggers:write` permission.
         */
        post: operations["postGraphsByIdTriggersByNamePause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/graphs/{id}/triggers/{name}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a paused trigger
         * @description Requires the `triggers:write` permission.
         */
        post: operations["postGraphsByIdTriggersByNameResume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/graphs/{id}/triggers/{name}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create or rotate a webhook trigger's secret (Standard Webhooks, whsec_…) → 201 { name, url, secret, secretCreatedAt, previousSecretValidUntil, curl }: the only answer that shows it, with an example signed curl; the replaced secret keeps verifying deliveries for 24 hours
         * @description Requires the `triggers:write` permission.
         */
        post: operations["postGraphsByIdTriggersByNameSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/hooks/{workspace}/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A delivery for a webhook trigger (public: no API key, the signature over the raw body authenticates it; {path} is the trigger's path, possibly several segments, or its id). verify.mode standard: webhook-id, webhook-timestamp (within 5 minutes), webhook-signature; hmac: the configured header. → 202 { runId, fireId, outcome, duplicate }; the same webhook-id gets the same run */
        post: operations["postHooksByWorkspaceByPath"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/graphs/{id}/triggers/{name}/fires": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A trigger's fires, newest first: intended and actual time, dedupe key, outcome (started, duplicate, condition_false, paused, error) with its reason, and the run started
         * @description Requires the `graphs:read` permission.
         */
        get: operations["getGraphsByIdTriggersByNameFires"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schedules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The Schedules view: every trigger of the workspace (every graph and kind, scheduled cost reports too) with graph, what it listens to, paused, next fire times (count per trigger), health (healthy, failing, overdue, unarmed, paused; lastCheckedAt, lastError), last fire, the last day's fires by outcome, and lateness (fired − intended) p50/p99 over its last 200 fires
         * @description Requires the `graphs:read` permission.
         */
        get: operations["getSchedules"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schedules/{triggerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One trigger as the Schedules view shows it, with its next 5 fire times
         * @description Requires the `graphs:read` permission.
         */
        get: operations["getSchedulesByTriggerId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schedules/{triggerId}/fires": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A trigger's fires newest first, cursor-paged: intended and actual time, late by, dedupe key, outcome and reason, the run and its status; outcome=not_started lists the fires that did not become a run; at=<fire id> starts the page at that fire
         * @description Requires the `graphs:read` permission.
         */
        get: operations["getSchedulesByTriggerIdFires"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schedules/{triggerId}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause a trigger by id (any kind but api, a cost report too) without a new version; audited
         * @description Requires the `triggers:write` permission.
         */
        post: operations["postSchedulesByTriggerIdPause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schedules/{triggerId}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a paused trigger by id; audited
         * @description Requires the `triggers:write` permission.
         */
        post: operations["postSchedulesByTriggerIdResume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/graphs/{id}/triggers/{name}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A schedule trigger's next fire times (count 1–50, default 10): { cron, timezone, paused, times: [{ at (ISO with the zone's offset), utc }] }
         * @description Requires the `graphs:read` permission.
         */
        get: operations["getGraphsByIdTriggersByNamePreview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schedules/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The next fire times of a schedule not saved yet ({ cron, timezone?, count? }); 422 naming cron or timezone when the pattern cannot be read, the zone is unknown or it never fires
         * @description Requires the `graphs:read` permission.
         */
        post: operations["postSchedulesPreview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send an event to this workspace's runs waiting for it (wait nodes with event.name) and start the graphs whose event triggers match → 202 { name, eventId, runs }; the same id within 24 h is delivered once
         * @description Requires the `runs:start` permission.
         */
        post: operations["postEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Runs (filters: graphId, status, version, tag, customerKey, agent, model, from, to; cursor pagination). agent / model: the runs behind a cost row — a node with that id ran, or a node called that model
         * @description Requires the `runs:read` permission.
         */
        get: operations["getRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A run with its node runs
         * @description Requires the `runs:read` permission.
         */
        get: operations["getRunsById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{id}/provenance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The run's provenance chain: who produced each output (node, delegation, decision), the hashes of its inputs and output, and the previous record's hash
         * @description Requires the `runs:read` permission.
         */
        get: operations["getRunsByIdProvenance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{id}/provenance/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify the run's provenance chain against the outputs stored today: { ok, records, head, firstBroken? } names the first broken link
         * @description Requires the `runs:read` permission.
         */
        get: operations["getRunsByIdProvenanceVerify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{id}/trace": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Trace events after an id, in order
         * @description Requires the `runs:read` permission.
         */
        get: operations["getRunsByIdTrace"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live updates: server-sent events naming what changed in this workspace. `changes` carries [{ kind: run|node|delegation|inbox|breaker|schedule, runId, status }], coalesced per kind and run (one for the inbox, the breakers, the schedules); `reset` means re-read everything (the first event, and after anything that may have been missed); `paused` means changes are not being heard until the next reset. Resumes after the Last-Event-ID header (or lastEventId). A browser's EventSource names its workspace with ?workspace=
         * @description Requires the `runs:read` permission.
         */
        get: operations["getLive"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{id}/delegations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Delegations of a run, with their child runs' delegations
         * @description Requires the `runs:read` permission.
         */
        get: operations["getRunsByIdDelegations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a run
         * @description Requires the `runs:cancel` permission.
         */
        post: operations["postRunsByIdCancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{id}/rerun": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rerun (from a node, reusing upstream outputs) → 202 { runId, rerunOf, fromNode }
         * @description Requires the `runs:start` permission.
         */
        post: operations["postRunsByIdRerun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{id}/migrate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a run waiting for a decision to another version (409 with reasons if incompatible)
         * @description Requires the `graphs:write` permission.
         */
        post: operations["postRunsByIdMigrate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/approvals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Approvals inbox (status, scope=mine|role|all, runId, sort=newest|due; cursor and limit page it)
         * @description Requires the `approvals:read` permission.
         */
        get: operations["getApprovals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/approvals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One inbox item with its history (opened, reassigned, escalated, notified, decided), SLA and escalation level
         * @description Requires the `approvals:read` permission.
         */
        get: operations["getApprovalsById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/approvals/{id}/reassign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reassign a pending item to people or roles (admins, owners or a current assignee); recorded, audited and notified; 409 once decided
         * @description Requires the `approvals:read` permission.
         */
        post: operations["postApprovalsByIdReassign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/approvals/{id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve or reject; resumes the run. An escalation approved with an edited `output` must match the schema it stands in for (422 naming each field)
         * @description Requires the `approvals:decide` permission.
         */
        post: operations["postApprovalsByIdDecision"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Model providers (keys masked)
         * @description Requires the `providers:read` permission.
         */
        get: operations["getProviders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/providers/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set a provider's key and base URL (encrypted at rest)
         * @description Requires the `providers:manage` permission.
         */
        put: operations["putProvidersByProvider"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/secrets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Secret names
         * @description Requires the `secrets:manage` permission.
         */
        get: operations["getSecrets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/secrets/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set a secret tool nodes read as {{secrets.NAME}}
         * @description Requires the `secrets:manage` permission.
         */
        put: operations["putSecretsByName"];
        post?: never;
        /**
         * Delete a secret
         * @description Requires the `secrets:manage` permission.
         */
        delete: operations["deleteSecretsByName"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mcp-servers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * MCP servers of the deployment and the workspace (header values masked)
         * @description Requires the `graphs:write` permission.
         */
        get: operations["getMcpServers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mcp-servers/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Add or replace a workspace MCP server (headers stored encrypted): 201 when added, 200 when replaced
         * @description Requires the `providers:manage` permission.
         */
        put: operations["putMcpServersByName"];
        post?: never;
        /**
         * Remove a workspace MCP server
         * @description Requires the `providers:manage` permission.
         */
        delete: operations["deleteMcpServersByName"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mcp-servers/{name}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Connect as a run would and list the server's tools
         * @description Requires the `graphs:write` permission.
         */
        post: operations["postMcpServersByNameTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agents/test-connection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reach an external sub-agent as a run would: an A2A agent's card (name, skills) or an HTTP agent's address
         * @description Requires the `graphs:write` permission.
         */
        post: operations["postAgentsTestConnection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document (public) */
        get: operations["getOpenapiJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/graphs/{id}/forecast": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Forecast a run's cost { input, version? } → { p50Usd, p90Usd, perNode, basis }
         * @description Requires the `costs:read` permission.
         */
        post: operations["postGraphsByIdForecast"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/providers/{provider}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test the provider's credentials with one minimal call → { ok, latencyMs, model, error? }
         * @description Requires the `providers:manage` permission.
         */
        post: operations["postProvidersByProviderTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/costs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Costs grouped by agent|model|graph|version|tag|customer|day|month (from, to, graphId; limit + offset page the groups, largest first; totals cover all; format=csv). With groupBy=day|month, splitBy=agent|model|graph|version|tag|customer adds `splits`: { by, keys: [{ key, label, costUsd }] (the range's splitLimit costliest, default 5), otherKeys, rows: [{ period, values: { key: costUsd }, otherUsd }], basis } — exact decimal strings; the CSV then has one column per key plus other_usd and total_usd
         * @description Requires the `costs:read` permission.
         */
        get: operations["getCosts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/costs/forecast-accuracy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Forecast vs actual: each finished run's forecast (taken at its start) beside its cost, with median absolute error of p50 and share at or under p90, overall and by basis (from, to, graphId, limit)
         * @description Requires the `costs:read` permission.
         */
        get: operations["getCostsForecastAccuracy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/budgets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Budgets with spent, reserved, remaining and projected period end
         * @description Requires the `costs:read` permission.
         */
        get: operations["getBudgets"];
        put?: never;
        /**
         * Create a budget (scope, period, limitUsd, onExceed, thresholds)
         * @description Requires the `budgets:manage` permission.
         */
        post: operations["postBudgets"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/budgets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One budget with its current window
         * @description Requires the `costs:read` permission.
         */
        get: operations["getBudgetsById"];
        put?: never;
        post?: never;
        /**
         * Delete a budget
         * @description Requires the `budgets:manage` permission.
         */
        delete: operations["deleteBudgetsById"];
        options?: never;
        head?: never;
        /**
         * Change a budget
         * @description Requires the `budgets:manage` permission.
         */
        patch: operations["patchBudgetsById"];
        trace?: never;
    };
    "/budgets/{id}/raise": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Raise a budget (or one window of it) { byUsd, windowKey? }; the budget pauses waiting on it are approved and their runs resume (`resumed`)
         * @description Requires the `budgets:manage` permission.
         */
        post: operations["postBudgetsByIdRaise"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/budgets/reserve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reserve spend that is not an LLM call against the applicable budgets → 201 { reservationId, amountUsd, budgets, expiresAt } (402 when refused)
         * @description Requires the `llm:proxy` permission.
         */
        post: operations["postBudgetsReserve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/budgets/settle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Settle a reservation with the actual cost
         * @description Requires the `llm:proxy` permission.
         */
        post: operations["postBudgetsSettle"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Model catalogue with prices, tiers and context windows, plus workspace overrides
         * @description Requires the `costs:read` permission.
         */
        get: operations["getModels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/models/{modelId}/price": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Override a model's price for this workspace (or add a custom model)
         * @description Requires the `prices:manage` permission.
         */
        put: operations["putModelsByModelIdPrice"];
        post?: never;
        /**
         * Remove the override
         * @description Requires the `prices:manage` permission.
         */
        delete: operations["deleteModelsByModelIdPrice"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * In-app notifications (budget alerts), newest first (unread, limit)
         * @description Requires the `workspace:read` permission.
         */
        get: operations["getNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark notifications read (all when no ids)
         * @description Requires the `workspace:read` permission.
         */
        post: operations["postNotificationsRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/breakers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every circuit breaker of the workspace: key, kind, state (forced wins), failures, calls, openedAt, nextProbeAt, forced, forcedBy, lastError, updatedAt
         * @description Requires the `breakers:read` permission.
         */
        get: operations["getBreakers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/breakers/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Breaker history (every transition, automatic or forced), newest first; key narrows it to one breaker
         * @description Requires the `breakers:read` permission.
         */
        get: operations["getBreakersEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/breakers/open": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Force a breaker open { key, reason }: agent:<graphId>/<nodeId>/<name>, model:<provider:model>, or graph:<graphId> (the kill switch: new runs get 409 graph_disabled, running ones pause at their next node); audited breaker.forced_open
         * @description Requires the `breakers:manage` permission.
         */
        post: operations["postBreakersOpen"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/breakers/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close a breaker { key, reason, hold? }: counts reset and paused runs resume; hold: true keeps it closed whatever fails until released; audited breaker.forced_closed
         * @description Requires the `breakers:manage` permission.
         */
        post: operations["postBreakersClose"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/breakers/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End an admin's override { key, reason? }: the automatic state applies again (409 when it is not forced); audited breaker.released
         * @description Requires the `breakers:manage` permission.
         */
        post: operations["postBreakersRelease"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Webhook endpoints for alerts, each with its latest delivery and counts of failed and retrying deliveries
         * @description Requires the `workspace:update` permission.
         */
        get: operations["getWebhooks"];
        put?: never;
        /**
         * Add a webhook endpoint (signing secret shown once); private, loopback and link-local targets are refused (422 on url) unless SWITCHYARD_OUTBOUND_ALLOW lists them (or, for webhooks only, SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS=1)
         * @description Requires the `workspace:update` permission.
         */
        post: operations["postWebhooks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a webhook endpoint
         * @description Requires the `workspace:update` permission.
         */
        delete: operations["deleteWebhooksById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Recent deliveries of an endpoint with every attempt (status, HTTP status or error, next retry); limit
         * @description Requires the `workspace:update` permission.
         */
        get: operations["getWebhooksByIdDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/report-schedules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Scheduled cost reports: cron and time zone, report (groupBy, period, csv), delivery (e-mail, webhook), pause, next fire time and health (last delivery error)
         * @description Requires the `reports:manage` permission.
         */
        get: operations["getReportSchedules"];
        put?: never;
        /**
         * Schedule a cost report { name, cron (5 fields, at most hourly), timezone, report: { groupBy: customer|graph|agent|model|tag, period: previous_month|month_to_date|previous_week|previous_day, format: csv }, deliver: { email: [≤ 20 addresses], webhook: { url } } }: the CSV the costs API exports for the period, e-mailed as an attachment and/or POSTed as JSON signed with x-switchyard-signature (the signingSecret is in this answer only); 201
         * @description Requires the `reports:manage` permission.
         */
        post: operations["postReportSchedules"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/report-schedules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One report schedule
         * @description Requires the `reports:manage` permission.
         */
        get: operations["getReportSchedulesById"];
        put?: never;
        post?: never;
        /**
         * Delete a report schedule (its fires stay); 204
         * @description Requires the `reports:manage` permission.
         */
        delete: operations["deleteReportSchedulesById"];
        options?: never;
        head?: never;
        /**
         * Change a report schedule (report and deliver are replaced whole); it is re-armed
         * @description Requires the `reports:manage` permission.
         */
        patch: operations["patchReportSchedulesById"];
        trace?: never;
    };
    "/report-schedules/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause a report schedule: nothing is delivered until it is resumed
         * @description Requires the `reports:manage` permission.
         */
        post: operations["postReportSchedulesByIdPause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/report-schedules/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a paused report schedule
         * @description Requires the `reports:manage` permission.
         */
        post: operations["postReportSchedulesByIdResume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/report-schedules/{id}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Build and deliver the report now (its period relative to now), recorded as a fire: { fireId, outcome: started (delivered) | error, reason, payload: { period, rows, totalUsd, delivered } }
         * @description Requires the `reports:manage` permission.
         */
        post: operations["postReportSchedulesByIdRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/report-schedules/{id}/fires": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A report schedule's deliveries, newest first: intended and actual time, outcome and reason, the period, row count and each channel's result
         * @description Requires the `reports:manage` permission.
         */
        get: operations["getReportSchedulesByIdFires"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/report-schedules/{id}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A new webhook signing secret for the schedule (shown once); the old one stops signing
         * @description Requires the `reports:manage` permission.
         */
        post: operations["postReportSchedulesByIdSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/llm/openai/v1/chat/completions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * OpenAI-compatible gateway: budgets, routing (model switchyard:<tier>), ledger; headers x-switchyard-agent, -tags, -customer
         * @description Requires the `llm:proxy` permission.
         */
        post: operations["postLlmOpenaiV1ChatCompletions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/llm/openai/v1/responses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * OpenAI Responses API through the gateway: budgets, routing, ledger (streams metered from response.completed)
         * @description Requires the `llm:proxy` permission.
         */
        post: operations["postLlmOpenaiV1Responses"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/llm/openai/v1/embeddings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * OpenAI embeddings through the gateway, metered by input tokens
         * @description Requires the `llm:proxy` permission.
         */
        post: operations["postLlmOpenaiV1Embeddings"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/llm/anthropic/v1/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Anthropic Messages gateway with the same governance
         * @description Requires the `llm:proxy` permission.
         */
        post: operations["postLlmAnthropicV1Messages"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/a2a/{graphId}/.well-known/agent-card.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The graph's A2A agent card (name, description, its input schema as the skill, the JSON-RPC endpoint, bearer API key)
         * @description Requires the `graphs:read` permission.
         */
        get: operations["getA2aByGraphIdWellKnownAgentCardJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/a2a/{graphId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The graph as an A2A agent, JSON-RPC 2.0: A2A 1.0 SendMessage, SendStreamingMessage (SSE), GetTask, CancelTask, ListTasks; with A2A-Version 0.3 or none, message/send, message/stream, tasks/get, tasks/cancel. A task is a run (data part = input); input-required while it waits on a person. JSON-RPC errors are answered with 200
         * @description Requires the `runs:start` permission.
         */
        post: operations["postA2aByGraphId"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inbound/email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** An inbound e-mail for e-mail triggers, as fields { to, from, subject, text, html, messageId, cc, replyTo, inReplyTo, references, date, attachments: [{ filename, contentType, size }], recipients? } or { raw: RFC 822 message, recipients? } → 202 { messageId, dedupeKey, deliveries: [{ recipient, trigger, graphId, outcome, runId, reason, fireId }], unknown }; each trigger fires once per Message-ID. Authenticated with SWITCHYARD_INBOUND_TOKEN (basic-auth password, bearer or ?token=), not an API key */
        post: operations["postInboundEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inbound/email/postmark": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Postmark's inbound webhook JSON (FromFull, ToFull, CcFull, OriginalRecipient, Subject, TextBody, HtmlBody, MessageID, Headers, Attachments) → 202 as POST /inbound/email; the message's Message-ID header dedupes. Authenticated with SWITCHYARD_INBOUND_TOKEN */
        post: operations["postInboundEmailPostmark"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inbound/email/mailgun": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A Mailgun inbound route's form post (recipient, from, subject, body-plain, body-html, Message-Id, message-headers, attachment-N; or body-mime) → 202 as POST /inbound/email. Authenticated with SWITCHYARD_INBOUND_TOKEN */
        post: operations["postInboundEmailMailgun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Error: {
            /** @description What happened, written for the caller */
            error: string;
            /** @enum {string} */
            code: "bad_request" | "invalid_json" | "unauthorized" | "forbidden" | "outbound_blocked" | "not_found" | "method_not_allowed" | "conflict" | "graph_disabled" | "payload_too_large" | "uri_too_long" | "unsupported_media_type" | "validation_failed" | "budget_exceeded" | "rate_limited" | "queue_full" | "loop_detected" | "model_call_failed" | "output_invalid" | "max_turns" | "tool_loop" | "template_error" | "condition_error" | "unknown_provider" | "invalid_model_id" | "missing_credential" | "breaker_open" | "internal_error" | "unavailable";
            /** @description One entry per failing field */
            issues?: {
                path: string;
                message: string;
                /** @description A spec problem's node */
                nodeId?: string;
                /** @description A spec problem's field */
                field?: string;
            }[];
            details?: {
                [key: string]: unknown;
            };
            /** @description For an internal error: the reference under which it was logged */
            ref?: string;
            /** @description For a refused spend (402): the budget that refused it */
            budget?: {
                [key: string]: unknown;
            };
        };
        Run: {
            id: string;
            /** @enum {string} */
            status: "queued" | "running" | "waiting" | "paused" | "succeeded" | "failed" | "cancelled";
            graphId: string;
            graphVersion: number;
            graphVersionId: string;
            input: unknown;
            output: unknown;
            error: components["schemas"]["RunError"];
            tags: string[];
            customerKey: string | null;
            pausedReason: string | null;
            parentRunId: string | null;
            rerunOfId: string | null;
            rerunFromNode: string | null;
            startedBy: string | null;
            /** @description The graph's current name */
            graphName: string;
            /** @description Whom the actor refs in the outputs and startedBy name (`user:…`, `apikey:…` → a person or a key), for screens to show names */
            names: {
                [key: string]: string;
            };
            /** @description What the run has cost so far, in US dollars */
            costUsd: number;
            /** Format: date-time */
            createdAt: string;
            startedAt: string | null;
            endedAt: string | null;
            nodes: components["schemas"]["NodeRun"][];
        };
        NodeRun: {
            nodeId: string;
            type: string;
            /** @enum {string} */
            status: "queued" | "running" | "waiting" | "paused" | "succeeded" | "failed" | "cancelled" | "skipped";
            attempts: number;
            model: string | null;
            provider: string | null;
            inputTokens: number;
            outputTokens: number;
            costUsd: number;
            input: unknown;
            output: unknown;
            error: components["schemas"]["RunError"];
            provenance: ({
                simulated?: boolean;
            } & {
                [key: string]: unknown;
            }) | null;
            startedAt: string | null;
            endedAt: string | null;
        };
        RunError: ({
            message: string;
            code?: string;
            name?: string;
            retryable?: boolean;
        } & {
            [key: string]: unknown;
        }) | null;
        RunListItem: {
            id: string;
            graphId: string;
            graphName: string;
            version: number;
            /** @enum {string} */
            status: "queued" | "running" | "waiting" | "paused" | "succeeded" | "failed" | "cancelled";
            tags: string[];
            customerKey: string | null;
            parentRunId: string | null;
            pausedReason: string | null;
            triggerId: string | null;
            trigger: {
                id: string;
                name: string;
                type: string;
                fireId: string | null;
            } | null;
            startedBy: {
                /** @enum {string} */
                kind: "user" | "apiKey" | "trigger" | "run" | "other";
                label: string;
            } | null;
            costUsd: number;
            durationMs: number | null;
            /** Format: date-time */
            createdAt: string;
            startedAt: string | null;
            endedAt: string | null;
        };
        StartRunResponse: {
            runId: string;
            /** @enum {string} */
            status: "queued" | "running" | "waiting" | "paused" | "succeeded" | "failed" | "cancelled";
            version: number;
            /** @enum {string} */
            admission: "started" | "duplicate" | "debounced" | "coalesced";
        };
        TraceEvent: {
            id: string;
            runId: string;
            workspaceId: string;
            nodeId: string | null;
            type: string;
            level: string;
            message: string | null;
            data: unknown;
            /** Format: date-time */
            createdAt: string;
        };
        Delegation: {
            id: string;
            nodeId: string;
            seq: number;
            turn: number | null;
            agent: string;
            kind: string;
            status: string;
            request: unknown;
            result: unknown;
            confidence: number | null;
            costUsd: number;
            childRunId: string | null;
            approvalId: string | null;
            fallbackFor: string | null;
            /** Format: date-time */
            startedAt: string;
            endedAt: string | null;
            children: components["schemas"]["Delegation"][];
        };
        ProvenanceRecord: {
            seq: number;
            kind: string;
            nodeId: string | null;
            delegationId: string | null;
            approvalId: string | null;
            producer: {
                [key: string]: unknown;
            };
            inputHashes: unknown;
            outputHash: string;
            prevHash: string | null;
            hash: string;
            /** Format: date-time */
            createdAt: string;
            superseded: boolean;
            inputs: {
                name: string;
                hash: string;
                source: {
                    nodeId: string;
                    seq: number;
                } | null;
            }[];
            childRunId: string | null;
            delegation: {
                id: string;
                status: string;
                nodeId: string;
                seq: number;
                agent: string;
                kind: string;
                confidence: number | null;
                childRunId: string | null;
            } | null;
            approval: {
                id: string;
                status: string;
                kind: string;
                title: string;
                decision: string | null;
            } | null;
        };
        GraphSpec: {
            name: string;
            description?: string;
            input?: unknown;
            output?: unknown;
            nodes: ({
                id: string;
                needs?: string[];
                description?: string;
                tags?: string[];
                retries?: {
                    attempts: number;
                    backoff?: {
                        initialMs: number;
                        factor: number;
                        maxMs: number;
                    };
                };
                timeout?: string;
                onError?: ("fail" | "continue") | {
                    fallback: string;
                };
                budgetUsd?: number;
                position?: {
                    x: number;
                    y: number;
                };
                /** @constant */
                type: "agent";
                model: string | {
                    /** @enum {string} */
                    tier: "cheap" | "balanced" | "strong";
                    maxUsdPerMTok?: number;
                    minContext?: number;
                    fallbacks?: string[];
                    downgradeAt?: number[];
                };
                instructions?: string;
                tools?: string[];
                output?: unknown;
                maxTurns?: number;
                maxOutputTokens?: number;
                temperature?: number;
                prompt: string;
            } | {
                id: string;
                needs?: string[];
                description?: string;
                tags?: string[];
                retries?: {
                    attempts: number;
                    backoff?: {
                        initialMs: number;
                        factor: number;
                        maxMs: number;
                    };
                };
                timeout?: string;
                onError?: ("fail" | "continue") | {
                    fallback: string;
                };
                budgetUsd?: number;
                position?: {
                    x: number;
                    y: number;
                };
                /** @constant */
                type: "tool";
                tool: {
                    /** @constant */
                    kind: "http";
                    /** @enum {string} */
                    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD";
                    url: string;
                    headers?: {
                        [key: string]: string;
                    };
                    query?: {
                        [key: string]: string;
                    };
                    body?: unknown;
                    okStatus?: number[];
                } | {
                    /** @constant */
                    kind: "mcp";
                    server: string;
                    tool: string;
                    arguments?: unknown;
                };
            } | {
                id: string;
                needs?: string[];
                description?: string;
                tags?: string[];
                retries?: {
                    attempts: number;
                    backoff?: {
                        initialMs: number;
                        factor: number;
                        maxMs: number;
                    };
                };
                timeout?: string;
                onError?: ("fail" | "continue") | {
                    fallback: string;
                };
                budgetUsd?: number;
                position?: {
                    x: number;
                    y: number;
                };
                /** @constant */
                type: "router";
                routes: {
                    when: string;
                    to: string | string[];
                }[];
                default?: string | string[];
            } | {
                id: string;
                needs?: string[];
                description?: string;
                tags?: string[];
                retries?: {
                    attempts: number;
                    backoff?: {
                        initialMs: number;
                        factor: number;
                        maxMs: number;
                    };
                };
                timeout?: string;
                onError?: ("fail" | "continue") | {
                    fallback: string;
                };
                budgetUsd?: number;
                position?: {
                    x: number;
                    y: number;
                };
                /** @constant */
                type: "approval";
                title?: string;
                assignees: ({
                    user: string;
                } | {
                    role: string;
                })[];
                context?: unknown;
                minApprovals?: number;
                /** @enum {string} */
                onTimeout?: "approve" | "reject" | "escalate";
                escalateTo?: ({
                    user: string;
                } | {
                    role: string;
                })[];
                escalationChain?: {
                    after: string;
                    to: ({
                        user: string;
                    } | {
                        role: string;
                    })[];
                }[];
            } | {
                id: string;
                needs?: string[];
                description?: string;
                tags?: string[];
                retries?: {
                    attempts: number;
                    backoff?: {
                        initialMs: number;
                        factor: number;
                        maxMs: number;
                    };
                };
                timeout?: string;
                onError?: ("fail" | "continue") | {
                    fallback: string;
                };
                budgetUsd?: number;
                position?: {
                    x: number;
                    y: number;
                };
                /** @constant */
                type: "supervisor";
                model: string | {
                    /** @enum {string} */
                    tier: "cheap" | "balanced" | "strong";
                    maxUsdPerMTok?: number;
                    minContext?: number;
                    fallbacks?: string[];
                    downgradeAt?: number[];
                };
                instructions?: string;
                task: string;
                agents: ({
                    name: string;
                    description: string;
                    input?: unknown;
                    fallback?: string;
                    breaker?: {
                        failures?: number;
                        failureRate?: number;
                        minCalls?: number;
                        window?: string;
                        coolDown?: string;
                    };
                    model: string | {
                        /** @enum {string} */
                        tier: "cheap" | "balanced" | "strong";
                        maxUsdPerMTok?: number;
                        minContext?: number;
                        fallbacks?: string[];
                        downgradeAt?: number[];
                    };
                    instructions?: string;
                    tools?: string[];
                    output?: unknown;
                    maxTurns?: number;
                    maxOutputTokens?: number;
                    temperature?: number;
                } | {
                    name: string;
                    description: string;
                    input?: unknown;
                    fallback?: string;
                    breaker?: {
                        failures?: number;
                        failureRate?: number;
                        minCalls?: number;
                        window?: string;
                        coolDown?: string;
                    };
                    graph: string;
                    version?: number;
                } | {
                    name: string;
                    description: string;
                    input?: unknown;
                    fallback?: string;
                    breaker?: {
                        failures?: number;
                        failureRate?: number;
                        minCalls?: number;
                        window?: string;
                        coolDown?: string;
                    };
                    a2a: {
                        url: string;
                        headers?: {
                            [key: string]: string;
                        };
                    };
                } | {
                    name: string;
                    description: string;
                    input?: unknown;
                    fallback?: string;
                    breaker?: {
                        failures?: number;
                        failureRate?: number;
                        minCalls?: number;
                        window?: string;
                        coolDown?: string;
                    };
                    http: {
                        url: string;
                        headers?: {
                            [key: string]: string;
                        };
                    };
                })[];
                maxDelegations: number;
                maxParallel?: number;
                minConfidence?: number;
                escalateTo?: ({
                    user: string;
                } | {
                    role: string;
                }) | ({
                    user: string;
                } | {
                    role: string;
                })[];
                escalationDueIn?: string;
                escalationChain?: {
                    after: string;
                    to: ({
                        user: string;
                    } | {
                        role: string;
                    })[];
                }[];
                output?: unknown;
                maxOutputTokens?: number;
                temperature?: number;
            } | {
                id: string;
                needs?: string[];
                description?: string;
                tags?: string[];
                retries?: {
                    attempts: number;
                    backoff?: {
                        initialMs: number;
                        factor: number;
                        maxMs: number;
                    };
                };
                timeout?: string;
                onError?: ("fail" | "continue") | {
                    fallback: string;
                };
                budgetUsd?: number;
                position?: {
                    x: number;
                    y: number;
                };
                /** @constant */
                type: "map";
                items: string;
                agent?: {
                    model: string | {
                        /** @enum {string} */
                        tier: "cheap" | "balanced" | "strong";
                        maxUsdPerMTok?: number;
                        minContext?: number;
                        fallbacks?: string[];
                        downgradeAt?: number[];
                    };
                    instructions?: string;
                    tools?: string[];
                    output?: unknown;
                    maxTurns?: number;
                    maxOutputTokens?: number;
                    temperature?: number;
                    prompt: string;
                };
                graph?: {
                    graph: string;
                    version?: number;
                    input?: {
                        [key: string]: unknown;
                    };
                };
                concurrency?: number;
                maxItems?: number;
                /** @enum {string} */
                onItemError?: "fail" | "continue";
            } | {
                id: string;
                needs?: string[];
                description?: string;
                tags?: string[];
                retries?: {
                    attempts: number;
                    backoff?: {
                        initialMs: number;
                        factor: number;
                        maxMs: number;
                    };
                };
                timeout?: string;
                onError?: ("fail" | "continue") | {
                    fallback: string;
                };
                budgetUsd?: number;
                position?: {
                    x: number;
                    y: number;
                };
                /** @constant */
                type: "subgraph";
                graph: string;
                version?: number;
                input?: {
                    [key: string]: unknown;
                };
            } | {
                id: string;
                needs?: string[];
                description?: string;
                tags?: string[];
                retries?: {
                    attempts: number;
                    backoff?: {
                        initialMs: number;
                        factor: number;
                        maxMs: number;
                    };
                };
                timeout?: string;
                onError?: ("fail" | "continue") | {
                    fallback: string;
                };
                budgetUsd?: number;
                position?: {
                    x: number;
                    y: number;
                };
                /** @constant */
                type: "wait";
                sleep?: string;
                event?: {
                    name: string;
                    when?: string;
                };
            } | {
                id: string;
                needs?: string[];
                description?: string;
                tags?: string[];
                retries?: {
                    attempts: number;
                    backoff?: {
                        initialMs: number;
                        factor: number;
                        maxMs: number;
                    };
                };
                timeout?: string;
                onError?: ("fail" | "continue") | {
                    fallback: string;
                };
                budgetUsd?: number;
                position?: {
                    x: number;
                    y: number;
                };
                /** @constant */
                type: "output";
                value: unknown;
            })[];
            budget?: {
                perRunUsd?: number;
                perNodeUsd?: number;
                /** @enum {string} */
                onExceed?: "pause" | "stop" | "downgrade";
                requireApprovalAboveUsd?: number;
            };
            concurrency?: {
                limit: number;
                key?: string;
            };
            flow?: {
                throttle?: {
                    limit: number;
                    period: string;
                    key?: string;
                };
                debounce?: {
                    period: string;
                    key?: string;
                    maxWait?: string;
                };
                queue?: {
                    max: number;
                    /** @enum {string} */
                    policy?: "reject" | "drop_oldest" | "coalesce";
                };
                maxAge?: string;
            };
            retries?: {
                attempts: number;
                backoff?: {
                    initialMs: number;
                    factor: number;
                    maxMs: number;
                };
            };
            timeouts?: {
                run?: string;
                node?: string;
            };
            tags?: string[];
            customerKey?: string;
            triggers?: ({
                id?: string;
                description?: string;
                when?: string;
                input?: {
                    [key: string]: unknown;
                };
                /** @constant */
                type: "schedule";
                cron: string;
                timezone?: string;
                /** @enum {string} */
                overlap?: "skip" | "buffer_one" | "buffer_all" | "cancel_other" | "allow_all";
                catchUp?: {
                    /** @enum {string} */
                    policy: "skip" | "latest" | "all";
                    window?: string;
                };
                jitter?: string;
            } | {
                id?: string;
                description?: string;
                when?: string;
                input?: {
                    [key: string]: unknown;
                };
                /** @constant */
                type: "webhook";
                path?: string;
                verify?: {
                    /** @constant */
                    mode: "standard";
                } | {
                    /** @constant */
                    mode: "hmac";
                    header: string;
                    /** @enum {string} */
                    algorithm?: "sha256" | "sha1" | "sha512";
                    /** @enum {string} */
                    encoding?: "hex" | "base64";
                    prefix?: string;
                };
                dedupeKey?: string;
            } | {
                id?: string;
                description?: string;
                when?: string;
                input?: {
                    [key: string]: unknown;
                };
                /** @constant */
                type: "email";
                address?: string;
            } | {
                id?: string;
                description?: string;
                when?: string;
                input?: {
                    [key: string]: unknown;
                };
                /** @constant */
                type: "api";
            } | {
                id?: string;
                description?: string;
                when?: string;
                input?: {
                    [key: string]: unknown;
                };
                /** @constant */
                type: "event";
                name: string;
            } | {
                id?: string;
                description?: string;
                when?: string;
                input?: {
                    [key: string]: unknown;
                };
                /** @constant */
                type: "graph_completed";
                graph: string;
                status?: ("succeeded" | "failed" | "cancelled") | ("succeeded" | "failed" | "cancelled")[];
            } | {
                id?: string;
                description?: string;
                when: string;
                input?: {
                    [key: string]: unknown;
                };
                /** @constant */
                type: "watch";
                url: string;
                /** @enum {string} */
                method?: "GET" | "POST";
                headers?: {
                    [key: string]: string;
                };
                body?: unknown;
                every: string;
                key?: string;
            })[];
        };
        Graph: {
            id: string;
            name: string;
            description: string | null;
            version: number;
            spec: components["schemas"]["GraphSpec"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            archivedAt: string | null;
            versions: components["schemas"]["GraphVersionSummary"][];
        };
        GraphListItem: {
            id: string;
            name: string;
            description: string | null;
            version: number;
            /** Format: date-time */
            updatedAt: string;
            archivedAt: string | null;
            runs: number;
            lastRunAt: string | null;
        };
        GraphVersion: {
            graphId: string;
            version: number;
            spec: components["schemas"]["GraphSpec"];
            specHash: string;
            message: string | null;
            createdById: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        GraphVersionSummary: {
            id: string;
            version: number;
            specHash: string;
            message: string | null;
            createdById: string | null;
            /** @description Who saved the version, by name */
            createdByName: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        SpecWarning: {
            path: string;
            message: string;
            nodeId?: string;
            field?: string;
        };
        ArchivedGraph: {
            id: string;
            name: string;
            archivedAt: string | null;
        };
        Forecast: {
            graphId: string;
            version: number;
            p50Usd: string;
            p90Usd: string;
            /** @enum {string} */
            basis: "history" | "estimate";
            basisDetail: string;
            runs: number;
            perNode: {
                nodeId: string;
                modelId: string;
                p50Usd: string;
                p90Usd: string;
                /** @enum {string} */
                basis: "history" | "estimate";
                runs: number;
                p50InputTokens: number;
                p50OutputTokens: number;
                /** @enum {string} */
                outputBasis: "history" | "model-history" | "prior";
                modelCalls: number;
                maxOutputTokens?: number;
            }[];
            simulated: boolean;
        };
        Approval: {
            id: string;
            workspaceId: string;
            runId: string | null;
            nodeId: string | null;
            /** @enum {string} */
            kind: "approval" | "budget" | "forecast" | "escalation";
            /** @enum {string} */
            status: "pending" | "approved" | "rejected" | "expired" | "cancelled";
            title: string;
            context: unknown;
            output: unknown;
            assigneeUserIds: string[];
            assigneeRoles: ("owner" | "admin" | "editor" | "approver" | "finance" | "viewer")[];
            assignmentNote: string | null;
            dueAt: string | null;
            onTimeout: string | null;
            decision: string | null;
            comment: string | null;
            decidedById: string | null;
            decidedAt: string | null;
            minApprovals: number;
            /** @description Approving votes so far */
            approvals: number;
            pauseKey: string | null;
            escalationLevel: number;
            escalatedAt: string | null;
            escalationChain: {
                after: string;
                to: ({
                    user: string;
                } | {
                    role: string;
                })[];
            }[] | null;
            canDecide: boolean;
            canReassign: boolean;
            votes: {
                voter: string;
                decision: string;
                comment: string | null;
                /** Format: date-time */
                createdAt: string;
            }[];
            /** Format: date-time */
            createdAt: string;
        };
        ApprovalEvent: {
            id: string;
            /** @enum {string} */
            kind: "opened" | "notified" | "reassigned" | "escalated" | "voted" | "decided" | "expired";
            level: number;
            data: {
                [key: string]: unknown;
            } | null;
            actor: string;
            /** Format: date-time */
            createdAt: string;
        };
        CostReport: {
            /** @enum {string} */
            groupBy: "agent" | "model" | "graph" | "version" | "tag" | "customer" | "day" | "month";
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            graphId: string | null;
            rows: {
                key: string;
                label: string | null;
                calls: number;
                inputTokens: number;
                outputTokens: number;
                /** @description US dollars, an exact decimal string */
                costUsd: string;
            }[];
            groups: number;
            offset: number;
            total: {
                calls: number;
                inputTokens: number;
                outputTokens: number;
                /** @description US dollars, an exact decimal string */
                costUsd: string;
            };
            /** @enum {string} */
            basis: "rollup" | "month-rollup" | "ledger";
            splits?: {
                /** @enum {string} */
                by: "agent" | "model" | "graph" | "version" | "tag" | "customer";
                keys: {
                    key: string;
                    label: string | null;
                    /** @description US dollars, an exact decimal string */
                    costUsd: string;
                }[];
                otherKeys: number;
                rows: {
                    period: string;
                    values: {
                        [key: string]: string;
                    };
                    /** @description US dollars, an exact decimal string */
                    otherUsd: string;
                }[];
                /** @enum {string} */
                basis: "rollup" | "ledger";
            };
        };
        ForecastAccuracyReport: {
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            graphId: string | null;
            summary: {
                runs: number;
                withinP90: number;
                withinP90Pct: number | null;
                medianAbsErrorPct: number | null;
                meanAbsErrorPct: number | null;
                /** @description US dollars, an exact decimal string */
                forecastP50Usd: string;
                /** @description US dollars, an exact decimal string */
                forecastP90Usd: string;
                /** @description US dollars, an exact decimal string */
                actualUsd: string;
                unforecastRuns: number;
            };
            byBasis: {
                runs: number;
                withinP90: number;
                withinP90Pct: number | null;
                medianAbsErrorPct: number | null;
                meanAbsErrorPct: number | null;
                /** @description US dollars, an exact decimal string */
                forecastP50Usd: string;
                /** @description US dollars, an exact decimal string */
                forecastP90Usd: string;
                /** @description US dollars, an exact decimal string */
                actualUsd: string;
                /** @enum {string} */
                basis: "history" | "estimate";
            }[];
            runs: {
                runId: string;
                graphId: string;
                graphName: string | null;
                version: number;
                status: string;
                /** Format: date-time */
                createdAt: string;
                /** @description US dollars, an exact decimal string */
                p50Usd: string;
                /** @description US dollars, an exact decimal string */
                p90Usd: string;
                /** @enum {string} */
                basis: "history" | "estimate";
                historyRuns: number;
                simulated: boolean;
                /** @description US dollars, an exact decimal string */
                actualUsd: string;
                errorPct: number | null;
                withinP90: boolean;
            }[];
        };
        Budget: {
            id: string;
            name: string;
            scope: string;
            scopeRef: string | null;
            period: string;
            /** @description US dollars, an exact decimal string */
            limitUsd: string;
            onExceed: string;
            thresholds: number[];
            enabled: boolean;
            source: string;
            graphVersionId: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            current: {
                windowKey: string;
                /** @description US dollars, an exact decimal string */
                limitUsd: string;
                /** @description US dollars, an exact decimal string */
                spentUsd: string;
                /** @description US dollars, an exact decimal string */
                reservedUsd: string;
                /** @description US dollars, an exact decimal string */
                remainingUsd: string;
                usedPct: number;
                projectedUsd: string | null;
                alertedPct: number;
            }[];
        };
        BudgetResponse: {
            budget: components["schemas"]["Budget"];
        };
        Model: {
            modelId: string;
            provider: string;
            tier: string | null;
            contextWindow: number | null;
            maxOutputTokens: number | null;
            inputUsdPerMTok: string | null;
            outputUsdPerMTok: string | null;
            cachedUsdPerMTok: string | null;
            source: ("simulated" | "custom" | "override" | "catalogue" | "self-hosted") | null;
            catalogue: {
                /** @description US dollars per million tokens */
                inputUsdPerMTok: string;
                /** @description US dollars per million tokens */
                outputUsdPerMTok: string;
                /** @description US dollars per million tokens */
                cachedUsdPerMTok: string;
            } | null;
            override: {
                /** @description US dollars per million tokens */
                inputUsdPerMTok: string;
                /** @description US dollars per million tokens */
                outputUsdPerMTok: string;
                cachedUsdPerMTok: string | null;
                /** Format: date-time */
                effectiveFrom: string;
                custom: boolean;
            } | null;
            requestsPerMinute: number | null;
            tokensPerMinute: number | null;
            available: boolean;
            simulated: boolean;
        };
        Notification: {
            id: string;
            workspaceId: string;
            userId: string | null;
            kind: string;
            title: string;
            body: string | null;
            data: unknown;
            readAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        WebhookEndpoint: {
            id: string;
            url: string;
            enabled: boolean;
            events: string[];
            /** Format: date-time */
            createdAt: string;
            lastDelivery: {
                id: string;
                event: string;
                /** @enum {string} */
                status: "pending" | "delivered" | "failed";
                attempts: number;
                lastStatusCode: number | null;
                lastError: string | null;
                nextAttemptAt: string | null;
                deliveredAt: string | null;
                /** Format: date-time */
                createdAt: string;
            } | null;
            failedDeliveries: number;
            pendingDeliveries: number;
        };
        GraphTrigger: {
            id: string;
            name: string;
            /** @enum {string} */
            type: "schedule" | "webhook" | "email" | "api" | "event" | "graph_completed" | "watch" | "report";
            config: unknown;
            graphVersion: number;
            paused: boolean;
            pausedAt: string | null;
            lastFiredAt: string | null;
            /** @description The last day's fires by outcome */
            lastDay: {
                [key: string]: number;
            };
            /** @description A webhook trigger's delivery URL */
            url?: string;
            hasSecret?: boolean;
            secretCreatedAt?: string | null;
            /** @description An e-mail trigger's address */
            address?: string;
        };
        TriggerPaused: {
            name: string;
            paused: boolean;
        };
        SchedulePaused: {
            id: string;
            name: string;
            paused: boolean;
        };
        Fire: {
            id: string;
            /** Format: date-time */
            intendedAt: string;
            /** Format: date-time */
            firedAt: string;
            lateMs: number;
            dedupeKey: string | null;
            outcome: string;
            reason: string | null;
            runId: string | null;
            runStatus: string | null;
            payload: unknown;
        };
        FirePage: {
            data: components["schemas"]["Fire"][];
            nextCursor: string | null;
        };
        ScheduleView: {
            id: string;
            name: string;
            type: string;
            graphId: string | null;
            graphName: string | null;
            graphVersion: number;
            description: string | null;
            source: {
                summary: string;
                value?: string;
            };
            config: unknown;
            paused: boolean;
            pausedAt: string | null;
            nextFireTimes: string[];
            health: {
                /** @enum {string} */
                status: "healthy" | "failing" | "overdue" | "unarmed" | "paused";
                lastCheckedAt: string | null;
                lastError: string | null;
                lastErrorAt: string | null;
            };
            lastFire: {
                id: string;
                /** Format: date-time */
                firedAt: string;
                /** Format: date-time */
                intendedAt: string;
                outcome: string;
                runId: string | null;
                reason: string | null;
            } | null;
            lastDay: {
                [key: string]: number;
            };
            lateness: {
                p50Ms: number | null;
                p99Ms: number | null;
                samples: number;
            };
        };
        SchedulePreview: {
            cron: string;
            timezone: string;
            times: {
                /** @description ISO with the zone's offset */
                at: string;
                /** Format: date-time */
                utc: string;
            }[];
        };
        WebhookDeliveryError: {
            /** @description What happened, written for the caller */
            error: string;
            /** @enum {string} */
            code: "bad_request" | "invalid_json" | "unauthorized" | "forbidden" | "outbound_blocked" | "not_found" | "method_not_allowed" | "conflict" | "graph_disabled" | "payload_too_large" | "uri_too_long" | "unsupported_media_type" | "validation_failed" | "budget_exceeded" | "rate_limited" | "queue_full" | "loop_detected" | "model_call_failed" | "output_invalid" | "max_turns" | "tool_loop" | "template_error" | "condition_error" | "unknown_provider" | "invalid_model_id" | "missing_credential" | "breaker_open" | "internal_error" | "unavailable";
            /** @description One entry per failing field */
            issues?: {
                path: string;
                message: string;
                /** @description A spec problem's node */
                nodeId?: string;
                /** @description A spec problem's field */
                field?: string;
            }[];
            details?: {
                [key: string]: unknown;
            };
            /** @description For an internal error: the reference under which it was logged */
            ref?: string;
            /** @description For a refused spend (402): the budget that refused it */
            budget?: {
                [key: string]: unknown;
            };
            runId?: string | null;
            fireId?: string;
            /** @enum {string} */
            outcome?: "started" | "duplicate" | "buffered" | "debounced" | "coalesced" | "overlap" | "missed" | "throttled" | "queue_full" | "stale" | "budget" | "condition_false" | "paused" | "error";
            duplicate?: boolean;
            reason?: string;
        };
        InboundEmailResponse: {
            messageId: string;
            dedupeKey: string;
            deliveries: {
                recipient: string;
                trigger: string;
                graphId: string | null;
                /** @enum {string} */
                outcome: "started" | "duplicate" | "buffered" | "debounced" | "coalesced" | "overlap" | "missed" | "throttled" | "queue_full" | "stale" | "budget" | "condition_false" | "paused" | "error";
                runId: string | null;
                reason: string | null;
                fireId: string;
            }[];
            /** @description Recipients no e-mail trigger receives for */
            unknown: string[];
        };
        ReportSchedule: {
            id: string;
            name: string;
            cron: string | null;
            timezone: string | null;
            report: {
                /** @enum {string} */
                groupBy: "customer" | "graph" | "agent" | "model" | "tag";
                /** @enum {string} */
                period: "previous_month" | "month_to_date" | "previous_week" | "previous_day";
                /** @constant */
                format: "csv";
            } | null;
            deliver: {
                email?: string[];
                webhook?: {
                    url: string;
                };
            } | null;
            paused: boolean;
            pausedAt: string | null;
            nextFireAt: string | null;
            lastFiredAt: string | null;
            lastCheckedAt: string | null;
            lastError: string | null;
            lastErrorAt: string | null;
            hasSigningSecret: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        SavedReportSchedule: {
            id: string;
            name: string;
            cron: string | null;
            timezone: string | null;
            report: {
                /** @enum {string} */
                groupBy: "customer" | "graph" | "agent" | "model" | "tag";
                /** @enum {string} */
                period: "previous_month" | "month_to_date" | "previous_week" | "previous_day";
                /** @constant */
                format: "csv";
            } | null;
            deliver: {
                email?: string[];
                webhook?: {
                    url: string;
                };
            } | null;
            paused: boolean;
            pausedAt: string | null;
            nextFireAt: string | null;
            lastFiredAt: string | null;
            lastCheckedAt: string | null;
            lastError: string | null;
            lastErrorAt: string | null;
            hasSigningSecret: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            warnings: string[];
            signingSecret?: string;
        };
        Breaker: {
            key: string;
            kind: ("agent" | "model" | "graph") | null;
            label: string;
            /**
             * @description What applies: a forced state wins over the automatic one
             * @enum {string}
             */
            state: "closed" | "open" | "half_open";
            /** @enum {string} */
            automaticState: "closed" | "open" | "half_open";
            forced: ("closed" | "open") | null;
            forcedBy: string | null;
            forcedByName: string | null;
            forcedReason: string | null;
            forcedAt: string | null;
            failures: number;
            calls: number;
            windowStart: string | null;
            openedAt: string | null;
            nextProbeAt: string | null;
            lastError: string | null;
            lastFailureAt: string | null;
            /** Format: date-time */
            updatedAt: string;
        };
        BreakerEvent: {
            id: string;
            key: string;
            from: string;
            to: string;
            reason: string;
            actor: string | null;
            actorName: string | null;
            /** Format: date-time */
            at: string;
        };
        BreakerTransition: {
            key: string;
            from: string;
            to: string;
        };
        AuditEvent: {
            id: string;
            workspaceId: string | null;
            seq: number | null;
            action: string;
            actorUserId: string | null;
            actorApiKeyId: string | null;
            actorEmail: string | null;
            /** @description The acting member's name */
            actorName: string | null;
            /** @description The acting API key's name */
            actorApiKeyName: string | null;
            targetType: string | null;
            targetId: string | null;
            /** @description The target's name, when it has one (a graph, an API key, a member, the workspace) */
            targetName: string | null;
            data: unknown;
            ip: string | null;
            userAgent: string | null;
            hash: string | null;
            prevHash: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        WorkspaceSummary: {
            id: string;
            slug: string;
            name: string;
        };
        Member: {
            id: string;
            /** @enum {string} */
            role: "owner" | "admin" | "editor" | "approver" | "finance" | "viewer";
            /** Format: date-time */
            createdAt: string;
            user: {
                id: string;
                email: string;
                name: string | null;
                lastLoginAt: string | null;
            };
        };
        Invitation: {
            id: string;
            email: string | null;
            role: string;
            /** Format: date-time */
            expiresAt: string;
            /** Format: date-time */
            createdAt: string;
            acceptedAt: string | null;
            revokedAt: string | null;
        };
        ApiKey: {
            id: string;
            name: string;
            /** @enum {string} */
            role: "owner" | "admin" | "editor" | "approver" | "finance" | "viewer";
            prefix: string;
            createdById: string | null;
            /** Format: date-time */
            createdAt: string;
            expiresAt: string | null;
            revokedAt: string | null;
            lastUsedAt: string | null;
        };
        Provider: {
            /** @enum {string} */
            provider: "openai" | "anthropic" | "openai-compatible";
            configured: boolean;
            /** @description The key's last characters; never the key */
            keyHint: string | null;
            baseUrl: string | null;
            updatedAt: string | null;
            fromEnvironment: boolean;
        };
        McpServer: {
            name: string;
            url: string;
            /** @enum {string} */
            source: "deployment" | "workspace";
            /** @description Header values masked */
            headers: {
                [key: string]: string;
            };
            timeoutMs: number | null;
            updatedAt: string | null;
        };
        PutMcpServerResponse: {
            name: string;
            created: boolean;
        };
        ProviderAnswer: {
            [key: string]: unknown;
        };
        GatewayError: components["schemas"]["Error"] | ({
            error: unknown;
        } & {
            [key: string]: unknown;
        });
        JsonRpcResponse: {
            /** @constant */
            jsonrpc: "2.0";
            id: string | number | null;
        } & {
            [key: string]: unknown;
        };
        GetMeResponse: {
            workspace: components["schemas"]["WorkspaceSummary"];
            /** @enum {string} */
            role: "owner" | "admin" | "editor" | "approver" | "finance" | "viewer";
            actor: {
                /** @enum {string} */
                type: "user" | "apiKey" | "system";
                userId: string | null;
                apiKeyId: string | null;
            };
            /** @description Every permission the caller's role holds */
            permissions: string[];
        };
        GetWorkspaceResponse: {
            id: string;
            slug: string;
            name: string;
            /** @enum {string} */
            role: "owner" | "admin" | "editor" | "approver" | "finance" | "viewer";
        };
        GetWorkspacesResponse: {
            workspaces: {
                id: string;
                slug: string;
                name: string;
                /** @enum {string} */
                role: "owner" | "admin" | "editor" | "approver" | "finance" | "viewer";
            }[];
        };
        PostWorkspacesResponse: {
            id: string;
            slug: string;
            name: string;
            /** @constant */
            role: "owner";
        };
        GetMembersResponse: {
            members: components["schemas"]["Member"][];
        };
        PatchMembersByIdResponse: {
            id: string;
            /** @enum {string} */
            role: "owner" | "admin" | "editor" | "approver" | "finance" | "viewer";
        };
        GetInvitationsResponse: {
            invitations: components["schemas"]["Invitation"][];
        };
        PostInvitationsResponse: {
            invitation: components["schemas"]["Invitation"];
            /** @description The invite link, shown only here */
            url: string;
            emailed: boolean;
        };
        GetApiKeysResponse: {
            apiKeys: components["schemas"]["ApiKey"][];
        };
        PostApiKeysResponse: {
            /** @description The secret, shown only here */
            key: string;
            apiKey: components["schemas"]["ApiKey"];
        };
        GetAuditVerifyResponse: {
            ok: boolean;
            chain: string;
            events: number;
            unchained: number;
            head: string | null;
            headSeq: number;
            firstBroken?: {
                seq: number;
                id: string | null;
                action: string | null;
                reason: string;
            };
        };
        GetAuditResponse: {
            events: components["schemas"]["AuditEvent"][];
            nextCursor: string | null;
        };
        GetGraphsResponse: {
            graphs: components["schemas"]["GraphListItem"][];
        };
        PostGraphsResponse: {
            id: string;
            version: number;
            warnings: components["schemas"]["SpecWarning"][];
        };
        PutGraphsByIdResponse: {
            id: string;
            version: number;
            unchanged: boolean;
            warnings: components["schemas"]["SpecWarning"][];
        };
        GetGraphsByIdTriggersResponse: {
            data: components["schemas"]["GraphTrigger"][];
        };
        PostGraphsByIdTriggersByNameSecretResponse: {
            name: string;
            url: string;
            /** @description whsec_…, shown only in this answer */
            secret: string;
            /** Format: date-time */
            secretCreatedAt: string;
            previousSecretValidUntil: string | null;
            /** @description An example signed delivery */
            curl: string;
        };
        PostHooksByWorkspaceByPathResponse: {
            runId: string | null;
            fireId: string;
            /** @enum {string} */
            outcome: "started" | "duplicate" | "buffered" | "debounced" | "coalesced" | "overlap" | "missed" | "throttled" | "queue_full" | "stale" | "budget" | "condition_false" | "paused" | "error";
            duplicate: boolean;
            reason?: string;
        };
        GetSchedulesResponse: {
            schedules: components["schemas"]["ScheduleView"][];
        };
        GetGraphsByIdTriggersByNamePreviewResponse: {
            cron: string;
            timezone: string;
            times: {
                /** @description ISO with the zone's offset */
                at: string;
                /** Format: date-time */
                utc: string;
            }[];
            paused: boolean;
        };
        PostEventsResponse: {
            name: string;
            /** @description null when this id was delivered within the last 24 hours */
            eventId: string | null;
            /** @description The graphs whose event triggers matched */
            runs: {
                triggerId: string;
                trigger: string;
                graphId: string | null;
                /** @enum {string} */
                outcome: "started" | "duplicate" | "buffered" | "debounced" | "coalesced" | "overlap" | "missed" | "throttled" | "queue_full" | "stale" | "budget" | "condition_false" | "paused" | "error";
                runId: string | null;
                reason: string | null;
                fireId: string;
                retryAfterMs?: number;
                /** @constant */
                retryable?: true;
            }[];
        };
        GetRunsResponse: {
            runs: components["schemas"]["RunListItem"][];
            nextCursor: string | null;
        };
        GetRunsByIdProvenanceResponse: {
            runId: string;
            head: string | null;
            headSeq: number;
            parent: {
                runId: string;
                nodeId: string | null;
            } | null;
            records: components["schemas"]["ProvenanceRecord"][];
        };
        GetRunsByIdProvenanceVerifyResponse: {
            ok: boolean;
            runId: string;
            records: number;
            head: string | null;
            headSeq: number;
            firstBroken?: {
                seq: number | null;
                kind: string | null;
                nodeId: string | null;
                delegationId: string | null;
                approvalId: string | null;
                reason: string;
            };
            broken: {
                seq: number | null;
                kind: string | null;
                nodeId: string | null;
                delegationId: string | null;
                approvalId: string | null;
                reason: string;
            }[];
        };
        GetRunsByIdTraceResponse: {
            events: components["schemas"]["TraceEvent"][];
        };
        GetRunsByIdDelegationsResponse: {
            data: components["schemas"]["Delegation"][];
        };
        PostRunsByIdCancelResponse: {
            id: string;
            /** @constant */
            status: "cancelled";
        };
        PostRunsByIdRerunResponse: {
            runId: string;
            rerunOf: string;
            fromNode: string | null;
        };
        PostRunsByIdMigrateResponse: {
            id: string;
            version: number;
            from: number;
        };
        GetApprovalsResponse: {
            approvals: components["schemas"]["Approval"][];
            nextCursor: string | null;
        };
        GetApprovalsByIdResponse: {
            approval: components["schemas"]["Approval"];
            events: components["schemas"]["ApprovalEvent"][];
        };
        PostApprovalsByIdReassignResponse: {
            id: string;
            /** @constant */
            status: "pending";
            assigneeRoles: string[];
            assigneeUserIds: string[];
            escalationLevel: number;
        };
        PostApprovalsByIdDecisionResponse: {
            id: string;
            /** @enum {string} */
            status: "pending" | "approved" | "rejected" | "expired" | "cancelled";
            approvals: number;
            minApprovals: number;
            decidedAt: string | null;
        };
        GetProvidersResponse: {
            providers: components["schemas"]["Provider"][];
        };
        GetSecretsResponse: {
            secrets: {
                name: string;
                /** Format: date-time */
                updatedAt: string;
            }[];
        };
        PutSecretsByNameResponse: {
            name: string;
        };
        GetMcpServersResponse: {
            servers: components["schemas"]["McpServer"][];
        };
        PostMcpServersByNameTestResponse: {
            ok: boolean;
            latencyMs: number;
            tools?: {
                name: string;
                description: string | null;
                ref: string;
            }[];
            error?: string;
        };
        PostAgentsTestConnectionResponse: {
            /** @constant */
            ok: true;
            /** @enum {string} */
            kind: "a2a" | "http";
            latencyMs: number;
            name?: string;
            description?: string;
            url?: string;
            skills?: {
                id: string;
                name: string;
            }[];
            status?: number;
            message?: string;
        } | {
            /** @constant */
            ok: false;
            /** @enum {string} */
            kind: "a2a" | "http";
            latencyMs: number;
            reason: string;
        };
        GetOpenapiJsonResponse: {
            openapi: string;
            info: {
                [key: string]: unknown;
            };
            paths: {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        PostProvidersByProviderTestResponse: {
            ok: boolean;
            latencyMs: number;
            model: string;
            error?: string;
        };
        GetBudgetsResponse: {
            budgets: components["schemas"]["Budget"][];
        };
        PostBudgetsByIdRaiseResponse: {
            budgetId: string;
            windowKey: string | null;
            /** @description US dollars, an exact decimal string */
            raisedByUsd: string;
            /** @description The budget pauses approved by the raise, whose runs resume */
            resumed: {
                approvalId: string;
                runId: string | null;
            }[];
        };
        PostBudgetsReserveResponse: {
            reservationId: string;
            /** @description US dollars, an exact decimal string */
            amountUsd: string;
            budgets: {
                budgetId: string;
                windowKey: string;
            }[];
            /** Format: date-time */
            expiresAt: string;
        };
        PostBudgetsSettleResponse: {
            reservationId: string;
            costEntryId: string;
            /** @description US dollars, an exact decimal string */
            settledUsd: string;
            /** @description US dollars, an exact decimal string */
            reservedUsd: string;
        };
        GetModelsResponse: {
            models: components["schemas"]["Model"][];
        };
        PutModelsByModelIdPriceResponse: {
            model: components["schemas"]["Model"];
        };
        GetNotificationsResponse: {
            notifications: components["schemas"]["Notification"][];
        };
        PostNotificationsReadResponse: {
            updated: number;
        };
        GetBreakersResponse: {
            breakers: components["schemas"]["Breaker"][];
        };
        GetBreakersEventsResponse: {
            events: components["schemas"]["BreakerEvent"][];
        };
        GetWebhooksResponse: {
            webhooks: components["schemas"]["WebhookEndpoint"][];
        };
        PostWebhooksResponse: {
            webhook: {
                id: string;
                url: string;
                events: string[];
                enabled: boolean;
                /** Format: date-time */
                createdAt: string;
                /** @description The signing secret, shown only here */
                secret: string;
            };
        };
        GetWebhooksByIdDeliveriesResponse: {
            deliveries: {
                id: string;
                event: string;
                /** @enum {string} */
                status: "pending" | "delivered" | "failed";
                attempts: number;
                lastStatusCode: number | null;
                lastError: string | null;
                nextAttemptAt: string | null;
                deliveredAt: string | null;
                /** Format: date-time */
                createdAt: string;
                attemptLog: {
                    attempt: number;
                    at: string;
                    statusCode?: number;
                    error?: string;
                    durationMs: number;
                }[];
            }[];
        };
        GetReportSchedulesResponse: {
            data: components["schemas"]["ReportSchedule"][];
        };
        PostReportSchedulesByIdRunResponse: {
            fireId: string;
            outcome: string;
            reason: string | null;
            payload: {
                [key: string]: unknown;
            };
            retryAt?: string | null;
        };
        PostReportSchedulesByIdSecretResponse: {
            id: string;
            signingSecret: string;
            /** Format: date-time */
            createdAt: string;
        };
        GetA2aByGraphIdWellKnownAgentCardJsonResponse: {
            name: string;
            description: string;
            skills: ({
                id: string;
                name: string;
            } & {
                [key: string]: unknown;
            })[];
        } & {
            [key: string]: unknown;
        };
        GraphSpecInput: {
            name: string;
            description?: string;
            input?: unknown;
            output?: unknown;
            nodes: ({
                id: string;
                needs?: string[];
                description?: string;
                tags?: string[];
                retries?: {
                    attempts: number;
                    backoff?: {
                        initialMs: number;
                        factor: number;
                        maxMs: number;
                    };
                };
                timeout?: string;
                onError?: ("fail" | "continue") | {
                    fallback: string;
                };
                budgetUsd?: number;
                position?: {
                    x: number;
                    y: number;
                };
                /** @constant */
                type: "agent";
                model: string | {
                    /** @enum {string} */
                    tier: "cheap" | "balanced" | "strong";
                    maxUsdPerMTok?: number;
                    minContext?: number;
                    fallbacks?: string[];
                    downgradeAt?: number[];
                };
                instructions?: string;
                tools?: string[];
                output?: unknown;
                maxTurns?: number;
                maxOutputTokens?: number;
                temperature?: number;
                prompt: string;
            } | {
                id: string;
                needs?: string[];
                description?: string;
                tags?: string[];
                retries?: {
                    attempts: number;
                    backoff?: {
                        initialMs: number;
                        factor: number;
                        maxMs: number;
                    };
                };
                timeout?: string;
                onError?: ("fail" | "continue") | {
                    fallback: string;
                };
                budgetUsd?: number;
                position?: {
                    x: number;
                    y: number;
                };
                /** @constant */
                type: "tool";
                tool: {
                    /** @constant */
                    kind: "http";
                    /** @enum {string} */
                    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD";
                    url: string;
                    headers?: {
                        [key: string]: string;
                    };
                    query?: {
                        [key: string]: string;
                    };
                    body?: unknown;
                    okStatus?: number[];
                } | {
                    /** @constant */
                    kind: "mcp";
                    server: string;
                    tool: string;
                    arguments?: unknown;
                };
            } | {
                id: string;
                needs?: string[];
                description?: string;
                tags?: string[];
                retries?: {
                    attempts: number;
                    backoff?: {
                        initialMs: number;
                        factor: number;
                        maxMs: number;
                    };
                };
                timeout?: string;
                onError?: ("fail" | "continue") | {
                    fallback: string;
                };
                budgetUsd?: number;
                position?: {
                    x: number;
                    y: number;
                };
                /** @constant */
                type: "router";
                routes: {
                    when: string;
                    to: string | string[];
                }[];
                default?: string | string[];
            } | {
                id: string;
                needs?: string[];
                description?: string;
                tags?: string[];
                retries?: {
                    attempts: number;
                    backoff?: {
                        initialMs: number;
                        factor: number;
                        maxMs: number;
                    };
                };
                timeout?: string;
                onError?: ("fail" | "continue") | {
                    fallback: string;
                };
                budgetUsd?: number;
                position?: {
                    x: number;
                    y: number;
                };
                /** @constant */
                type: "approval";
                title?: string;
                assignees: ({
                    user: string;
                } | {
                    role: string;
                })[];
                context?: unknown;
                minApprovals?: number;
                /** @enum {string} */
                onTimeout?: "approve" | "reject" | "escalate";
                escalateTo?: ({
                    user: string;
                } | {
                    role: string;
                })[];
                escalationChain?: {
                    after: string;
                    to: ({
                        user: string;
                    } | {
                        role: string;
                    })[];
                }[];
            } | {
                id: string;
                needs?: string[];
                description?: string;
                tags?: string[];
                retries?: {
                    attempts: number;
                    backoff?: {
                        initialMs: number;
                        factor: number;
                        maxMs: number;
                    };
                };
                timeout?: string;
                onError?: ("fail" | "continue") | {
                    fallback: string;
                };
                budgetUsd?: number;
                position?: {
                    x: number;
                    y: number;
                };
                /** @constant */
                type: "supervisor";
                model: string | {
                    /** @enum {string} */
                    tier: "cheap" | "balanced" | "strong";
                    maxUsdPerMTok?: number;
                    minContext?: number;
                    fallbacks?: string[];
                    downgradeAt?: number[];
                };
                instructions?: string;
                task: string;
                agents: ({
                    name: string;
                    description: string;
                    input?: unknown;
                    fallback?: string;
                    breaker?: {
                        failures?: number;
                        failureRate?: number;
                        minCalls?: number;
                        window?: string;
                        coolDown?: string;
                    };
                    model: string | {
                        /** @enum {string} */
                        tier: "cheap" | "balanced" | "strong";
                        maxUsdPerMTok?: number;
                        minContext?: number;
                        fallbacks?: string[];
                        downgradeAt?: number[];
                    };
                    instructions?: string;
                    tools?: string[];
                    output?: unknown;
                    maxTurns?: number;
                    maxOutputTokens?: number;
                    temperature?: number;
                } | {
                    name: string;
                    description: string;
                    input?: unknown;
                    fallback?: string;
                    breaker?: {
                        failures?: number;
                        failureRate?: number;
                        minCalls?: number;
                        window?: string;
                        coolDown?: string;
                    };
                    graph: string;
                    version?: number;
                } | {
                    name: string;
                    description: string;
                    input?: unknown;
                    fallback?: string;
                    breaker?: {
                        failures?: number;
                        failureRate?: number;
                        minCalls?: number;
                        window?: string;
                        coolDown?: string;
                    };
                    a2a: {
                        url: string;
                        headers?: {
                            [key: string]: string;
                        };
                    };
                } | {
                    name: string;
                    description: string;
                    input?: unknown;
                    fallback?: string;
                    breaker?: {
                        failures?: number;
                        failureRate?: number;
                        minCalls?: number;
                        window?: string;
                        coolDown?: string;
                    };
                    http: {
                        url: string;
                        headers?: {
                            [key: string]: string;
                        };
                    };
                })[];
                maxDelegations: number;
                maxParallel?: number;
                minConfidence?: number;
                escalateTo?: ({
                    user: string;
                } | {
                    role: string;
                }) | ({
                    user: string;
                } | {
                    role: string;
                })[];
                escalationDueIn?: string;
                escalationChain?: {
                    after: string;
                    to: ({
                        user: string;
                    } | {
                        role: string;
                    })[];
                }[];
                output?: unknown;
                maxOutputTokens?: number;
                temperature?: number;
            } | {
                id: string;
                needs?: string[];
                description?: string;
                tags?: string[];
                retries?: {
                    attempts: number;
                    backoff?: {
                        initialMs: number;
                        factor: number;
                        maxMs: number;
                    };
                };
                timeout?: string;
                onError?: ("fail" | "continue") | {
                    fallback: string;
                };
                budgetUsd?: number;
                position?: {
                    x: number;
                    y: number;
                };
                /** @constant */
                type: "map";
                items: string;
                agent?: {
                    model: string | {
                        /** @enum {string} */
                        tier: "cheap" | "balanced" | "strong";
                        maxUsdPerMTok?: number;
                        minContext?: number;
                        fallbacks?: string[];
                        downgradeAt?: number[];
                    };
                    instructions?: string;
                    tools?: string[];
                    output?: unknown;
                    maxTurns?: number;
                    maxOutputTokens?: number;
                    temperature?: number;
                    prompt: string;
                };
                graph?: {
                    graph: string;
                    version?: number;
                    input?: {
                        [key: string]: unknown;
                    };
                };
                concurrency?: number;
                maxItems?: number;
                /** @enum {string} */
                onItemError?: "fail" | "continue";
            } | {
                id: string;
                needs?: string[];
                description?: string;
                tags?: string[];
                retries?: {
                    attempts: number;
                    backoff?: {
                        initialMs: number;
                        factor: number;
                        maxMs: number;
                    };
                };
                timeout?: string;
                onError?: ("fail" | "continue") | {
                    fallback: string;
                };
                budgetUsd?: number;
                position?: {
                    x: number;
                    y: number;
                };
                /** @constant */
                type: "subgraph";
                graph: string;
                version?: number;
                input?: {
                    [key: string]: unknown;
                };
            } | {
                id: string;
                needs?: string[];
                description?: string;
                tags?: string[];
                retries?: {
                    attempts: number;
                    backoff?: {
                        initialMs: number;
                        factor: number;
                        maxMs: number;
                    };
                };
                timeout?: string;
                onError?: ("fail" | "continue") | {
                    fallback: string;
                };
                budgetUsd?: number;
                position?: {
                    x: number;
                    y: number;
                };
                /** @constant */
                type: "wait";
                sleep?: string;
                event?: {
                    name: string;
                    when?: string;
                };
            } | {
                id: string;
                needs?: string[];
                description?: string;
                tags?: string[];
                retries?: {
                    attempts: number;
                    backoff?: {
                        initialMs: number;
                        factor: number;
                        maxMs: number;
                    };
                };
                timeout?: string;
                onError?: ("fail" | "continue") | {
                    fallback: string;
                };
                budgetUsd?: number;
                position?: {
                    x: number;
                    y: number;
                };
                /** @constant */
                type: "output";
                value: unknown;
            })[];
            budget?: {
                perRunUsd?: number;
                perNodeUsd?: number;
                /** @enum {string} */
                onExceed?: "pause" | "stop" | "downgrade";
                requireApprovalAboveUsd?: number;
            };
            concurrency?: {
                limit: number;
                key?: string;
            };
            flow?: {
                throttle?: {
                    limit: number;
                    period: string;
                    key?: string;
                };
                debounce?: {
                    period: string;
                    key?: string;
                    maxWait?: string;
                };
                queue?: {
                    max: number;
                    /** @enum {string} */
                    policy?: "reject" | "drop_oldest" | "coalesce";
                };
                maxAge?: string;
            };
            retries?: {
                attempts: number;
                backoff?: {
                    initialMs: number;
                    factor: number;
                    maxMs: number;
                };
            };
            timeouts?: {
                run?: string;
                node?: string;
            };
            tags?: string[];
            customerKey?: string;
            triggers?: ({
                id?: string;
                description?: string;
                when?: string;
                input?: {
                    [key: string]: unknown;
                };
                /** @constant */
                type: "schedule";
                cron: string;
                timezone?: string;
                /** @enum {string} */
                overlap?: "skip" | "buffer_one" | "buffer_all" | "cancel_other" | "allow_all";
                catchUp?: {
                    /** @enum {string} */
                    policy: "skip" | "latest" | "all";
                    window?: string;
                };
                jitter?: string;
            } | {
                id?: string;
                description?: string;
                when?: string;
                input?: {
                    [key: string]: unknown;
                };
                /** @constant */
                type: "webhook";
                path?: string;
                verify?: {
                    /** @constant */
                    mode: "standard";
                } | {
                    /** @constant */
                    mode: "hmac";
                    header: string;
                    /** @enum {string} */
                    algorithm?: "sha256" | "sha1" | "sha512";
                    /** @enum {string} */
                    encoding?: "hex" | "base64";
                    prefix?: string;
                };
                dedupeKey?: string;
            } | {
                id?: string;
                description?: string;
                when?: string;
                input?: {
                    [key: string]: unknown;
                };
                /** @constant */
                type: "email";
                address?: string;
            } | {
                id?: string;
                description?: string;
                when?: string;
                input?: {
                    [key: string]: unknown;
                };
                /** @constant */
                type: "api";
            } | {
                id?: string;
                description?: string;
                when?: string;
                input?: {
                    [key: string]: unknown;
                };
                /** @constant */
                type: "event";
                name: string;
            } | {
                id?: string;
                description?: string;
                when?: string;
                input?: {
                    [key: string]: unknown;
                };
                /** @constant */
                type: "graph_completed";
                graph: string;
                status?: ("succeeded" | "failed" | "cancelled") | ("succeeded" | "failed" | "cancelled")[];
            } | {
                id?: string;
                description?: string;
                when: string;
                input?: {
                    [key: string]: unknown;
                };
                /** @constant */
                type: "watch";
                url: string;
                /** @enum {string} */
                method?: "GET" | "POST";
                headers?: {
                    [key: string]: string;
                };
                body?: unknown;
                every: string;
                key?: string;
            })[];
        };
        SaveGraphRequest: components["schemas"]["GraphSpecInput"] | {
            spec: components["schemas"]["GraphSpecInput"];
            message?: string;
        };
        ProviderRequest: {
            [key: string]: unknown;
        };
        PatchWorkspaceRequest: {
            name: string;
        };
        PostWorkspacesRequest: {
            name: string;
        };
        PatchMembersByIdRequest: {
            /** @enum {string} */
            role: "owner" | "admin" | "editor" | "approver" | "finance" | "viewer";
        };
        PostInvitationsRequest: {
            email?: string;
            /** @enum {string} */
            role: "owner" | "admin" | "editor" | "approver" | "finance" | "viewer";
            /** @default 7 */
            expiresInDays?: number;
        };
        PostApiKeysRequest: {
            name: string;
            /**
             * @default editor
             * @enum {string}
             */
            role?: "owner" | "admin" | "editor" | "approver" | "finance" | "viewer";
            expiresInDays?: number;
        };
        PostGraphsByIdRunsRequest: {
            /** @default {} */
            input?: {
                [key: string]: unknown;
            };
            version?: number;
            tags?: string[];
            idempotencyKey?: string;
            customerKey?: string;
        };
        /** @description Any JSON object: the event the trigger's run receives */
        PostHooksByWorkspaceByPathRequest: {
            [key: string]: unknown;
        };
        PostSchedulesPreviewRequest: {
            cron: string;
            timezone?: string;
            /** @default 10 */
            count?: number;
        };
        PostEventsRequest: {
            name: string;
            /** @default {} */
            data?: {
                [key: string]: unknown;
            };
            id?: string;
        };
        PostRunsByIdRerunRequest: {
            fromNode?: string;
        };
        PostRunsByIdMigrateRequest: {
            version: number;
        };
        PostApprovalsByIdReassignRequest: {
            to: ({
                user: string;
            } | {
                role: string;
            })[];
            comment?: string;
        };
        PostApprovalsByIdDecisionRequest: {
            /** @enum {string} */
            decision: "approve" | "reject";
            comment?: string;
            output?: unknown;
        };
        PutProvidersByProviderRequest: {
            apiKey?: string;
            /** Format: uri */
            baseUrl?: string;
        };
        PutSecretsByNameRequest: {
            value: string;
        };
        PutMcpServersByNameRequest: {
            /** Format: uri */
            url: string;
            headers?: {
                [key: string]: string;
            };
            timeoutMs?: number;
        };
        PostAgentsTestConnectionRequest: {
            /** @enum {string} */
            kind: "a2a" | "http";
            url: string;
            headers?: {
                [key: string]: string;
            };
        };
        PostGraphsByIdForecastRequest: {
            /** @default {} */
            input?: {
                [key: string]: unknown;
            };
            version?: number;
        };
        PostProvidersByProviderTestRequest: {
            model?: string;
        };
        PostBudgetsRequest: {
            name: string;
            scopeRef?: string | null;
            limitUsd: number | string;
            /** @enum {string} */
            onExceed?: "pause" | "stop" | "downgrade";
            thresholds?: number[];
            enabled?: boolean;
            /** @enum {string} */
            scope: "workspace" | "graph" | "agent" | "tag" | "customer" | "run";
            /** @enum {string} */
            period: "run" | "day" | "month";
        };
        PatchBudgetsByIdRequest: {
            name?: string;
            limitUsd?: number | string;
            /** @enum {string} */
            onExceed?: "pause" | "stop" | "downgrade";
            thresholds?: number[];
            enabled?: boolean;
        };
        PostBudgetsByIdRaiseRequest: {
            byUsd: number | string;
            windowKey?: string;
        };
        PostBudgetsReserveRequest: {
            amountUsd: number | string;
            agent?: string;
            tags?: string[];
            customerKey?: string;
            runId?: string;
            nodeId?: string;
            ttlSeconds?: number;
        };
        PostBudgetsSettleRequest: {
            reservationId: string;
            actualUsd: number | string;
            /** @enum {string} */
            kind?: "tool" | "external";
        };
        PutModelsByModelIdPriceRequest: {
            inputUsdPerMTok: number | string;
            outputUsdPerMTok: number | string;
            cachedUsdPerMTok?: number | string;
            /** @enum {string} */
            tier?: "cheap" | "balanced" | "strong";
            contextWindow?: number;
            maxOutputTokens?: number;
            requestsPerMinute?: number;
            tokensPerMinute?: number;
        };
        PostNotificationsReadRequest: {
            ids?: string[];
        };
        PostBreakersOpenRequest: {
            key: string;
            reason: string;
        };
        PostBreakersCloseRequest: {
            key: string;
            reason: string;
            hold?: boolean;
        };
        PostBreakersReleaseRequest: {
            key: string;
            reason?: string;
        };
        PostWebhooksRequest: {
            /** Format: uri */
            url: string;
            /**
             * @default [
             *       "budget.threshold"
             *     ]
             */
            events?: ("budget.threshold" | "approval.opened" | "approval.reassigned" | "approval.escalated" | "*")[];
        };
        PostReportSchedulesRequest: {
            name: string;
            cron: string;
            /** @default UTC */
            timezone?: string;
            report: {
                /** @enum {string} */
                groupBy: "customer" | "graph" | "agent" | "model" | "tag";
                /** @enum {string} */
                period: "previous_month" | "month_to_date" | "previous_week" | "previous_day";
                /**
                 * @default csv
                 * @constant
                 */
                format?: "csv";
            };
            deliver: {
                email?: string[];
                webhook?: {
                    /** Format: uri */
                    url: string;
                };
            };
        };
        PatchReportSchedulesByIdRequest: {
            name?: string;
            cron?: string;
            timezone?: string;
            report?: {
                /** @enum {string} */
                groupBy: "customer" | "graph" | "agent" | "model" | "tag";
                /** @enum {string} */
                period: "previous_month" | "month_to_date" | "previous_week" | "previous_day";
                /**
                 * @default csv
                 * @constant
                 */
                format?: "csv";
            };
            deliver?: {
                email?: string[];
                webhook?: {
                    /** Format: uri */
                    url: string;
                };
            };
        };
        PostA2aByGraphIdRequest: {
            /** @constant */
            jsonrpc: "2.0";
            method: string;
        } & {
            [key: string]: unknown;
        };
        PostInboundEmailRequest: {
            raw?: string;
            recipients?: string[];
            from?: string | {
                address: string;
                name?: string;
            };
            to?: string | (string | {
                address: string;
                name?: string;
            })[];
            cc?: string | (string | {
                address: string;
                name?: string;
            })[];
            replyTo?: string | (string | {
                address: string;
                name?: string;
            })[];
            subject?: string;
            text?: string;
            html?: string;
            messageId?: string;
            inReplyTo?: string;
            references?: string | string[];
            date?: string;
            attachments?: {
                filename?: string | null;
                contentType?: string;
                size: number;
            }[];
        };
        PostInboundEmailPostmarkRequest: {
            FromFull?: ({
                Email: string;
                Name?: string | null;
            } & {
                [key: string]: unknown;
            }) | null;
            From?: string | null;
            ToFull?: ({
                Email: string;
                Name?: string | null;
            } & {
                [key: string]: unknown;
            })[] | null;
            CcFull?: ({
                Email: string;
                Name?: string | null;
            } & {
                [key: string]: unknown;
            })[] | null;
            BccFull?: ({
                Email: string;
                Name?: string | null;
            } & {
                [key: string]: unknown;
            })[] | null;
            OriginalRecipient?: string | null;
            ReplyTo?: string | null;
            Subject?: string | null;
            TextBody?: string | null;
            HtmlBody?: string | null;
            MessageID?: string | null;
            Date?: string | null;
            Headers?: ({
                Name: string;
                Value: string;
            } & {
                [key: string]: unknown;
            })[] | null;
            Attachments?: ({
                Name?: string | null;
                ContentType?: string | null;
                ContentLength?: number | null;
                Content?: string | null;
            } & {
                [key: string]: unknown;
            })[] | null;
        } & {
            [key: string]: unknown;
        };
        PostInboundEmailMailgunRequest: {
            [key: string]: unknown;
        };
    };
    responses: {
        /** @description Malformed request: invalid JSON, or a path or query parameter that is too long or holds NUL */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The query string is longer than the API accepts */
        UriTooLong: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Missing, invalid, expired or revoked API key (or no session) */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Not signed in */
        NotSignedIn: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Your role may not do this */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Not found (or not in your workspace) */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The body is larger than the limit (1 MiB for JSON) */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The body is not JSON (content-type) */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Invalid input; `issues` name each field */
        ValidationFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Internal error: logged on the server under `ref` */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getMe: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetMeResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    getWorkspace: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetWorkspaceResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    patchWorkspace: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PatchWorkspaceRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkspaceSummary"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    getWorkspaces: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetWorkspacesResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["NotSignedIn"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    postWorkspaces: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostWorkspacesRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostWorkspacesResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["NotSignedIn"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    getMembers: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetMembersResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteMembersById: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description The workspace would have no owner left */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    patchMembersById: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PatchMembersByIdRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PatchMembersByIdResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description The workspace would have no owner left */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    getInvitations: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetInvitationsResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    postInvitations: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostInvitationsRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostInvitationsResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteInvitationsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    getApiKeys: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetApiKeysResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    postApiKeys: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostApiKeysRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostApiKeysResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteApiKeysById: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    getAuditVerify: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetAuditVerifyResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    getAudit: {
        parameters: {
            query?: {
                action?: string;
                actor?: string;
                from?: unknown;
                to?: unknown;
                cursor?: string;
                limit?: number;
            };
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetAuditResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            414: components["responses"]["UriTooLong"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    getGraphs: {
        parameters: {
            query?: {
                archived?: "true" | "false";
            };
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetGraphsResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            414: components["responses"]["UriTooLong"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    postGraphs: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SaveGraphRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostGraphsResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description A webhook path or e-mail address the spec claims was just taken by another graph */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    getGraphsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Graph"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    putGraphsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SaveGraphRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PutGraphsByIdResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description The graph is archived, or someone saved it at the same moment */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteGraphsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArchivedGraph"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    postGraphsByIdArchive: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArchivedGraph"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    postGraphsByIdUnarchive: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArchivedGraph"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    getGraphsByIdVersionsByVersion: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
                version: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GraphVersion"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    postGraphsByIdRuns: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
                /** @description The same as the body's idempotencyKey: a repeated key returns the run it started first (200) */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PostGraphsByIdRunsRequest"];
            };
        };
        responses: {
            /** @description An existing run took the start (admission duplicate, debounced or coalesced) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StartRunResponse"];
                };
            };
            /** @description A new run was created (it may wait for its throttle, debounce or concurrency slot) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StartRunResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description The graph is archived, its kill switch is on (graph_disabled), or the idempotency key belongs to a run of another graph */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            /** @description The graph's queue of waiting runs is full (flow.queue policy reject); Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["InternalError"];
            /** @description The durable engine is not reachable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getGraphsByIdTriggers: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetGraphsByIdTriggersResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    postGraphsByIdTriggersByNamePause: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TriggerPaused"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            /** @description An api trigger cannot be paused (archive the graph to stop its runs) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["InternalError"];
        };
    };
    postGraphsByIdTriggersByNameResume: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TriggerPaused"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    postGraphsByIdTriggersByNameSecret: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new secret, shown once */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostGraphsByIdTriggersByNameSecretResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    postHooksByWorkspaceByPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PostHooksByWorkspaceByPathRequest"];
            };
        };
        responses: {
            /** @description Accepted: the run started (or the one this delivery already started, duplicate: true), or outcome condition_false with no run */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostHooksByWorkspaceByPathResponse"];
                };
            };
            /** @description Not UTF-8 JSON, or empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or bad signature, a timestamp outside the 5-minute window, or a trigger without a secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A budget refused the run (the delivery is recorded) */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryError"];
                };
            };
            /** @description No webhook trigger at this URL (also for an unknown workspace) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The trigger is paused (the delivery is recorded as a paused fire) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryError"];
                };
            };
            /** @description Body larger than SWITCHYARD_WEBHOOK_MAX_BYTES (default 1 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            /** @description Not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not a JSON object, the trigger's dedupeKey cannot be rendered, or the run could not start from it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryError"];
                };
            };
            /** @description Throttled or the graph's queue is full (Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryError"];
                };
            };
            500: components["responses"]["InternalError"];
            /** @description The run could not start for now (Retry-After) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryError"];
                };
            };
        };
    };
    getGraphsByIdTriggersByNameFires: {
        parameters: {
            query?: {
                outcome?: "started" | "duplicate" | "buffered" | "debounced" | "coalesced" | "overlap" | "missed" | "throttled" | "queue_full" | "stale" | "budget" | "condition_false" | "paused" | "error";
                cursor?: string;
                limit?: number;
            };
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirePage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    getSchedules: {
        parameters: {
            query?: {
                /** @description Only this graph's triggers */
                graphId?: string;
                /** @description Only the graph_completed triggers (of other graphs) that start when a run of this graph ends */
                follows?: string;
                /** @description How many next fire times per schedule (1–20) */
                count?: number;
            };
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetSchedulesResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            414: components["responses"]["UriTooLong"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    getSchedulesByTriggerId: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                triggerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScheduleView"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    getSchedulesByTriggerIdFires: {
        parameters: {
            query?: {
                /** @description One outcome, or not_started: every fire that did not become a run (all but started and duplicate) */
                outcome?: "started" | "duplicate" | "buffered" | "debounced" | "coalesced" | "overlap" | "missed" | "throttled" | "queue_full" | "stale" | "budget" | "condition_false" | "paused" | "error" | "not_started";
                /** @description A fire id (tfr_…): the page starts at that fire (the runs list links to a run's fire this way) */
                at?: string;
                cursor?: string;
                limit?: number;
            };
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                triggerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirePage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    postSchedulesByTriggerIdPause: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                triggerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SchedulePaused"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            /** @description An api trigger cannot be paused (archive the graph to stop its runs) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["InternalError"];
        };
    };
    postSchedulesByTriggerIdResume: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                triggerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SchedulePaused"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    getGraphsByIdTriggersByNamePreview: {
        parameters: {
            query?: {
                count?: number;
            };
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetGraphsByIdTriggersByNamePreviewResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    postSchedulesPreview: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostSchedulesPreviewRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SchedulePreview"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    postEvents: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostEventsRequest"];
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostEventsResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    getRuns: {
        parameters: {
            query?: {
                graphId?: string;
                status?: "queued" | "running" | "waiting" | "paused" | "succeeded" | "failed" | "cancelled";
                version?: number;
                tag?: string;
                customerKey?: string;
                /** @description A node id: runs in which that node ran (the agent of a cost row) */
                agent?: string;
                /** @description provider:model: runs in which a node called that model */
                model?: string;
                /** @description ISO 8601 date-time: runs created at or after it */
                from?: unknown;
                /** @description ISO 8601 date-time: runs created at or before it */
                to?: unknown;
                cursor?: string;
                limit?: number;
            };
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetRunsResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            414: components["responses"]["UriTooLong"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    getRunsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Run"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    getRunsByIdProvenance: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetRunsByIdProvenanceResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    getRunsByIdProvenanceVerify: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetRunsByIdProvenanceVerifyResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    getRunsByIdTrace: {
        parameters: {
            query?: {
                /** @description A trace event id: only later events are returned */
                after?: string;
            };
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetRunsByIdTraceResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    getLive: {
        parameters: {
            query?: {
                /** @description The workspace's slug or id, for a signed-in session (an API key names its own) */
                workspace?: string;
                /** @description Resume after this event id (as the Last-Event-ID header) */
                lastEventId?: string;
            };
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event stream (text/event-stream), open until the client leaves */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            414: components["responses"]["UriTooLong"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
            /** @description This server holds its most live streams (SWITCHYARD_LIVE_MAX_STREAMS): poll the REST API (Retry-After) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getRunsByIdDelegations: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetRunsByIdDelegationsResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    postRunsByIdCancel: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostRunsByIdCancelResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description The run already ended */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    postRunsByIdRerun: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PostRunsByIdRerunRequest"];
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostRunsByIdRerunResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description The graph is archived or its kill switch is on */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            /** @description The graph's queue of waiting runs is full (Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["InternalError"];
            /** @description The durable engine is not reachable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postRunsByIdMigrate: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostRunsByIdMigrateRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostRunsByIdMigrateResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description The run is not waiting for a decision, is already on that version, or cannot move to it (issues name the reasons) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    getApprovals: {
        parameters: {
            query?: {
                status?: "pending" | "decided" | "approved" | "rejected" | "expired" | "cancelled";
                scope?: "mine" | "role" | "all";
                runId?: string;
                sort?: "newest" | "due";
                cursor?: string;
                limit?: number;
            };
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetApprovalsResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            414: components["responses"]["UriTooLong"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    getApprovalsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetApprovalsByIdResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    postApprovalsByIdReassign: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostApprovalsByIdReassignRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostApprovalsByIdReassignResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description The item was already decided */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    postApprovalsByIdDecision: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostApprovalsByIdDecisionRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostApprovalsByIdDecisionResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description The item was already decided, or you already voted on it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    getProviders: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetProvidersResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    putProvidersByProvider: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutProvidersByProviderRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Provider"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    getSecrets: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetSecretsResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    putSecretsByName: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutSecretsByNameRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PutSecretsByNameResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteSecretsByName: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    getMcpServers: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetMcpServersResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    putMcpServersByName: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutMcpServersByNameRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PutMcpServerResponse"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PutMcpServerResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description A deployment MCP server has this name */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteMcpServersByName: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    postMcpServersByNameTest: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostMcpServersByNameTestResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    postAgentsTestConnection: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostAgentsTestConnectionRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostAgentsTestConnectionResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description Your role may not do this, or the outbound guard refuses the address (outbound_blocked) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    getOpenapiJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetOpenapiJsonResponse"];
                };
            };
            500: components["responses"]["InternalError"];
        };
    };
    postGraphsByIdForecast: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PostGraphsByIdForecastRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Forecast"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    postProvidersByProviderTest: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PostProvidersByProviderTestRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostProvidersByProviderTestResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description Your role may not do this, or the outbound guard refuses the provider's base URL (outbound_blocked) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    getCosts: {
        parameters: {
            query?: {
                groupBy?: "agent" | "model" | "graph" | "version" | "tag" | "customer" | "day" | "month";
                from?: string;
                to?: string;
                graphId?: string;
                format?: "json" | "csv";
                limit?: number;
                offset?: number;
                splitBy?: "agent" | "model" | "graph" | "version" | "tag" | "customer";
                splitLimit?: number;
            };
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report (text/csv with format=csv) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CostReport"];
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            414: components["responses"]["UriTooLong"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    getCostsForecastAccuracy: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
                graphId?: string;
                limit?: number;
            };
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ForecastAccuracyReport"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            414: components["responses"]["UriTooLong"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    getBudgets: {
        parameters: {
            query?: {
                /** @description spec: also the budgets graphs declare in their spec */
                include?: "spec";
            };
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetBudgetsResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            414: components["responses"]["UriTooLong"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    postBudgets: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostBudgetsRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BudgetResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    getBudgetsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BudgetResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteBudgetsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    patchBudgetsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PatchBudgetsByIdRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BudgetResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    postBudgetsByIdRaise: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostBudgetsByIdRaiseRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostBudgetsByIdRaiseResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    postBudgetsReserve: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostBudgetsReserveRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostBudgetsReserveResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description A budget refused the spend: `budget` names it, its figures and the shortfall */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    postBudgetsSettle: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostBudgetsSettleRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostBudgetsSettleResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description No such reservation */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The reservation was already settled or released */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    getModels: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetModelsResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    putModelsByModelIdPrice: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                modelId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutModelsByModelIdPriceRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PutModelsByModelIdPriceResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteModelsByModelIdPrice: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                modelId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            /** @description modelId is not provider:model */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["InternalError"];
        };
    };
    getNotifications: {
        parameters: {
            query?: {
                unread?: "true" | "false";
                limit?: number;
            };
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetNotificationsResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            414: components["responses"]["UriTooLong"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    postNotificationsRead: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PostNotificationsReadRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostNotificationsReadResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    getBreakers: {
        parameters: {
            query?: {
                kind?: "agent" | "model" | "graph";
                state?: "closed" | "open" | "half_open";
            };
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetBreakersResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            414: components["responses"]["UriTooLong"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    getBreakersEvents: {
        parameters: {
            query?: {
                key?: string;
                limit?: number;
            };
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetBreakersEventsResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            414: components["responses"]["UriTooLong"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    postBreakersOpen: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostBreakersOpenRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BreakerTransition"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description The graph the key names is not in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    postBreakersClose: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostBreakersCloseRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BreakerTransition"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description The graph the key names is not in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    postBreakersRelease: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostBreakersReleaseRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BreakerTransition"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description The graph the key names is not in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The breaker is not forced open or closed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    getWebhooks: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetWebhooksResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    postWebhooks: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostWebhooksRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostWebhooksResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteWebhooksById: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    getWebhooksByIdDeliveries: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetWebhooksByIdDeliveriesResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    getReportSchedules: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetReportSchedulesResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    postReportSchedules: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostReportSchedulesRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SavedReportSchedule"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description Another report schedule has this name */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    getReportSchedulesById: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportSchedule"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteReportSchedulesById: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    patchReportSchedulesById: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PatchReportSchedulesByIdRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SavedReportSchedule"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Another report schedule has this name */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    postReportSchedulesByIdPause: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportSchedule"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    postReportSchedulesByIdResume: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportSchedule"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    postReportSchedulesByIdRun: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostReportSchedulesByIdRunResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    getReportSchedulesByIdFires: {
        parameters: {
            query?: {
                outcome?: "started" | "duplicate" | "buffered" | "debounced" | "coalesced" | "overlap" | "missed" | "throttled" | "queue_full" | "stale" | "budget" | "condition_false" | "paused" | "error";
                cursor?: string;
                limit?: number;
            };
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirePage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    postReportSchedulesByIdSecret: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostReportSchedulesByIdSecretResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    postLlmOpenaiV1ChatCompletions: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ProviderRequest"];
            };
        };
        responses: {
            /** @description The provider's answer (JSON, or server-sent events when streaming) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderAnswer"];
                    "text/event-stream": string;
                };
            };
            /** @description Malformed request: invalid JSON, or a path or query parameter that is too long or holds NUL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (or no session) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description A budget refused the call */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The body is larger than the limit (1 MiB for JSON) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The query string is longer than the API accepts */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The body is not JSON (content-type) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description Invalid input; `issues` name each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description A rate limit, a loop guard or the provider refused the call for now (Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description Internal error: logged on the server under `ref` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The provider could not be reached or failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The provider is not configured, or its breaker is open */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The provider's own answer, passed through */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderAnswer"];
                };
            };
        };
    };
    postLlmOpenaiV1Responses: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ProviderRequest"];
            };
        };
        responses: {
            /** @description The provider's answer (JSON, or server-sent events when streaming) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderAnswer"];
                    "text/event-stream": string;
                };
            };
            /** @description Malformed request: invalid JSON, or a path or query parameter that is too long or holds NUL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (or no session) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description A budget refused the call */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The body is larger than the limit (1 MiB for JSON) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The query string is longer than the API accepts */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The body is not JSON (content-type) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description Invalid input; `issues` name each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description A rate limit, a loop guard or the provider refused the call for now (Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description Internal error: logged on the server under `ref` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The provider could not be reached or failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The provider is not configured, or its breaker is open */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The provider's own answer, passed through */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderAnswer"];
                };
            };
        };
    };
    postLlmOpenaiV1Embeddings: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ProviderRequest"];
            };
        };
        responses: {
            /** @description The provider's answer (JSON, or server-sent events when streaming) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderAnswer"];
                    "text/event-stream": string;
                };
            };
            /** @description Malformed request: invalid JSON, or a path or query parameter that is too long or holds NUL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (or no session) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description A budget refused the call */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The body is larger than the limit (1 MiB for JSON) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The query string is longer than the API accepts */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The body is not JSON (content-type) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description Invalid input; `issues` name each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description A rate limit, a loop guard or the provider refused the call for now (Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description Internal error: logged on the server under `ref` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The provider could not be reached or failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The provider is not configured, or its breaker is open */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The provider's own answer, passed through */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderAnswer"];
                };
            };
        };
    };
    postLlmAnthropicV1Messages: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ProviderRequest"];
            };
        };
        responses: {
            /** @description The provider's answer (JSON, or server-sent events when streaming) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderAnswer"];
                    "text/event-stream": string;
                };
            };
            /** @description Malformed request: invalid JSON, or a path or query parameter that is too long or holds NUL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (or no session) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description A budget refused the call */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The body is larger than the limit (1 MiB for JSON) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The query string is longer than the API accepts */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The body is not JSON (content-type) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description Invalid input; `issues` name each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description A rate limit, a loop guard or the provider refused the call for now (Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description Internal error: logged on the server under `ref` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The provider could not be reached or failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The provider is not configured, or its breaker is open */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The provider's own answer, passed through */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderAnswer"];
                };
            };
        };
    };
    getA2aByGraphIdWellKnownAgentCardJson: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                graphId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetA2aByGraphIdWellKnownAgentCardJsonResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    postA2aByGraphId: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a signed-in session: the workspace's slug or id (an API key belongs to one workspace and needs none) */
                "x-workspace"?: string;
            };
            path: {
                graphId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostA2aByGraphIdRequest"];
            };
        };
        responses: {
            /** @description A JSON-RPC answer (result or error), or server-sent events for a streaming method */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JsonRpcResponse"];
                    "text/event-stream": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    postInboundEmail: {
        parameters: {
            query?: {
                /** @description SWITCHYARD_INBOUND_TOKEN */
                token?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostInboundEmailRequest"];
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InboundEmailResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description Missing or wrong SWITCHYARD_INBOUND_TOKEN */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No e-mail trigger receives mail for any recipient */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Larger than SWITCHYARD_EMAIL_MAX_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            /** @description Not the expected media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            422: components["responses"]["ValidationFailed"];
            /** @description A graph's backpressure refused the fire for now (Retry-After); deliver again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["InternalError"];
            /** @description A trigger could not take the message for now (Retry-After); deliver again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postInboundEmailPostmark: {
        parameters: {
            query?: {
                /** @description SWITCHYARD_INBOUND_TOKEN */
                token?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PostInboundEmailPostmarkRequest"];
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InboundEmailResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description Missing or wrong SWITCHYARD_INBOUND_TOKEN */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No e-mail trigger receives mail for any recipient */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Larger than SWITCHYARD_EMAIL_MAX_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            /** @description Not the expected media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            422: components["responses"]["ValidationFailed"];
            /** @description A graph's backpressure refused the fire for now (Retry-After); deliver again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["InternalError"];
            /** @description A trigger could not take the message for now (Retry-After); deliver again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postInboundEmailMailgun: {
        parameters: {
            query?: {
                /** @description SWITCHYARD_INBOUND_TOKEN */
                token?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "multipart/form-data": components["schemas"]["PostInboundEmailMailgunRequest"];
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InboundEmailResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description Missing or wrong SWITCHYARD_INBOUND_TOKEN */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No e-mail trigger receives mail for any recipient */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Larger than SWITCHYARD_EMAIL_MAX_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            /** @description Not the expected media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            422: components["responses"]["ValidationFailed"];
            /** @description A graph's backpressure refused the fire for now (Retry-After); deliver again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["InternalError"];
            /** @description A trigger could not take the message for now (Retry-After); deliver again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
